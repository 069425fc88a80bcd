/**
 * Subscribing to a feed and keeping it current: a refresh fetches the feed (conditionally),
 * reads it with the importer every file goes through, and replaces the feed's pack whole in one
 * transaction, with the feed's record, so that a refresh cut short (a failure, a worker stopped
 * mid-way) leaves the last good pack as it was. A failing feed keeps its claims and says since
 * when it fails; its next check backs off (`schedule.ts`).
 */
import { hashId } from '../claim-review';
import { formatCount, plural } from '../counts';
import { parsePackText } from '../pack';
import { err, ok, type Result } from '../result';
import type { Claim, FactPack } from '../schema';
import { deletePack, describeStorageError, importPack, type ClaimlightDb, type FeedChange, type FeedSource, type StoredFeed } from '../store';
import { fetchFactCheckSearch } from './factcheck';
import { fetchFeed, type FetchFailure, type FetchOptions } from './fetch-feed';
import { feedAddress, feedSourceOf, sourceName } from './names';
import { DEFAULT_INTERVAL_MINUTES, clampInterval, nextCheckAfter } from './schedule';

export { describeChange, sourceName } from './names';

/** What a refresh needs from its context. */
export interface RefreshDeps extends FetchOptions {
  /** The reader's Fact Check Tools key, for a search feed. */
  apiKey?: string;
  /** Where Fact Check Tools searches go (tests serve them locally). */
  factCheckEndpoint?: string;
  /** Told how many of the feed's claims are stored so far, while a changed pack is written. */
  onProgress?: (done: number, total: number) => void;
}

/** The id a feed is stored under: one per source. */
export function feedIdOf(source: FeedSource): string {
  return `feed-${hashId(JSON.stringify(source.kind === 'url' ? { url: source.url } : { ...source }))}`;
}

/** Counts what changed between a feed's stored claims and its new ones, by claim id. */
export function diffClaims(before: readonly Claim[], after: readonly Claim[]): FeedChange {
  const old = new Map(before.map((claim) => [claim.id, JSON.stringify(claim)]));
  let added = 0;
  let updated = 0;
  for (const claim of after) {
    const was = old.get(claim.id);
    if (was === undefined) added++;
    else if (was !== JSON.stringify(claim)) updated++;
    old.delete(claim.id);
  }
  return { added, updated, withdrawn: old.size };
}

/** A new feed's record, due at once. */
export function newFeed(source: FeedSource, now: number, intervalMinutes = DEFAULT_INTERVAL_MINUTES): StoredFeed {
  const id = feedIdOf(source);
  return { id, source, packId: id, title: sourceName(source), publisher: '', claimCount: 0, addedAt: now, failures: 0, intervalMinutes: clampInterval(intervalMinutes), paused: false, nextCheck: now };
}

/** The outcome of one refresh: the feed's record afterwards, and what changed in its pack. */
export interface RefreshOutcome {
  feed: StoredFeed;
  /** `null` when the pack was not rewritten (unchanged, or the refresh failed). */
  change: FeedChange | null;
  /** The pack's own fields (its title, its language) changed while its claims did not: what the
   * cards say of the pack is new, so the matcher's copy must be. */
  renamed?: boolean;
}

/** A feed's document as fetched: its text, its validators, and (for a search) whether it found nothing. */
type Fetched = { text: string; note?: string; searchNote?: string; etag?: string; lastModified?: string; nothingFound?: boolean };

/** An importer's problem, written for a file the reader chose, as said of a feed: "The file is
 * empty" and "Split it into smaller files and import each" were advice the reader could not take. */
