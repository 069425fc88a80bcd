// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { expectBundledPack } from '@/lib/bundled-pack';
import { toContentType } from '@/lib/protocol';
import { ClaimlightDb, installBundledPack } from '@/lib/store';
import { ok } from '@/lib/result';
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
  // The popup closes: its waits and the page asked again paint nothing after this test's DOM goes.
  window.dispatchEvent(new Event('pagehide'));
  vi.restoreAllMocks();
  render(null, document.getElementById('app')!);
  document.body.innerHTML = '';
});

/** The active tab as Chrome hands it to a popup that may not see its URL (the toolbar button was
 * not clicked on it, so `activeTab` gives nothing): no `url`, no `title`. */
const tabWithoutUrl = { id: 7, index: 0, status: 'complete', active: true };

/** The popup against a tab whose content script answers with `answer`. */
async function openPopupAnswering(answer: (message: { type: string; payload: Record<string, unknown> }) => Promise<unknown>, tab: object = { ...tabWithoutUrl, url: 'https://news.example/story' }) {
  document.body.innerHTML = '<div id="app"></div>';
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab as never]);
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab as never);
  const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(((_: number, message: never) => answer(message)) as never);
  vi.resetModules();
  await import('@/entrypoints/popup/main');
  return send;
}
const listed = (mentions: unknown[], more: Record<string, unknown> = {}) => ok({ mentions, enabled: true, host: 'news.example', page: 'load-1', ...more });
const fares = { id: 1, verdict: 'false' as const, claimText: 'Fares doubled.', text: 'Fares have doubled, he said.' };
const openPageView = async () => fireEvent.click(await screen.findByRole('tab', { name: /On this page/ }));

