import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/OptionsPage';
import { log } from '@/lib/log';
import type { PackImporter } from '@/components/PackManager';
import { IMPORT_PORT, createClient, type ImportPortEvent } from '@/lib/protocol';
import { DISMISSALS_KEY, dismissalsFrom, storedDismissals, takenBack, type Dismissals } from '@/lib/dismissals';
import { FACTCHECK_KEY, FEED_PROGRESS_KEY, FEEDS_CHECKED_KEY, STORE_CHANGED_KEY } from '@/lib/feeds/keys';
import type { FeedProgress } from '@/components/FeedManager';
import { SETTINGS_KEY, changedFields, describeSettingsError, settingsFrom, storedWith, type Settings } from '@/lib/settings';
import './style.css';

// storage.sync takes at most 120 writes a minute, and a dragged slider or colour picker sends
// dozens of changes a second: the screen follows each one, storage gets the latest after a pause.
const WRITE_DELAY_MS = 300;

const client = createClient((message) => browser.runtime.sendMessage(message));

/** Imports over a port to the background, which reports progress while it stores the claims. */
const importWithProgress: PackImporter = (text, fileName, onProgress) =>
  new Promise((resolve) => {
    const port = browser.runtime.connect({ name: IMPORT_PORT });
    const failed = () => resolve({ ok: false, error: { code: 'internal', message: 'Claimlight’s background stopped during the import. Nothing was changed; try again.' } });
    port.onDisconnect.addListener(failed);
    port.onMessage.addListener((message: unknown) => {
      const event = message as ImportPortEvent;
      if (event.kind === 'progress') onProgress(event.done, event.total);
      else {
        port.onDisconnect.removeListener(failed);
        port.disconnect();
        resolve(event.result);
      }
    });
    port.postMessage({ text, ...(fileName ? { fileName } : {}) });
  });

/** What the feeds section needs from the browser: an origin's permission, asked for in the
 * reader's click, and the Fact Check Tools key, kept in storage.local only. */
