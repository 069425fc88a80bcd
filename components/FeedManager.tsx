/**
 * The settings page's feeds: subscribe to a fact-checker's feed by its address (a ClaimReview
 * document, a page with ClaimReview in it, or a Claimlight pack) or to a Fact Check Tools search,
 * and see each feed's state: what it holds, when it was checked and last changed, and why it
 * fails if it does. The origin's permission is asked for here, in the click that subscribes, since
 * browsers grant permissions only in answer to the reader's own gesture.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { formatCount, plural } from '@/lib/counts';
import { describeChange, feedOrigin, feedSourceOf, sourceName } from '@/lib/feeds/names';
import { DEFAULT_INTERVAL_MINUTES } from '@/lib/feeds/schedule';
import { formatMomentWithTime } from '@/lib/partial-date';
import type { Client } from '@/lib/protocol';
import type { FeedChange, FeedSource, StoredFeed } from '@/lib/store';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { isolated } from './isolate';
import { useFocusAfterRemoval } from './focus-after-removal';

export interface FeedManagerProps {
  client: Client;
  /** Asks the browser for the permission to read from an origin ("https://checks.example/*"). */
  requestOrigin(origin: string): Promise<boolean>;
  /** The reader's Fact Check Tools key: read, and kept (in storage.local, never synced). */
  apiKey: { read(): Promise<string>; write(key: string): Promise<void> };
  /** Changes when the store changed elsewhere (an alarm's refresh): the feeds are read again. */
  storeVersion?: number;
  /** Changes when the background checked a feed whose claims stayed as they were (it failed, or had
   * nothing new): the feeds are read again, to show it. */
  feedsVersion?: number;
  /** How far the background is in storing a feed's claims, while it does. */
  progress?: FeedProgress | null;
}

/** How far the background is in storing a feed's claims. */
export interface FeedProgress {
  feedId: string;
  done: number;
  total: number;
}

const INTERVALS: [number, string][] = [
  [60, 'every hour'],
  [DEFAULT_INTERVAL_MINUTES, 'every 6 hours'],
  [24 * 60, 'every day'],
];

