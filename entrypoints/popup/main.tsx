import { render } from 'preact';
import { browser, type Browser } from 'wxt/browser';
import { PopupApp, type PopupData } from '@/components/PopupApp';
import { askAgainOnce, createClient, toContentType, type BackgroundToContent } from '@/lib/protocol';
import type { Result } from '@/lib/result';
import { SETTINGS_KEY, describeSettingsError, isEnabledOn, settingsFrom, storedWith, type Settings, withSiteSwitched } from '@/lib/settings';
import { ClaimlightDb, describeStorageError, readSearchableClaims, refusesToStore } from '@/lib/store';
import '@/components/ClaimCard.css';
import './style.css';

// The toolbar popup: reads the store (the popup shares the extension's origin, so it opens the
// database itself; through the background where Firefox will not let it), the active tab and the settings, and hands them to PopupApp.
// `?tabId=N` points it at another tab, for end-to-end tests that open popup.html in a tab of its own.

type Command = keyof BackgroundToContent;
const client = createClient((message) => browser.runtime.sendMessage(message));
const root = document.getElementById('app')!;
const forcedTabId = Number(new URLSearchParams(location.search).get('tabId')) || undefined;
let tab: Browser.tabs.Tab | undefined;
/** The load of the tab's page that listed the mentions (`listMentions`' `page`). */
let listedPage: string | undefined;
/** How long the popup keeps asking a page that is still being read, and how often. */
const SCAN_POLL_MS = 400;
const SCAN_POLL_LIMIT_MS = 20_000;
let pollingUntil = 0;
let poll: ReturnType<typeof setTimeout> | undefined;
let data: PopupData = { claims: null, packs: [], pageMentions: 'loading', siteHost: null, siteEnabled: false };

/** Set when the popup goes: what is still under way (a page asked again, a wait) paints nothing. */
let gone = false;
window.addEventListener('pagehide', () => {
  gone = true;
  clearTimeout(poll);
});

function paint(patch: Partial<PopupData>) {
  if (gone) return;
  data = { ...data, ...patch };
  render(<PopupApp {...data} onRevealMention={reveal} onHideMarks={hideMarks} onSiteSwitched={switchSite} onOpenSettings={openSettings} onReloadPage={reloadPage} />, root);
}

/** Sends one command to the tab's content script; throws when none answers (chrome:// pages, the store). */
async function askTab<N extends Command>(name: N, payload: BackgroundToContent[N]['request']): Promise<BackgroundToContent[N]['reply']> {
  if (tab?.id === undefined) throw new Error('No tab');
  const reply = (await browser.tabs.sendMessage(tab.id, { type: toContentType(name), payload })) as Result<BackgroundToContent[N]['reply'], unknown> | undefined;
  if (!reply?.ok) throw new Error(`No answer to ${name}`);
  return reply.value;
}

/** The keys the reader has for the next and previous mention (a shortcut they changed, or took
 * away, in the browser's settings), or null where the browser does not say. */
async function readShortcuts(): Promise<PopupData['shortcuts'] | null> {
  let commands: Browser.commands.Command[] | undefined;
  try {
    commands = await browser.commands?.getAll();
  } catch {
    return null;
  }
  if (!commands) return null;
  const keys = (name: string) => commands.find((command) => command.name === name)?.shortcut ?? '';
  return { next: keys('next-mention'), previous: keys('previous-mention') };
}

async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>);
  return settingsFrom(stored[SETTINGS_KEY]);
}

async function readClaims(): Promise<Partial<PopupData>> {
  const db = new ClaimlightDb();
  try {
    const read = await readSearchableClaims(db);
    // Opened in the moment after install, the popup found the store before the background had put
    // the bundled pack in it, and said "No fact packs yet" until it was opened again. The background
    // answers once the pack is in (every message waits for it): then the store is read again.
    if (read.claims.length) return read;
    const summary = await client.call('getStoreSummary', {}).catch(() => null);
    return summary?.ok && summary.value.claimCount > 0 ? await readSearchableClaims(db) : read;
  } catch (error) {
    // Firefox lets no extension page in a private window open the database (and none at all when
    // set never to remember history): the background, which has the store, lists the claims.
    if (refusesToStore(error)) {
      const listed = await client.call('listClaims', {});
      if (listed.ok) return listed.value;
    }
    return { claims: [], storeError: describeStorageError(error) };
  } finally {
    db.close();
  }
}