const FEEDS = {
  // In Chrome, asked only when not held already: it counts the content script's matches as granted
  // hosts, and a prompt for what is granted would only puzzle the reader. Firefox asks nothing for
  // what is held, and takes a request only while the reader's click is being handled: the request
  // is its first call, with nothing awaited before it (after `contains`, every one was refused).
  requestOrigin: async (origin: string) =>
    import.meta.env.FIREFOX
      ? browser.permissions.request({ origins: [origin] }).catch(() => false)
      : (await browser.permissions.contains({ origins: [origin] }).catch(() => false)) || browser.permissions.request({ origins: [origin] }).catch(() => false),
  apiKey: {
    read: async () => {
      const stored = (await browser.storage.local.get(FACTCHECK_KEY))[FACTCHECK_KEY];
      return typeof stored === 'string' ? stored : '';
    },
    write: (key: string) => browser.storage.local.set({ [FACTCHECK_KEY]: key }),
  },
};

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [dismissals, setDismissals] = useState<Dismissals | null>(null);
  const [dismissalsError, setDismissalsError] = useState<string | null>(null);
  /** Why the hidden matches' last change failed, said in their section (`HiddenMatches`): said as
   * the settings' error, it stayed after a change that worked, and under the site rules. */
  const [dismissalsSaveError, setDismissalsSaveError] = useState<string | null>(null);
  const [storeVersion, setStoreVersion] = useState(0);
  const [feedsVersion, setFeedsVersion] = useState(0);
  const [feedProgress, setFeedProgress] = useState<FeedProgress | null>(null);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; value: Settings } | null>(null);
  const writing = useRef(0);
  // Set when another page changed the settings while ours were unsaved: read them again once saved.
  const missed = useRef(false);
  // Set while the stored settings could not be read: the page shows the defaults, and writes none
  // of its changes, which would replace the reader's settings with the defaults and that change.
  const unread = useRef(false);
  const read = useRef(false);
  /** The settings as last read from storage or written there: the page's changes are the fields
   * that differ from these, and only they are written (`storedWith`). */
  const saved = useRef<Settings>(settingsFrom(undefined));
  /** The settings object as stored, as last read or told by the browser (`storage.onChanged`):
   * what the page's changes are written over. Kept, not read at each write, so that the write
   * on leaving the page starts at once (the page may be gone before a read answers). */
  const stored = useRef<unknown>(undefined);

  /** Shows settings read from storage, and takes them as what the page's changes are made to. */
  function showStored(raw: unknown) {
    const settings = settingsFrom(raw);
    saved.current = settings;
    setSettings(settings);
  }

  async function reload() {
    try {
      const raw = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
      stored.current = raw;
      if (!pending.current && !writing.current) showStored(raw);
      read.current = true;
      if (unread.current) {
        unread.current = false;
        setSaveError(null);
      }
    } catch (error) {
      log.error('Could not read the settings', error);
      // Once read, the page keeps what it read; never read, it shows the defaults and saves nothing.
      if (read.current) return;
      unread.current = true;
      showStored(undefined);
      setSaveError(`Claimlight could not read your settings (${error instanceof Error ? error.message : String(error)}), so changes here are not saved; reload the page to try again.`);
    }
  }

  async function flush() {
    const next = pending.current;
    if (!next) return;
    clearTimeout(next.timer);
    pending.current = null;
    if (unread.current) return;
    writing.current++;
    try {
      // The fields changed here, written over the settings as stored now.
      const fields = changedFields(saved.current, next.value);
      if (Object.keys(fields).length) {
        const before = stored.current;
        const written = storedWith(before, fields);
        // Taken as stored at once: a change made while this write is under way goes over it.
        stored.current = written;
        // What the page's values are now made from: what it read, with what it writes. Not what
        // another tab wrote meanwhile, which the page has not shown: taken as the page's own, its
        // stale value was written back over it at the next change. Taken at once too: taken once
        // the write was done, a change back made while it was under way (the slider moved, then
        // moved back) compared equal to the old values, was not written, and the slow write's
        // value stayed.
        const savedBefore = saved.current;
        saved.current = { ...saved.current, ...fields };
        try {
          await browser.storage.sync.set({ [SETTINGS_KEY]: written });
        } catch (error) {
          if (stored.current === written) stored.current = before;
          // Not written: those fields are the page's unsaved changes again (unless a later change
          // has been taken as saved since).
          const reverted = { ...saved.current } as Record<string, unknown>;
          for (const key of Object.keys(fields) as (keyof Settings)[]) if (saved.current[key] === fields[key]) reverted[key] = savedBefore[key];
          saved.current = reverted as unknown as Settings;
          throw error;
        }
      }
      setSaveError(null);
    } catch (error) {
      log.error('Could not save the settings', error);
      setSaveError(`Your last change was not saved: ${describeSettingsError(error)}`);
    } finally {
      writing.current--;
    }
    if (missed.current && !pending.current && !writing.current) {
      missed.current = false;
      await reload();
    }
  }

  function change(next: Settings) {
    setSettings(next);
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { value: next, timer: setTimeout(() => void flush(), WRITE_DELAY_MS) };
  }

  /** Takes back what the reader chose of the list as shown: the background makes the change on the
   * list as stored (`changeDismissals`), where a match a tab hides meanwhile is kept. Writing the
   * shown list whole lost such a match. */
  async function changeDismissals(shown: Dismissals, next: Dismissals) {
    const changes = takenBack(shown, next);
    if (!changes.length) return;
    setDismissals(next);
    setDismissalsSaveError(null);
    const changed = await client.call('changeDismissals', { changes });
    if (changed.ok) return;
    log.error('Could not save the hidden matches', changed.error.message);
    setDismissalsSaveError(`Your last change was not saved: ${changed.error.message}`);
    // The list as it is kept, not as this page wished it.
    void storedDismissals(browser.storage.local)
      .read()
      .then(setDismissals)
      .catch(() => undefined);
  }

  useEffect(() => {
    void reload();
    void storedDismissals(browser.storage.local)
      .read()
      .then(setDismissals)
      // Said, not shown as an empty list ("None."), which told a reader with hidden matches that
      // there were none; the list stays unread (null) until the browser tells it as it changes.
      .catch((error: unknown) => setDismissalsError(`Claimlight could not read the hidden matches (${error instanceof Error ? error.message : String(error)}); reload the page to try again.`));
    // Keeps two open settings pages, and the popup's site switch, in step with this one.
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      // A card's "Not this claim" in a tab shows up here at once.
      if (area === 'local' && DISMISSALS_KEY in changes) {
        setDismissals(dismissalsFrom(changes[DISMISSALS_KEY]!.newValue));
        setDismissalsError(null);
      }
      if (area === 'local' && STORE_CHANGED_KEY in changes) setStoreVersion((n) => n + 1);
      // Only the feeds' list is read again: the packs did not change.
      if (area === 'local' && FEEDS_CHECKED_KEY in changes) setFeedsVersion((n) => n + 1);
      if (area === 'session' && FEED_PROGRESS_KEY in changes) setFeedProgress((changes[FEED_PROGRESS_KEY]!.newValue as FeedProgress | undefined) ?? null);
      if (area !== 'sync' || !(SETTINGS_KEY in changes)) return;
      stored.current = changes[SETTINGS_KEY]!.newValue;
      if (pending.current || writing.current) missed.current = true;
      else showStored(changes[SETTINGS_KEY]!.newValue);
    };
    const onHide = () => void flush();
    browser.storage.onChanged.addListener(onChanged);
    addEventListener('pagehide', onHide);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      removeEventListener('pagehide', onHide);
    };
  }, []);

  return (
    <OptionsPage
      client={client}
      importer={importWithProgress}
      settings={settings}
      onSettingsChange={change}
      saveError={saveError}
      dismissals={dismissals}
      dismissalsError={dismissalsError}
      dismissalsSaveError={dismissalsSaveError}
      onDismissalsChange={(next) => dismissals && void changeDismissals(dismissals, next)}
      feeds={{ ...FEEDS, progress: feedProgress, feedsVersion }}
      storeVersion={storeVersion}
    />
  );
}

render(<Options />, document.getElementById('app')!);