function FeedRow({ feed, busy, progress, onRefresh, onPause, onRemove }: { feed: StoredFeed; busy: boolean; progress?: FeedProgress | null; onRefresh(): void; onPause(): void; onRemove(button: HTMLElement): void }) {
  return (
    <li class="feed" data-feed={feed.id}>
      <h3 class="feed__title" dir="auto">
        {feed.title}
      </h3>
      <p class="feed__meta">
        {[feed.publisher, plural(feed.claimCount, 'claim'), feed.paused ? 'paused' : INTERVALS.find(([m]) => m === feed.intervalMinutes)?.[1] ?? `every ${feed.intervalMinutes} minutes`].filter(Boolean).join(' · ')}
      </p>
      <p class="feed__times">
        {feed.lastChecked ? <>Checked {formatMomentWithTime(feed.lastChecked)}</> : 'Not checked yet'}
        {feed.lastChanged && feed.lastChange ? (
          <>
            {'; last changed '}
            {formatMomentWithTime(feed.lastChanged)}: {describeChange(feed.lastChange)}
          </>
        ) : null}
        .
      </p>
      {feed.lastError && (
        <p class="feed__error">
          {feed.failingSince ? `Failing since ${formatMomentWithTime(feed.failingSince)}: ` : ''}
          {feed.lastError}
          {feed.failingSince && feed.claimCount > 0 ? ' Its last good claims stay.' : ''}
        </p>
      )}
      {feed.lastNotes?.length ? (
        <div class="feed__notes">
          <p>The last time the feed was read:</p>
          <ul>
            {feed.lastNotes.map((note, i) => (
              <li key={i} dir="auto">
                {note}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* In the row from the start, empty while the feed is idle: a live region that arrives with its
          text is mostly not announced. */}
      <div class="feed__busy" role="status">
        {busy && (
          <p>
            {progress && progress.feedId === feed.id && progress.done < progress.total ? (
              <>
                <progress value={progress.done} max={progress.total} aria-label={`Storing ${feed.title}`} /> {formatCount(progress.done)} of {plural(progress.total, 'claim')} stored
              </>
            ) : (
              'Working on this feed…'
            )}
          </p>
        )}
      </div>
      {/* aria-disabled, not disabled: a button that disables itself drops the keyboard focus to the
          page's body. A press while the feed is busy does nothing. */}
      <div class="feed__actions">
        <button type="button" aria-disabled={busy} onClick={onRefresh} aria-label={`Refresh now: ${feed.title}`}>
          Refresh now
        </button>
        <button type="button" aria-disabled={busy} onClick={onPause} aria-label={`${feed.paused ? 'Resume' : 'Pause'}: ${feed.title}`}>
          {feed.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" class="danger" aria-disabled={busy} onClick={(event) => !busy && onRemove(event.currentTarget)} aria-label={`Remove: ${feed.title}`}>
          Remove
        </button>
      </div>
    </li>
  );
}

/** What tells one Fact Check Tools search from another. */
const SEARCH_FIELDS = ['query', 'publisherSite', 'languageCode'] as const;

/** The feeds section's error message, which the fields it is about point to. */
const FEED_ERROR_ID = 'feed-error';

/** What a feed's check came to, as the status says it: what it found (`found`); where it read the
 * page but for blocks of it that were no JSON (`failures` 0, with a `lastError`), that, then what it
 * left out, where it was said to have failed; and where it failed, why, after `failedAs`. */
function checkStatus(feed: StoredFeed, found: string, failedAs: string): { kind: 'ok' | 'error'; text: string; feedId?: string } {
  if (!feed.lastError) return { kind: 'ok', text: found };
  return { kind: 'error', text: feed.failures === 0 ? `${found} ${feed.lastError}` : `${failedAs}${feed.lastError}`, feedId: feed.id };
}

export function FeedManager({ client, requestOrigin, apiKey, storeVersion = 0, feedsVersion = 0, progress = null }: FeedManagerProps) {
  const [feeds, setFeeds] = useState<StoredFeed[] | null>(null);
  const [address, setAddress] = useState('');
  const [interval, setInterval] = useState(DEFAULT_INTERVAL_MINUTES);
  const [search, setSearch] = useState({ query: '', publisherSite: '', languageCode: '', key: '' });
  // The last word on what the reader did; an error about one feed (`feedId`) goes once a later
  // reading of the feeds finds that feed well (the alarm's next check got through).
  // `form`: the subscription form whose fields the error is about, which are then marked invalid
  // and described by it (the alert alone left a reader who went back to the field hearing nothing).
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string; feedId?: string; form?: 'address' | 'search' } | null>(null);
  // What is busy: each feed being refreshed, paused or removed, by id, and 'new' for a subscription.
  // Several at once: refreshing two feeds, the first to finish must not show the other one idle.
  const [busy, setBusyShown] = useState<ReadonlySet<string>>(new Set());
  /** A form's fields, while the error shown is about them. */
  const invalidIf = (form: 'address' | 'search') => (status?.kind === 'error' && status.form === form ? { 'aria-invalid': 'true' as const, 'aria-describedby': FEED_ERROR_ID } : {});
  // What is busy now, read at once: a second press can come before the page has shown the first.
  const busyNow = useRef(new Set<string>());
  const setBusy = (id: string, on: boolean) => {
    if (on) busyNow.current.add(id);
    else busyNow.current.delete(id);
    setBusyShown(new Set(busyNow.current));
  };
  // The progress shown when a feed's work began is an earlier write's (one that failed, say, at
  // 2,000 of 5,000): only a report that comes after is this work's.
  const progressAtStart = useRef(new Map<string, FeedProgress | null>());
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterRemoval = useFocusAfterRemoval(headingRef);

  // Whether the last listing failed: the list then says so, not that it is still being read.
  const [unlisted, setUnlisted] = useState(false);
  const reload = useCallback(async () => {
    const listed = await client.call('listFeeds', {});
    setUnlisted(!listed.ok);
    if (listed.ok) {
      setFeeds(listed.value);
      // A feed's error goes once the feed is well again, or gone (removed, or the store reset).
      setStatus((shown) => (shown?.kind === 'error' && shown.feedId && !listed.value.some((feed) => feed.id === shown.feedId && feed.lastError) ? null : shown));
    } else setStatus({ kind: 'error', text: listed.error.message });
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload, storeVersion, feedsVersion]);
  // The key as kept, to tell a new one typed for a search subscribed to already (`renewKey`).
  const keptKey = useRef('');
  useEffect(() => {
    // A key that cannot be read (storage.local failing) leaves the field empty, as with no key
    // kept; the rejection went unhandled.
    void apiKey
      .read()
      .then((key) => {
        keptKey.current = key;
        setSearch((s) => ({ ...s, key }));
      })
      .catch(() => undefined);
  }, [apiKey]);

  /** Subscribes to a feed: asks for its origin first, in the reader's click (`prepare` runs once
   * that is granted, before the feed is added: storing the search's API key). */
  async function subscribe(given: FeedSource, prepare?: () => Promise<unknown>) {
    // The Subscribe buttons can still be pressed while a subscription is under way (so that they keep the focus).
    if (busyNow.current.has('new')) return;
    const checked = feedSourceOf(given);
    const origin = checked.ok ? feedOrigin(checked.value) : null;
    if (!checked.ok || !origin) {
      setStatus({ kind: 'error', text: checked.ok ? 'A feed’s address starts with https:// or http://.' : checked.error, form: given.kind === 'url' ? 'address' : 'search' });
      return;
    }
    const source = checked.value;
    setBusy('new', true);
    // Said while it runs (a large feed, or a search of ten pages, takes seconds): the new feed has
    // no row yet to show its progress on.
    setStatus({ kind: 'ok', text: `Subscribing to ${isolated(sourceName(source))} and reading it…` });
    try {
      // Asked before anything is awaited: Firefox takes a permission request only while the click
      // that asks for it is being handled, and refused every subscription after an await.
      if (!(await requestOrigin(origin))) {
        setStatus({ kind: 'error', text: `Claimlight was not allowed to read from ${origin.replace(/\/\*$/, '')}, so it did not subscribe.` });
        return;
      }
      try {
        await prepare?.();
      } catch (e) {
        setStatus({ kind: 'error', text: `Claimlight could not keep your API key, so it did not subscribe: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      const added = await client.call('addFeed', { source, intervalMinutes: interval });
      if (!added.ok) {
        setStatus({ kind: 'error', text: added.error.message });
        return;
      }
      const { feed, change } = added.value;
      // No change with claims: the feed took over a pack of its own claims that the reader kept (its
      // export, imported again), and they are as the feed has them.
      const found = change ? describeChange(change) : feed.claimCount > 0 ? `${plural(feed.claimCount, 'claim')}, as you had them` : 'no claims yet';
      setStatus(checkStatus(feed, `Subscribed to ${isolated(feed.title)}: ${found}.`, `Subscribed to ${isolated(feed.title)}, but the first check failed: `));
      if (source.kind === 'url') setAddress('');
      await reload();
    } finally {
      setBusy('new', false);
    }
  }

  /** Keeps a new key for a search subscribed to already and checks that feed again with it: its last
   * key refused, subscribing again said only "You already subscribe", and the feed kept its error. */
  async function renewKey(feed: StoredFeed, key: string) {
    // An emptied field is no key: saving it erased the one kept (which every search uses) and
    // checked the feed again only to fail for want of a key.
    if (!key) {
      setStatus({ kind: 'error', text: `You already subscribe to ${isolated(sourceName(feed.source))}. To replace its API key, type the new one: an empty field keeps the one saved.` });
      return;
    }
    // The feed being refreshed, paused or removed from this page, the new key is not kept yet: the
    // check under way may not use it, and a second press (the key still differing) saves it then.
    if (busyNow.current.has(feed.id)) {
      setStatus({ kind: 'error', text: `Claimlight is still working on ${isolated(feed.title)}, so your new key is not saved yet: press “Subscribe to this search” again once it is done.` });
      return;
    }
    try {
      await apiKey.write(key);
    } catch (e) {
      setStatus({ kind: 'error', text: `Claimlight could not keep your API key: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    keptKey.current = key;
    await act(feed, 'refresh', undefined, 'Key saved; checking the feed again.');
  }

  /** `saying`: what the status says while the action runs. */
  async function act(feed: StoredFeed, action: 'refresh' | 'pause' | 'remove', button?: HTMLElement, saying?: string) {
    // The row's buttons can still be pressed while it is busy (so that they keep the focus).
    if (busyNow.current.has(feed.id)) return;
    setBusy(feed.id, true);
    progressAtStart.current.set(feed.id, progress);
    // A message about what was done before is not about this.
    setStatus(saying ? { kind: 'ok', text: saying } : null);
    if (button) focusAfterRemoval.removing(button);
    try {
      const reply =
        action === 'refresh'
          ? await client.call('refreshFeed', { feedId: feed.id })
          : action === 'pause'
            ? await client.call('setFeedPaused', { feedId: feed.id, paused: !feed.paused })
            : await client.call('removeFeed', { feedId: feed.id });
      if (!reply.ok) {
        focusAfterRemoval.kept();
        setStatus({ kind: 'error', text: reply.error.message });
      } else if (action === 'refresh') {
        const { feed: after, change } = reply.value as { feed: StoredFeed; change: FeedChange | null };
        setStatus(checkStatus(after, `${after.title}: ${change ? describeChange(change) : 'no changes'}.`, `${after.title}: `));
      } else if (action === 'remove') setStatus({ kind: 'ok', text: `Removed ${isolated(feed.title)} and its claims.` });
      await reload();
    } finally {
      setBusy(feed.id, false);
    }
  }

  return (
    <section aria-labelledby="feeds-heading" class="feeds">
      <h2 id="feeds-heading" ref={headingRef} tabIndex={-1}>
        Feeds
      </h2>
      <p class="hint">
        Subscribe to a fact-checker’s feed and Claimlight keeps its claims current: a ClaimReview file or a web page with ClaimReview in
        it, a Claimlight pack on the web, or a Fact Check Tools search. Claimlight asks the browser for leave to read from that site only.
      </p>
      <form
        class="feed-form"
        // Checked by `feedAddress`, which says what is wrong beside the field (and takes an address
        // typed without https://, which the browser's own check for a URL refused).
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void subscribe({ kind: 'url', url: address.trim() });
        }}
      >
        <div class="field">
          <label for="feed-address">Feed address</label>
          <input id="feed-address" type="url" required placeholder="https://factchecker.example/claimreview.json" value={address} onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)} {...invalidIf('address')} />
        </div>
        <div class="field">
          <label for="feed-interval">Check</label>
          <select id="feed-interval" value={interval} onChange={(e) => setInterval(Number((e.currentTarget as HTMLSelectElement).value))}>
            {INTERVALS.map(([minutes, label]) => (
              <option key={minutes} value={minutes}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" aria-disabled={busy.has('new')}>
          Subscribe
        </button>
      </form>
      <details class="feed-search">
        <summary>Subscribe to a Fact Check Tools search</summary>
        <form
          class="feed-form"
          onSubmit={async (event) => {
            event.preventDefault();
            const source: FeedSource = { kind: 'factcheck', ...(search.query.trim() ? { query: search.query.trim() } : {}), ...(search.publisherSite.trim() ? { publisherSite: search.publisherSite.trim() } : {}), ...(search.languageCode.trim() ? { languageCode: search.languageCode.trim() } : {}) };
            if (!source.query && !source.publisherSite) {
              setStatus({ kind: 'error', text: 'A search needs words to look for or a fact-checker’s site.', form: 'search' });
              return;
            }
            const key = search.key.trim();
            // Read from what is shown, with no await: one before `subscribe` lost Firefox the click.
            const subscribed = feeds?.find((feed) => feed.source.kind === 'factcheck' && SEARCH_FIELDS.every((field) => (feed.source as typeof source)[field] === source[field]));
            if (subscribed && key !== keptKey.current) {
              await renewKey(subscribed, key);
              return;
            }
            // The key is stored once the origin is granted: writing it first (an await) lost Firefox the click.
            // An emptied field keeps the key saved, as for a search subscribed to already (`renewKey`):
            // one key serves every search, and erasing it made them all fail for want of one.
            await subscribe(source, async () => {
              if (!key) return;
              await apiKey.write(key);
              keptKey.current = key;
            });
          }}
        >
          {(
            [
              ['query', 'Words to look for', 'text'],
              ['publisherSite', 'Fact-checker’s site', 'text'],
              ['languageCode', 'Language (such as en)', 'text'],
              ['key', 'Your API key (kept on this device)', 'password'],
            ] as const
          ).map(([field, label, type]) => (
            <div class="field" key={field}>
              <label for={`feed-search-${field}`}>{label}</label>
              <input id={`feed-search-${field}`} type={type} autoComplete="off" value={search[field]} onInput={(e) => setSearch({ ...search, [field]: (e.currentTarget as HTMLInputElement).value })} {...(field === 'key' ? {} : invalidIf('search'))} />
            </div>
          ))}
          <button type="submit" aria-disabled={busy.has('new')}>
            Subscribe to this search
          </button>
        </form>
      </details>
      {/* Two regions, both always in the page and empty until a message lands in one: a region whose
          role changes, or that arrives with its text, is mostly not announced. */}
      <p role="alert" class="field-error" id={FEED_ERROR_ID}>
        {status?.kind === 'error' ? status.text : ''}
      </p>
      <p role="status" class="feed-status">
        {status?.kind === 'ok' ? status.text : ''}
      </p>
      {feeds === null ? (
        <p class="hint">{unlisted ? 'Your feeds could not be read: see above. Reload this page to try again.' : 'Reading your feeds…'}</p>
      ) : feeds.length === 0 ? (
        <p class="hint">
          <em>No feeds yet.</em>
        </p>
      ) : (
        <ul class="feed-list" aria-label="Your feeds">
          {feeds.map((feed) => (
            <FeedRow
              key={feed.id}
              feed={feed}
              busy={busy.has(feed.id)}
              progress={progress !== progressAtStart.current.get(feed.id) ? progress : null}
              onRefresh={() => void act(feed, 'refresh')}
              onPause={() => void act(feed, 'pause')}
              onRemove={(button) =>
                setConfirm({
                  question: `Remove the feed “${isolated(feed.title)}” (${sourceName(feed.source)}) and its ${plural(feed.claimCount, 'claim')}?`,
                  confirmLabel: 'Remove feed',
                  onConfirm: () => {
                    setConfirm(null);
                    void act(feed, 'remove', button);
                  },
                })
              }
            />
          ))}
        </ul>
      )}
      <ConfirmDialog request={confirm} onCancel={() => setConfirm(null)} />
    </section>
  );
}
