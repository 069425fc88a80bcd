import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { FEEDS_ALARM } from '@/lib/feeds/keys';
import { IMPORT_PORT } from '@/lib/protocol';
import { bigSamplePack } from '../helpers/packs';

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

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

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

  it('sets the feeds\' alarm even where storage.local is full and the settings page cannot be told of the check', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 503 })));
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    let listener: ((message: unknown, sender: unknown) => Promise<unknown>) | undefined;
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((l) => void (listener = l as never));
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    background.main();
    const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    const added = (await listener!({ type: 'claimlight:addFeed', payload: { source: { kind: 'url', url: 'https://checks.example/feed.json' } } }, page)) as { value: { feed: { nextCheck: number } } };
    expect(added).toMatchObject({ ok: true, value: { feed: { lastError: 'checks.example answered 503.' } } });
    // The first check failed: the feed is due again in 15 minutes, and the alarm says so.
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(FEEDS_ALARM)).toMatchObject({ scheduledTime: added.value.feed.nextCheck }));
  });

  it('stores a pack whose settings page closed part-way through its import (the port gone, its progress cannot be told)', async () => {
    let connect: ((port: unknown) => void) | undefined;
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((l) => void (connect = l as never));
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    let listener: ((message: unknown, sender: unknown) => Promise<unknown>) | undefined;
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((l) => void (listener = l as never));
    background.main();
    // A port as Chrome and Firefox give it: once the page is gone, postMessage throws.
    let onMessage: ((m: unknown) => Promise<void>) | undefined;
    let connected = true;
    const posted: unknown[] = [];
    const port = {
      name: IMPORT_PORT,
      sender: { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') },
      onMessage: { addListener: (l: never) => void (onMessage = l) },
      postMessage: (event: unknown) => {
        if (!connected) throw new Error('Attempting to use a disconnected port object');
        posted.push(event);
      },
    };
    connect!(port);
    const pack = bigSamplePack(5_000);
    const done = onMessage!({ text: JSON.stringify(pack), fileName: 'big.json' });
    // The reader closes the settings tab while the claims are written.
    connected = false;
    await done.catch(() => undefined);
    const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    const packs = (await listener!({ type: 'claimlight:listPacks', payload: {} }, page)) as { ok: boolean; value: { id: string }[] };
    expect(packs.value.map((p) => p.id)).toContain('sample-pack');
  }, 30_000);

  it('notes a tab the content script runs in until the tab closes, and never a private window\'s', async () => {
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    let listener: ((message: unknown, sender: unknown) => Promise<unknown>) | undefined;
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((l) => void (listener = l as never));
    background.main();
    const started = (tabId: number, url: string) => listener!({ type: 'claimlight:contentScriptStarted', payload: { url } }, { id: fakeBrowser.runtime.id, tab: { id: tabId, incognito: tabId === 9 }, url });
    await started(4, 'https://news.example/a');
    await started(9, 'https://news.example/private?secret=1');
    const noted = async () => Object.keys(await fakeBrowser.storage.session.get(null)).filter((key) => key.startsWith('claimlight:tab:')).sort();
    expect(await noted()).toEqual(['claimlight:tab:4']);
    await fakeBrowser.tabs.onRemoved.trigger(4, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await noted()).toEqual([]));
    // A tab closed while its content script's message waited (the worker waking, the store
    // opening) is not noted once the message is handled.
    const late = started(5, 'https://news.example/b');
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    await late;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await noted()).toEqual([]);
  });
});
