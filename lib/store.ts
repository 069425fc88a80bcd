/**
 * The fact store: a Dexie database of packs and their claims, with its schema versions and the
 * writes that keep it whole (install the bundled pack, import, delete, reset), each in one
 * transaction. The `indexedDB` implementation is passed in, so tests and the CLI can use
 * fake-indexeddb. Parsing files is `lib/pack.ts`'s job; the background owns the live database.
 */
import Dexie, { type Table } from 'dexie';
import type { PackFormat, ParsedPack } from './pack';
import type { ClaimForCard } from './protocol';
import { PACK_FORMAT_VERSION, type Claim, type FactPack } from './schema';

/** Where a pack came from: shipped with Claimlight, or imported by the user. */
export type PackOrigin = 'bundled' | 'user';

/** A pack's header as stored, without its claims. */
export interface StoredPack extends Omit<FactPack, 'claims'> {
  origin: PackOrigin;
  sourceFormat: PackFormat;
  importedAt: string;
  claimCount: number;
}

/** A claim as stored: keyed by its pack and its id, since ids are unique only within a pack;
 * `position` keeps the pack's own order, which the key does not. */
export interface StoredClaim extends Claim {
  packId: string;
  position: number;
}

/** Where a feed is read from: a document on the web, or a Fact Check Tools search (its API key is
 * kept apart, in `storage.local`, and never stored here or exported). */
export type FeedSource =
  | { kind: 'url'; url: string }
  | { kind: 'factcheck'; query?: string; publisherSite?: string; languageCode?: string };

/** What the last refresh that changed a feed's pack did. */
export interface FeedChange {
  added: number;
  updated: number;
  withdrawn: number;
}

/** A feed the reader subscribed to, and the state of its refreshes. Its claims are the pack `packId`. */
export interface StoredFeed {
  id: string;
  source: FeedSource;
  packId: string;
  title: string;
  publisher: string;
  claimCount: number;
  addedAt: number;
  /** When the feed was last asked, and when what it said last changed (ms since the epoch). */
  lastChecked?: number;
  lastChanged?: number;
  lastChange?: FeedChange;
  /** Why the last check failed, in plain words, and since when the feed has been failing. */
  lastError?: string;
  /** What the last check that read the feed left out, or read otherwise than written (a review's
   * address that is no web address, bytes in another encoding than named): the first few, then
   * how many more (`MAX_FEED_NOTES`). */
  lastNotes?: string[];
  /** What the last read said of blocks of the page that were no JSON, and the claims kept for them
   * (`lastError` then): said again after a 304, which says the page is as it was, though a failed
   * check between wrote its own `lastError`. */
  partlyRead?: string;
  failingSince?: number;
  failures: number;
  intervalMinutes: number;
  paused: boolean;
  nextCheck: number;
  etag?: string;
  lastModified?: string;
}

/** Options for opening the store; tests pass a database name and fake-indexeddb. */
export interface StoreOptions {
  name?: string;
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export const DEFAULT_DB_NAME = 'claimlight';

/** The schema of every version, oldest first. Shipped versions are never edited, only added to. */
export const SCHEMA_VERSIONS = {
  1: { packs: 'id', claims: '[packId+id], packId' },
  // v2: packs carry `origin` and `claimCount` (the pack list no longer counts claims on every
  // open); claims carry `position` (export keeps the pack's order) and are indexed by verdict
  // for the popup's filters.
  2: { packs: 'id, origin', claims: '[packId+id], packId, verdict' },
  // v3: the same tables; packs are stored in pack format 2 (claims may say which telling their
  // verdict judges), so every stored header says so and exports write the current format.
  3: { packs: 'id, origin', claims: '[packId+id], packId, verdict' },
  // v4: feeds the reader subscribed to, each the source of one pack (lib/feeds/).
  4: { packs: 'id, origin', claims: '[packId+id], packId, verdict', feeds: 'id, &packId' },
} as const;

/** Claimlight's IndexedDB database. */
export class ClaimlightDb extends Dexie {
  packs!: Table<StoredPack, string>;
  claims!: Table<StoredClaim, [string, string]>;
  feeds!: Table<StoredFeed, string>;

