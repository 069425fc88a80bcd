/**
 * Fetches a feed's document the way a good HTTP client asks a static host: conditionally (the
 * `ETag` and `Last-Modified` of the last good copy), within a time limit and a size limit, and only
 * when the server says it is JSON or a web page. Every failure is a sentence a reader can act on.
 * The fetch function is passed in, so tests and the background share this code.
 */
import { megabytes } from '../counts';
import { MAX_PACK_BYTES } from '../pack';
import { err, ok, type Result } from '../result';
import { decodeTextFile } from '../text-files';
import { hostOf } from './names';

/** What the last good copy was served with. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** A fetched feed: unchanged since the validators (a 304), or its text and new validators. */
export type FeedDocument = { status: 'unchanged' } | ({ status: 'fetched'; text: string; note?: string } & Validators);

/** Why a feed could not be fetched, as a sentence the reader can act on, and how long its server
 * asked to be left alone (a 429 or 503 with `Retry-After`), where it did. */
export interface FetchFailure {
  message: string;
  retryAfterMs?: number;
}

const failure = (message: string, retryAfterMs?: number) => err<FetchFailure>(retryAfterMs === undefined ? { message } : { message, retryAfterMs });

/** How long a `Retry-After` header asks to wait, in ms: whole seconds, or an HTTP date; undefined
 * when there is none, or it cannot be read, or the date has passed. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) && at > now ? at - now : undefined;
}

export interface FetchOptions {
  fetch: typeof fetch;
  /** How long the whole answer may take. */
  timeoutMs?: number;
  /** The largest answer read. */
  maxBytes?: number;
  /** Whether Claimlight may still read from this address's origin (the browser's host permission,
   * which the reader can take back in the browser's own settings). Asked when the fetch fails. */
  allowed?: (url: string) => Promise<boolean>;
  /** The clock, for a `Retry-After` given as a date. */
  now?: () => number;
  /** What must never be kept from an answer (a Fact Check Tools key that an API's error repeats):
   * taken out of an error's message before it is cut short, so no part of it is left. */
  secret?: string;
}

export const FEED_TIMEOUT_MS = 30_000;

// JSON of any kind (ClaimReview is often served as application/ld+json), web pages holding
// JSON-LD, and plain text, which some static hosts send for .json files.
const ACCEPTED_TYPE = /^(application\/(json|ld\+json|[\w.+-]+\+json|xhtml\+xml)|text\/(html|plain|json))\b/i;

/** The charset a Content-Type names, if any. */
const charsetOf = (contentType: string) => /;\s*charset\s*=\s*"?([\w:.-]+)/i.exec(contentType)?.[1];

/** The most of an error's body read for its message. */
const ERROR_BODY_BYTES = 16_384;

/**
 * What a JSON API says went wrong, where it says so the way Google's APIs and many others do
 * (`{"error": {"message": "API key not valid. Please pass a valid API key."}}`, or a string
 * `error`): the status alone, "400", does not tell a reader that their key was refused. Null for
 * any other body (an HTML error page says nothing a reader needs), or one that cannot be read.
 */
async function errorMessageOf(response: Response, secret?: string): Promise<string | null> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return null;
  try {
    const text = (await readLimited(response, ERROR_BODY_BYTES))?.text ?? null;
    const body = text === null ? null : (JSON.parse(text) as { error?: unknown; message?: unknown });
    const error = body?.error;
    const message = typeof error === 'string' ? error : error && typeof error === 'object' ? (error as { message?: unknown }).message : body?.message;
    if (typeof message !== 'string') return null;
    // Before it is cut short, so that no part of the secret is left at the cut.
    const told = secret ? withoutSecret(message, secret) : message;
    // One line, short, with no control or direction characters: it is shown in a sentence of ours,
    // whose words a server's text must not reorder.
    const line = told.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
    return line ? (line.length > 200 ? `${line.slice(0, 199)}…` : line) : null;
  } catch {
    return null;
  }
}

/** Reads a body up to `maxBytes`; null when it is longer. Decoded as an imported file is
 * (`decodeTextFile`), with the server's charset: a UTF-16 feed with a byte-order mark, or a page
 * whose only word on its encoding is its <meta charset>, was read as UTF-8 and refused or garbled. */
