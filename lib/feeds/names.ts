/**
 * How feeds are named on screen: a source by its host or its search, and a refresh by what it
 * changed, and the origin a feed is read from. Kept apart from the refresh code so that the
 * settings page does not load the store.
 */
import type { FeedChange, FeedSource } from '../store';

/** Where Fact Check Tools searches go. */
export const FACTCHECK_ENDPOINT = 'https://factchecktools.googleapis.com/v1alpha1/claims:search';

/** An address's host ("checks.example", with a port where it has one), or the address itself
 * when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A short name for a source, for a feed whose document names nothing yet. */
export function sourceName(source: FeedSource): string {
  if (source.kind === 'factcheck') return `Fact Check Tools: ${[source.query, source.publisherSite].filter(Boolean).join(', ') || 'all'}`;
  return hostOf(source.url);
}

/** The origin a feed is read from, as permissions name it ("https://checks.example/*"); null
 * for an address that is not http(s). */
export function feedOrigin(source: FeedSource): string | null {
  const url = source.kind === 'factcheck' ? FACTCHECK_ENDPOINT : source.url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? `${parsed.origin}/*` : null;
  } catch {
    return null;
  }
}

/** "12 new, 3 updated, 1 withdrawn", or "No changes". */
export function describeChange(change: FeedChange): string {
  const parts = [
    change.added ? `${change.added} new` : '',
    change.updated ? `${change.updated} updated` : '',
    change.withdrawn ? `${change.withdrawn} withdrawn` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'No changes';
}

