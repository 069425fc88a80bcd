import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectBundledPack } from '@/lib/bundled-pack';
import { parsePackText } from '@/lib/pack';
import {
  ClaimlightDb,
  SCHEMA_VERSIONS,
  claimsForCard,
  compareVersions,
  deletePack,
  describeStorageError,
  importPack,
  installBundledPack,
  listPacks,
  openStore,
  readPack,
  resetToBundled,
  summarizeStore,
} from '@/lib/store';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { createClient, routeMessage, type SenderInfo } from '@/lib/protocol';
import { bigSamplePack, dumpStore, fillDiskAtBatch, freshDb, samplePack } from '../helpers/packs';

const bundled = expectBundledPack();
const parsed = (value: unknown) => {
  const result = parsePackText(JSON.stringify(value));
  if (!result.ok) throw new Error(result.error.join('\n'));
  return result.value;
};

let db: ClaimlightDb;
afterEach(() => db?.close());

describe('installBundledPack', () => {
  it('fills an empty store with the 28 bundled claims', async () => {
    db = freshDb();
    expect(await installBundledPack(db, bundled)).toBe('installed');
    expect(await summarizeStore(db)).toEqual({ packCount: 1, claimCount: 28 });
    expect((await db.packs.get(bundled.id))?.origin).toBe('bundled');
  });

  it('does nothing when the same version is installed', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const before = await dumpStore(db);
    expect(await installBundledPack(db, bundled, new Date('2030-01-01'))).toBe('unchanged');
    expect(await dumpStore(db)).toEqual(before);
  });

  it('replaces an older bundled pack and keeps user packs untouched', async () => {
    db = freshDb();
    const old = { ...bundled, version: '0.9.0', claims: bundled.claims.slice(0, 3) };
    await installBundledPack(db, old);
    await importPack(db, parsed(samplePack()));
    const userBefore = await readPack(db, 'sample-pack');
    expect(await installBundledPack(db, bundled)).toBe('updated');
    expect((await db.packs.get(bundled.id))?.version).toBe(bundled.version);
    expect(await db.claims.where('packId').equals(bundled.id).count()).toBe(28);
    expect(await readPack(db, 'sample-pack')).toEqual(userBefore);
  });

  it('replaces whole a pack the reader imported under the id an update now bundles', async () => {
    db = freshDb();
    await importPack(db, parsed(samplePack({ id: 'next-seed' })));
    await installBundledPack(db, { ...bundled, id: 'next-seed' });
    expect((await db.packs.get('next-seed'))?.origin).toBe('bundled');
    expect((await readPack(db, 'next-seed'))?.claims.map((c) => c.id)).toEqual(bundled.claims.map((c) => c.id));
    expect(await summarizeStore(db)).toEqual({ packCount: 1, claimCount: 28 });
  });
});

describe('importPack', () => {
  it('adds a pack with its claims', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const report = await importPack(db, parsed(samplePack()));
    expect(report).toMatchObject({ packId: 'sample-pack', claimCount: 2, replaced: null, alsoIn: [], format: 'claimlight' });
    expect(await summarizeStore(db)).toEqual({ packCount: 2, claimCount: 30 });
    expect((await listPacks(db)).map((p) => p.origin)).toEqual(['bundled', 'user']);
  });

  it('says which of the reader\'s other packs hold some of the same claims, as a file imported again after an edit does', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    await importPack(db, parsed(samplePack()));
    // The same reviews, one more added: a pack of another id (ClaimReview's ids come from its claims).
    const edited = samplePack({ id: 'sample-pack-edited', title: 'Sample pack, edited' });
    edited.claims = [...edited.claims, { ...edited.claims[0]!, id: 'a-new-one', text: 'A new claim.' }];
    const report = await importPack(db, parsed(edited));
    expect(report.alsoIn).toEqual([{ title: samplePack().title, claimCount: 2 }]);
    // Not the pack it replaces.
    expect((await importPack(db, parsed(samplePack()))).alsoIn).toEqual([{ title: 'Sample pack, edited', claimCount: 2 }]);
  });

  it('says so when a pack holds the bundled pack\'s claims (its own ClaimReview export, imported again), which search would list twice', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const copy = { ...bundled, id: 'bundled-again', title: 'My copy' };
    expect((await importPack(db, parsed(copy))).alsoIn).toEqual([{ title: bundled.title, claimCount: bundled.claims.length, bundled: true }]);
  });

  it('replaces a pack with the same id whole', async () => {
    db = freshDb();
    await importPack(db, parsed(samplePack()));
    const next = samplePack({ version: '2.0.0' });
    next.claims = next.claims.slice(1);
    const report = await importPack(db, parsed(next));
    expect(report.replaced).toEqual({ title: samplePack().title, version: '1.0.0', claimCount: 2 });
    expect((await readPack(db, 'sample-pack'))?.claims.map((c) => c.id)).toEqual(['ferry-fares-doubled']);
  });

  it('refuses to overwrite the bundled pack and changes nothing', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const before = await dumpStore(db);
    await expect(importPack(db, parsed(samplePack({ id: bundled.id })))).rejects.toThrow(/belongs to the bundled pack/);
    expect(await dumpStore(db)).toEqual(before);
  });

  it('reports progress in chunks', async () => {
    db = freshDb();
    const progress: number[] = [];
    await importPack(db, parsed(bigSamplePack(4_500)), { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([2_000, 4_000, 4_500]);
  });

  it('leaves the store unchanged when the disk fills part-way', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const before = await dumpStore(db);
    const disk = fillDiskAtBatch(db, 2);
    const failure = await importPack(db, parsed(bigSamplePack(4_500))).catch((e: unknown) => e);
    disk.restore();
    expect(describeStorageError(failure)).toMatch(/no room left.*Nothing was changed/);
    expect(await dumpStore(db)).toEqual(before);
  });
});