async function readLimited(response: Response, maxBytes: number): Promise<{ text: string; note?: string } | null> {
  const decode = (bytes: Uint8Array) => decodeTextFile(bytes, charsetOf(response.headers.get('content-type') ?? ''));
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength > maxBytes ? null : decode(bytes);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return decode(all);
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** `text` with every copy of `secret` in it, as written and as a URL writes it, put as "…". */
function withoutSecret(text: string, secret: string): string {
  return text.replaceAll(secret, '…').replaceAll(encodeURIComponent(secret), '…');
}

/** Fetches a feed's URL; `unchanged` on a 304, else its text, or why it could not. `secret` is kept
 * out of every reason given, however one might come to hold it (the URL it is sent in, an API's
 * error that repeats it). */
export async function fetchFeed(url: string, validators: Validators, options: FetchOptions): Promise<Result<FeedDocument, FetchFailure>> {
  const fetched = await fetchDocument(url, validators, options);
  return fetched.ok || !options.secret ? fetched : err({ ...fetched.error, message: withoutSecret(fetched.error.message, options.secret) });
}

/** Whether an address is this computer's (localhost, 127.x.x.x, [::1]), which a browser's
 * HTTPS-Only Mode leaves plain. */
function isLoopback(url: string): boolean {
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

async function fetchDocument(url: string, validators: Validators, options: FetchOptions): Promise<Result<FeedDocument, FetchFailure>> {
  const maxBytes = options.maxBytes ?? MAX_PACK_BYTES;
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const host = hostOf(url);
  try {
    const headers: Record<string, string> = { Accept: 'application/ld+json, application/json;q=0.9, text/html;q=0.8, */*;q=0.1' };
    if (validators.etag) headers['If-None-Match'] = validators.etag;
    if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
    let response: Response;
    try {
      response = await options.fetch(url, { headers, signal: controller.signal, credentials: 'omit', redirect: 'follow', cache: 'no-cache' });
    } catch (e) {
      if (controller.signal.aborted) return failure(`${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      // Without the permission, the browser fails the fetch as it fails one to a server that is down.
      if (options.allowed && !(await options.allowed(url).catch(() => true))) {
        return failure(`Claimlight is no longer allowed to read from ${host}: the permission was taken back in the browser's settings. Remove this feed and subscribe to it again to allow it.`);
      }
      // A browser that sends every request over https (Firefox's HTTPS-Only Mode, which upgrades
      // an extension's fetches too) fails a plain-http feed's the same way, without asking it.
      const upgraded = url.startsWith('http://') && !isLoopback(url) ? ' If your browser is set to use only HTTPS (Firefox’s HTTPS-Only Mode), it does not read http:// addresses: subscribe to the feed’s https:// address, if it has one.' : '';
      return failure(`Could not reach ${host}: the server is down, the address is wrong, or this device is offline (${(e as Error).message}).${upgraded}`);
    }
    // The reader allowed the feed's origin, not wherever it sends us: a feed that moved elsewhere
    // is not read from there.
    if (response.redirected && response.url && originOf(response.url) !== originOf(url)) {
      return failure(`The feed has moved to ${response.url}. Subscribe to that address to follow it there.`);
    }
    if (response.status === 304) return ok({ status: 'unchanged' });
    if (!response.ok) {
      // "Too many requests" and "unavailable" may say when to come back: asked sooner, the server
      // would refuse again, and a Fact Check Tools key would spend its quota being refused.
      const wait = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after'), (options.now ?? Date.now)()) : undefined;
      const said = await errorMessageOf(response, options.secret);
      return failure(`${host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${said ? `: “${said}”` : '.'}`, wait);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!ACCEPTED_TYPE.test(type.trim())) {
      return failure(`${host} sent ${type.split(';')[0]!.trim() || 'a file with no content type'}, not JSON or a web page.`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      return failure(`The feed is ${megabytes(declared)}; Claimlight reads feeds of up to ${megabytes(maxBytes)}.`);
    }
    let read: { text: string; note?: string } | null;
    try {
      read = await readLimited(response, maxBytes);
    } catch (e) {
      if (controller.signal.aborted) return failure(`${host} did not finish sending the feed within ${Math.round(timeoutMs / 1000)} s.`);
      return failure(`The connection to ${host} broke while the feed was read (${(e as Error).message}).`);
    }
    if (read === null) return failure(`The feed is larger than ${megabytes(maxBytes)}, the most Claimlight reads.`);
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    // How its bytes were read, where that is worth saying ("read as windows-1252"): the feed's row says it.
    return ok({ status: 'fetched', text: read.text, ...(read.note ? { note: read.note } : {}), ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
  } finally {
    clearTimeout(timer);
  }
}
