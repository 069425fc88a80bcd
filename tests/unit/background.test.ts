import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';

type CommandListener = (command: string, tab?: { id?: number }) => Promise<void>;

// The background entrypoint wired to a fake browser: commands reach the tab they were pressed
// in, and counts of mentions come only from tabs. fakeBrowser has no commands API, so its
// listener is captured.
function startBackground(): { command: (name: string, tabId: number) => Promise<void> } {
  const listeners: CommandListener[] = [];
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => void listeners.push(listener as CommandListener));
  // fakeBrowser has no ports either; the import port is covered by the real-browser tests.
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
  background.main();
  return { command: async (name, tabId) => void (await Promise.all(listeners.map((l) => l(name, { id: tabId })))) };
}

describe('the background entrypoint', () => {
  it('still answers the content script where the browser has no keyboard commands (Firefox for Android)', () => {
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
    const onMessage = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    const commands = fakeBrowser.commands;
    Object.defineProperty(fakeBrowser, 'commands', { value: undefined, configurable: true, writable: true });
    try {
      expect(() => background.main()).not.toThrow();
    } finally {
      Object.defineProperty(fakeBrowser, 'commands', { value: commands, configurable: true, writable: true });
    }
    expect(onMessage).toHaveBeenCalled();
  });

  it('sends the keyboard commands to the tab they were pressed in', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const { command } = startBackground();
    await command('next-mention', 12);
    await command('previous-mention', 12);
    await command('something-else', 12);
    expect(send.mock.calls).toEqual([
      [12, { type: 'claimlight:focusMention', payload: { direction: 'next' } }],
      [12, { type: 'claimlight:focusMention', payload: { direction: 'previous' } }],
    ]);
  });

  it('refuses a count of mentions from a sender that is not a tab of this extension', async () => {
    startBackground();
    const reply = await fakeBrowser.runtime.sendMessage({ type: 'claimlight:mentionsShown', payload: { count: 7 } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