  constructor(options: StoreOptions = {}) {
    super(options.name ?? DEFAULT_DB_NAME, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.version(1).stores(SCHEMA_VERSIONS[1]);
    this.version(2)
      .stores(SCHEMA_VERSIONS[2])
      .upgrade(async (tx) => {
        // v1 marked the shipped pack with `bundled: true` and stored no claim count.
        const counts = new Map<string, number>();
        await tx.table('claims').toCollection().modify((claim: StoredClaim) => {
          const count = counts.get(claim.packId) ?? 0;
          claim.position = count;
          counts.set(claim.packId, count + 1);
        });
        await tx.table('packs').toCollection().modify((pack: Record<string, unknown>) => {
          pack.origin = pack.bundled ? 'bundled' : 'user';
          delete pack.bundled;
          pack.claimCount = counts.get(pack.id as string) ?? 0;
          pack.sourceFormat ??= 'claimlight';
          pack.importedAt ??= new Date(0).toISOString();
        });
      });
    this.version(3)
      .stores(SCHEMA_VERSIONS[3])
      .upgrade(async (tx) => {
        // A format 1 pack is a format 2 pack with no telling: only the header's number changes.
        await tx.table('packs').toCollection().modify((pack: Record<string, unknown>) => {
          pack.formatVersion = PACK_FORMAT_VERSION;
        });
      });
    this.version(4).stores(SCHEMA_VERSIONS[4]);
  }
}

/** Compares two pack versions ("1.2.0", "2025-02-12") part by part, numbers as numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

function headerOf(pack: FactPack, origin: PackOrigin, sourceFormat: PackFormat, now: Date): StoredPack {
  const { claims, ...header } = pack;
  return { ...header, origin, sourceFormat, importedAt: now.toISOString(), claimCount: claims.length };
}

const CHUNK = 2_000;

async function writeClaims(db: ClaimlightDb, pack: FactPack, onProgress?: (done: number, total: number) => void) {
  for (let i = 0; i < pack.claims.length; i += CHUNK) {
    await db.claims.bulkPut(pack.claims.slice(i, i + CHUNK).map((claim, j) => ({ ...claim, packId: pack.id, position: i + j })));
    // Told, never stopped by the telling: a listener that throws (the settings page closed, its port
    // gone) inside this transaction cancelled the whole import.
    try {
      onProgress?.(Math.min(i + CHUNK, pack.claims.length), pack.claims.length);
    } catch {
      // The write goes on; whoever listened is no longer there to hear.
    }
  }
}

/** What installing the bundled pack did. */
export type BundledInstall = 'installed' | 'updated' | 'unchanged';

/**
 * Makes the store hold this bundled pack: installs it when absent, replaces an older bundled pack,
 * and leaves user-imported packs alone.
 */
export async function installBundledPack(db: ClaimlightDb, pack: FactPack, now = new Date()): Promise<BundledInstall> {
  return db.transaction('rw', db.packs, db.claims, async () => {
    const bundled = await db.packs.where('origin').equals('bundled').toArray();
    const current = bundled.find((p) => p.id === pack.id);
    if (current && bundled.length === 1 && compareVersions(pack.version, current.version) <= 0) return 'unchanged';
    for (const old of bundled) {
      await claimsOf(db, old.id).delete();
      await db.packs.delete(old.id);
    }
    // A pack the reader imported under the id an update now bundles (the next seed pack, taken
    // early) is replaced whole: its claims used to stay under the bundled pack's header, marked
    // on pages and exported with it.
    await claimsOf(db, pack.id).delete();
    await db.packs.put(headerOf(pack, 'bundled', 'claimlight', now));
    await writeClaims(db, pack);
    return bundled.length ? 'updated' : 'installed';
  });
}

/** What an import did. */
export interface ImportReport {
  packId: string;
  title: string;
  claimCount: number;
  format: PackFormat;
  /** The pack of the same id this one replaced, as it was. */
  replaced: { title: string; version: string; claimCount: number } | null;
  /** The other packs that hold some of the same claims (by id), and how many: a file imported
   * again after an edit is a pack of its own, whose claims the reader would otherwise see twice.
   * Empty for a feed's refresh, which reports none of it. `bundled` marks the pack that comes with
   * Claimlight (their import of its own export, say), and `fromFeed` one a feed keeps: the reader
   * can delete neither, and removes a feed's pack by removing the feed. */
  alsoIn: { title: string; claimCount: number; bundled?: true; fromFeed?: true }[];
  warnings: string[];
}

/** Thrown (and turned into a message at the UI edge) when an import would overwrite the bundled pack. */
export class ReservedPackIdError extends Error {
  override name = 'ReservedPackIdError';
}

/**
 * Stores an imported pack in one transaction: a pack with the same id is replaced whole, and a
 * failure part-way leaves the store exactly as it was. The bundled pack's id is refused, and so is
 * a feed's pack's unless the feed's own refresh writes it (`forFeed`): a feed's pack exported and
 * imported again would otherwise take the feed's place, until its next refresh wrote over it.
 */
export async function importPack(
  db: ClaimlightDb,
  parsed: ParsedPack,
  options: { now?: Date; onProgress?: (done: number, total: number) => void; forFeed?: boolean } = {},
): Promise<ImportReport> {
  const { pack } = parsed;
  return db.transaction('rw', db.packs, db.claims, db.feeds, async () => {
    const existing = await db.packs.get(pack.id);
    if (existing?.origin === 'bundled') {
      throw new ReservedPackIdError(`The pack id "${pack.id}" belongs to the bundled pack; give the imported pack another id.`);
    }
    const feed = options.forFeed ? undefined : await db.feeds.where('packId').equals(pack.id).first();
    if (feed) {
      throw new ReservedPackIdError(`The pack id "${pack.id}" belongs to the feed "${feed.title}"; give the imported pack another id, or remove the feed first.`);
    }
    if (existing) await claimsOf(db, pack.id).delete();
    // Only for the reader's own import, whose report says it: a feed's refresh, which says nothing
    // of it, read every other pack's keys for it inside its write.
    const alsoIn = options.forFeed ? [] : await packsHolding(db, pack);
    await db.packs.put(headerOf(pack, 'user', parsed.format, options.now ?? new Date()));
    await writeClaims(db, pack, options.onProgress);
    return {
      packId: pack.id,
      title: pack.title,
      claimCount: pack.claims.length,
      format: parsed.format,
      replaced: existing ? { title: existing.title, version: existing.version, claimCount: existing.claimCount } : null,
      alsoIn,
      warnings: parsed.warnings,
    };
  });
}

/** The other packs (not this one) holding claims of this pack's ids: the reader's, a feed's, and the
 * bundled one, whose claims a reader who imports its ClaimReview export again gets twice in every search. */
async function packsHolding(db: ClaimlightDb, pack: FactPack): Promise<ImportReport['alsoIn']> {
  const ids = new Set(pack.claims.map((claim) => claim.id));
  const fromFeeds = new Set((await db.feeds.toArray()).map((feed) => feed.packId));
  const found: ImportReport['alsoIn'] = [];
  for (const other of await db.packs.toArray()) {
    if (other.id === pack.id) continue;
    const keys = await claimsOf(db, other.id).primaryKeys();
    const shared = keys.filter(([, id]) => ids.has(id)).length;
    if (!shared) continue;
    const kept = other.origin === 'bundled' ? { bundled: true as const } : fromFeeds.has(other.id) ? { fromFeed: true as const } : {};
    found.push({ title: other.title, claimCount: shared, ...kept });
  }
  return found;
}

/** Deletes a pack and its claims; returns false when there was no such pack. */
export async function deletePack(db: ClaimlightDb, packId: string): Promise<boolean> {
  return db.transaction('rw', db.packs, db.claims, async () => {
    if (!(await db.packs.get(packId))) return false;
    await claimsOf(db, packId).delete();
    await db.packs.delete(packId);
    return true;
  });
}

/** Removes every pack and installs the bundled one again, in one transaction. */
export async function resetToBundled(db: ClaimlightDb, pack: FactPack, now = new Date()): Promise<void> {
  await db.transaction('rw', db.packs, db.claims, async () => {
    await db.claims.clear();
    await db.packs.clear();
    await installBundledPack(db, pack, now);
  });
}

/** Every pack, bundled first, then by title. */
export async function listPacks(db: ClaimlightDb): Promise<StoredPack[]> {
  const packs = await db.packs.toArray();
  return packs.sort((a, b) => (a.origin === b.origin ? a.title.localeCompare(b.title) : a.origin === 'bundled' ? -1 : 1));
}

/** A pack as the pack list shows it: `fromFeed` when a feed keeps it. */
export type ListedPack = StoredPack & { fromFeed?: true };

/** The packs as the settings page lists them: a feed's pack goes with its feed (removing the feed
 * removes it), so the list offers no Delete for it that the background would refuse. */
export async function listPacksWithFeeds(db: ClaimlightDb): Promise<ListedPack[]> {
  const [packs, feeds] = await Promise.all([listPacks(db), db.feeds.toArray()]);
  const fromFeeds = new Set(feeds.map((feed) => feed.packId));
  return packs.map((pack) => (fromFeeds.has(pack.id) ? { ...pack, fromFeed: true as const } : pack));
}

/**
 * A pack's claims as a range of the primary key `[packId+id]`. Dexie deletes such a range with a
 * single delete request over the range, without reading the keys; through the `packId` index it
 * reads every key first and deletes them in batches, which took over a second for a 10,000-claim
 * pack in Chromium.
 */
function claimsOf(db: ClaimlightDb, packId: string) {
  return db.claims.where('[packId+id]').between([packId, Dexie.minKey], [packId, Dexie.maxKey], true, true);
}

/** Stored claims as the card and the popup show them: without their position, with their pack's
 * title and language. */
export function claimsForCard(stored: readonly StoredClaim[], packs: readonly (Pick<StoredPack, 'id' | 'title'> & Partial<Pick<StoredPack, 'language'>>)[]): ClaimForCard[] {
  const byId = new Map(packs.map((pack) => [pack.id, pack]));
  return stored.map(({ position: _, ...claim }) => {
    const pack = byId.get(claim.packId);
    return { ...claim, packTitle: pack?.title ?? claim.packId, ...(pack?.language ? { packLanguage: pack.language } : {}) };
  });
}

/** A pack with its claims in stored order, ready to export; `null` when there is no such pack. */
export async function readPack(db: ClaimlightDb, packId: string): Promise<FactPack | null> {
  return db.transaction('r', db.packs, db.claims, async () => {
    const stored = await db.packs.get(packId);
    if (!stored) return null;
    const claims = await db.claims.where('packId').equals(packId).toArray();
    claims.sort((a, b) => a.position - b.position);
    const { origin: _o, sourceFormat: _f, importedAt: _i, claimCount: _c, ...header } = stored;
    return { ...header, claims: claims.map(({ packId: _p, position: _n, ...claim }) => claim) };
  });
}

/** Counts of what the store holds. */
export interface StoreSummary {
  packCount: number;
  claimCount: number;
  /** The store lasts only until the browser closes (`openStore`). */
  inMemory?: true;
}

/** How many packs and claims the store holds, and whether it is kept in memory only. */
export async function summarizeStore(db: ClaimlightDb, kept: StoreKept = 'disk'): Promise<StoreSummary> {
  const [packCount, claimCount] = await Promise.all([db.packs.count(), db.claims.count()]);
  return { packCount, claimCount, ...(kept === 'memory' ? { inMemory: true as const } : {}) };
}

/** Every claim as the popup searches it, in the packs' order (bundled first) and each pack's own,
 * with the packs' titles. */
export async function readSearchableClaims(db: ClaimlightDb): Promise<{ claims: ClaimForCard[]; packs: { id: string; title: string }[] }> {
  return db.transaction('r', db.packs, db.claims, async () => {
    const packs = await listPacks(db);
    const order = new Map(packs.map((pack, i) => [pack.id, i]));
    const stored = await db.claims.toArray();
    stored.sort((a, b) => (order.get(a.packId) ?? 0) - (order.get(b.packId) ?? 0) || a.position - b.position);
    return { claims: claimsForCard(stored, packs), packs: packs.map(({ id, title }) => ({ id, title })) };
  });
}

/** Whether the browser refused Claimlight a database it may write to: Firefox does so to the
 * background when it is set never to remember history, and to an extension page in a private
 * window ("A mutation operation was attempted on a database that did not allow mutations"). A
 * reload is refused the same way. */
export function refusesToStore(error: unknown): boolean {
  const said = `${(error as { message?: string })?.message ?? ''} ${(error as { inner?: { message?: string } })?.inner?.message ?? ''}`;
  return /did not allow mutations/.test(said);
}

/** Where the store is kept: where the browser keeps IndexedDB, or in memory until it closes. */
export type StoreKept = 'disk' | 'memory';

/**
 * Opens the store the browser keeps; where the browser refuses Claimlight one (`refusesToStore`),
 * opens `inMemory()` instead, so that pages are still marked and the claims searched, and what the
 * reader adds lasts until the browser closes. Any other failure leaves the browser's store in
 * place, so that each use of it says what went wrong (`describeStorageError`).
 */
export async function openStore(onDisk: ClaimlightDb, inMemory: () => ClaimlightDb): Promise<{ db: ClaimlightDb; kept: StoreKept }> {
  try {
    await onDisk.open();
    return { db: onDisk, kept: 'disk' };
  } catch (error) {
    if (!refusesToStore(error)) return { db: onDisk, kept: 'disk' };
    onDisk.close();
    return { db: inMemory(), kept: 'memory' };
  }
}

/** Turns a storage failure into a sentence the user can act on, by the error's name. `inBackground`:
 * the background's own store failed, not a page's (the message differs for private browsing). */
export function describeStorageError(error: unknown, { inBackground = false }: { inBackground?: boolean } = {}): string {
  const name = (error as { name?: string })?.name ?? '';
  const inner = (error as { inner?: { name?: string } })?.inner?.name ?? '';
  // Where IndexedDB fails a bulk write's requests themselves (not the transaction), Dexie's
  // BulkError holds each request's error in `failures`.
  const failures = (error as { failures?: unknown })?.failures;
  const failedFor = (wanted: string) => Array.isArray(failures) && failures.some((f) => (f as { name?: string } | null)?.name === wanted);
  if (name === 'ReservedPackIdError') return (error as Error).message;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || failedFor('QuotaExceededError')) {
    return 'Your browser has no room left for Claimlight’s data. Free some disk space or delete a fact pack, then try again. Nothing was changed.';
  }
  if (name === 'VersionError' || name === 'UpgradeError') {
    return 'Claimlight’s database was written by a newer version of Claimlight. Update the extension; nothing was changed.';
  }
  // Firefox lets no extension page open IndexedDB in a private window ("A mutation operation was
  // attempted on a database that did not allow mutations"): nothing was closed, and a reload
  // would fail the same way. The background, which marks pages, is not private then; where it is
  // refused too, Firefox is set never to remember history, and the background keeps its store in
  // memory (`openStore`): these words are for when even that failed.
  if (refusesToStore(error)) {
    if (inBackground) return 'Firefox is set never to remember history, and then it lets Claimlight keep no database: it cannot store or mark claims. Choose “Remember history” in Firefox’s privacy settings to use it.';
    return 'In a private window, Firefox does not let this page open Claimlight’s database. Pages are still marked; open this in a normal window to search the claims.';
  }
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError') {
    return 'Claimlight’s database was closed while it was in use. Reload the page and try again; nothing was changed.';
  }
  // Chrome's answer where the files behind a database are damaged or cannot be read: a restart
  // often clears it.
  if (name === 'UnknownError' || inner === 'UnknownError') {
    return 'Your browser could not read or write Claimlight’s database (UnknownError), as happens when the files it keeps it in are damaged or locked. Restart the browser and try again; nothing was changed.';
  }
  // "Use", not "save": most messages only read (the settings page listing the packs, the popup's search).
  return `Claimlight could not use its database (${name || 'unknown error'}). Nothing was changed.`;
}
