import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { formatCount, plural } from '@/lib/counts';
import { formatMoment } from '@/lib/partial-date';
import { checkPackFileSize } from '@/lib/pack';
import type { Client, ExportFormat, ProtocolError } from '@/lib/protocol';
import type { Result } from '@/lib/result';
import type { ImportReport, ListedPack, StoreSummary } from '@/lib/store';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { isolated } from './isolate';
import { decodeTextFile } from '@/lib/text-files';
import { useFocusAfterRemoval } from './focus-after-removal';
import { saveFile } from './save-file';

/** `pasted`: an error about the text pasted, whose field is then marked invalid and points to it. */
type Status = { kind: 'ok' | 'error'; text: string; details?: string[]; pasted?: boolean } | null;

const FORMAT_NAMES = { claimlight: 'Claimlight pack', claimreview: 'ClaimReview', 'factcheck-api': 'Fact Check Tools' } as const;

const failure = (error: ProtocolError): Status => ({ kind: 'error', text: error.message, details: error.details });

/** The outcome of the last import, deletion or reset, with its details. */
function StatusMessage({ status }: { status: NonNullable<Status> }) {
  return (
    <div class={`status ${status.kind}`} data-testid="import-status">
      <p>{status.text}</p>
      {status.details && status.details.length > 0 && (
        <ul>
          {status.details.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Imports a file's text, calling `onProgress` as claims are stored. */
export type PackImporter = (
  text: string,
  fileName: string | undefined,
  onProgress: (done: number, total: number) => void,
) => Promise<Result<ImportReport, ProtocolError>>;

/** The import's error message, which the pasted text's field points to when it was refused. */
const IMPORT_ERROR_ID = 'import-error';

/** Lists the fact packs and imports, exports, deletes and resets them through the background. */
/** `storeVersion` changes when the store changed elsewhere (a feed refreshed): the list is read again. */
export function PackManager({ client, importer, storeVersion = 0 }: { client: Client; importer?: PackImporter; storeVersion?: number }) {
  const [packs, setPacks] = useState<ListedPack[] | null>(null);
  /** The store's counts; `unread` when the background could not read them (the status says why). */
  const [summary, setSummary] = useState<StoreSummary | 'unread' | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [pasted, setPasted] = useState('');
  const [asking, setAsking] = useState<ConfirmRequest | null>(null);
  const [dragging, setDragging] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterRemoval = useFocusAfterRemoval(headingRef);

  const refresh = useCallback(async () => {
    const [list, counts] = await Promise.all([client.call('listPacks', {}), client.call('getStoreSummary', {})]);
    if (list.ok) setPacks(list.value);
    else setStatus(failure(list.error));
    setSummary(counts.ok ? counts.value : 'unread');
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh, storeVersion]);

  /** Whether an import is under way, from the moment a file is taken (before it is read), held
   * apart from the state so that two files in the same turn cannot both pass. */
  const importing = useRef(false);

  /** Starts an import; false when one is under way already. */
  function startImport(): boolean {
    if (importing.current) return false;
    importing.current = true;
    setBusy(true);
    setStatus(null);
    return true;
  }

  function endImport() {
    importing.current = false;
    setBusy(false);
    setProgress(null);
  }

  /** Imports a file's text; `note` says how its bytes were read, where that is worth saying.
   * `started`: the import was started already, as its file was taken (`importFile`). */
  async function runImport(text: string, fileName?: string, note?: string, started = false) {
    if (!started && !startImport()) return;
    let result: Awaited<ReturnType<PackImporter>>;
    try {
      result = importer
        ? await importer(text, fileName, (done, total) => setProgress({ done, total }))
        : await client.call('importPack', { text, ...(fileName ? { fileName } : {}) });
    } catch {
      // The background could not be reached (the extension was updated or reloaded under the page):
      // nothing was stored, and the form is free again.
      result = { ok: false, error: { code: 'internal', message: 'Claimlight could not reach its background to import the file. Reload this page and try again; nothing was imported.' } };
    } finally {
      endImport();
    }
    if (!result.ok) {
      const failed = failure(result.error)!;
      setStatus(note ? { ...failed, details: [`The file's bytes: ${note}.`, ...(failed.details ?? [])] } : { ...failed, pasted: fileName === undefined });
      return;
    }
    const report = result.value;
    const { replaced } = report;
    const replacedWords = !replaced
      ? ''
      : replaced.title === report.title
        ? ` It replaced version ${replaced.version} (${plural(replaced.claimCount, 'claim')}).`
        : ` It replaced “${isolated(replaced.title)}” (version ${replaced.version}, ${plural(replaced.claimCount, 'claim')}).`;
    // The same claims under another pack (the file imported before an edit): the reader sees both.
    // The bundled pack cannot be deleted: the reader learns that search lists those claims twice.
    // A feed's pack has no Delete either: it goes with its feed.
    const advice = (other: ImportReport['alsoIn'][number]) =>
      other.bundled
        ? ', which comes with Claimlight: search lists them twice; delete this pack to list them once.'
        : other.fromFeed
          ? ', which a feed keeps: remove that feed if this pack takes its place.'
          : ': delete that pack if this one takes its place.';
    const twice = report.alsoIn.map((other) => ` ${formatCount(other.claimCount)} of its claims ${other.claimCount === 1 ? 'is' : 'are'} also in “${isolated(other.title)}”${advice(other)}`).join('');
    setStatus({
      kind: 'ok',
      text: `Imported “${isolated(report.title)}”: ${plural(report.claimCount, 'claim')} from ${FORMAT_NAMES[report.format]} data.${replacedWords}${twice}`,
      details: note ? [`The file's bytes: ${note}.`, ...report.warnings] : report.warnings,
    });
    // Only what was imported is cleared: a file chosen while pasted text waits to be mended (it
    // was refused) leaves that text as it was.
    if (fileName === undefined) setPasted('');
    await refresh();
  }

  async function onFileChosen(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) await importFile(file);
  }

  /** A file dropped on the import area goes the way of a chosen one; one at a time. */
  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    if (files.length > 1) {
      setStatus({ kind: 'error', text: `Nothing was imported: ${files.length} files were dropped. Drop one file at a time.` });
      return;
    }
    await importFile(files[0]!);
  }

  async function importFile(file: File) {
    // Busy from the moment the file is taken: reading a large one takes a while, and a second file
    // dropped or chosen meanwhile started a second import.
    if (!startImport()) {
      setStatus({ kind: 'error', text: `“${isolated(file.name)}” was not imported: another file is being imported. Try again once it is done.` });
      return;
    }
    const tooBig = checkPackFileSize(file.size);
    if (tooBig) {
      endImport();
      setStatus({ kind: 'error', text: `Nothing was imported. ${tooBig}` });
      return;
    }
    // Read by its bytes, as the command line reads a file: a UTF-16 file or a windows-1252 one was
    // read as UTF-8, refused as "not valid JSON" or stored garbled.
    let read: { text: string; note?: string };
    try {
      read = decodeTextFile(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      endImport();
      setStatus({ kind: 'error', text: `Nothing was imported: the file could not be read (${(e as Error)?.message ?? String(e)}).` });
      return;
    }
    await runImport(read.text, file.name, read.note, true);
  }

  async function onExport(packId: string, format: ExportFormat) {
    const result = await client.call('exportPack', { packId, format });
    if (!result.ok) {
      setStatus(failure(result.error));
      return;
    }
    saveFile(result.value.fileName, result.value.text);
    setStatus(result.value.note ? { kind: 'ok', text: `Exported “${result.value.fileName}”. ${result.value.note}` } : null);
  }

  function onDelete(pack: ListedPack, button: HTMLElement) {
    setAsking({
      question: `Delete “${isolated(pack.title)}” and its ${plural(pack.claimCount, 'claim')}?`,
      confirmLabel: 'Delete pack',
      onConfirm: () => void deletePack(pack, button),
    });
  }

  async function deletePack(pack: ListedPack, button: HTMLElement) {
    focusAfterRemoval.removing(button);
    const result = await client.call('deletePack', { packId: pack.id });
    if (!result.ok) focusAfterRemoval.kept();
    setStatus(result.ok ? { kind: 'ok', text: `Deleted “${isolated(pack.title)}”.` } : failure(result.error));
    await refresh();
  }

  async function onReset() {
    // A reset ends every subscription too (the feeds' packs are imported packs): the question says so.
    const listed = await client.call('listFeeds', {}).catch(() => null);
    const count = listed?.ok ? listed.value.length : null;
    const feeds = count === null ? 'every feed' : count === 1 ? 'your feed' : `your ${count} feeds`;
    // A question the reader opened while the feeds were counted (a pack's "Delete", the background
    // slow to wake) stays as it is: asked here, the reset's question replaced it in the open
    // dialog, and a click meant for "Delete pack" reset the whole store.
    setAsking(
      (open) =>
        open ?? {
          question: count === 0 ? 'Delete every imported pack and restore the bundled pack?' : `Delete every imported pack, unsubscribe from ${feeds}, and restore the bundled pack?`,
          confirmLabel: 'Reset',
          onConfirm: () => void reset(count === 0 ? '' : `, and you were unsubscribed from ${feeds}`),
        },
    );
  }

  async function reset(feedsRemoved: string) {
    const result = await client.call('resetStore', {});
    setStatus(result.ok ? { kind: 'ok', text: `Restored the bundled pack; imported packs were deleted${feedsRemoved}.` } : failure(result.error));
    await refresh();
  }

  return (
    <section aria-labelledby="packs-heading" class="packs">
      <h2 id="packs-heading" ref={headingRef} tabIndex={-1}>
        Fact packs
      </h2>
      <p class="store-summary" data-testid="store-summary">
        {summary === 'unread' ? 'The store could not be read.' : summary ? `${plural(summary.claimCount, 'claim')} in ${plural(summary.packCount, 'pack')}` : 'Reading the store…'}
      </p>
      {summary !== 'unread' && summary?.inMemory && (
        <p class="status" data-testid="store-in-memory">
          Your browser keeps no data for Claimlight (Firefox set never to remember history), so Claimlight holds its claims in memory: pages are marked and searched, and the packs and feeds you add here last until the browser closes. Choose “Remember history” in Firefox’s privacy settings to keep them.
        </p>
      )}
      {packs && (
        <table class="pack-list">
          <thead>
            <tr>
              <th scope="col">Pack</th>
              <th scope="col">Publisher</th>
              <th scope="col">Version</th>
              <th scope="col">Claims</th>
              <th scope="col">Imported</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {packs.map((pack) => (
              <tr key={pack.id} data-pack-id={pack.id}>
                <th scope="row">
                  <span class="pack-title" dir="auto">
                    {pack.title}
                  </span>
                  {pack.origin === 'bundled' && <span class="tag">bundled</span>}
                </th>
                {/* data-label: the column's name, shown beside the value when a narrow window stacks the rows. */}
                <td data-label="Publisher">{pack.publisher}</td>
                <td data-label="Version">{pack.version}</td>
                <td class="count" data-label="Claims">
                  {formatCount(pack.claimCount)}
                </td>
                <td data-label="Imported">
                  <time dateTime={pack.importedAt}>{formatMoment(pack.importedAt)}</time>
                </td>
                <td class="actions">
                  <button type="button" onClick={() => onExport(pack.id, 'claimlight')} aria-label={`Export as Claimlight pack: ${pack.title}`}>
                    Export as Claimlight pack
                  </button>
                  <button type="button" onClick={() => onExport(pack.id, 'claimreview')} aria-label={`Export as ClaimReview: ${pack.title}`}>
                    Export as ClaimReview
                  </button>
                  {pack.origin === 'user' && !pack.fromFeed && (
                    <button type="button" class="danger" onClick={(event) => onDelete(pack, event.currentTarget)} aria-label={`Delete ${pack.title}`}>
                      Delete
                    </button>
                  )}
                  {/* A feed's claims go with the feed, under Feeds: a Delete here was always refused. */}
                  {pack.fromFeed && <span class="hint">From a feed: remove the feed to remove it.</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div
        class={`import${dragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => {
          // Only files: text or links dragged from a page are not packs.
          if (!event.dataTransfer?.types.includes('Files')) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => void onDrop(event)}
      >
        <h3>Import a pack</h3>
        <p class="hint">
          A Claimlight pack, schema.org ClaimReview JSON-LD, or a Fact Check Tools API response (up to 16 MB). Choose a file, drop
          one here, or paste its text.
        </p>
        <label class="file">
          Choose a file
          {/* aria-disabled, not disabled, here and on the import button: a control disabled while
              the import it started runs drops the keyboard focus to the page's top. */}
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json,text/html"
            onChange={onFileChosen}
            onClick={(event) => busy && event.preventDefault()}
            aria-disabled={busy}
          />
        </label>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (pasted.trim()) void runImport(pasted);
          }}
        >
          <label for="paste">Or paste JSON</label>
          <textarea
            id="paste"
            rows={5}
            value={pasted}
            onInput={(e) => setPasted((e.currentTarget as HTMLTextAreaElement).value)}
            {...(status?.kind === 'error' && status.pasted ? { 'aria-invalid': 'true' as const, 'aria-describedby': IMPORT_ERROR_ID } : {})}
          />
          <button type="submit" aria-disabled={busy || !pasted.trim()}>
            Import pasted JSON
          </button>
        </form>
        {/* Always in the page, empty between imports: the first message ("Reading the file…") is
            announced only if the region was there before it. */}
        <div class="import-progress" role="status">
          {busy && (
            <>
              {progress ? `Storing claims: ${formatCount(progress.done)} of ${formatCount(progress.total)}` : 'Reading the file…'}
              <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Import progress" />
            </>
          )}
        </div>
      </div>

      {/* Both regions are always in the page, empty until a message lands in one: screen readers
          announce what changes inside a live region, mostly not one that arrives with its text. */}
      <div role="alert" id={IMPORT_ERROR_ID}>
        {status?.kind === 'error' && <StatusMessage status={status} />}
      </div>
      <div role="status">{status?.kind === 'ok' && <StatusMessage status={status} />}</div>

      <p>
        <button type="button" class="danger" onClick={onReset}>
          Reset to the bundled pack
        </button>
      </p>
      <ConfirmDialog request={asking} onCancel={() => setAsking(null)} />
    </section>
  );
}
