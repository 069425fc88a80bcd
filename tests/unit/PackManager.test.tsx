// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PackManager, type PackImporter } from '@/components/PackManager';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { createClient, routeMessage } from '@/lib/protocol';
import { installBundledPack, type ClaimlightDb } from '@/lib/store';
import { dumpStore, freshDb, samplePack } from '../helpers/packs';

const bundled = expectBundledPack();
let db: ClaimlightDb;
afterEach(() => {
  cleanup();
  db?.close();
});

async function renderManager() {
  db = freshDb();
  await installBundledPack(db, bundled);
  const handlers = createBackgroundHandlers({ db, bundled });
  const sender = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
  const client = createClient(async (message) => routeMessage(message, sender, handlers));
  render(<PackManager client={client} />);
  await screen.findByText('28 claims in 1 pack');
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

  it('asks in its own words before deleting a pack, and deletes nothing on Cancel', async () => {
    await renderManager();
    paste(JSON.stringify({ ...samplePack(), claims: samplePack().claims.slice(0, 1) }));
    await screen.findByText('29 claims in 2 packs');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Sample pack' }));
    const question = await screen.findByText('Delete “Sample pack” and its 1 claim?');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('29 claims in 2 packs')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Sample pack' }));
    expect(question.textContent).toBe('Delete “Sample pack” and its 1 claim?');
    fireEvent.click(screen.getByRole('button', { name: 'Delete pack' }));
    await screen.findByText('28 claims in 1 pack');
    expect(screen.getByTestId('import-status').textContent).toBe('Deleted “Sample pack”.');
  });

  it('says on each export button what it exports', async () => {
    await renderManager();
    const row = screen.getByRole('row', { name: /Trump–Putin call/ });
    expect([...row.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Export as Claimlight pack', 'Export as ClaimReview']);
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

  it('imports pasted JSON and shows the new pack', async () => {
    await renderManager();
    paste(JSON.stringify(samplePack()));
    await screen.findByText('30 claims in 2 packs');
    expect(screen.getByTestId('import-status').textContent).toContain('Imported “Sample pack”: 2 claims from Claimlight pack data.');
    expect(screen.getByRole('row', { name: /Sample pack/ })).toBeTruthy();
  });

  it('shows every problem of a bad pack and changes nothing', async () => {
    await renderManager();
    const before = await dumpStore(db);
    const bad = samplePack({ claims: [{ ...samplePack().claims[0], verdict: 'nope' }, { ...samplePack().claims[1], text: '' }] });
    paste(JSON.stringify(bad));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported: the file has 2 problems.');
    expect(alert.textContent).toContain('claim 1 (`harbour-bridge-closed`): verdict: must be one of');
    expect(alert.textContent).toContain('claim 2 (`ferry-fares-doubled`): text: must not be empty');
    expect(await dumpStore(db)).toEqual(before);
    expect(screen.getByTestId('store-summary').textContent).toBe('28 claims in 1 pack');
  });

  it('shows a progress bar while an importer stores the claims', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const handlers = createBackgroundHandlers({ db, bundled });
    const sender = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
    const client = createClient(async (message) => routeMessage(message, sender, handlers));
    let release!: () => void;
    const importer: PackImporter = async (text, fileName, onProgress) => {
      onProgress(2_000, 4_500);
      await new Promise<void>((resolve) => (release = resolve));
      return handlers.importWithProgress(text, fileName, onProgress);
    };
    render(<PackManager client={client} importer={importer} />);
    await screen.findByText('28 claims in 1 pack');
    paste(JSON.stringify(samplePack()));
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('value')).toBe('2000');
    expect(bar.getAttribute('max')).toBe('4500');
    expect(screen.getByText(/Storing claims: 2000 of 4500/)).toBeTruthy();
    release();
    await screen.findByText('30 claims in 2 packs');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('frees the form and says so when the background cannot be reached during an import', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const handlers = createBackgroundHandlers({ db, bundled });
    const sender = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
    const client = createClient(async (message) => routeMessage(message, sender, handlers));
    const importer: PackImporter = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    render(<PackManager client={client} importer={importer} />);
    await screen.findByText('28 claims in 1 pack');
    paste(JSON.stringify(samplePack()));
    expect((await screen.findByRole('alert')).textContent).toContain('Claimlight could not reach its background to import the file. Reload this page and try again; nothing was imported.');
    expect(screen.queryByText('Reading the file…')).toBeNull();
    expect((document.querySelector('input[type=file]') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByText('28 claims in 1 pack')).toBeTruthy();
  });

  it('refuses a file over the size limit before reading it', async () => {
    await renderManager();
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    const file = new File(['x'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(file, 'size', { value: 20 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Nothing was imported. The file is 20.0 MB; Claimlight imports fact packs of up to 16.0 MB. Split it into smaller packs.',
    );
  });
});