describe('deletePack and resetToBundled', () => {
  it('deletes a pack and its claims only', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    await importPack(db, parsed(samplePack()));
    expect(await deletePack(db, 'sample-pack')).toBe(true);
    expect(await deletePack(db, 'sample-pack')).toBe(false);
    expect(await summarizeStore(db)).toEqual({ packCount: 1, claimCount: 28 });
  });

  it('leaves packs whose ids start with the deleted one untouched, when deleting or replacing', async () => {
    db = freshDb();
    // Claims are keyed [packId+id] and a pack is deleted as a key range: "s" must not reach "s-2" or "sa".
    for (const id of ['s', 's-2', 'sa', 'r']) await importPack(db, parsed(samplePack({ id })));
    const others = await Promise.all(['s-2', 'sa', 'r'].map((id) => readPack(db, id)));
    await importPack(db, parsed({ ...samplePack({ id: 's', version: '2.0.0' }), claims: samplePack().claims.slice(1) }));
    expect((await readPack(db, 's'))?.claims.map((c) => c.id)).toEqual(['ferry-fares-doubled']);
    expect(await deletePack(db, 's')).toBe(true);
    expect(await Promise.all(['s-2', 'sa', 'r'].map((id) => readPack(db, id)))).toEqual(others);
    expect(await db.claims.where('packId').equals('s').count()).toBe(0);
    expect(await summarizeStore(db)).toEqual({ packCount: 3, claimCount: 6 });
  });

  it('resets to exactly the bundled pack', async () => {
    db = freshDb();
    await importPack(db, parsed(samplePack()));
    await resetToBundled(db, bundled);
    expect((await listPacks(db)).map((p) => p.id)).toEqual([bundled.id]);
    expect(await readPack(db, bundled.id)).toEqual(bundled);
  });
});

