/**
 * What the background does for each message: reads and writes the store through `lib/store.ts`.
 * Browser-free, so tests drive it with fake-indexeddb; the background entrypoint only wires it
 * to `runtime.onMessage`.
 */
import type { PageVerdicts } from './badge';
import { packToClaimReview } from './claim-review';
import { parsePackText } from './pack';
import type { Handlers, ProtocolError } from './protocol';
import { StoreMatcher } from './store-matcher';
import { err, ok, type Result } from './result';
import type { FactPack } from './schema';
import {
  deletePack,
  describeStorageError,
  importPack,
  listPacks,
  readPack,
  resetToBundled,
  summarizeStore,
  type ClaimlightDb,
  type ImportReport,
} from './store';

/** What the handlers need: the open database, the bundled pack, and hooks for tab events. */
export interface BackgroundDeps {
  db: ClaimlightDb;
  bundled: FactPack;
  onContentScriptStarted?: (tabId: number, url: string) => Promise<void> | void;
  onMentionsShown?: (tabId: number, page: PageVerdicts) => Promise<void> | void;
}

const storageError = (e: unknown): ProtocolError => ({ code: 'storage', message: describeStorageError(e) });

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
export function createBackgroundHandlers({ db, bundled, onContentScriptStarted, onMentionsShown }: BackgroundDeps): Handlers & { importWithProgress: ImportWithProgress } {
  const matcher = new StoreMatcher(db);
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
    try {
      const report = await importPack(db, parsed.value, { onProgress });
      matcher.invalidate();
      return ok(report);
    } catch (e) {
      return err(storageError(e));
    }
  };
  return {
    importWithProgress,
    async getStoreSummary() {
      return ok(await summarizeStore(db));
    },
    async listPacks() {
      return ok(await listPacks(db));
    },
    importPack: ({ text, fileName }) => importWithProgress(text, fileName),
    async exportPack({ packId, format }) {
      const pack = await readPack(db, packId);
      if (!pack) return err({ code: 'not-found', message: `There is no pack "${packId}".` });
      const body = format === 'claimreview' ? packToClaimReview(pack) : pack;
      return ok({ fileName: fileNameFor(pack, format), text: `${JSON.stringify(body, null, 2)}\n` });
    },
    async deletePack({ packId }) {
      try {
        if (!(await deletePack(db, packId))) return err({ code: 'not-found', message: `There is no pack "${packId}".` });
        matcher.invalidate();
        return ok({ deleted: true as const });
      } catch (e) {
        return err(storageError(e));
      }
    },
    async resetStore() {
      try {
        await resetToBundled(db, bundled);
        matcher.invalidate();
        return ok(await summarizeStore(db));
      } catch (e) {
        return err(storageError(e));
      }
    },
    async contentScriptStarted({ url }, sender) {
      if (sender.tabId !== undefined) await onContentScriptStarted?.(sender.tabId, url);
      return ok(await summarizeStore(db));
    },
    async findMentions({ blocks, pageDate, sensitivity }) {
      try {
        return ok(await matcher.find(blocks, pageDate, sensitivity));
      } catch (e) {
        return err(storageError(e));
      }
    },
    async mentionsShown(page, sender) {
      if (sender.tabId !== undefined) await onMentionsShown?.(sender.tabId, page);
      return ok({ shown: true as const });
    },
  };
}
