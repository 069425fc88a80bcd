// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DISMISSALS_KEY } from '@/lib/dismissals';
import { FEEDS_CHECKED_KEY } from '@/lib/feeds/keys';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '@/lib/settings';

// The options entrypoint renders on import, so each test loads a fresh copy into a fresh #app.
async function openOptions() {
  document.body.innerHTML = '<div id="app"></div>';
  vi.resetModules();
  await import('@/entrypoints/options/main');
}

const stored = async () => (await fakeBrowser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings | undefined;

beforeEach(() => {
  // An empty store: no packs, no feeds, and its summary counts none.
  fakeBrowser.runtime.sendMessage = vi.fn(async (message: { type: string }) => ({ ok: true, value: message.type.endsWith('getStoreSummary') ? { claimCount: 0, packCount: 0 } : [] })) as never;
});
afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.getElementById('app')!);
  document.body.innerHTML = '';
});

// Each test loads the whole entrypoint anew (`vi.resetModules`): the first, which transforms it,
// took half of Vitest's five seconds on an idle machine and failed on a loaded one.
describe('options entrypoint', { timeout: 30_000 }, () => {
  it('shows the stored settings, with a bad field put back to its default', async () => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { enabled: false, markStyle: 'glitter', sensitivity: 1 } });
    await openOptions();
    const toggle = (await screen.findByRole('switch')) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect((screen.getByRole('radio', { name: 'Underline' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('slider', { name: 'Sensitivity' }).getAttribute('aria-valuetext')).toBe('Broad, 100%');
  });

  it('saves no change, and says so, while the stored settings cannot be read: the defaults used to be written over them', async () => {
    const saved = { ...DEFAULT_SETTINGS, sensitivity: 0.8, markStyle: 'background' as const };
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: saved });
    const get = vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('An unexpected error occurred'));
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    await openOptions();
    await screen.findByText(/Claimlight could not read your settings \(An unexpected error occurred\), so changes here are not saved/);
    fireEvent.click(await screen.findByRole('switch'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(set).not.toHaveBeenCalled();
    get.mockRestore();
    expect(await stored()).toEqual(saved);
  });

  it('writes a change to storage.sync', async () => {
    await openOptions();
    fireEvent.click(await screen.findByRole('switch'));
    // Only the field changed is written: the rest is read as the defaults.
    await waitFor(async () => expect(await stored()).toEqual({ enabled: false }), { timeout: 2000 });
  });

  it('writes only the last of a burst of changes', async () => {
    await openOptions();
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const slider = await screen.findByRole('slider', { name: 'Sensitivity' });
    for (const value of ['0.6', '0.7', '0.8', '0.9']) {
      fireEvent.input(slider, { target: { value } });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await waitFor(async () => expect((await stored())?.sensitivity).toBe(0.9), { timeout: 2000 });
    expect(set).toHaveBeenCalledTimes(1);
  });

  it('reads the feeds again, and only them, when the background says it checked a feed', async () => {
    await openOptions();
    const send = vi.mocked(fakeBrowser.runtime.sendMessage);
    const asked = (type: string) => send.mock.calls.filter(([message]) => (message as { type: string }).type.endsWith(type)).length;
    await waitFor(() => expect(asked('listFeeds')).toBe(1));
    const packsBefore = asked('listPacks');
    await fakeBrowser.storage.local.set({ [FEEDS_CHECKED_KEY]: 2_000 });
    await waitFor(() => expect(asked('listFeeds')).toBe(2));
    expect(asked('listPacks')).toBe(packsBefore);
  });

  it('follows a change saved by another settings page', async () => {
    await openOptions();
    const toggle = (await screen.findByRole('switch')) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, enabled: false } });
    await waitFor(() => expect(toggle.checked).toBe(false));
  });

  it('asks Firefox for a feed’s origin within the reader’s submit, where Firefox takes the request, and stores the search’s key after', async () => {
    // Firefox refuses permissions.request unless the reader's input is being handled, and asks nothing for an origin held.
    let handling = false;
    const requests: boolean[] = [];
    (fakeBrowser as unknown as { permissions: object }).permissions = {
      contains: async () => false,
      request: () => {
        requests.push(handling);
        return handling ? Promise.resolve(true) : Promise.reject(new Error('permissions.request may only be called from a user input handler'));
      },
      remove: async () => true,
    };
    vi.stubEnv('FIREFOX', true as never);
    try {
      await openOptions();
      fakeBrowser.runtime.sendMessage = vi.fn(async (message: { type: string }) => ({ ok: true, value: message.type.endsWith('addFeed') ? { feed: { title: 'Ferry checks' }, change: null } : [] })) as never;
      fireEvent.input(await screen.findByLabelText('Words to look for'), { target: { value: 'ferry' } });
      fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: 'k-123' } });
      handling = true;
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      handling = false;
      await vi.waitFor(() => expect(requests).toEqual([true]));
      await screen.findByText(/Subscribed to \u2068Ferry checks/);
      expect(Object.values(await fakeBrowser.storage.local.get())).toContain('k-123');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('leaving the settings page', () => {
  it('starts writing a change at once when the page is left within the wait before writing (the page may be gone before any read answers)', async () => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, readingGuide: 'on' } });
    await openOptions();
    const only = await screen.findByRole('button', { name: 'Mark only the problems' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Accurate' }));
    await waitFor(async () => expect((await stored())?.markedVerdicts).toContain('accurate'), { timeout: 2000 });
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    fireEvent.click(only);
    dispatchEvent(new Event('pagehide'));
    // Asked in the same turn, with the fields kept that this page did not change.
    expect(set).toHaveBeenCalledTimes(1);
    expect(set.mock.calls[0]![0][SETTINGS_KEY]).toMatchObject({ markedVerdicts: DEFAULT_SETTINGS.markedVerdicts, readingGuide: 'on' });
  });
});

