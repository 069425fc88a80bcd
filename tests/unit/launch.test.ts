import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findExecutable, noChromeMessage } from '../../scripts/lib/chrome';
import { extensionNotLoadedMessage, launchWithExtension } from '../../scripts/lib/launch';
import { runScript, runScriptWith } from '../helpers/run-script';

const CLI_TIMEOUT = 60_000;
const profiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('claimlight-profile-')).sort();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('launchWithExtension', () => {
  it('says to build the extension first when there is no build, before starting any browser', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'claimlight-no-build-'));
    try {
      await expect(launchWithExtension({ extensionDir: empty })).rejects.toThrow(`No built extension in ${empty}: run \`npm run build\` first.`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('leaves no browser profile behind when the browser does not start', async () => {
    // A build is all it needs to get as far as starting the browser: the manifest's folder.
    const built = mkdtempSync(join(tmpdir(), 'claimlight-fake-build-'));
    writeFileSync(join(built, 'manifest.json'), '{}');
    vi.stubEnv('CHROME_PATH', '/bin/false');
    const before = profiles();
    try {
      await expect(launchWithExtension({ extensionDir: built })).rejects.toThrow();
      expect(profiles()).toEqual(before);
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT);
});

describe('a browser that does not load the extension', () => {
  it('says in one line that branded Google Chrome ignores --load-extension, and what to install instead', () => {
    for (const branded of ['/opt/google/chrome/chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe']) {
      const message = extensionNotLoadedMessage(branded, '/x/.output/chrome-mv3', 15);
      expect(message).toBe(`${branded} is Google Chrome, which since version 137 ignores --load-extension: install Chromium (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or Chrome for Testing, and set CHROME_PATH to it.`);
      expect(message).not.toContain('\n');
    }
  });

  it('blames neither Chromium nor Chrome for Testing for being Google Chrome, and says what it waited for', () => {
    for (const other of ['/usr/lib/chromium/chromium', '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']) {
      expect(extensionNotLoadedMessage(other, '/x/.output/chrome-mv3', 15)).toBe(`${other} started but did not load the extension in /x/.output/chrome-mv3 within 15 s: check that the build is whole (\`npm run build\`) and that the browser is Chromium.`);
    }
  });
});

describe('finding a browser', () => {
  it('takes only a file that can run: a folder passes the execute test but is no browser', () => {
    expect(findExecutable(tmpdir(), [])).toBeNull();
    expect(findExecutable(undefined, [tmpdir(), '/bin/sh'])).toBe('/bin/sh');
  });

  it('says what is wrong with CHROME_PATH when it is set, and names the browser used without it where one is installed', () => {
    vi.stubEnv('CHROME_PATH', '/opt/nowhere/chrome');
    expect(noChromeMessage([])).toMatch(/^No Chrome or Chromium found: .+ \(CHROME_PATH=\/opt\/nowhere\/chrome is not an executable file\)$/);
    // A bare name, on a machine that has a browser: no advice to install one.
    vi.stubEnv('CHROME_PATH', 'chromium');
    expect(noChromeMessage(['/opt/nowhere/chrome', '/bin/sh'])).toBe("CHROME_PATH=chromium is not an executable file: set it to the browser's full path, or unset it to use /bin/sh.");
  });

  it('fails the Firefox tests, naming it, when FIREFOX_PATH names no Firefox, rather than passing without their cases', async () => {
    const { code, stderr } = await runScriptWith({ FIREFOX_PATH: '/opt/nowhere/firefox' }, 'test-firefox');
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^No Firefox found for the Firefox tests: .+ \(FIREFOX_PATH=\/opt\/nowhere\/firefox is not an executable file\)$/);
  }, CLI_TIMEOUT);
});

describe('npm start', () => {
  it('refuses an option it does not know, with its usage, before building or starting anything', async () => {
    const { code, stderr } = await runScript('start', '--no-bulid');
    expect(code).toBe(2);
    expect(stderr).toBe('npm start: unknown option --no-bulid\nusage: npm start -- [--headless] [--no-build]\n');
    expect(await runScript('start', '--help')).toEqual({ code: 0, stdout: 'usage: npm start -- [--headless] [--no-build]\n', stderr: '' });
  }, CLI_TIMEOUT);
});
