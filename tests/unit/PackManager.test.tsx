// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PackManager, type PackImporter } from '@/components/PackManager';
import { MAX_PACK_BYTES } from '@/lib/pack';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { createClient, routeMessage } from '@/lib/protocol';
import { ok } from '@/lib/result';
import { installBundledPack, type ClaimlightDb, type StoreKept } from '@/lib/store';
import { giveFocusBackOnClose } from '../helpers/focus';
import { dumpStore, freshDb, samplePack } from '../helpers/packs';

const bundled = expectBundledPack();
let db: ClaimlightDb;
afterEach(() => {
  cleanup();
  db?.close();
  vi.restoreAllMocks();
});

/** A background that answers with these counts and lists no packs. */
const clientWith = (claimCount: number, packCount: number) =>
  createClient(async (message) => ((message as { type: string }).type.endsWith('getStoreSummary') ? ok({ claimCount, packCount }) : ok([])));

/** The pack manager over a store holding the bundled pack, with the importer `importerOf` makes
 * from the background's handlers, where given. */
async function renderManager(importerOf?: (handlers: ReturnType<typeof createBackgroundHandlers>) => PackImporter, kept?: StoreKept) {
  db = freshDb();
  await installBundledPack(db, bundled);
  const handlers = createBackgroundHandlers({ db, bundled, ...(kept ? { kept } : {}) });
  const sender = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
  const client = createClient(async (message) => routeMessage(message, sender, handlers));
  render(<PackManager client={client} {...(importerOf ? { importer: importerOf(handlers) } : {})} />);
  await screen.findByText('28 claims in 1 pack');
}

/** An importer that tells `progress` (where given), then stores nothing until the test calls `release`. */
function heldImporter(progress?: [done: number, total: number]) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const importerOf = (handlers: ReturnType<typeof createBackgroundHandlers>): PackImporter => async (text, fileName, onProgress) => {
    if (progress) onProgress(...progress);
    await held;
    return handlers.importWithProgress(text, fileName, onProgress);
  };
  return { importerOf, release: () => release() };
}

/** The text of the message that failed, once it shows, and that it shows in the page's alert region. */
async function alertText(): Promise<string | null> {
  const message = await screen.findByTestId('import-status');
  expect(message.closest('[role="alert"]')).not.toBeNull();
  return message.textContent;
}