// Each test loads the whole entrypoint anew (`vi.resetModules`): the first, which transforms it,
// took half of Vitest's five seconds on an idle machine and failed on a loaded one.
describe('popup entrypoint', { timeout: 30_000 }, () => {
  describe('when the page\'s content script does not answer', () => {
    const noAnswer = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));

    it.each([
      ['whose URL the browser does not show the popup (Chrome, before activeTab was granted)', tabWithoutUrl],
      ['whose URL is a web address', { ...tabWithoutUrl, url: 'https://news.example/story', title: 'Story' }],
    ])('offers to reload a page %s, which Claimlight has not read (loaded before it was installed), rather than calling it closed to extensions', async (_, tab) => {
      const reload = vi.spyOn(fakeBrowser.tabs, 'reload').mockResolvedValue(undefined as never);
      vi.spyOn(window, 'close').mockImplementation(() => undefined);
      await openPopupAnswering(noAnswer, tab);
      await openPageView();
      await screen.findByText('Claimlight has not read this page yet.', {}, { timeout: 5_000 });
      expect(document.body.textContent).not.toContain('Browser pages, the extension store and files are closed to extensions');
      fireEvent.click(screen.getByRole('button', { name: 'Reload the page' }));
      await waitFor(() => expect(reload).toHaveBeenCalledWith(7));
    });

    it.each(['chrome://newtab/', 'about:addons', 'file:///home/reader/notes.html'])(
      'says Claimlight cannot run on %s, a page the browser shows it is closed to extensions',
      async (url) => {
        await openPopupAnswering(noAnswer, { ...tabWithoutUrl, url });
        await openPageView();
        await screen.findByText("Claimlight can't run on this page.", {}, { timeout: 5_000 });
        expect(screen.queryByRole('button', { name: 'Reload the page' })).toBeNull();
      },
    );
  });

  it('asks a page still loading again, where the browser shows the popup no URL (Firefox), and lists it once its script answers', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    let loaded = false;
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, index: 0, status: 'loading', active: true } as never]);
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async () => ({ id: 7, index: 0, status: loaded ? 'complete' : 'loading' }) as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_: number, message: { type: string }) => {
      if (!loaded) throw new Error('Could not establish connection. Receiving end does not exist.');
      return message.type === toContentType('listMentions') ? listed([fares]) : ok({});
    }) as never);
    vi.resetModules();
    await import('@/entrypoints/popup/main');
    await openPageView();
    await screen.findByText('Claimlight has not read this page yet.', {}, { timeout: 5_000 });
    loaded = true;
    await waitFor(() => expect(screen.getByRole('list', { name: /Claims on this page/ }).textContent).toContain('Fares doubled.'), { timeout: 5_000 });
  });

  it('asks a page that is still being read again, and lists what it found since', async () => {
    let asked = 0;
    await openPopupAnswering(async (message) => (message.type === toContentType('listMentions') ? listed(asked++ === 0 ? [] : [fares], { scanning: asked === 1 }) : ok({})));
    await openPageView();
    await waitFor(() => expect(screen.getByRole('list', { name: /Claims on this page/ }).textContent).toContain('Fares doubled.'), { timeout: 3_000 });
  });

  it('stops asking a page still being read once the popup closes, an answer on its way included', async () => {
    let asked = 0;
    let release = () => {};
    await openPopupAnswering(async (message) => {
      if (message.type !== toContentType('listMentions')) return ok({});
      // The second answer is held back until the popup has closed.
      if (++asked === 2) await new Promise<void>((resolve) => (release = resolve));
      return listed([], { scanning: true });
    });
    await waitFor(() => expect(asked).toBe(2), { timeout: 3_000 });
    window.dispatchEvent(new Event('pagehide'));
    release();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(asked).toBe(2);
  });

  it('says under the page\'s list which keys go from mark to mark, as the browser has them set, and nothing where it will not say', async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
      { name: '_execute_action', shortcut: '' },
      { name: 'next-mention', shortcut: 'Ctrl+Shift+Y', description: 'Go to the next claim on the page' },
      { name: 'previous-mention', shortcut: '', description: 'Go to the previous claim on the page' },
    ]);
    await openPopupAnswering(async (message) => (message.type === toContentType('listMentions') ? listed([fares]) : ok({})));
    await openPageView();
    await screen.findByText('On the page, Ctrl+Shift+Y goes to the next claim and opens its card.');
    render(null, document.getElementById('app')!);
    vi.spyOn(fakeBrowser.commands, 'getAll').mockRejectedValue(new Error('commands is not available'));
    await openPopupAnswering(async (message) => (message.type === toContentType('listMentions') ? listed([fares]) : ok({})));
    await openPageView();
    await waitFor(() => expect(screen.getByRole('list', { name: /Claims on this page/ }).textContent).toContain('Fares doubled.'));
    expect(document.body.textContent).not.toContain('On the page,');
  });

  it('says so and lists the page again when the chosen sentence is no longer there, or the tab loaded another page', async () => {
    const reveals: unknown[] = [];
    let asked = 0;
    await openPopupAnswering(async (message) => {
      if (message.type === toContentType('listMentions')) return listed(asked++ === 0 ? [fares] : []);
      if (message.type === toContentType('revealMention')) {
        reveals.push(message.payload);
        return ok({ revealed: false });
      }
      return ok({});
    });
    await openPageView();
    fireEvent.click(await screen.findByRole('button', { name: /Fares doubled\./ }));
    await screen.findByText('That sentence is no longer shown on the page. The list shows what is there now.');
    // The list was read again, and the reveal named the load of the page that listed it.
    await screen.findByText('No checked claims found on this page.');
    expect(reveals).toEqual([{ id: 1, page: 'load-1' }]);
  });

  it('says so and lists the page again when the page does not answer the switch that hides its marks', async () => {
    let asked = 0;
    await openPopupAnswering(async (message) => {
      if (message.type === toContentType('listMentions')) return listed(asked++ === 0 ? [fares] : []);
      if (message.type === toContentType('setMarksHidden')) throw new Error('Could not establish connection. Receiving end does not exist.');
      return ok({});
    });
    await openPageView();
    const toggle = await screen.findByRole('button', { name: /Hide/ });
    fireEvent.click(toggle);
    await screen.findByText('The page did not answer, so its marks were not hidden. The list shows what is there now.');
    await screen.findByText('No checked claims found on this page.');
  });

  it.each([
    ['http://[::1]:8080/story', '[::1]'],
    ['https://example.com./story', 'example.com'],
    ['https://my_blog.example.com/story', 'my_blog.example.com'],
  ])('switches Claimlight off on %s, whose host the switch used to leave as it was without a word', async (url, pattern) => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: DEFAULT_SETTINGS });
    await openPopup(url);
    await screen.findByText('Claimlight has not read this page yet.', {}, { timeout: 5_000 });
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
    await screen.findByText('Claimlight has not read this page yet.', {}, { timeout: 5_000 });
    const toggle = await screen.findByRole('switch', { name: 'Claimlight on this site' });
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: the settings are more than the browser keeps for an extension (8 KB); remove some site rules, then try again.');
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  });

  it('writes only the site rules when the site is switched, keeping a setting a newer Claimlight saved', async () => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, sensitivity: 0.8, readingGuide: 'on' } });
    await openPopup();
    const toggle = await screen.findByRole('switch', { name: 'Claimlight on this site' });
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(toggle);
    await waitFor(async () => expect((await fakeBrowser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({ ...DEFAULT_SETTINGS, sensitivity: 0.8, readingGuide: 'on', siteRules: [{ pattern: 'news.example', mode: 'never' }] }));
  });

  it('writes nothing, and says why, when the settings could not be read: the defaults used to be written over them', async () => {
    const saved = { ...DEFAULT_SETTINGS, siteRules: [{ pattern: 'blog.example', mode: 'never' as const }], sensitivity: 0.8, markStyle: 'background' as const };
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: saved });
    const get = vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('An unexpected error occurred'));
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    await openPopup();
    await screen.findByText('Claimlight has not read this page yet.', {}, { timeout: 5_000 });
    const toggle = await screen.findByRole('switch', { name: 'Claimlight on this site' });
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: Claimlight could not read your settings (An unexpected error occurred); try again.');
    expect(set).not.toHaveBeenCalled();
    get.mockRestore();
    expect((await fakeBrowser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(saved);
  });

  it('searches the claims through the background where Firefox lets the popup open no database (a private window)', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    });
    const claim = { id: 'ferry', packId: 'harbour', text: 'The harbour ferry fares doubled in March.', verdict: 'false', summary: 'They rose by a tenth.', context: [], sources: [], packTitle: 'Harbour checks' };
    const asked: string[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
      asked.push(message.type);
      return message.type === 'claimlight:listClaims' ? ok({ claims: [claim], packs: [{ id: 'harbour', title: 'Harbour checks' }] }) : ok({});
    }) as never);
    await openPopup();
    fireEvent.input(await screen.findByRole('combobox', { name: 'Search checked claims' }), { target: { value: 'ferry fares' } });
    await waitFor(() => expect(document.body.textContent).toContain('The harbour ferry fares doubled in March.'));
    expect(document.body.textContent).not.toContain('does not let this page open');
    expect(asked).toContain('claimlight:listClaims');
  });

  it('reads the store again when it was opened before the background had put the bundled pack in (just after install)', async () => {
    const asked: string[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
      asked.push(message.type);
      if (message.type !== 'claimlight:getStoreSummary') return ok({});
      // The background answers once its pack is in: every message waits for that.
      const db = new ClaimlightDb();
      await installBundledPack(db, expectBundledPack());
      db.close();
      return ok({ packCount: 1, claimCount: 28, inMemory: false });
    }) as never);
    await openPopup();
    await screen.findByText('Type a few words to search 28 checked claims in 1 pack, or browse them by verdict.');
    expect(screen.queryByText('No fact packs yet.')).toBeNull();
    expect(asked).toContain('claimlight:getStoreSummary');
    const db = new ClaimlightDb();
    await db.delete();
  });
});
