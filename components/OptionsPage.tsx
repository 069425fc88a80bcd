import type { Client } from '@/lib/protocol';
import type { Settings } from '@/lib/settings';
import type { Dismissals } from '@/lib/dismissals';
import { FeedManager, type FeedManagerProps } from './FeedManager';
import { HiddenMatches } from './HiddenMatches';
import { PackManager, type PackImporter } from './PackManager';
import { SettingsForm } from './SettingsForm';
import { StorageUsed, type StorageEstimate } from './StorageUsed';

/** What the settings page needs: the background client, the settings once read (null until then),
 * where to send a change, and (for tests) how to ask for the storage estimate. */
export interface OptionsPageProps {
  /** Imports with progress reports; without it, imports go through one message. */
  importer?: PackImporter;
  client: Client;
  settings: Settings | null;
  onSettingsChange: (next: Settings) => void;
  /** Why the last change could not be saved, or null when it was. */
  saveError?: string | null;
  estimate?: StorageEstimate;
  /** The matches the reader rejected (null until read), and where to send a change to them. */
  dismissals?: Dismissals | null;
  /** Why the hidden matches could not be read, if they could not. */
  dismissalsError?: string | null;
  /** Why the last change to the hidden matches was not saved, where it was not. */
  dismissalsSaveError?: string | null;
  onDismissalsChange?: (next: Dismissals) => void;
  /** How the feeds section asks for an origin's permission and keeps the Fact Check Tools key;
   * no feeds section without it. */
  feeds?: Omit<FeedManagerProps, 'client' | 'storeVersion'>;
  /** Changes when the store changed elsewhere (a feed refreshed on its alarm, a pack imported in
   * another settings page): the packs and feeds are read again. */
  storeVersion?: number;
}

/** The settings page: the reader's settings, then fact packs, then what Claimlight stores. */
export function OptionsPage({ client, importer, settings, onSettingsChange, saveError = null, estimate, dismissals = null, dismissalsError = null, dismissalsSaveError = null, onDismissalsChange, feeds, storeVersion = 0 }: OptionsPageProps) {
  return (
    <main class="claimlight-options">
      <header>
        <h1>Claimlight settings</h1>
        <p class="lede">Claimlight marks known claims in the news you read and shows what the record says, with sources.</p>
      </header>
      {saveError && (
        <p class="status error" role="alert">
          {saveError}
        </p>
      )}
      {settings ? <SettingsForm settings={settings} onChange={onSettingsChange} saveError={saveError} /> : <p role="status">Reading your settings…</p>}
      <PackManager client={client} importer={importer} storeVersion={storeVersion} />
      {feeds && <FeedManager client={client} {...feeds} storeVersion={storeVersion} />}
      {onDismissalsChange && <HiddenMatches list={dismissals} unreadable={dismissalsError} saveError={dismissalsSaveError} onChange={onDismissalsChange} />}
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">What Claimlight stores</h2>
        <p>
          Claimlight keeps its fact packs in this browser only. Your settings are saved with the browser’s own sync, so
          they follow you to other computers where you are signed in to the browser. The matches you hid, and a Fact Check Tools key, stay on this computer; the key goes only to Fact Check Tools, with your searches. Claimlight reads the pages you open to
          find claims on your device, and nothing about your browsing leaves the device.
        </p>
        <StorageUsed estimate={estimate} storeVersion={storeVersion} />
      </section>
    </main>
  );
}