function paste(text: string) {
  fireEvent.input(screen.getByLabelText('Or paste JSON'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Import pasted JSON' }));
}

describe('PackManager', () => {
  it('lists the bundled pack with its claim count', async () => {
    await renderManager();
    const row = screen.getByRole('row', { name: /Trump–Putin call/ });
    expect(row.textContent).toContain('28');
    expect(row.textContent).toContain('bundled');
  });

  it('says that what the reader adds lasts until the browser closes where the store is kept in memory, and not otherwise', async () => {
    await renderManager(undefined, 'memory');
    expect(screen.getByTestId('store-in-memory').textContent).toMatch(/never to remember history.*last until the browser closes/);
    cleanup();
    db.close();
    await renderManager();
    expect(screen.queryByTestId('store-in-memory')).toBeNull();
  });

  it('says the store could not be read, rather than reading it for ever, when the background cannot', async () => {
    const closed = () => Promise.reject(Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' }));
    db = freshDb();
    vi.spyOn(db.packs, 'toArray').mockImplementation(closed as never);
    vi.spyOn(db.packs, 'count').mockImplementation(closed as never);
    const handlers = createBackgroundHandlers({ db, bundled });
    const client = createClient(async (message) => routeMessage(message, { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
    render(<PackManager client={client} />);
    await screen.findByText('The store could not be read.');
    expect(document.body.textContent).toMatch(/closed while it was in use/);
  });

  it('asks in its own words before deleting a pack, and deletes nothing on Cancel', async () => {
    await renderManager();
    paste(JSON.stringify({ ...samplePack(), claims: samplePack().claims.slice(0, 1) }));
    await screen.findByText('29 claims in 2 packs');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Sample pack' }));
    const question = await screen.findByText('Delete “\u2068Sample pack\u2069” and its 1 claim?');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('29 claims in 2 packs')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Sample pack' }));
    expect(question.textContent).toBe('Delete “\u2068Sample pack\u2069” and its 1 claim?');
    fireEvent.click(screen.getByRole('button', { name: 'Delete pack' }));
    await screen.findByText('28 claims in 1 pack');
    expect(screen.getByTestId('import-status').textContent).toBe('Deleted “\u2068Sample pack\u2069”.');
  });

  it('keeps a pack\'s "Delete" question open when the reset\'s question comes late (the background slow to count the feeds)', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const handlers = createBackgroundHandlers({ db, bundled });
    const sender = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
    let answerFeeds = () => {};
    const asked: string[] = [];
    const client = createClient(async (message) => {
      const type = (message as { type: string }).type;
      asked.push(type);
      if (type.endsWith('listFeeds')) await new Promise<void>((resolve) => (answerFeeds = resolve));
      return routeMessage(message, sender, handlers);
    });
    render(<PackManager client={client} />);
    await screen.findByText('28 claims in 1 pack');
    paste(JSON.stringify({ ...samplePack(), claims: samplePack().claims.slice(0, 1) }));
    await screen.findByText('29 claims in 2 packs');
    fireEvent.click(screen.getByRole('button', { name: 'Reset to the bundled pack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Sample pack' }));
    await screen.findByText('Delete “\u2068Sample pack\u2069” and its 1 claim?');
    answerFeeds();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.querySelector('dialog.confirm p')!.textContent).toBe('Delete “\u2068Sample pack\u2069” and its 1 claim?');
    fireEvent.click(screen.getByRole('button', { name: 'Delete pack' }));
    await screen.findByText('28 claims in 1 pack');
    expect(asked.some((type) => type.endsWith('resetStore'))).toBe(false);
  });

  it('says on each export button what it exports', async () => {
    await renderManager();
    const row = screen.getByRole('row', { name: /Trump–Putin call/ });
    expect([...row.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Export as Claimlight pack', 'Export as ClaimReview']);
  });

  it('lays a pack title written right to left out in its own direction, in the list and in every sentence that names it', async () => {
    await renderManager();
    const title = '2024: שנת הבחירות';
    paste(JSON.stringify(samplePack({ title, language: 'he' })));
    await screen.findByText('30 claims in 2 packs');
    // Not "Imported “2024: 1 :”שנת הבחירות claim…", the count drawn inside the title.
    expect(screen.getByTestId('import-status').textContent).toContain(`Imported “\u2068${title}\u2069”: 2 claims`);
    expect(screen.getByRole('rowheader', { name: title }).querySelector('.pack-title')!.getAttribute('dir')).toBe('auto');
    fireEvent.click(screen.getByRole('button', { name: `Delete ${title}` }));
    expect(document.querySelector('dialog.confirm p')!.textContent).toBe(`Delete “\u2068${title}\u2069” and its 2 claims?`);
  });

  it('saves an export too large to import again, and says how to move the pack to another Claimlight', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const handlers = createBackgroundHandlers({ db, bundled });
    const note = 'The file is 18.5 MB; Claimlight imports fact packs of up to 16.0 MB. To import this pack again, export it as a Claimlight pack.';
    handlers.exportPack = async () => ok({ fileName: 'big.claimreview.json', text: '[]', note });
    const client = createClient(async (message) => routeMessage(message, { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
    const saved = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<PackManager client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: /Export as ClaimReview/ }));
    await screen.findByText(`Exported “big.claimreview.json”. ${note}`);
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('imports a file dropped on the import area, one at a time', async () => {
    await renderManager();
    const area = screen.getByRole('heading', { name: 'Import a pack' }).parentElement!;
    const file = (name: string) => new File([JSON.stringify(samplePack())], name, { type: 'application/json' });
    fireEvent.drop(area, { dataTransfer: { files: [file('a.json'), file('b.json')], types: ['Files'] } });
    expect((await screen.findByTestId('import-status')).textContent).toContain('2 files were dropped. Drop one file at a time.');
    fireEvent.dragOver(area, { dataTransfer: { files: [], types: ['Files'] } });
    expect(area.className).toContain('is-dragging');
    fireEvent.drop(area, { dataTransfer: { files: [file('sample.json')], types: ['Files'] } });
    await screen.findByText('30 claims in 2 packs');
    expect(area.className).not.toContain('is-dragging');
  });

  it('keeps the keyboard on the import button while it imports and after, with a second press while busy ignored', async () => {
    const held = heldImporter();
    await renderManager(held.importerOf);
    fireEvent.input(screen.getByLabelText('Or paste JSON'), { target: { value: JSON.stringify(samplePack()) } });
    const submit = screen.getByRole('button', { name: 'Import pasted JSON' });
    submit.focus();
    fireEvent.click(submit);
    await screen.findByText('Reading the file…');
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(submit);
    fireEvent.click(submit);
    held.release();
    await screen.findByText('30 claims in 2 packs');
    expect(document.activeElement).toBe(submit);
    expect(screen.getAllByRole('row', { name: /Sample pack/ })).toHaveLength(1);
  });

  it('reads a chosen file by its bytes: UTF-16 with its byte-order mark, and windows-1252 with a note', async () => {
    await renderManager();
    const json = JSON.stringify(samplePack({ title: 'Balsa', claims: [{ ...samplePack().claims[0]!, text: 'A tarifa da balsa não dobrou.' }] }));
    const drop = (bytes: Uint8Array) => {
      const area = screen.getByRole('heading', { name: 'Import a pack' }).parentElement!;
      fireEvent.drop(area, { dataTransfer: { files: [new File([bytes as BlobPart], 'balsa.json', { type: 'application/json' })], types: ['Files'] } });
    };
    // UTF-16, as PowerShell's ">" writes it: it was refused as "not valid JSON".
    const utf16 = new Uint8Array(2 + json.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < json.length; i++) utf16.set([json.charCodeAt(i) & 0xff, json.charCodeAt(i) >> 8], 2 + 2 * i);
    drop(utf16);
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('Imported “\u2068Balsa\u2069”: 1 claim'));
    expect((await db.claims.where('packId').equals('sample-pack').toArray()).map((c) => c.text)).toEqual(['A tarifa da balsa não dobrou.']);
    // windows-1252 ("ANSI"): its "ã" was stored as a replacement character, without a word.
    drop(Uint8Array.from(json.replace('Balsa', 'Balsa 2'), (c) => (c === 'ã' ? 0xe3 : c.charCodeAt(0))));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain("The file's bytes: not UTF-8: read as windows-1252"));
    expect((await db.claims.where('packId').equals('sample-pack').toArray()).map((c) => c.text)).toEqual(['A tarifa da balsa não dobrou.']);
    // UTF-8 but for a few stray bytes: said in a sentence that reads ("The file was 2 bytes not UTF-8" did not).
    const utf8 = new TextEncoder().encode(json.replace('Balsa', 'Balsa 3').replace('dobrou', 'dobrou XX'));
    const at = utf8.indexOf(0x58);
    utf8.set([0xff, 0xfe], at);
    drop(utf8);
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain("The file's bytes: 2 bytes not UTF-8, each read as a replacement character; the rest read as UTF-8."));
  });

  it('keeps pasted text waiting to be mended when a file is imported instead', async () => {
    await renderManager();
    fireEvent.input(screen.getByLabelText('Or paste JSON'), { target: { value: '{"title": "Half a pack",' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import pasted JSON' }));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toMatch(/^Nothing was imported/));
    const area = screen.getByRole('heading', { name: 'Import a pack' }).parentElement!;
    fireEvent.drop(area, { dataTransfer: { files: [new File([JSON.stringify(samplePack())], 'pack.json', { type: 'application/json' })], types: ['Files'] } });
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('Imported'));
    expect((screen.getByLabelText('Or paste JSON') as HTMLTextAreaElement).value).toBe('{"title": "Half a pack",');
    // Pasted text that is imported is cleared, as before.
    paste(JSON.stringify(samplePack({ id: 'second', title: 'Second' })));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('Second'));
    expect((screen.getByLabelText('Or paste JSON') as HTMLTextAreaElement).value).toBe('');
  });

  it('says which pack an import replaced, by its title where it differs, and which other pack holds the same claims', async () => {
    await renderManager();
    paste(JSON.stringify(samplePack()));
    await screen.findByText('30 claims in 2 packs');
    paste(JSON.stringify(samplePack({ title: 'Harbour checks', version: '2.0.0' })));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('It replaced “\u2068Sample pack\u2069” (version 1.0.0, 2 claims).'));
    paste(JSON.stringify(samplePack({ title: 'Harbour checks', version: '3.0.0' })));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('It replaced version 2.0.0 (2 claims).'));
    paste(JSON.stringify(samplePack({ id: 'harbour-copy', title: 'Harbour copy' })));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('2 of its claims are also in “\u2068Harbour checks\u2069”: delete that pack if this one takes its place.'));
    // The bundled pack's claims under another pack: the bundled one cannot be deleted, this one can.
    paste(JSON.stringify({ ...bundled, id: 'my-copy', title: 'My copy' }));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain(`28 of its claims are also in “\u2068${bundled.title}\u2069”, which comes with Claimlight: search lists them twice; delete this pack to list them once.`));
  });

  it('is busy from the moment a dropped file is taken, and refuses a second file while the first is read, saying so', async () => {
    const held = heldImporter();
    await renderManager(held.importerOf);
    // A big file: its bytes take a while to read.
    let readIt!: () => void;
    const reading = new Promise<void>((resolve) => (readIt = resolve));
    const big = new File([JSON.stringify(samplePack())], 'big.json', { type: 'application/json' });
    const bytes = big.arrayBuffer.bind(big);
    big.arrayBuffer = async () => {
      await reading;
      return bytes();
    };
    const area = screen.getByRole('heading', { name: 'Import a pack' }).parentElement!;
    fireEvent.drop(area, { dataTransfer: { files: [big], types: ['Files'] } });
    await waitFor(() => expect(document.querySelector('input[type=file]')!.getAttribute('aria-disabled')).toBe('true'));
    fireEvent.drop(area, { dataTransfer: { files: [new File(['{}'], 'second.json', { type: 'application/json' })], types: ['Files'] } });
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toBe('“\u2068second.json\u2069” was not imported: another file is being imported. Try again once it is done.'));
    readIt();
    held.release();
    await screen.findByText('30 claims in 2 packs');
    expect(screen.getAllByRole('row', { name: /Sample pack/ })).toHaveLength(1);
  });

  it('imports pasted JSON and shows the new pack', async () => {
    await renderManager();
    paste(JSON.stringify(samplePack()));
    await screen.findByText('30 claims in 2 packs');
    expect(screen.getByTestId('import-status').textContent).toContain('Imported “\u2068Sample pack\u2069”: 2 claims from Claimlight pack data.');
    expect(screen.getByRole('row', { name: /Sample pack/ })).toBeTruthy();
  });

  it('shows every problem of a bad pack and changes nothing', async () => {
    await renderManager();
    const before = await dumpStore(db);
    const bad = samplePack({ claims: [{ ...samplePack().claims[0], verdict: 'nope' }, { ...samplePack().claims[1], text: '' }] });
    paste(JSON.stringify(bad));
    const alert = await alertText();
    expect(alert).toContain('Nothing was imported: the file has 2 problems.');
    expect(alert).toContain('claim 1 (`harbour-bridge-closed`): verdict: must be one of');
    expect(alert).toContain('claim 2 (`ferry-fares-doubled`): text: must not be empty');
    expect(await dumpStore(db)).toEqual(before);
    expect(screen.getByTestId('store-summary').textContent).toBe('28 claims in 1 pack');
    // The field pasted into is marked invalid and points to the problems, until an import goes through.
    const field = screen.getByLabelText('Or paste JSON');
    expect([field.getAttribute('aria-invalid'), document.getElementById(field.getAttribute('aria-describedby')!)?.textContent]).toEqual(['true', alert]);
    paste(JSON.stringify(samplePack()));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBeNull());
  });

  it('shows a progress bar while an importer stores the claims', async () => {
    const { importerOf, release } = heldImporter([2_000, 4_500]);
    await renderManager(importerOf);
    paste(JSON.stringify(samplePack()));
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('value')).toBe('2000');
    expect(bar.getAttribute('max')).toBe('4500');
    expect(screen.getByText(/Storing claims: 2,000 of 4,500/)).toBeTruthy();
    release();
    await screen.findByText('30 claims in 2 packs');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('frees the form and says so when the background cannot be reached during an import', async () => {
    await renderManager(() => async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    paste(JSON.stringify(samplePack()));
    expect(await alertText()).toContain('Claimlight could not reach its background to import the file. Reload this page and try again; nothing was imported.');
    expect(screen.queryByText('Reading the file…')).toBeNull();
    expect(document.querySelector('input[type=file]')!.getAttribute('aria-disabled')).toBe('false');
    expect(screen.getByText('28 claims in 1 pack')).toBeTruthy();
  });

  it('refuses a file over the size limit before reading it', async () => {
    await renderManager();
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    // Over twice the limit: no file that size holds a pack within it, even in UTF-16.
    const file = new File(['x'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(file, 'size', { value: 40 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    expect(await alertText()).toBe(
      'Nothing was imported. The file is 40.0 MB; Claimlight imports fact packs of up to 16.0 MB. Split it into smaller packs.',
    );
  });

  it('imports a UTF-16 file over the limit in bytes whose text is within it, as PowerShell saves a 10 MB pack', async () => {
    await renderManager();
    const json = JSON.stringify(samplePack()) + ' '.repeat(10 * 1024 * 1024);
    const bytes = new Uint8Array(2 + json.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < json.length; i++) {
      bytes[2 + 2 * i] = json.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = json.charCodeAt(i) >> 8;
    }
    expect(bytes.length).toBeGreaterThan(MAX_PACK_BYTES);
    const area = screen.getByRole('heading', { name: 'Import a pack' }).parentElement!;
    fireEvent.drop(area, { dataTransfer: { files: [new File([bytes as BlobPart], 'pack.json', { type: 'application/json' })], types: ['Files'] } });
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('Imported “\u2068Sample pack\u2069”'), { timeout: 20_000 });
  }, 60_000);

  it('says what an import did in live regions that were in the page, empty, before it', async () => {
    await renderManager();
    const status = screen.getAllByRole('status').find((region) => !region.classList.contains('import-progress'))!;
    const alert = screen.getByRole('alert');
    expect([status.textContent, alert.textContent]).toEqual(['', '']);
    paste(JSON.stringify(samplePack()));
    await screen.findByText(/^Imported “\u2068Sample pack\u2069”/);
    expect(status.isConnected).toBe(true);
    expect(status.textContent).toMatch(/^Imported “\u2068Sample pack\u2069”/);
    paste('{"bad": true}');
    await waitFor(() => expect(alert.textContent).not.toBe(''));
    expect(alert.isConnected).toBe(true);
    expect(status.textContent).toBe('');
  });

  it('says how far an import is in a live region that was in the page, empty, before it', async () => {
    const { importerOf, release } = heldImporter();
    await renderManager(importerOf);
    const regions = screen.getAllByRole('status');
    expect(regions.map((region) => region.textContent)).toEqual(['', '']);
    paste(JSON.stringify(samplePack()));
    const progress = (await screen.findByText('Reading the file…')).closest('[role="status"]')!;
    expect(regions).toContain(progress);
    release();
    await screen.findByText('30 claims in 2 packs');
    expect([progress.isConnected, progress.textContent]).toEqual([true, '']);
  });

  describe('after a deletion', () => {
    async function deleteThrough(button: HTMLElement) {
      button.focus();
      fireEvent.click(button);
      const confirm = await screen.findByRole('button', { name: 'Delete pack' });
      confirm.focus();
      fireEvent.click(confirm);
      await waitFor(() => expect(button.isConnected).toBe(false));
    }

    it('moves focus to the next pack\'s Delete button, and to the heading once no pack is left to delete', async () => {
      giveFocusBackOnClose();
      await renderManager();
      paste(JSON.stringify(samplePack()));
      await screen.findByText('30 claims in 2 packs');
      paste(JSON.stringify(samplePack({ id: 'second-pack', title: 'Second pack' })));
      await screen.findByText('32 claims in 3 packs');
      const [first, second] = screen.getAllByRole('button', { name: /^Delete / });
      await deleteThrough(first!);
      expect(document.activeElement).toBe(second);
      await deleteThrough(second!);
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Fact packs' }));
    });
  });

  describe('counts', () => {
    async function summary(client = clientWith(1, 1)) {
      render(<PackManager client={client} />);
      const line = await screen.findByTestId('store-summary');
      await waitFor(() => expect(line.textContent).not.toBe('Reading the store…'));
      return line.textContent;
    }

    it('says "1 claim", not "1 claims"', async () => {
      expect(await summary(clientWith(1, 1))).toBe('1 claim in 1 pack');
    });

    it('groups the digits of a large store ("12,000 claims")', async () => {
      expect(await summary(clientWith(12_000, 3))).toBe('12,000 claims in 3 packs');
    });

    it('groups the digits in the import progress and the import report', async () => {
      let finish: (value: Awaited<ReturnType<PackImporter>>) => void = () => undefined;
      const importer: PackImporter = (_text, _name, onProgress) => {
        onProgress(5_000, 12_000);
        return new Promise((resolve) => (finish = resolve));
      };
      render(<PackManager client={clientWith(12_000, 2)} importer={importer} />);
      paste('{}');
      expect((await screen.findByText(/^Storing claims/)).textContent).toContain('Storing claims: 5,000 of 12,000');
      finish(ok({ packId: 'p', title: 'Big feed', claimCount: 12_000, format: 'claimreview', replaced: null, alsoIn: [], warnings: [] }));
      expect((await screen.findByTestId('import-status')).textContent).toBe('Imported “\u2068Big feed\u2069”: 12,000 claims from ClaimReview data.');
    });
  });
});
