/**
 * A Fact Check Tools search as a feed: the API answers in pages (`nextPageToken`); this follows
 * them up to a limit and hands back one document of all their claims, which the importer reads
 * as it reads a saved response. The reader's API key goes in the request and nowhere else.
 */
import { err, ok, type Result } from '../result';
import type { FeedSource } from '../store';
import type { FetchFailure, FetchOptions } from './fetch-feed';
import { fetchFeed } from './fetch-feed';
import { FACTCHECK_ENDPOINT } from './names';

export { FACTCHECK_ENDPOINT } from './names';
/** Pages followed per refresh: 10 pages of 100 claims. */
export const MAX_FACTCHECK_PAGES = 10;

/** The URL of one page of a search. */
export function factCheckUrl(source: Extract<FeedSource, { kind: 'factcheck' }>, key: string, pageToken?: string, endpoint = FACTCHECK_ENDPOINT): string {
  const url = new URL(endpoint);
  if (source.query) url.searchParams.set('query', source.query);
  if (source.publisherSite) url.searchParams.set('reviewPublisherSiteFilter', source.publisherSite);
  if (source.languageCode) url.searchParams.set('languageCode', source.languageCode);
  url.searchParams.set('pageSize', '100');
  if (pageToken) url.searchParams.set('pageToken', pageToken);
  url.searchParams.set('key', key);
  return url.toString();
}

/** Every page of a search, up to `maxPages`, as one `{ claims: [...] }` document's text, and how
 * many claims it holds. */
export async function fetchFactCheckSearch(
  source: Extract<FeedSource, { kind: 'factcheck' }>,
  key: string,
  options: FetchOptions & { maxPages?: number; endpoint?: string },
): Promise<Result<{ text: string; claims: number; note?: string }, FetchFailure>> {
  const claims: unknown[] = [];
  const asked = new Set<string>();
  let token: string | undefined;
  const maxPages = options.maxPages ?? MAX_FACTCHECK_PAGES;
  for (let page = 0; page < maxPages; page++) {
    // The key is kept out of every message (`secret`), however a message might come to hold it.
    const fetched = await fetchFeed(factCheckUrl(source, key, token, options.endpoint), {}, { ...options, secret: key });
    if (!fetched.ok) return fetched;
    if (fetched.value.status !== 'fetched') return err({ message: 'Fact Check Tools answered a search with "not modified".' });
    let body: { claims?: unknown; nextPageToken?: unknown };
    try {
      body = JSON.parse(fetched.value.text) as typeof body;
    } catch {
      return err({ message: 'Fact Check Tools sent something that is not JSON.' });
    }
    if (body.claims !== undefined && !Array.isArray(body.claims)) return err({ message: 'Fact Check Tools sent a page whose "claims" is not a list.' });
    claims.push(...((body.claims as unknown[] | undefined) ?? []));
    token = typeof body.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined;
    // A page that points back to one already read would be read again and again, each at the cost
    // of the reader's quota.
    if (!token || asked.has(token)) {
      token = undefined;
      break;
    }
    asked.add(token);
  }
  // Pages left unread: said, where the search used to stop at its limit without a word.
  const note = token ? `The search has more claims than the ${claims.length.toLocaleString('en')} Claimlight reads of one (${maxPages} pages); narrow it (a site, a language, more words) to follow the rest.` : undefined;
  return ok({ text: JSON.stringify({ claims }), claims: claims.length, ...(note ? { note } : {}) });
}
