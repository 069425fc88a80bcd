/**
 * What the background does for each message: reads and writes the store through `lib/store.ts`.
 * Browser-free, so tests drive it with fake-indexeddb; the background entrypoint only wires it
 * to `runtime.onMessage`.
 */
import type { PageVerdicts } from './badge';
import { withChanges, type Dismissals } from './dismissals';
import { feedOrigin, feedOriginWithPort, feedSourceOf } from './feeds/names';
import { addFeed, feedIdOf, FeedGoneError, refreshFeed, removeFeed, type RefreshDeps, type RefreshOutcome } from './feeds/refresh';
import { backoffMinutes, clampInterval, dueFeeds, type FeedTiming } from './feeds/schedule';
import { log } from './log';
import { describeSettingsError } from './settings';
import { packToClaimReview } from './claim-review';
import { byteLength, checkPackSize, packFileText, packForExport, parsePackText } from './pack';
import type { Handlers, ProtocolError } from './protocol';
import { StoreMatcher } from './store-matcher';
import { err, ok, type Result } from './result';
import type { FactPack } from './schema';
import {
  deletePack,
  describeStorageError,
  importPack,
  installBundledPack,
  listPacksWithFeeds,
  readPack,
  resetToBundled,
  summarizeStore,
  readSearchableClaims,
  type ClaimlightDb,
  type FeedSource,
  type StoreKept,
  type ImportReport,
} from './store';

/** What the handlers need: the open database, the bundled pack, and hooks for tab events. */
export interface BackgroundDeps {
  db: ClaimlightDb;
  /** Where the database is kept (`openStore`); 'disk' when not said. */
  kept?: StoreKept;
  bundled: FactPack;
  onContentScriptStarted?: (tabId: number, url: string) => Promise<void> | void;
  onMentionsShown?: (tabId: number, page: PageVerdicts) => Promise<void> | void;
  /** What feeds are fetched with (the background's `fetch`, a test's fake), the clock, and the
   * reader's Fact Check Tools key. */
  feeds?: {
    fetch: typeof fetch;
    now?: () => number;
    apiKey?: () => Promise<string | undefined>;
    onProgress?: (feedId: string, done: number, total: number) => void;
    /** Whether the browser still lets Claimlight read from an address's origin. */
    allowed?: (url: string) => Promise<boolean>;
  };
  /** The store's claims changed (an import, a deletion, a feed's refresh): open tabs scan again,
   * and the feeds' alarm is set again. */
  onStoreChanged?: () => Promise<void> | void;
  /** A feed was checked and its claims stayed as they were (unchanged, or the check failed): only
   * when it is due next moved, so the feeds' alarm is set again. */
  onFeedChecked?: () => Promise<void> | void;
  /** No feed is read from this origin any longer: its permission can be given back. */
  onOriginUnused?: (origin: string) => Promise<void> | void;
  /** Where the reader's hidden matches and reports are kept (`storedDismissals`). */
  dismissals?: { read(): Promise<Dismissals>; write(list: Dismissals): Promise<void> };
}

const storageError = (e: unknown): ProtocolError => ({ code: 'storage', message: describeStorageError(e, { inBackground: true }) });
const noSuchFeed = () => err<ProtocolError>({ code: 'not-found', message: 'There is no such feed.' });

/** A handler's work on the store, whose failure (a full disk, a closed database) is told in words
 * the reader can act on, not as the exception's own text. */
async function storeWork<T>(work: () => Promise<Result<T, ProtocolError>>): Promise<Result<T, ProtocolError>> {
  try {
    return await work();
  } catch (e) {
    return err(storageError(e));
  }
}

function fileNameFor(pack: FactPack, format: 'claimlight' | 'claimreview'): string {
  const slug = pack.id.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
  return format === 'claimreview' ? `${slug}.claimreview.json` : `${slug}.claimlight.json`;
}

/** Imports a file's text, reporting progress; what both the message and the import port do. */
export type ImportWithProgress = (
  text: string,
  fileName: string | undefined,
  onProgress?: (done: number, total: number) => void,
) => Promise<Result<ImportReport, ProtocolError>>;

