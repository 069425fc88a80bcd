// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { DISMISSALS_KEY, storedDismissals, type DismissalChange, type Dismissals } from '@/lib/dismissals';
import { routeMessage } from '@/lib/protocol';
import { freshDb } from '../helpers/packs';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '@/lib/settings';
import { STORE_CHANGED_KEY } from '@/lib/feeds/keys';

// The page's controller stood in for: what the content script starts it with is what is tested.
const started: Settings[] = [];
/** What the controller was told after it started. */
const told: string[] = [];
/** The store of hidden matches the controller was given. */
let dismissalStore: { update(changes: DismissalChange[]): Promise<string> } | undefined;
vi.mock('@/entrypoints/content/page-controller', () => ({
  PageController: class {
    constructor(_ctx: unknown, _client: unknown, dismissals: typeof dismissalStore) {
      dismissalStore = dismissals;
    }
    start(settings: Settings) {
      started.push(settings);
    }
    applySettings(settings: Settings) {
      told.push(`settings: ${settings.enabled ? 'on' : 'off'}`);
    }
    applyDismissals(list: Dismissals) {
      told.push(`dismissals: ${list.onPage.length}`);
    }
    claimsChanged() {
      told.push('claims changed');
    }
    navigated() {}
  },
}));

/** The contexts started, stopped after each test: a page's listeners go with its context. */
const contexts: AbortController[] = [];
const context = () => {
  const controller = new AbortController();
  contexts.push(controller);
  return { isValid: true, signal: controller.signal, addEventListener: () => undefined } as never;
};

afterEach(() => {
  vi.restoreAllMocks();
  started.length = 0;
  told.length = 0;
  for (const controller of contexts.splice(0)) controller.abort();
});

describe('the content script starting on a page', () => {
  it('starts switched off, not with the defaults, when the reader\'s settings cannot be read: a site they switched off stays unmarked', async () => {
    const { startOnPage } = await import('@/entrypoints/content/start');
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, enabled: false } });
    const get = vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('An unexpected error occurred'));
    await startOnPage(context());
    expect(get).toHaveBeenCalledTimes(2);
    expect(started).toHaveLength(1);
    expect(started[0]!.enabled).toBe(false);
    expect(started[0]!.siteRules).toEqual([]);
  });

  it('starts with the settings read the second time, after one failure', async () => {
    const { startOnPage } = await import('@/entrypoints/content/start');
    const saved = { ...DEFAULT_SETTINGS, sensitivity: 0.8, siteRules: [{ pattern: 'news.example', mode: 'never' as const }] };
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: saved });
    const get = fakeBrowser.storage.sync.get.bind(fakeBrowser.storage.sync);
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValueOnce(new Error('An unexpected error occurred')).mockImplementation(get as never);
    await startOnPage(context());
    expect(started).toEqual([saved]);
  });

  it('keeps nothing of a private window: a hidden match there is not written where a normal window\'s settings page lists it', async () => {
    const { startOnPage } = await import('@/entrypoints/content/start');
    const match = { page: 'https://news.example/story', claimKey: 'p/c', claimText: 'c', text: 'The bridge shut.', at: '2026-12-06T00:00:00.000Z' };
    const extension = fakeBrowser.extension as unknown as { inIncognitoContext?: boolean };
    Object.defineProperty(extension, 'inIncognitoContext', { value: true, configurable: true });
    try {
      await startOnPage(context());
      expect(await dismissalStore!.update([{ hideOnPage: match }])).toBe('private');
      expect((await fakeBrowser.storage.local.get(DISMISSALS_KEY))[DISMISSALS_KEY]).toBeUndefined();
    } finally {
      Object.defineProperty(extension, 'inIncognitoContext', { value: false, configurable: true });
    }
    // In a normal window the background keeps it, as the background entrypoint wires its handlers.
    const handlers = createBackgroundHandlers({
      db: freshDb(),
      bundled: expectBundledPack(),
      dismissals: storedDismissals(fakeBrowser.storage.local),
    });
    const background = (message: unknown) => routeMessage(message, { tabId: 3, url: 'https://news.example/story', fromExtensionPage: false, fromThisExtension: true }, handlers);
    fakeBrowser.runtime.onMessage.addListener(background as never);
    try {
      await startOnPage(context());
      expect(await dismissalStore!.update([{ hideOnPage: match }])).toBe('kept');
      expect(((await fakeBrowser.storage.local.get(DISMISSALS_KEY))[DISMISSALS_KEY] as Dismissals).onPage).toHaveLength(1);
    } finally {
      fakeBrowser.runtime.onMessage.removeListener(background as never);
    }
    // A background that does not answer is said as such on the card, not as a full disk.
    expect(await dismissalStore!.update([{ hideOnPage: match }])).toBe('failed');
  });

  it('reads what changed while the page was in the back/forward cache, which heard none of it, when the page is shown again', async () => {
    const { startOnPage } = await import('@/entrypoints/content/start');
    await fakeBrowser.storage.local.set({ [STORE_CHANGED_KEY]: 1 });
    // A page in the cache is told of no change: its listener hears nothing.
    vi.spyOn(fakeBrowser.storage.onChanged, 'addListener').mockImplementation(() => undefined);
    await startOnPage(context());
    const shown = (persisted: boolean) => window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted }));
    try {
      // Shown again with nothing changed: nothing new to scan for.
      shown(true);
      await vi.waitFor(() => expect(told).toEqual(['settings: on', 'dismissals: 0']));
      // Meanwhile the reader switched Claimlight off, hid a match here, and deleted a pack.
      const match = { page: 'https://news.example/story', claimKey: 'p/c', claimText: 'c', text: 'The bridge shut.', at: '2026-12-06T00:00:00.000Z' };
      await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, enabled: false } });
      await fakeBrowser.storage.local.set({ [DISMISSALS_KEY]: { onPage: [match], claims: [], reports: [] }, [STORE_CHANGED_KEY]: 2 });
      told.length = 0;
      // A page loaded anew (not from the cache) reads its own at start: this one is not told twice.
      shown(false);
      shown(true);
      await vi.waitFor(() => expect(told).toEqual(['settings: off', 'dismissals: 1', 'claims changed']));
    } finally {
      await fakeBrowser.storage.local.remove([DISMISSALS_KEY, STORE_CHANGED_KEY]);
      await fakeBrowser.storage.sync.remove(SETTINGS_KEY);
    }
  });

  it('takes away the layers a copy of Claimlight that Firefox unloaded left on the page, and nothing of the page\'s', async () => {
    const { startOnPage } = await import('@/entrypoints/content/start');
    const { unguessableTagName } = await import('@/entrypoints/content/tag-name');
    const root = document.documentElement;
    const left = [unguessableTagName('claimlight-marks'), unguessableTagName('claimlight-ui')].map((name) => root.appendChild(document.createElement(name)));
    const pages = root.appendChild(document.createElement('claimlight-marks-of-the-page'));
    await startOnPage(context());
    expect(left.map((element) => element.isConnected)).toEqual([false, false]);
    expect(pages.isConnected).toBe(true);
    pages.remove();
  });
});
