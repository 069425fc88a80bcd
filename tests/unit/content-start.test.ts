// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '@/lib/settings';

// The page's controller stood in for: what the content script starts it with is what is tested.
const started: Settings[] = [];
vi.mock('@/entrypoints/content/page-controller', () => ({
  PageController: class {
    start(settings: Settings) {
      started.push(settings);
    }
    applySettings() {}
    applyDismissals() {}
    claimsChanged() {}
    navigated() {}
  },
}));

const context = () => ({ isValid: true, signal: new AbortController().signal, addEventListener: () => undefined }) as never;

afterEach(() => {
  vi.restoreAllMocks();
  started.length = 0;
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
});