/** Builds the handler for every message of the protocol, and the importer the import port uses. */
export function createBackgroundHandlers({ db, kept = 'disk', bundled, onContentScriptStarted, onMentionsShown, feeds, onStoreChanged, onFeedChecked, onOriginUnused, dismissals }: BackgroundDeps): Handlers & { importWithProgress: ImportWithProgress; refreshDueFeeds(): Promise<number>; feedTimings(): Promise<FeedTiming[]>; bundledMissing(): void } {
  const matcher = new StoreMatcher(db);
  /** The last change to the hidden matches, which the next waits for (`changeDismissals`). */
  let dismissalWrites: Promise<unknown> = Promise.resolve();
  /** The store, opened again where it failed to open (a full disk as the browser started, an
   * IndexedDB error once): Dexie does not try again by itself, so every message after failed,
   * saying "free some space, then try again", which could not help. The bundled pack, which could
   * not be installed then, is installed once it opens. */
  let reopening: Promise<void> | null = null;
  /** Set once the store is opened again, until the bundled pack is installed: an install that fails
   * (a little room freed, not enough) is tried again at the next message. */
  let bundledMissing = false;
  const opened = async () => {
    // A message that comes while the store is opened again waits for it (Dexie no longer reports
    // the failure once it is opening), or it would read a store without the bundled pack.
    if (!reopening && (bundledMissing || db.hasFailed())) {
      const settled = (async () => {
        const reopened = db.hasFailed();
        if (reopened) await db.open();
        bundledMissing = true;
        try {
          await installBundledPack(db, bundled);
          bundledMissing = false;
        } catch (e) {
          // The store is open and holds all it held (an install that fails writes nothing): the
          // message is answered from it. Failing it too, every message failed, deleting a pack to
          // make room (what the storage message advises) among them. Tried again at the next one.
          log.error('could not install the bundled fact pack', e);
          return reopened;
        }
        return true;
      })();
      reopening = settled.then(() => undefined).finally(() => (reopening = null));
      // Then tabs that could not be read scan again, and the feeds' alarm, which could not be set
      // while the store was shut, is set: once the store is open, not as part of opening it. Setting
      // the alarm reads the feeds (`feedTimings`), which waits for the store to open: awaited in
      // here, it waited for itself, and every message after hung until the background restarted.
      // (Not where only the install failed again: the tabs' scans would be messages that try it
      // again, and fail, and tell the tabs again.)
      void settled.then(
        async (anew) => {
          if (!anew) return;
          await changed();
          await feedsChanged();
        },
        () => undefined,
      );
    }
    if (reopening) await reopening;
  };
  /** A handler's work on the store (`storeWork`), on a store opened again if it failed to open. */
  const onStore = <T,>(work: () => Promise<Result<T, ProtocolError>>) =>
    storeWork(async () => {
      await opened();
      return work();
    });
  // The store's write has committed by the time the tabs and the alarm are told: a failure to tell
  // them (storage.local full) is logged, never answered as the write's own failure, which would say
  // "nothing was changed" of an import that was stored.
  const changed = async () => {
    matcher.invalidate();
    await Promise.resolve(onStoreChanged?.()).catch((e: unknown) => log.error('could not tell the open tabs that the claims changed', e));
  };
  /** What refreshing the feed `feedId` needs: the fetch, the clock, the key, and where its progress goes. */
  const feedDeps = async (feedId: string): Promise<RefreshDeps> => {
    if (!feeds) throw new Error('Feeds are not available here.');
    const apiKey = await feeds.apiKey?.();
    const progress = feeds.onProgress;
    return {
      fetch: feeds.fetch,
      ...(feeds.allowed ? { allowed: feeds.allowed } : {}),
      ...(feeds.now ? { now: feeds.now } : {}),
      ...(apiKey ? { apiKey } : {}),
      ...(progress ? { onProgress: (done: number, total: number) => progress(feedId, done, total) } : {}),
    };
  };
  /** After a feed's check: a changed pack tells the tabs (and sets the alarm); any other outcome
   * sets the alarm alone, since a failed first check is due again in 15 minutes. */
  const checked = async (outcome: RefreshOutcome): Promise<RefreshOutcome> => {
    // A pack renamed with its claims as they were changes what the cards say of it: the matcher's
    // copy goes and open tabs read it again, as after a change of claims.
    if (outcome.change || outcome.renamed) await changed();
    else await feedsChanged();
    return outcome;
  };
  /** A feed's record changed, not its claims: the settings page shows it and the alarm is set again. */
  const feedsChanged = async () => {
    await Promise.resolve(onFeedChecked?.()).catch((e: unknown) => log.error('could not set the feeds\' alarm', e));
  };
  const now = () => (feeds?.now ?? Date.now)();
  /** Feeds whose refresh threw (a store that cannot take even the feed's record, a full disk), by
   * the time before which they are not asked again. Their record could not say when they are due
   * next, and without this the alarm, reading the record, found them due at once and fetched them
   * again every second. Kept in memory: a new background starts afresh, as it would anyway. */
  const heldBack = new Map<string, number>();
  const holdBack = async (feedId: string) => {
    const feed = await db.feeds.get(feedId).catch(() => undefined);
    // No longer than the feed's own interval, as a failure its record holds (`nextCheckAfter`): a
    // time further off reads as one a clock ahead wrote (`dueAt`), and the feed was due at once.
    const wait = Math.min(backoffMinutes((feed?.failures ?? 0) + 1), feed ? clampInterval(feed.intervalMinutes) : Number.POSITIVE_INFINITY);
    heldBack.set(feedId, now() + wait * 60_000);
  };
  /** A feed's timing with any time it is held back until: what is due, and what the alarm is set for. */
  const timingOf = <F extends FeedTiming & { id: string }>(feed: F): F => {
    const until = heldBack.get(feed.id);
    return until !== undefined && until > feed.nextCheck ? { ...feed, nextCheck: until } : feed;
  };
  /** Refreshes under way, by feed: "Refresh now" pressed while the alarm's check of the same feed
   * waits on a slow server shares that check, rather than fetching twice and counting one outage
   * as two failures. */
  const inFlight = new Map<string, Promise<RefreshOutcome>>();
  /** Runs a refresh, or joins the one under way (a new feed's first one too). */
  const refreshOnce = (feedId: string): Promise<RefreshOutcome> => {
    let run = inFlight.get(feedId);
    if (!run) {
      const started = (async () => refreshFeed(db, feedId, await feedDeps(feedId)))().then(
        (outcome) => {
          heldBack.delete(feedId);
          return outcome;
        },
        async (e: unknown) => {
          await holdBack(feedId);
          throw e;
        },
      );
      // A feed removed and subscribed to again while this ran has a refresh of its own: this one
      // leaves that one's entry alone.
      run = started.finally(() => inFlight.get(feedId) === run && inFlight.delete(feedId));
      inFlight.set(feedId, run);
    }
    return run;
  };
  /** Runs a refresh, or joins the one under way, and tells what follows from it (`checked`). */
  const refreshing = async (feedId: string): Promise<RefreshOutcome> => checked(await refreshOnce(feedId));
  /** Gives back the permission of each origin that no stored feed is read from any longer. */
  const releaseOrigins = async (sources: readonly FeedSource[]) => {
    const used = new Set((await db.feeds.toArray()).map((feed) => feedOrigin(feed.source)));
    for (const origin of new Set(sources.map(feedOrigin))) if (origin && !used.has(origin)) await onOriginUnused?.(origin);
    // A feed on a port of its own subscribed to before its host was asked for whatever the port
    // holds its origin with the port ("http://127.0.0.1:8080/*"): that goes back too.
    for (const source of sources) {
      const withPort = feedOriginWithPort(source);
      if (withPort && !used.has(feedOrigin(source))) await onOriginUnused?.(withPort);
    }
  };
  /** Checks every feed that is due, one after another; how many were checked. */
  const refreshDueFeeds = async (): Promise<number> => {
    await opened().catch(() => undefined);
    const due = dueFeeds((await db.feeds.toArray()).map(timingOf), now());
    let checkedFeeds = 0;
    let claimsChanged = false;
    try {
      for (const { id } of due) {
        // Read again at its turn: while a slow feed before it was checked, the reader may have paused
        // it, removed it or refreshed it by hand (then it is no longer due, and fetching it again
        // would count one outage twice).
        const current = await db.feeds.get(id);
        if (!current || !dueFeeds([timingOf(current)], now()).length) continue;
        checkedFeeds++;
        try {
          const outcome = await refreshOnce(id);
          if (outcome.change || outcome.renamed) claimsChanged = true;
        } catch (e) {
          // A store that cannot be written (a full disk) fails this feed's refresh, not the others'.
          log.error(`could not refresh the feed ${id}`, e);
        }
      }
    } finally {
      // Told once for the whole run (`checked`): told after each feed, every open tab scanned its
      // page again, and the index was built again, once for each feed that changed. Told too when
      // the run stops short (the store closed under it): the feeds it did refresh are stored, and
      // are no longer due, so no later run would tell of them.
      if (claimsChanged) await changed();
      else if (checkedFeeds) await feedsChanged();
    }
    return checkedFeeds;
  };
  const importWithProgress: ImportWithProgress = async (text, fileName, onProgress) => {
    const parsed = parsePackText(text, { fileName });
    if (!parsed.ok) {
      const count = parsed.error.length;
      return err({
        code: 'invalid-pack',
        message: `Nothing was imported: the file has ${count} problem${count === 1 ? '' : 's'}.`,
        details: parsed.error.slice(0, 200),
      });
    }
    return onStore(async () => {
      const report = await importPack(db, parsed.value, { onProgress });
      await changed();
      return ok(report);
    });
  };
  return {
    importWithProgress,
    refreshDueFeeds,
    // The background's install of the bundled pack at start failed on a store that opened (a
    // write refused once): the next message installs it, as after a store opened again. Only
    // logged, it was never tried again while the background lived, and no page was marked.
    bundledMissing: () => {
      bundledMissing = true;
    },
    feedTimings: async () => {
      await opened().catch(() => undefined);
      return (await db.feeds.toArray()).map(timingOf);
    },
    listFeeds: () => onStore(async () => ok(await db.feeds.orderBy('id').toArray())),
    addFeed: ({ source: given, intervalMinutes }) =>
      onStore(async () => {
        const source = feedSourceOf(given);
        if (!source.ok) return err({ code: 'invalid-pack', message: source.error });
        const added = await addFeed(db, source.value, { ...(await feedDeps(feedIdOf(source.value))), ...(intervalMinutes ? { intervalMinutes } : {}) }, refreshOnce);
        if (!added.ok) return err({ code: 'invalid-pack', message: added.error });
        return ok(await checked(added.value));
      }),
    refreshFeed: ({ feedId }) =>
      onStore(async () => {
        if (!(await db.feeds.get(feedId))) return noSuchFeed();
        // Removed while its check was set up (its key read): gone, which is no failure of the store.
        const outcome = await refreshing(feedId).catch((e: unknown) => (e instanceof FeedGoneError ? null : Promise.reject(e)));
        return outcome ? ok(outcome) : noSuchFeed();
      }),
    setFeedPaused: ({ feedId, paused }) =>
      onStore(async () => {
        // Resumed, a feed is due at once if its time passed while it was paused.
        const next = await db.transaction('rw', db.feeds, async () => {
          const feed = await db.feeds.get(feedId);
          if (!feed) return null;
          await db.feeds.put({ ...feed, paused });
          return { ...feed, paused };
        });
        if (!next) return noSuchFeed();
        // A pause changes no claim: the tabs need not scan again, the alarm is set anew. Stored, the
        // pause is answered as done, whatever telling the settings page and the alarm comes to.
        await feedsChanged();
        return ok(next);
      }),
    removeFeed: ({ feedId }) =>
      onStore(async () => {
        const feed = await db.feeds.get(feedId);
        if (!feed) return noSuchFeed();
        await removeFeed(db, feedId);
        // A check of it still under way is this feed's no longer: subscribed to again, the feed gets
        // a check of its own (`refreshFeed` leaves the new record alone).
        inFlight.delete(feedId);
        heldBack.delete(feedId);
        await changed();
        await releaseOrigins([feed.source]);
        return ok({ removed: true as const });
      }),
    getStoreSummary: () => onStore(async () => ok(await summarizeStore(db, kept))),
    listPacks: () => onStore(async () => ok(await listPacksWithFeeds(db))),
    listClaims: () => onStore(async () => ok(await readSearchableClaims(db))),
    importPack: ({ text, fileName }) => importWithProgress(text, fileName),
    exportPack: ({ packId, format }) =>
      onStore(async () => {
        const stored = await readPack(db, packId);
        if (!stored) return err({ code: 'not-found', message: `There is no pack "${packId}".` });
        // What an older Claimlight stored and this one would refuse on import is left out, and said.
        const { pack, left, refused } = packForExport(stored);
        // A claim's empty cues are left out of our format (an import puts them back): some 34 bytes
        // a claim, which took a pack imported near the size limit past it once exported.
        const body = format === 'claimreview' ? packToClaimReview(pack) : { ...pack, claims: pack.claims.map(({ cues, ...claim }) => (cues.phrases.length || cues.terms.length ? { ...claim, cues } : claim)) };
        const text = packFileText(body);
        // ClaimReview says more per claim than our format: a large pack's may pass what an import
        // takes. It is written all the same, for other tools, and the reader is told how to move
        // the pack to another Claimlight. Our format can pass it too (links stored percent-encoded,
        // the lines an import of reviews wrote): said, where it said nothing.
        const tooBig = checkPackSize(byteLength(text));
        const notes = [
          ...(left.length ? [`${left.length === 1 ? 'One value' : `${left.length} values`} stored by an earlier Claimlight ${left.length === 1 ? 'is' : 'are'} not in the file, since this version does not take ${left.length === 1 ? 'it' : 'them'}: ${left.slice(0, 5).join('; ')}${left.length > 5 ? `; and ${left.length - 5} more` : ''}.`] : []),
          ...(refused.length ? [`This version would refuse ${refused.length === 1 ? 'one value' : `${refused.length} values`} of the file on import, stored by an earlier Claimlight: ${refused.slice(0, 5).join('; ')}${refused.length > 5 ? `; and ${refused.length - 5} more` : ''}.`] : []),
          ...(tooBig ? [`${tooBig.replace(/ Split it.*$/, '')} ${format === 'claimreview' ? 'To import this pack again, export it as a Claimlight pack.' : 'To import it again, split its claims into packs of that size or less.'}`] : []),
        ];
        const note = notes.length ? notes.join(' ') : undefined;
        return ok({ fileName: fileNameFor(pack, format), text, ...(note ? { note } : {}) });
      }),
    deletePack: ({ packId }) =>
      onStore(async () => {
        // The bundled pack is what a fresh store holds: deleted, it would be installed again at the
        // next start, so the settings page offers no Delete for it and a message cannot either.
        if ((await db.packs.get(packId))?.origin === 'bundled') {
          return err({ code: 'invalid-pack', message: 'The bundled pack comes with Claimlight and cannot be deleted.' });
        }
        if (await db.feeds.where('packId').equals(packId).count()) {
          return err({ code: 'invalid-pack', message: 'This pack comes from a feed: remove the feed to remove its claims.' });
        }
        if (!(await deletePack(db, packId))) return err({ code: 'not-found', message: `There is no pack "${packId}".` });
        await changed();
        return ok({ deleted: true as const });
      }),
    resetStore: () =>
      onStore(async () => {
        // The feeds go with their packs, in the same transaction, and so do their origins' permissions.
        const sources = (await db.feeds.toArray()).map((feed) => feed.source);
        await db.transaction('rw', db.packs, db.claims, db.feeds, async () => {
          await resetToBundled(db, bundled);
          await db.feeds.clear();
        });
        inFlight.clear();
        heldBack.clear();
        await changed();
        await releaseOrigins(sources);
        return ok(await summarizeStore(db, kept));
      }),
    async contentScriptStarted({ url }, sender) {
      // A private window's tab is noted nowhere, not even until the browser closes.
      if (sender.tabId !== undefined && !sender.privateTab) await onContentScriptStarted?.(sender.tabId, url);
      return onStore(async () => ok(await summarizeStore(db, kept)));
    },
    findMentions: ({ blocks, pageDate, sensitivity, opening }) => onStore(async () => ok(await matcher.find(blocks, pageDate, sensitivity, opening))),
    changeDismissals: ({ changes }) => {
      // One change after another, each on the list as the last one left it: read, changed and
      // written back by each tab itself, two tabs' changes at one moment kept only the later write.
      const change = dismissalWrites.then(async (): Promise<Result<{ kept: true }, ProtocolError>> => {
        if (!dismissals) return err({ code: 'internal', message: 'Claimlight’s background keeps no hidden matches here.' });
        try {
          await dismissals.write(withChanges(await dismissals.read(), changes));
          return ok({ kept: true as const });
        } catch (e) {
          log.error('Could not remember the hidden matches', e);
          return err({ code: 'storage', message: `The hidden match was not kept: ${describeSettingsError(e, 'local')}` });
        }
      });
      dismissalWrites = change;
      return change;
    },
    async mentionsShown(page, sender) {
      // A page being prerendered in a tab has not replaced the page the tab shows: its mentions are
      // not the tab's yet (it reports again when it is shown).
      if (sender.tabId !== undefined && sender.documentActive !== false) await onMentionsShown?.(sender.tabId, page);
      return ok({ shown: true as const });
    },
  };
}
