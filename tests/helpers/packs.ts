// Small packs and store helpers the unit tests share.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { vi } from 'vitest';
import { ClaimlightDb } from '@/lib/store';

/** A valid two-claim pack in Claimlight's format; override fields to make it invalid. */
export function samplePack(overrides: Record<string, unknown> = {}) {
  return {
    format: 'claimlight-pack',
    formatVersion: 2,
    id: 'sample-pack',
    title: 'Sample pack',
    version: '1.0.0',
    publisher: 'Claimlight tests',
    language: 'en',
    created: '2026-11-25',
    claims: [
      {
        id: 'harbour-bridge-closed',
        text: 'The harbour bridge will close for repairs all summer.',
        claimant: 'City council',
        claimDate: '2026-05-01',
        verdict: 'imprecise',
        summary: 'The bridge closes on weekends only, from June to August.',
        context: [
          {
            text: 'The council’s works notice lists weekend closures.',
            sources: [{ url: 'https://example.org/notice', outlet: 'Example Council', published: '2026-04-20' }],
          },
        ],
        cues: { phrases: ['bridge closed all summer'], terms: [['bridge'], ['close', 'closed', 'closure']] },
      },
      {
        id: 'ferry-fares-doubled',
        text: 'Ferry fares doubled this year.',
        verdict: 'false',
        summary: 'Fares rose by 8 percent.',
        context: [],
      },
    ],
    ...overrides,
  };
}

/** The sample pack with one claim's fields replaced. */
export function packWithClaim(index: number, claimOverrides: Record<string, unknown>, packOverrides: Record<string, unknown> = {}) {
  const pack = samplePack(packOverrides);
  pack.claims[index] = { ...pack.claims[index]!, ...claimOverrides } as (typeof pack.claims)[number];
  return pack;
}

let dbCounter = 0;
/** A fresh store on its own fake IndexedDB. */
export function freshDb(): ClaimlightDb {
  return new ClaimlightDb({ name: `test-${++dbCounter}`, indexedDB: new IDBFactory(), IDBKeyRange });
}

/** Everything in the store, for before/after comparisons. */
export async function dumpStore(db: ClaimlightDb) {
  return { packs: await db.packs.orderBy('id').toArray(), claims: await db.claims.toArray() };
}

/** A pack of `count` claims, enough for the store to write them in several batches. */
export function bigSamplePack(count: number) {
  const pack = samplePack();
  pack.claims = Array.from({ length: count }, (_, i) => ({ ...pack.claims[1]!, id: `c${i}` }));
  return pack;
}

/**
 * Makes the store's `batch`th write of claims fail as IndexedDB does when the disk is full.
 * Returns how many batches were tried so far, and a way to undo it.
 */
export function fillDiskAtBatch(db: ClaimlightDb, batch: number): { batches(): number; restore(): void } {
  const realBulkPut = db.claims.bulkPut.bind(db.claims);
  let calls = 0;
  const spy = vi.spyOn(db.claims, 'bulkPut').mockImplementation(((...args: Parameters<typeof realBulkPut>) => {
    if (++calls === batch) return Dexie.Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    return realBulkPut(...args);
  }) as typeof realBulkPut);
  return { batches: () => calls, restore: () => spy.mockRestore() };
}
