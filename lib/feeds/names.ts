/**
 * How feeds are named on screen: a source by its host or its search, and a refresh by what it
 * changed, and the origin a feed is read from. Kept apart from the refresh code so that the
 * settings page does not load the store.
 */
import { formatCount } from '../counts';
import { err, ok, type Result } from '../result';
import { withoutFinalDot } from '../settings';
import type { FeedChange, FeedSource } from '../store';

/** Where Fact Check Tools searches go. */
export const FACTCHECK_ENDPOINT = 'https://factchecktools.googleapis.com/v1alpha1/claims:search';

/** The longest feed address kept, as the background takes it (lib/protocol.ts). */
export const MAX_FEED_ADDRESS_CHARS = 2_048;
/** The longest search a feed makes: its words, or the fact-checker's site it is limited to. */
export const MAX_SEARCH_CHARS = 300;
/** The longest language code a search names ("en", "pt-BR"). */
export const MAX_LANGUAGE_CODE_CHARS = 20;

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

/** The host a feed is read from, as permissions name it ("https://checks.example/*"), whatever its
 * port; null for an address that is not http(s). Without the port: Firefox grants a pattern with
 * one ("http://127.0.0.1:8080/*") and says it holds it, yet lets no request to that origin through,
 * so a feed on a port of its own failed every check there, said as a server that was down. */
export function feedOrigin(source: FeedSource): string | null {
  const url = source.kind === 'factcheck' ? FACTCHECK_ENDPOINT : source.url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? `${parsed.protocol}//${parsed.hostname}/*` : null;
  } catch {
    return null;
  }
}

/** The origin a feed on a port of its own was allowed under before Claimlight asked for the host
 * whatever its port ("http://127.0.0.1:8080/*"); null for any other feed. Such a grant still
 * allows the feed, and goes back with it. */
export function feedOriginWithPort(source: FeedSource): string | null {
  if (source.kind !== 'url' || !URL.canParse(source.url)) return null;
  const url = new URL(source.url);
  return url.port ? `${url.origin}/*` : null;
}

/**
 * A feed's address as Claimlight keeps it, or why it cannot be one. Written back as the browser
 * reads it (the host in lower case, a default port dropped) and without its fragment, which no
 * server sees: "https://CHECKS.example:443/feed.json#latest" is the feed at
 * "https://checks.example/feed.json", not a second one. An address with a user name or password
 * is refused: the browser will not send a request to it, and the feed's messages would show it.
 */
/** An address of this computer or of a network written as numbers, as typed: served plain. */
const LOCAL_HOST = /^(?:localhost|[^/@]*\.localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])(?::\d+)?(?:[/?#]|$)/i;

export function feedAddress(url: string): Result<string, string> {
  const typed = url.trim();
  if (!typed) return err('Type or paste the feed’s address first.');
  // A space inside is no address: said as such, not as an address that does not start right.
  if (/\s/.test(typed)) return err('A feed’s address holds no spaces: check the address you pasted.');
  let parsed: URL;
  try {
    // Typed without its scheme ("checks.example/feed.json"), as the address bar takes it: https,
    // or http for this computer or an address on the network, where feeds are served plain. (A
    // "name:" before an "@" is a user name, and a "host:" before digits a port, not schemes.)
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) || (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(typed) && !/^[^/]*@/.test(typed));
    parsed = new URL(scheme ? typed : `${LOCAL_HOST.test(typed) ? 'http' : 'https'}://${typed}`);
  } catch {
    return err('That is not a web address: a feed’s address starts with https:// or http://.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return err('A feed’s address starts with https:// or http://.');
  if (parsed.username || parsed.password) return err('A feed’s address cannot hold a user name or password: the browser does not send them. Use an address that needs none.');
  parsed.hash = '';
  parsed.hostname = withoutFinalDot(parsed.hostname);
  // Measured as kept, which writes out what was typed as letters (an "é" is "%C3%A9"). Refused here
  // in the form, before the browser's permission prompt: the background's refusal came after it.
  if (parsed.href.length > MAX_FEED_ADDRESS_CHARS) return err(`A feed’s address can be at most ${MAX_FEED_ADDRESS_CHARS.toLocaleString('en')} characters.`);
  return ok(parsed.href);
}

/** A source with its address as `feedAddress` keeps it, or a search within the lengths a search
 * may have; or why it cannot be one. */
export function feedSourceOf(source: FeedSource): Result<FeedSource, string> {
  if (source.kind !== 'url') {
    if ((source.query?.length ?? 0) > MAX_SEARCH_CHARS) return err(`A search can be at most ${MAX_SEARCH_CHARS} characters.`);
    if ((source.publisherSite?.length ?? 0) > MAX_SEARCH_CHARS) return err(`A fact-checker’s site can be at most ${MAX_SEARCH_CHARS} characters.`);
    if ((source.languageCode?.length ?? 0) > MAX_LANGUAGE_CODE_CHARS) return err(`A language can be at most ${MAX_LANGUAGE_CODE_CHARS} characters, such as en or pt-BR.`);
    return ok(source);
  }
  const address = feedAddress(source.url);
  return address.ok ? ok({ kind: 'url', url: address.value }) : address;
}

/** "12,000 new, 3 updated, 1 withdrawn", or "no changes": lower case, since it always follows a
 * colon in the middle of a sentence ("Fact-checks by Harbour Checks: no changes."). */
export function describeChange(change: FeedChange): string {
  const parts = [
    change.added ? `${formatCount(change.added)} new` : '',
    change.updated ? `${formatCount(change.updated)} updated` : '',
    change.withdrawn ? `${formatCount(change.withdrawn)} withdrawn` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes';
}