describe('settings written by more than one writer', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('keeps a change saved elsewhere (another settings tab, the popup, another device) while this page\'s own change waits to be written', async () => {
    await openOptions();
    const slider = await screen.findByRole('slider', { name: 'Sensitivity' });
    fireEvent.input(slider, { target: { value: '0.9' } });
    // Within the page's wait before writing, the reader's other tab switches Claimlight off.
    await sleep(50);
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, enabled: false } });
    await waitFor(async () => expect(await stored()).toMatchObject({ sensitivity: 0.9, enabled: false }), { timeout: 2000 });
    await waitFor(() => expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(false));
  });

  it('keeps a change saved elsewhere when the reader goes on changing a field while this page writes', async () => {
    await openOptions();
    const slider = await screen.findByRole('slider', { name: 'Sensitivity' });
    // The reader drags the slider; meanwhile the reader's other tab switches Claimlight off.
    fireEvent.input(slider, { target: { value: '0.9' } });
    await sleep(50);
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, enabled: false } });
    // This page's write takes a moment (storage.sync is backed by the reader's account), and the drag goes on.
    const write = fakeBrowser.storage.sync.set.bind(fakeBrowser.storage.sync);
    let first = true;
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockImplementation(async (items) => {
      if (first) {
        first = false;
        await sleep(150);
      }
      return write(items);
    });
    await sleep(330);
    fireEvent.input(slider, { target: { value: '0.7' } });
    await waitFor(async () => expect((await stored())?.sensitivity).toBe(0.7), { timeout: 2000 });
    await sleep(100);
    // Nobody here touched the switch: the other tab's "off" stands (it was written back to on).
    expect((await stored())?.enabled).toBe(false);
  });

  it('saves a change taken back while the change before it is still being written (the slider moved, then moved back)', async () => {
    await openOptions();
    const slider = await screen.findByRole('slider', { name: 'Sensitivity' });
    // The browser makes one extension's writes in the order they are asked for; the first is slow.
    const write = fakeBrowser.storage.sync.set.bind(fakeBrowser.storage.sync);
    let first = true;
    let queue: Promise<void> = Promise.resolve();
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockImplementation((items) => {
      queue = queue.then(async () => {
        if (first) {
          first = false;
          await sleep(500);
        }
        await write(items);
      });
      return queue;
    });
    fireEvent.input(slider, { target: { value: '0.9' } });
    await sleep(330);
    // The first write is under way; the reader puts the slider back where it was.
    fireEvent.input(slider, { target: { value: String(DEFAULT_SETTINGS.sensitivity) } });
    await sleep(1_200);
    expect((await stored())?.sensitivity).toBe(DEFAULT_SETTINGS.sensitivity);
    expect((screen.getByRole('slider', { name: 'Sensitivity' }) as HTMLInputElement).value).toBe(String(DEFAULT_SETTINGS.sensitivity));
  });

  it('says beside the site rules\' form that a rule the browser would not store was not saved, not that it was added', async () => {
    await openOptions();
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    fireEvent.input(await screen.findByLabelText('Site'), { target: { value: 'news.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    const status = document.querySelector('.rule-status')!;
    expect(status.textContent).toMatch(/^Added: /);
    await waitFor(() => expect(status.textContent).toMatch(/^Your last change was not saved: /), { timeout: 2000 });
  });

  it('says in the hidden matches\' own section that a change to them was not saved, and clears it once one is', async () => {
    await fakeBrowser.storage.local.set({
      [DISMISSALS_KEY]: {
        onPage: [{ page: 'https://news.example/story', claimKey: 'p/a', claimText: 'The call lasted 90 minutes.', text: 'The call ran long.', at: 'x' }],
        everywhere: [{ claimKey: 'p/b', claimText: 'Fares doubled.', at: 'y' }],
        reports: [],
      },
    });
    let failing = true;
    fakeBrowser.runtime.sendMessage = vi.fn(async (message: { type: string }) =>
      message.type.endsWith('changeDismissals')
        ? failing
          ? { ok: false, error: { code: 'storage', message: 'The background did not answer.' } }
          : { ok: true, value: {} }
        : { ok: true, value: message.type.endsWith('getStoreSummary') ? { claimCount: 0, packCount: 0 } : [] },
    ) as never;
    await openOptions();
    fireEvent.click(await screen.findByRole('button', { name: 'Mark again: Fares doubled.' }));
    const section = document.getElementById('hidden-heading')!.closest('section')!;
    await waitFor(() => expect(section.querySelector('[role="alert"]')?.textContent).toBe('Your last change was not saved: The background did not answer.'));
    // Not under the site rules, where it read as if a rule was not saved.
    expect(document.querySelector('.rule-status')?.textContent ?? '').not.toMatch(/not saved/);
    failing = false;
    fireEvent.click(await screen.findByRole('button', { name: /^Show again: / }));
    await waitFor(() => expect(section.querySelector('[role="alert"]')).toBeNull());
  });

  it('says the hidden matches could not be read, not that there are none', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('IO error'));
    await openOptions();
    await screen.findByText('Claimlight could not read the hidden matches (IO error); reload the page to try again.');
    expect(screen.queryByText(/When you choose “Not this claim” on a card/)).toBeNull();
  });

  it('keeps the verdicts the reader marks when synced settings name a verdict this version does not know', async () => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, markedVerdicts: ['false', 'accurate', 'satire'] } });
    await openOptions();
    expect(((await screen.findByRole('checkbox', { name: 'Accurate' })) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Disputed' }) as HTMLInputElement).checked).toBe(false);
  });

  it('keeps a setting a newer Claimlight saved when the reader changes another one here', async () => {
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, readingGuide: 'on' } });
    await openOptions();
    fireEvent.click(await screen.findByRole('switch'));
    await waitFor(async () => expect((await stored())?.enabled).toBe(false), { timeout: 2000 });
    expect((await stored()) as unknown).toMatchObject({ readingGuide: 'on' });
  });
});