describe('schema upgrade', () => {
  // Checks: a v1 database with a bundled and a user pack opens as v3 with every row kept,
  // `bundled` turned into `origin`, claim counts filled in, the new indexes usable, and the
  // headers in pack format 2.
  it('upgrades a v1 database without losing a record', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('upgrade-test', { indexedDB, IDBKeyRange });
    v1.version(1).stores(SCHEMA_VERSIONS[1]);
    const { claims: bundledClaims, ...bundledHeader } = bundled;
    await v1.table('packs').bulkAdd([
      { ...bundledHeader, formatVersion: 1, bundled: true },
      { ...samplePack({ formatVersion: 1 }), claims: undefined, bundled: false },
    ]);
    await v1.table('claims').bulkAdd([
      ...bundledClaims.map((c) => ({ ...c, packId: bundled.id })),
      ...samplePack().claims.map((c) => ({ ...c, packId: 'sample-pack' })),
    ]);
    const v1Claims = await v1.table('claims').toArray();
    v1.close();

    db = new ClaimlightDb({ name: 'upgrade-test', indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(4);
    const packs = await db.packs.orderBy('id').toArray();
    expect(packs.map((p) => [p.id, p.origin, p.claimCount, 'bundled' in p, p.formatVersion])).toEqual([
      [bundled.id, 'bundled', 28, false, 2],
      ['sample-pack', 'user', 2, false, 2],
    ]);
    expect((await readPack(db, 'sample-pack'))?.formatVersion).toBe(2);
    const upgraded = await db.claims.toArray();
    expect(upgraded.map(({ position: _, ...claim }) => claim)).toEqual(v1Claims);
    expect(upgraded.filter((c) => c.packId === 'sample-pack').map((c) => c.position).sort()).toEqual([0, 1]);
    expect(await db.claims.where('verdict').equals('accurate').count()).toBe(bundled.claims.filter((c) => c.verdict === 'accurate').length);
    expect(await installBundledPack(db, bundled)).toBe('unchanged');
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.0.0', '1.0.0', 0], ['1.0.10', '1.0.9', 1], ['1.2', '1.2.0', 0], ['2025-02-12', '2025-02-13', -1], ['1.0.0', '0.9.0', 1],
  ])('compares %s with %s as %i', (a, b, sign) => {
    expect(compareVersions(a, b)).toBe(sign);
  });
});

describe('describeStorageError', () => {
  it.each([
    [{ name: 'QuotaExceededError' }, /no room left/],
    [{ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, /no room left/],
    // Dexie's BulkError, where IndexedDB failed the bulk write's requests themselves.
    [{ name: 'BulkError', failures: [{ name: 'QuotaExceededError' }, null] }, /no room left/],
    [{ name: 'BulkError', failures: [{ name: 'ConstraintError' }] }, /could not use its database \(BulkError\)/],
    // Chrome's where the database's files are damaged: not "could not save" of a read.
    [{ name: 'UnknownError' }, /could not read or write .*Restart the browser/],
    [{ name: 'AbortError', inner: { name: 'UnknownError' } }, /could not read or write .*Restart the browser/],
    [{ name: 'VersionError' }, /newer version of Claimlight/],
    [{ name: 'DatabaseClosedError' }, /closed while it was in use/],
    // Firefox's private window, where an extension page may not open IndexedDB.
    [{ name: 'InvalidStateError', message: 'A mutation operation was attempted on a database that did not allow mutations.' }, /In a private window, Firefox does not let this page open/],
    [{ name: 'Weird' }, /could not use its database \(Weird\)/],
  ])('gives an actionable sentence for %j', (error, message) => {
    expect(describeStorageError(error)).toMatch(message);
  });

  it('does not say pages are still marked where the background\'s own store is refused (Firefox set never to remember history)', () => {
    const refused = { name: 'InvalidStateError', message: 'A mutation operation was attempted on a database that did not allow mutations.' };
    expect(describeStorageError(refused, { inBackground: true })).toMatch(/never to remember history.*cannot store or mark claims/);
    expect(describeStorageError(refused, { inBackground: true })).not.toMatch(/still marked/);
  });
});

describe('claimsForCard', () => {
  it('gives each claim its pack’s title and language, which the card and the popup declare its text in', async () => {
    db = freshDb();
    await importPack(db, parsed(samplePack({ language: 'ar' })));
    const [first] = claimsForCard(await db.claims.toArray(), await listPacks(db));
    expect(first).toMatchObject({ packId: 'sample-pack', packTitle: samplePack().title, packLanguage: 'ar' });
  });
});


describe('a browser that keeps no database for Claimlight (Firefox set never to remember history)', () => {
  /** An IndexedDB that refuses every database, as Firefox does there. */
  const refusing = (): IDBFactory => {
    const factory = new IDBFactory();
    factory.open = () => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    };
    return factory;
  };
  const options: SenderInfo = { url: 'moz-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
  const tab: SenderInfo = { tabId: 3, url: 'https://news.example/a', fromExtensionPage: false, fromThisExtension: true };

  it('keeps the store in memory, where pages are marked, the claims listed and imports kept until the browser closes', async () => {
    const opened = await openStore(new ClaimlightDb({ name: 'refused', indexedDB: refusing(), IDBKeyRange }), freshDb);
    expect(opened.kept).toBe('memory');
    db = opened.db;
    await installBundledPack(db, bundled);
    const handlers = createBackgroundHandlers({ db, kept: opened.kept, bundled });
    const ui = createClient(async (message) => routeMessage(structuredClone(message), options, handlers));
    const page = createClient(async (message) => routeMessage(structuredClone(message), tab, handlers));
    expect(await ui.call('getStoreSummary', {})).toEqual({ ok: true, value: { packCount: 1, claimCount: bundled.claims.length, inMemory: true } });
    expect((await ui.call('importPack', { text: JSON.stringify(samplePack()) })).ok).toBe(true);
    // The popup, refused the database too, lists the claims through the background: bundled first,
    // each pack in its own order.
    const listed = await ui.call('listClaims', {});
    expect(listed.ok && listed.value.claims.map((c) => `${c.packId}/${c.id}`)).toEqual([...bundled.claims.map((c) => `${bundled.id}/${c.id}`), ...samplePack().claims.map((c) => `sample-pack/${c.id}`)]);
    expect(listed.ok && listed.value.packs.map((p) => p.id)).toEqual([bundled.id, 'sample-pack']);
    // A web page may not read the whole store.
    expect(await page.call('listClaims' as never, {} as never)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('keeps the browser\'s store where it fails for another reason, so that each use says why', async () => {
    const broken = new IDBFactory();
    broken.open = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const onDisk = new ClaimlightDb({ name: 'broken', indexedDB: broken, IDBKeyRange });
    const opened = await openStore(onDisk, freshDb);
    expect(opened).toMatchObject({ kept: 'disk' });
    expect(opened.db).toBe(onDisk);
    const summary = await createBackgroundHandlers({ db: opened.db, bundled }).getStoreSummary({}, options);
    expect(summary).toMatchObject({ ok: false, error: { code: 'storage' } });
  });

  /** A store the browser refuses to open while `state.full`, as a full disk does. */
  const fullDisk = (name: string) => {
    const real = new IDBFactory();
    const state = { full: true };
    const flaky = Object.create(real) as IDBFactory;
    flaky.open = ((n: string, version?: number) => {
      if (state.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.open(n, version);
    }) as IDBFactory['open'];
    flaky.deleteDatabase = real.deleteDatabase.bind(real);
    flaky.cmp = real.cmp.bind(real);
    return { onDisk: new ClaimlightDb({ name, indexedDB: flaky, IDBKeyRange }), state };
  };
  const notAsked = () => {
    throw new Error('not asked for');
  };
  const full = { ok: true, value: { packCount: 1, claimCount: bundled.claims.length } };

  it('opens the browser\'s store again once it can (a full disk freed), installs the bundled pack, and tells the tabs and the feeds\' alarm', async () => {
    const { onDisk, state } = fullDisk('full');
    db = (await openStore(onDisk, notAsked)).db;
    let told = 0;
    let alarmSet = 0;
    // Wired as the background wires them: telling the tabs and the alarm sets the feeds' alarm,
    // which reads the feeds' timings, from the store being opened.
    const setAlarm = async () => void (await handlers.feedTimings());
    const handlers = createBackgroundHandlers({
      db,
      bundled,
      onStoreChanged: async () => {
        told++;
        await setAlarm();
      },
      onFeedChecked: async () => {
        alarmSet++;
        await setAlarm();
      },
    });
    expect(await handlers.getStoreSummary({}, options)).toMatchObject({ ok: false, error: { code: 'storage' } });
    // The reader frees some space, as the message asks, and tries again; a second message that comes
    // while the store is opened waits for the bundled pack too.
    state.full = false;
    const within = <T,>(work: Promise<T>) => Promise.race([work, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 3_000))]);
    expect(await within(Promise.all([handlers.getStoreSummary({}, options), handlers.getStoreSummary({}, options)]))).toEqual([full, full]);
    await vi.waitFor(() => expect([told, alarmSet]).toEqual([1, 1]));
    expect(await within(handlers.listFeeds({}, options))).toEqual({ ok: true, value: [] });
  });

  it('installs the bundled pack at a later message where it could not be once the store opened again, answering from the store meanwhile', async () => {
    const { onDisk, state } = fullDisk('little-room');
    db = (await openStore(onDisk, notAsked)).db;
    let told = 0;
    const handlers = createBackgroundHandlers({ db, bundled, onStoreChanged: () => void told++ });
    state.full = false;
    // Room to open the database, not yet for the pack's claims.
    const put = vi.spyOn(db.claims, 'bulkPut').mockImplementation((() => Dexie.Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as never);
    expect(await handlers.getStoreSummary({}, options)).toEqual({ ok: true, value: { packCount: 0, claimCount: 0 } });
    // The tabs are told once, for the store opened again; not at every message that tries the install again.
    await handlers.listPacks({}, options);
    await vi.waitFor(() => expect(told).toBe(1));
    put.mockRestore();
    expect(await handlers.getStoreSummary({}, options)).toEqual(full);
    await vi.waitFor(() => expect(told).toBe(2));
  });

  it('lets the reader list and delete packs, to make room, while the bundled pack cannot be installed', async () => {
    db = freshDb();
    await importPack(db, parsed(samplePack({ id: 'big-feed' })));
    const handlers = createBackgroundHandlers({ db, bundled });
    // An update brought a new bundled pack, and the disk was full as the background started.
    handlers.bundledMissing();
    const put = vi.spyOn(db.claims, 'bulkPut').mockImplementation((() => Dexie.Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as never);
    const listed = await handlers.listPacks({}, options);
    expect(listed.ok && listed.value.map((pack) => pack.id)).toEqual(['big-feed']);
    expect(await handlers.deletePack({ packId: 'big-feed' }, options)).toEqual({ ok: true, value: { deleted: true } });
    put.mockRestore();
    // Room made: the next message installs it.
    expect(await handlers.getStoreSummary({}, options)).toEqual(full);
  });

  it('keeps a store the browser opens where it is', async () => {
    const onDisk = freshDb();
    const opened = await openStore(onDisk, () => {
      throw new Error('not asked for');
    });
    expect(opened).toEqual({ db: onDisk, kept: 'disk' });
    db = onDisk;
    expect(await summarizeStore(db)).toEqual({ packCount: 0, claimCount: 0 });
  });
});
