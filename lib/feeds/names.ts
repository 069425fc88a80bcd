/**
 * How feeds are named on screen: a source by its host or its search, and a refresh by what it
 * changed. Kept apart from the refresh code so that the settings page does not load the store.
 */
import type { FeedChange, FeedSource } from '../store';

/** A short name for a source, for a feed whose document names nothing yet. */
export function sourceName(source: FeedSource): string {
  if (source.kind === 'factcheck') return `Fact Check Tools: ${[source.query, source.publisherSite].filter(Boolean).join(', ') || 'all'}`;
  try {
    return new URL(source.url).host;
  } catch {
    return source.url;
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