async function readMentions() {
  // Opened as the page loads, the popup may ask before the page's content script listens.
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const reply = await askAgainOnce(() => askTab('listMentions', {}), wait).catch(() => null);
  if (!reply) {
    // A web page with no content script to answer was loaded before Claimlight was installed (or
    // is still loading: the script starts once it has loaded, and is asked again until then).
    // Reloading starts Claimlight there. A page is called closed to extensions only when the popup
    // sees its URL and it is no web page (a browser page, a file). The URL comes with activeTab,
    // granted when the toolbar button is clicked on the tab; where it is missing (a popup pointed
    // at a tab by `?tabId`) nothing says the page is closed, and the reload notice says what it
    // means if reloading finds nothing.
    const loading = tab?.id !== undefined && (await browser.tabs.get(tab.id).catch(() => undefined))?.status === 'loading';
    const urlUnknown = !tab?.url;
    paint({ pageMentions: data.siteHost || urlUnknown || loading ? 'not-started' : 'unavailable' });
    clearTimeout(poll);
    if (!gone && loading && Date.now() < pollingUntil) poll = setTimeout(() => void readMentions(), SCAN_POLL_MS);
    return;
  }
  listedPage = reply.page;
  // The content script judges its own page by the same settings, and it knows the page's host even
  // when the tab's URL is hidden from the popup (no activeTab grant for the tab).
  // A page still being read lists more as it goes: asked again until it is done (or for 20 s, after
  // which what was found so far is listed as such, not as all there is).
  paint({ pageMentions: reply.mentions, siteEnabled: reply.enabled, siteHost: data.siteHost ?? reply.host, pageNotice: reply.notice, marksHidden: reply.marksHidden, pageScanning: !!reply.scanning });
  clearTimeout(poll);
  if (!gone && reply.scanning && Date.now() < pollingUntil) poll = setTimeout(() => void readMentions(), SCAN_POLL_MS);
}

/** Asks the page for its mentions, and again while it is still being read. */
function followMentions() {
  pollingUntil = Date.now() + SCAN_POLL_LIMIT_MS;
  return readMentions();
}

async function reloadPage() {
  if (tab?.id === undefined) return;
  await browser.tabs.reload(tab.id).catch(() => undefined);
  window.close();
}

async function hideMarks(hidden: boolean) {
  const reply = await askTab('setMarksHidden', { hidden }).catch(() => null);
  if (reply) {
    paint({ marksHidden: reply.hidden, pageStatus: '' });
    return;
  }
  // The page did not answer (the tab went to a page Claimlight does not run on, or reloaded): said,
  // as a reveal that finds no page says it, and the list read again. The switch used to do nothing.
  paint({ pageStatus: '' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  paint({ pageStatus: `The page did not answer, so its marks were not ${hidden ? 'hidden' : 'shown again'}. The list shows what is there now.` });
  await followMentions();
}

async function reveal(id: number) {
  const reply = await askTab('revealMention', { id, ...(listedPage ? { page: listedPage } : {}) }).catch(() => null);
  if (reply?.revealed) {
    window.close();
    return;
  }
  // The sentence left the page or is hidden by it now (a slide gone by, a folded box), or the tab
  // loaded another page since the list was made. (Emptied first, so that a second such choice is
  // announced again.)
  paint({ pageStatus: '' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  paint({ pageStatus: 'That sentence is no longer shown on the page. The list shows what is there now.' });
  await followMentions();
}

async function switchSite(on: boolean) {
  const host = data.siteHost;
  if (!host) return;
  let stored: unknown;
  try {
    // Read strictly here: the defaults taken for a failed read, written back with one site rule,
    // used to replace the reader's rules, colours and sensitivity.
    stored = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch (error) {
    paint({ siteError: `Not saved: Claimlight could not read your settings (${error instanceof Error ? error.message : String(error)}); try again.` });
    return;
  }
  const next = withSiteSwitched(settingsFrom(stored), host, on);
  try {
    // Only the site rules are written; the rest stays as stored, a newer version's fields included.
    await browser.storage.sync.set({ [SETTINGS_KEY]: storedWith(stored, { siteRules: next.siteRules }) });
  } catch (error) {
    // The switch stays as it was, and says why.
    paint({ siteError: `Not saved: ${describeSettingsError(error)}` });
    return;
  }
  paint({ siteEnabled: isEnabledOn(next, host), pageMentions: 'loading', siteError: undefined });
  // The content script rescans when it sees the settings change; ask again once it has had time,
  // and while it reads.
  setTimeout(() => void followMentions(), 600);
}

async function openSettings() {
  await browser.runtime.openOptionsPage();
  window.close();
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.hostname : null;
}

paint({});
void readClaims().then(paint);
void readShortcuts().then((shortcuts) => shortcuts && paint({ shortcuts }));
void (async () => {
  tab = forcedTabId ? await browser.tabs.get(forcedTabId) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  const siteHost = hostOf(tab?.url);
  paint({ siteHost, siteEnabled: siteHost ? isEnabledOn(await readSettings(), siteHost) : false });
  await followMentions();
})();