export function asFeeds(problem: string): string {
  return problem
    .replace(/^The file (is|could)\b/, 'The feed $1')
    .replace(/\bthis file's\b/g, "the feed's")
    .replace(/\b(in|from) this file\b/g, '$1 the feed')
    .replace(/\bthis file has\b/g, 'the feed has')
    .replace(/from one file\. Split it into smaller files and import each\./, 'from one feed. Subscribe to a narrower one: a section of the site, or a search.')
    .replace(/Split it into smaller packs\.$/, 'Subscribe to a narrower one: a section of the site, or a search.');
}

/** How many of a check's notes a feed's record keeps; the rest are counted. */
export const MAX_FEED_NOTES = 3;

/** The notes a feed's record keeps of a check: the first few, and a line counting the rest. */
function feedNotes(notes: readonly string[]): string[] | undefined {
  if (!notes.length) return undefined;
  const rest = notes.length - MAX_FEED_NOTES;
  return rest > 0 ? [...notes.slice(0, MAX_FEED_NOTES), `and ${formatCount(rest)} more like these`] : [...notes];
}

async function fetchText(feed: StoredFeed, deps: RefreshDeps): Promise<Result<Fetched | null, FetchFailure>> {
  if (feed.source.kind === 'factcheck') {
    if (!deps.apiKey) return err({ message: 'This feed needs a Fact Check Tools API key: under “Subscribe to a Fact Check Tools search”, type your key with this search’s words and press “Subscribe to this search”.' });
    const found = await fetchFactCheckSearch(feed.source, deps.apiKey, { ...deps, ...(deps.factCheckEndpoint ? { endpoint: deps.factCheckEndpoint } : {}) });
    return found.ok ? ok({ text: found.value.text, nothingFound: found.value.claims === 0, ...(found.value.note ? { searchNote: found.value.note } : {}) }) : found;
  }
  const fetched = await fetchFeed(feed.source.url, { etag: feed.etag, lastModified: feed.lastModified }, deps);
  if (!fetched.ok) return fetched;
  return ok(fetched.value.status === 'unchanged' ? null : fetched.value);
}

/** The feed to check is not subscribed to (the reader removed it while its check was being
 * set up): the caller says there is no such feed, not that the store failed. */
export class FeedGoneError extends Error {
  constructor(feedId: string) {
    super(`No feed ${feedId}.`);
    this.name = 'FeedGoneError';
  }
}

/**
 * Checks one feed now and stores what it found: its new pack (whole, with its record, in one
 * transaction), or that nothing changed, or why it failed (the pack untouched).
 */
export async function refreshFeed(db: ClaimlightDb, feedId: string, deps: RefreshDeps): Promise<RefreshOutcome> {
  const now = (deps.now ?? Date.now)();
  const feed = await db.feeds.get(feedId);
  if (!feed) throw new FeedGoneError(feedId);
  // The subscription this check is for: one removed meanwhile is gone, and one subscribed to again
  // since (the same id, added later) is another, whose own check is the one to store.
  const stillSubscribed = (current: StoredFeed | undefined): current is StoredFeed => current?.addedAt === feed.addedAt;
  const updateRecord = (learnt: (current: StoredFeed) => Partial<StoredFeed>) => updateFeedRecord(db, feedId, stillSubscribed, learnt);
  const failed = async ({ message, retryAfterMs }: FetchFailure): Promise<RefreshOutcome> => {
    // Only the record changes: the last good claims stay.
    const next = await db.transaction('rw', db.feeds, () =>
      updateRecord((current) => {
        const failures = current.failures + 1;
        return { lastChecked: now, lastError: message, failingSince: current.failingSince ?? now, failures, nextCheck: nextCheckAfter(now, current.intervalMinutes, failures, retryAfterMs) };
      }),
    );
    return { feed: next ?? feed, change: null };
  };
  const fetched = await fetchText(feed, { ...deps, now: () => now });
  if (!fetched.ok) return failed(fetched.error);
  const healthy = (current: StoredFeed) => ({ lastChecked: now, failures: 0, nextCheck: nextCheckAfter(now, current.intervalMinutes, 0), lastError: undefined, failingSince: undefined });
  if (fetched.value === null) {
    // A 304: the pack is as it was; only the record says the feed was asked. What the last read
    // said of the page (blocks of it that were no JSON, the claims kept for them: `partlyRead`)
    // still holds of the same page, and is said again, whatever failed in between.
    const next = await db.transaction('rw', db.feeds, () => updateRecord((current) => ({ ...healthy(current), ...(current.partlyRead ? { lastError: current.partlyRead } : {}) })));
    return { feed: next ?? feed, change: null };
  }
  if (fetched.value.nothingFound) {
    // A search that matches no review today is a feed with no claims, not a failing one: what it
    // held before is withdrawn, and it is asked again on its interval.
    return db.transaction('rw', db.packs, db.claims, db.feeds, async () => {
      if (!stillSubscribed(await db.feeds.get(feedId))) return { feed, change: null };
      const withdrawn = await db.claims.where('packId').equals(feed.packId).count();
      if (withdrawn) await deletePack(db, feed.packId);
      const change = withdrawn ? { added: 0, updated: 0, withdrawn } : null;
      const next = await updateRecord((current) => ({ ...healthy(current), lastNotes: undefined, partlyRead: undefined, claimCount: 0, ...(change ? { lastChanged: now, lastChange: change } : {}) }));
      return { feed: next ?? feed, change };
    });
  }
  // A review's address given from the site's root ("/checks/ferry/") is the feed's site's.
  const baseUrl = feed.source.kind === 'url' ? feed.source.url : undefined;
  const parsed = parsePackText(fetched.value.text, { feedName: sourceName(feed.source), sizeChecked: true, today: new Date(now), ...(baseUrl ? { baseUrl } : {}) });
  if (!parsed.ok) {
    const [first, ...rest] = parsed.error;
    return failed({ message: `The feed could not be read: ${asFeeds(first!)}${rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : ''}` });
  }
  const pack = { ...parsed.value.pack, id: feed.packId };
  // (A decoding note's first part: what follows is advice for a file the reader saved.)
  const decoded = fetched.value.note;
  const notes = feedNotes([...(fetched.value.searchNote ? [fetched.value.searchNote] : []), ...(decoded ? [`The feed's bytes: ${decoded.split('; ')[0]}.`] : []), ...parsed.value.warnings]);
  const validators = { etag: fetched.value.etag, lastModified: fetched.value.lastModified };
  const stored = db.transaction('rw', db.packs, db.claims, db.feeds, async () => {
    // Unsubscribed while it was fetched: its claims went with it, and they stay gone.
    if (!stillSubscribed(await db.feeds.get(feedId))) return { feed, change: null };
    const before = await db.claims.where('packId').equals(feed.packId).toArray();
    const stored = before.map(({ packId: _p, position: _n, ...claim }) => claim);
    // A page some of whose JSON-LD blocks that name a review are not valid JSON (a site that wrote
    // a trailing comma into one) may hold the claims it no longer lists in them: those stay as they
    // were, where they were withdrawn with no word of why, until the page reads whole again.
    const unread = parsed.value.unreadBlocks ?? 0;
    const listed = new Set(pack.claims.map((claim) => claim.id));
    const carried = unread ? stored.filter((claim) => !listed.has(claim.id)) : [];
    if (carried.length) pack.claims = [...pack.claims, ...carried];
    const change = diffClaims(stored, pack.claims);
    const partlyRead = unread
      ? `${unread === 1 ? 'A block' : `${formatCount(unread)} blocks`} of the page ${unread === 1 ? 'is' : 'are'} not valid JSON and ${unread === 1 ? 'was' : 'were'} left out${carried.length ? `: the ${plural(carried.length, 'claim')} it no longer lists elsewhere ${carried.length === 1 ? 'stays' : 'stay'} as stored` : ''}.`
      : undefined;
    const same = before.length === pack.claims.length && !change.added && !change.updated && !change.withdrawn;
    let renamed = false;
    if (!same) await importPack(db, { ...parsed.value, pack }, { now: new Date(now), forFeed: true, ...(deps.onProgress ? { onProgress: deps.onProgress } : {}) });
    else renamed = await renewHeader(db, pack);
    // Said on the feed's row, as an imported file's are said when it is imported: they went
    // without a word (reviews merged, links dropped, letters read in another encoding).
    const next = await updateRecord((current) => ({
      ...healthy(current),
      lastNotes: notes,
      ...(partlyRead ? { lastError: partlyRead } : {}),
      partlyRead,
      ...validators,
      title: pack.title,
      publisher: pack.publisher,
      claimCount: pack.claims.length,
      ...(same ? {} : { lastChanged: now, lastChange: change }),
    }));
    return { feed: next ?? feed, change: same ? null : change, ...(renamed ? { renamed } : {}) };
  });
  try {
    return await stored;
  } catch (e) {
    // A store that cannot take the new pack (a full disk) fails the refresh as a server's error
    // would: the last good claims stay (the transaction wrote nothing), the record says why, and
    // the next check backs off, rather than the feed being fetched again at once to fail the same
    // way. Where even the record cannot be written, the store's own error is what the caller gets.
    try {
      return await failed({ message: describeStorageError(e, { inBackground: true }) });
    } catch {
      throw e;
    }
  }
}

/** Writes a feed's new title, publisher and other pack-wide fields onto its stored pack, whose
 * claims stayed as they were: the pack list and the cards read them there. Whether what the cards
 * show of the pack (its title, its language) changed: a feed's other fields, such as the date it
 * was made, may change at every check, and open tabs need not read their pages again for them. */
async function renewHeader(db: ClaimlightDb, pack: FactPack): Promise<boolean> {
  const stored = await db.packs.get(pack.id);
  if (!stored) return false;
  const { claims: _claims, ...header } = pack;
  const next = { ...stored, ...header };
  if (JSON.stringify(next) !== JSON.stringify(stored)) await db.packs.put(next);
  return next.title !== stored.title || next.language !== stored.language;
}

/**
 * Writes what a refresh learnt onto the feed's record as it is now, in the caller's transaction, not
 * onto the copy read before the fetch: a feed removed meanwhile stays removed, one subscribed to
 * again is left to its own check (`null` both), and a pause, a new interval or another refresh's
 * result written meanwhile is kept.
 */
async function updateFeedRecord(
  db: ClaimlightDb,
  feedId: string,
  stillSubscribed: (current: StoredFeed | undefined) => current is StoredFeed,
  learnt: (current: StoredFeed) => Partial<StoredFeed>,
): Promise<StoredFeed | null> {
  const current = await db.feeds.get(feedId);
  if (!stillSubscribed(current)) return null;
  const next: StoredFeed = { ...current, ...learnt(current) };
  await db.feeds.put(next);
  return next;
}

/**
 * Subscribes to a source: stores its record (due at once) and refreshes it. A source already
 * subscribed to, at the same address however it is written (`feedAddress`), is refused. A pack of
 * the reader's own that holds the feed's id (its export, imported again after the feed was
 * removed) is taken over: the feed's claims replace it, and until they come it is the last good copy.
 */
export async function addFeed(
  db: ClaimlightDb,
  given: FeedSource,
  deps: RefreshDeps & { intervalMinutes?: number },
  /** How its first refresh is run: the background's, which an alarm's check of the new feed joins. */
  refresh: (feedId: string) => Promise<RefreshOutcome> = (feedId) => refreshFeed(db, feedId, deps),
): Promise<Result<RefreshOutcome, string>> {
  const source = feedSourceOf(given);
  if (!source.ok) return source;
  const feed = newFeed(source.value, (deps.now ?? Date.now)(), deps.intervalMinutes);
  const added = await db.transaction('rw', db.feeds, db.packs, async () => {
    if (await db.feeds.get(feed.id)) return false;
    // A feed stored before addresses were kept written one way is compared as it is written now.
    const address = feed.source.kind === 'url' ? feed.source.url : null;
    if (address && (await db.feeds.toArray()).some((other) => other.source.kind === 'url' && addressOf(other.source.url) === address)) return false;
    const kept = await db.packs.get(feed.packId);
    if (kept?.origin === 'bundled') return false;
    await db.feeds.add(kept ? { ...feed, claimCount: kept.claimCount } : feed);
    return true;
  });
  if (!added) return err(`You already subscribe to ${sourceName(source.value)}.`);
  try {
    return ok(await refresh(feed.id));
  } catch (e) {
    // The first check could store neither the claims nor why it failed (a full disk): the reader
    // is told nothing was changed, so the subscription goes too. Left, it was listed nowhere until
    // the page was reloaded, and subscribing again was refused as one already made.
    await db.feeds
      .where('id')
      .equals(feed.id)
      .filter((stored) => stored.addedAt === feed.addedAt)
      .delete()
      .catch(() => undefined);
    throw e;
  }
}

/** An address as `feedAddress` keeps it, or as it is where it cannot be read. */
function addressOf(url: string): string {
  const address = feedAddress(url);
  return address.ok ? address.value : url;
}

/** Unsubscribes: the feed and its claims go, in one transaction. */
export async function removeFeed(db: ClaimlightDb, feedId: string): Promise<boolean> {
  return db.transaction('rw', db.feeds, db.packs, db.claims, async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed) return false;
    await db.claims.where('packId').equals(feed.packId).delete();
    await db.packs.delete(feed.packId);
    await db.feeds.delete(feedId);
    return true;
  });
}
