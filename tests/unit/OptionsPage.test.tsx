// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '@/components/OptionsPage';
import { formatMegabytes } from '@/components/StorageUsed';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { createClient, routeMessage } from '@/lib/protocol';
import { ok } from '@/lib/result';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { installBundledPack, type ClaimlightDb } from '@/lib/store';
import { freshDb, samplePack } from '../helpers/packs';

let db: ClaimlightDb | undefined;
afterEach(() => {
  cleanup();
  db?.close();
  db = undefined;
});

// A background with no packs; the pack list has tests of its own (PackManager.test.tsx).
const client = createClient(async (message) => {
  const type = (message as { type: string }).type;
  return type.endsWith('getStoreSummary') ? ok({ claimCount: 0, packCount: 0 }) : ok([]);
});

function renderPage(props: Partial<Parameters<typeof OptionsPage>[0]> = {}) {
  render(<OptionsPage client={client} settings={DEFAULT_SETTINGS} onSettingsChange={() => {}} {...props} />);
}

describe('OptionsPage', () => {
  it('puts the settings above the fact packs', async () => {
    renderPage();
    await screen.findByText('0 claims in 0 packs');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Where Claimlight marks claims', 'How marks look', 'Sensitivity', 'Fact packs', 'What Claimlight stores']);
  });

  it('says the settings are being read until they arrive', () => {
    renderPage({ settings: null });
    expect(screen.getAllByRole('status').map((region) => region.textContent)).toContain('Reading your settings…');
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('shows why a change was not saved', () => {
    renderPage({ saveError: 'Your last change was not saved: QUOTA_BYTES_PER_ITEM quota exceeded' });
    expect(screen.getAllByRole('alert').some((region) => region.textContent?.includes('QUOTA_BYTES_PER_ITEM'))).toBe(true);
  });

  it('wraps a word too long for the page in the table\'s cells and the import\'s messages, rather than widen the page', () => {
    const css = readFileSync('entrypoints/options/style.css', 'utf8');
    // Anywhere in a pack's title; between words elsewhere in the table, which let it squeeze its
    // columns to a few letters ("Publi|sher"), and a word too long for its cell anyhow.
    expect(css).toMatch(/\nth, td \{[^}]*overflow-wrap: break-word/);
    expect(css).toMatch(/\n\.pack-title \{[^}]*overflow-wrap: anywhere/);
    expect(css).toMatch(/\n\.status \{[^}]*overflow-wrap: anywhere/);
  });

  it('passes axe, of any impact, with packs, a feed, hidden matches, and every kind of error', async () => {
    db = freshDb();
    const bundled = expectBundledPack();
    await installBundledPack(db, bundled);
    const fetch = vi.fn(async () => new Response('gone', { status: 500 })) as unknown as typeof globalThis.fetch;
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch } });
    const backed = createClient(async (message) => routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
    await db.feeds.add({ id: 'feed-a', source: { kind: 'url', url: 'https://checks.example/a.json' }, packId: 'feed-a', title: 'Harbour Checks', publisher: 'Harbour Checks', claimCount: 0, addedAt: 0, failures: 1, intervalMinutes: 360, paused: false, nextCheck: 0, lastError: 'checks.example answered 500.', failingSince: Date.UTC(2026, 10, 1), lastChecked: Date.UTC(2026, 10, 1) } as never);
    const dismissals = {
      onPage: [{ page: 'https://news.example/story', claimKey: 'p/a', claimText: 'The call lasted 90 minutes.', text: 'The call ran long.', at: 'x' }],
      everywhere: [{ claimKey: 'p/b', claimText: 'Fares doubled.', at: 'y' }],
      reports: [{ page: 'https://news.example/story', claimKey: 'p/a', claimText: 'x', text: 'y', at: 'z' }],
    } as never;
    render(
      <OptionsPage client={backed} settings={{ ...DEFAULT_SETTINGS, siteRules: [{ pattern: 'example.com', mode: 'never' }] }} onSettingsChange={() => {}} saveError="Your last change was not saved."
        estimate={async () => ({ usage: 1_000_000 })} dismissals={dismissals} onDismissalsChange={() => {}} feeds={{ requestOrigin: async () => true, apiKey: { read: async () => '', write: async () => undefined } }} />,
    );
    await screen.findByText(/claims in 1 pack/);
    await screen.findByRole('list', { name: 'Your feeds' });
    const check = async () => {
      const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
      return results.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    fireEvent.input(screen.getByLabelText('Or paste JSON'), { target: { value: JSON.stringify(samplePack()) } });
    fireEvent.click(screen.getByRole('button', { name: 'Import pasted JSON' }));
    await screen.findByText(/claims in 2 packs/);
    expect(await check()).toEqual([]);
    fireEvent.input(screen.getByLabelText('Or paste JSON'), { target: { value: '{"bad": true}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import pasted JSON' }));
    await screen.findByText(/^Nothing was imported/);
    fireEvent.submit(screen.getByLabelText('Site').closest('form')!);
    fireEvent.input(screen.getByLabelText('Feed address'), { target: { value: 'ftp://x' } });
    fireEvent.submit(screen.getByLabelText('Feed address').closest('form')!);
    expect(await check()).toEqual([]);
  });

  describe('storage used', () => {
    it('shows the browser’s estimate in MB', async () => {
      renderPage({ estimate: async () => ({ usage: 2_430_000, quota: 1e9 }) });
      expect((await screen.findByTestId('storage-used')).textContent).toBe('Storage used: 2.4 MB');
    });

    it('asks again when the store changes (an import, a deletion)', async () => {
      let usage = 2_430_000;
      const estimate = async () => ({ usage, quota: 1e9 });
      const { rerender } = render(<OptionsPage client={client} settings={DEFAULT_SETTINGS} onSettingsChange={() => {}} estimate={estimate} storeVersion={0} />);
      expect((await screen.findByTestId('storage-used')).textContent).toBe('Storage used: 2.4 MB');
      usage = 7_900_000;
      rerender(<OptionsPage client={client} settings={DEFAULT_SETTINGS} onSettingsChange={() => {}} estimate={estimate} storeVersion={1} />);
      await waitFor(() => expect(screen.getByTestId('storage-used').textContent).toBe('Storage used: 7.9 MB'));
    });

    it.each([
      ['is missing', async () => null],
      ['fails', async () => Promise.reject(new Error('SecurityError'))],
      ['gives no usage', async () => ({})],
    ])('shows nothing when the estimate %s', async (_, estimate) => {
      renderPage({ estimate });
      await screen.findByText('0 claims in 0 packs');
      expect(screen.queryByTestId('storage-used')).toBeNull();
    });

    it.each([
      [0, 'under 0.1 MB'],
      [99_999, 'under 0.1 MB'],
      [160_000, '0.2 MB'],
      [12_345_678, '12.3 MB'],
    ])('writes %i bytes as %s', (bytes, text) => {
      expect(formatMegabytes(bytes)).toBe(text);
    });
  });
});
