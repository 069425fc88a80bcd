/**
 * What a link in a pack may be, and how the card says where it goes. A pack names an outlet
 * ("Reuters") and a URL, and nothing ties the two: the URL is parsed as a browser would follow it,
 * stored in that form, and the card shows its real host beside the outlet's name. URLs that hide
 * where they go (a user name before the host, control or bidirectional characters) are refused.
 */
import { toUnicode } from 'punycode/punycode.es6.js';

/** The two ways a host's Unicode form passes for another host. */
export type Lookalike = 'mixed-scripts' | 'punctuation';

/** What the card says of a look-alike host: beside it, in its tooltip, and to screen readers. */
export const LOOKALIKE_WORDS: Record<Lookalike, { short: string; title: string; spoken: string }> = {
  'mixed-scripts': { short: 'mixes alphabets', title: 'This web address mixes letters of different alphabets, as look-alike addresses do.', spoken: 'a web address that mixes alphabets' },
  punctuation: { short: 'look-alike characters', title: 'This web address holds characters drawn like a slash, a dot or other punctuation, as look-alike addresses do.', spoken: 'a web address with look-alike characters' },
};

/** A link as it will be followed, or why it is refused. */
export type Link =
  | {
      ok: true;
      /** The URL as the browser's parser writes it: scheme and host lower-case, host in punycode. */
      url: string;
      /** The host as a reader should see it: its Unicode form, or punycode when that form is a look-alike. */
      host: string;
      /** Why the host's Unicode form would deceive, when it would: it mixes writing systems
       * ("rеuters.com" with a Cyrillic "е"), or it holds a character drawn like punctuation
       * ("reuters.com∕world.evil.example" with a division slash). Null for an honest host. */
      lookalike: Lookalike | null;
    }
  | {
      ok: false;
      reason: string;
      /** Refused for hiding where it goes, not only for not being a web address: a pack holding
       * one is refused whole, since its other links cannot be trusted either. */
      hides: boolean;
    };

// C0 and C1 controls, the soft hyphen, the zero-width space, bidirectional marks, embeddings,
// overrides and isolates, invisible operators and the byte-order mark: none belongs in a URL as
// written, and each can make one read as something else. The zero-width joiner and non-joiner are
// let through: Persian and Indic words and emoji sequences in paths need them.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

const NOT_HTTP = 'must be an http(s) URL';
/** The longest URL a pack may store (`LIMITS.url` in lib/schema.ts, which imports this module). */
export const MAX_URL_LENGTH = 2_048;

/** Why a link is refused. */
type Refusal = Extract<Link, { ok: false }>;

function parse(written: string): { ok: true; url: URL } | Refusal {
  if (HIDDEN.test(written)) return { ok: false, hides: true, reason: 'must not hold control, invisible or bidirectional characters' };
  let url: URL;
  try {
    url = new URL(written.trim());
  } catch {
    return { ok: false, hides: false, reason: NOT_HTTP };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return { ok: false, hides: false, reason: NOT_HTTP };
  if (url.username || url.password) return { ok: false, hides: true, reason: 'must not hold a user name or password before its host (the part before "@")' };
  // The limit holds for the form stored, which percent-encoding can make much longer than the written one.
  if (url.href.length > MAX_URL_LENGTH) return { ok: false, hides: false, reason: `must be at most ${MAX_URL_LENGTH} characters once written as the browser follows it` };
  return { ok: true, url };
}

/** A link as it will be stored, or why it is refused: what importing needs, without the host's
 * display form, which only the card shows. */
export function parseLink(written: string): { ok: true; url: string } | Refusal {
  const parsed = parse(written);
  return parsed.ok ? { ok: true, url: parsed.url.href } : parsed;
}

/** Parses a link as written in a pack, with the host as a reader should see it. */
export function readLink(written: string): Link {
  const parsed = parse(written);
  if (!parsed.ok) return parsed;
  const { hostname, href } = parsed.url;
  const unicode = unicodeHost(hostname);
  const lookalike: Lookalike | null = mixesScripts(unicode) ? 'mixed-scripts' : drawsPunctuation(unicode) ? 'punctuation' : null;
  return { ok: true, url: href, host: lookalike ? hostname : unicode, lookalike };
}

/** The URL a link is stored as, or null when it is refused. */
export function normalizeLink(written: string): string | null {
  const link = parseLink(written);
  return link.ok ? link.url : null;
}

/** A host, or a site rule's pattern ("*.xn--bcher-kva.de"), as a reader reads it ("*.bücher.de"):
 * in its own script, unless that script could pass for another site's name (mixed scripts, letters
 * drawn like punctuation), where the ASCII form the browser uses is shown instead. */
export function displayHost(host: string): string {
  const wildcard = host.startsWith('*.') ? '*.' : '';
  const ascii = host.slice(wildcard.length);
  const unicode = unicodeHost(ascii);
  return wildcard + (unicode === ascii || mixesScripts(unicode) || drawsPunctuation(unicode) ? ascii : unicode);
}

function unicodeHost(hostname: string): string {
  try {
    return toUnicode(hostname);
  } catch {
    // A malformed xn-- label: the ASCII form is all there is to show.
    return hostname;
  }
}

// The writing systems a host's letters are told apart by. Han with kana (Japanese) or with Hangul
// (Korean) is one writing system; every other mix is what look-alike hosts are made of.
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u],
];

/** A character of a host outside ASCII that is neither a letter nor a mark: in a host name, such
 * characters are drawn like the punctuation of an address ("∕", "⁄", "·", "۰"), as browsers' IDN
 * rules know. Made once, for the reason `LETTER` gives. */
const NOT_LETTER_OR_MARK = /[^\p{L}\p{M}]/u;

/** True when a host's Unicode form holds a character outside ASCII that is not a letter or mark. */
export function drawsPunctuation(host: string): boolean {
  for (const char of host) if (char.charCodeAt(0) > 0x7f && NOT_LETTER_OR_MARK.test(char)) return true;
  return false;
}

/** A letter: made once here, since esbuild writes an expression with a Unicode property as a
 * `new RegExp(...)` call, which inside the loop below made it again for every character. */
const LETTER = /\p{L}/u;

/** The writing systems of a text's letters (digits, dots and hyphens belong to none). */
function scriptsOf(text: string): Set<string> {
  const seen = new Set<string>();
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    seen.add(SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other');
  }
  return seen;
}

// Scripts with letters that pass for Latin ones ("а", "е", "о", "р", "ο", "ν"): a name written
// wholly in one of them under a Latin top-level domain ("аррӏе.com") is a look-alike too.
const LATIN_LOOKALIKES = new Set(['Cyrillic', 'Greek']);

/** True when a label of the host mixes writing systems ("rеuters" with a Cyrillic "е"), or a
 * label wholly in Cyrillic or Greek sits under a Latin top-level domain. Labels wholly in one
 * script under their own country's domain ("пример.рф", "日本語.jp") are not flagged. */
export function mixesScripts(host: string): boolean {
  const labels = host.split('.').map(scriptsOf);
  if (labels.some((scripts) => scripts.size > 1)) return true;
  const top = labels[labels.length - 1]!;
  if (!top.has('Latin')) return false;
  return labels.slice(0, -1).some((scripts) => [...scripts].some((script) => LATIN_LOOKALIKES.has(script)));
}
