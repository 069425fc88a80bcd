// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsPage } from '@/components/OptionsPage';
import { formatMegabytes } from '@/components/StorageUsed';
import { createClient } from '@/lib/protocol';
import { ok } from '@/lib/result';
import { DEFAULT_SETTINGS } from '@/lib/settings';

afterEach(cleanup);

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
    expect(screen.getByRole('status').textContent).toBe('Reading your settings…');
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('shows why a change was not saved', () => {
    renderPage({ saveError: 'Your last change was not saved: QUOTA_BYTES_PER_ITEM quota exceeded' });
    expect(screen.getByRole('alert').textContent).toContain('QUOTA_BYTES_PER_ITEM');
  });

  describe('storage used', () => {
    it('shows the browser’s estimate in MB', async () => {
      renderPage({ estimate: async () => ({ usage: 2_430_000, quota: 1e9 }) });
      expect((await screen.findByTestId('storage-used')).textContent).toBe('Storage used: 2.4 MB');
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
