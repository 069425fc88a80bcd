import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FirefoxSession, MarionetteConnection } from '../../scripts/lib/marionette';

// The Marionette client's framing, against a stand-in server: `length:json` frames whose length
// counts bytes, replies that arrive split or several to a chunk, and errors.

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** Starts a stand-in Marionette that greets, then lets `onCommand` answer each command. */
async function standIn(onCommand: (socket: Socket, command: [0, number, string, Record<string, unknown>]) => void): Promise<number> {
  server = createServer((socket) => {
    socket.write(frame({ applicationType: 'gecko', marionetteProtocol: 3 }));
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let colon = buffer.indexOf(0x3a); colon >= 0; colon = buffer.indexOf(0x3a)) {
        const length = Number(buffer.subarray(0, colon).toString());
        if (buffer.length < colon + 1 + length) return;
        onCommand(socket, JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')));
        buffer = buffer.subarray(colon + 1 + length);
      }
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return (server!.address() as AddressInfo).port;
}

const frame = (message: unknown) => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`), body]);
};

describe('MarionetteConnection', () => {
  it('sends framed commands and matches each reply to its command, however the replies are split', async () => {
    const received: unknown[] = [];
    const port = await standIn((socket, [, id, name, params]) => {
      received.push([name, params]);
      if (id === 2) {
        // Answer both commands at once, the second first, the bytes cut inside a multi-byte character.
        const both = Buffer.concat([frame([1, 2, null, { value: 'zweite – ok' }]), frame([1, 1, null, { value: 'first “quoted”' }])]);
        const cut = both.indexOf(Buffer.from('–')) + 1;
        socket.write(both.subarray(0, cut));
        setTimeout(() => socket.write(both.subarray(cut)), 10);
      }
    });
    const connection = await MarionetteConnection.connect(port);
    const replies = await Promise.all([connection.send('WebDriver:GetTitle'), connection.send('WebDriver:ExecuteScript', { script: 'return "é"', args: [] })]);
    expect(replies).toEqual([{ value: 'first “quoted”' }, { value: 'zweite – ok' }]);
    expect(received).toEqual([['WebDriver:GetTitle', {}], ['WebDriver:ExecuteScript', { script: 'return "é"', args: [] }]]);
    connection.close();
  });

  it("rejects with Marionette's error name and message", async () => {
    const port = await standIn((socket, [, id]) => socket.write(frame([1, id, { error: 'no such element', message: 'Unable to locate element: #x', stacktrace: '' }, null])));
    const connection = await MarionetteConnection.connect(port);
    await expect(connection.send('WebDriver:FindElement', { using: 'css selector', value: '#x' })).rejects.toThrow('no such element: Unable to locate element: #x');
    connection.close();
  });

  it('rejects pending and later commands once the connection drops', async () => {
    const port = await standIn((socket) => socket.destroy());
    const connection = await MarionetteConnection.connect(port);
    await expect(connection.send('WebDriver:GetTitle')).rejects.toThrow('Marionette closed the connection');
    await expect(connection.send('WebDriver:GetTitle')).rejects.toThrow('Marionette closed the connection');
  });
});

describe('FirefoxSession.launch', () => {
  const profiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('claimlight-firefox-')).sort();

  it('refuses a Firefox that cannot be started with a clear message, and leaves no profile behind', async () => {
    const extension = mkdtempSync(join(tmpdir(), 'claimlight-extension-'));
    writeFileSync(join(extension, 'manifest.json'), JSON.stringify({ browser_specific_settings: { gecko: { id: 'test@claimlight.dev' } } }));
    const before = profiles();
    await expect(FirefoxSession.launch(join(extension, 'no-such-firefox'), extension)).rejects.toThrow(/^Could not start Firefox \(.*no-such-firefox\): spawn .* ENOENT/);
    expect(profiles()).toEqual(before);
    rmSync(extension, { recursive: true });
  });

  it('says so when Firefox exits before Marionette starts, and leaves no profile behind', async () => {
    const extension = mkdtempSync(join(tmpdir(), 'claimlight-extension-'));
    writeFileSync(join(extension, 'manifest.json'), JSON.stringify({ browser_specific_settings: { gecko: { id: 'test@claimlight.dev' } } }));
    // A "Firefox" that exits at once, as one with a broken install would.
    const exitsAtOnce = join(extension, 'firefox');
    writeFileSync(exitsAtOnce, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const before = profiles();
    await expect(FirefoxSession.launch(exitsAtOnce, extension)).rejects.toThrow('Firefox exited (3) before Marionette started');
    expect(profiles()).toEqual(before);
    rmSync(extension, { recursive: true });
  });

  it('refuses a build without a gecko id before starting anything', async () => {
    const extension = mkdtempSync(join(tmpdir(), 'claimlight-extension-'));
    writeFileSync(join(extension, 'manifest.json'), JSON.stringify({ manifest_version: 2 }));
    await expect(FirefoxSession.launch(join(extension, 'firefox'), extension)).rejects.toThrow('manifest.json has no gecko id');
    rmSync(extension, { recursive: true });
  });
});
