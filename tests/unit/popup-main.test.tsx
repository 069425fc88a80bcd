// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '@/lib/settings';

// The popup entrypoint renders on import, against the fake browser: a tab on a news site whose
// content script does not answer, and storage.sync as the test makes it.
async function openPopup(url = 'https://news.example/story') {
  document.body.innerHTML = '<div id="app"></div>';
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, index: 0, url, active: true } as never]);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
  vi.resetModules();
  await import('@/entrypoints/popup/main');
}

afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.getElementById('app')!);
  document.body.innerHTML = '';
});

describe('popup entrypoint', () => {
  it.each([
    ['http://[::1]:8080/story', '[::1]'],
    ['https://example.com./story', 'example.com'],
    ['https://my_blog.example.com/story', 'my_blog.example.com'],
  ])('switches Claimlight off on %s, whose host the switch used to leave as it was without a word', async (url, pattern) => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: DEFAULT_SETTINGS });
    await openPopup(url);
    await screen.findByText('Claimlight can\'t run on this page.', {}, { timeout: 5_000 });
    const toggle = await screen.findByRole('switch', { name: 'Claimlight on this site' });
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(toggle);
    await waitFor(async () => expect(((await fakeBrowser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY] as typeof DEFAULT_SETTINGS).siteRules).toEqual([{ pattern, mode: 'never' }]));
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
  });

  it('keeps the site switch as it was and says why when the browser will not store the change', async () => {
    // About 170 site rules fill the 8 KB that storage.sync keeps for one item.
    const rules = Array.from({ length: 170 }, (_, i) => ({ pattern: `site-number-${i}.example`, mode: 'never' as const }));
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, siteRules: rules } });
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    await openPopup();
    // Everything the popup reads on opening is read: the store (empty here) and the tab (no answer).
    await screen.findByText('No fact packs yet.');
    await screen.findByText('Claimlight can\'t run on this page.', {}, { timeout: 5_000 });
    const toggle = await screen.findByRole('switch', { name: 'Claimlight on this site' });
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: the settings are more than the browser keeps for an extension (8 KB); remove some site rules, then try again.');
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  });

  it('writes nothing, and says why, when the settings could not be read: the defaults used to be written over them', async () => {
    const saved = { ...DEFAULT_SETTINGS, siteRules: [{ pattern: 'blog.example', mode: 'never' as const }], sensitivity: 0.8, markStyle: 'background' as const };
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: saved });
    const get = vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('An unexpected error occurred'));
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    await openPopup();
    await screen.findByText('Claimlight can\'t run on this page.', {}, { timeout: 5_000 });
    const toggle = await screen.findByRole('switch', { name: 'Claimlight on this site' });
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: Claimlight could not read your settings (An unexpected error occurred); try again.');
    expect(set).not.toHaveBeenCalled();
    get.mockRestore();
    expect((await fakeBrowser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(saved);
  });
});
