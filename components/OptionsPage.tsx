import type { Client } from '@/lib/protocol';
import { PackManager } from './PackManager';

/** The settings page: fact packs now; on/off, site rules and the look of marks join it in #6. */
export function OptionsPage({ client }: { client: Client }) {
  return (
    <main class="claimlight-options">
      <header>
        <h1>Claimlight settings</h1>
        <p class="lede">Claimlight marks known claims in the news you read and shows what the record says, with sources.</p>
      </header>
      <PackManager client={client} />
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">What Claimlight stores</h2>
        <p>
          Claimlight keeps its fact packs and your settings in this browser only. It reads the pages you open to find
          claims on your device, and nothing about your browsing leaves the device.
        </p>
      </section>
    </main>
  );
}
