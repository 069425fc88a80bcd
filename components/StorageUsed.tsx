import { useEffect, useState } from 'preact/hooks';

/** Asks the browser how much this extension stores; resolves to null where the API is missing or fails. */
export type StorageEstimate = () => Promise<{ usage?: number } | null>;

const browserEstimate: StorageEstimate = async () => {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return null;
  return navigator.storage.estimate();
};

/** Bytes as megabytes with one decimal ("2.4 MB"); very small amounts read "under 0.1 MB". */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return mb < 0.1 ? 'under 0.1 MB' : `${mb.toFixed(1)} MB`;
}

/** The bytes in use from `estimate`, or null while unknown or where the browser cannot tell; asked
 * again whenever `storeVersion` changes (an import, a deletion, a feed's refresh), which it said
 * nothing of until the page was reloaded. */
export function useStorageUsage(estimate: StorageEstimate = browserEstimate, storeVersion = 0): number | null {
  const [usage, setUsage] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    estimate()
      .then((result) => {
        if (live && typeof result?.usage === 'number') setUsage(result.usage);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [estimate, storeVersion]);
  return usage;
}

/** "Storage used: 2.4 MB", or nothing where the browser cannot say. */
export function StorageUsed({ estimate, storeVersion }: { estimate?: StorageEstimate; storeVersion?: number }) {
  const usage = useStorageUsage(estimate, storeVersion);
  if (usage === null) return null;
  return (
    <p class="storage-used" data-testid="storage-used">
      Storage used: {formatMegabytes(usage)}
    </p>
  );
}
