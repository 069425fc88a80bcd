/**
 * The reader's settings: on or off, per-site rules, the look of marks, and sensitivity. Kept in
 * `browser.storage.sync` under one key. What comes out of storage is repaired field by field, not
 * trusted, so a corrupt or older value never stops Claimlight from starting (darkreader's rule).
 */
import * as v from 'valibot';
import { log } from './log';
import { PROBLEM_VERDICTS, isMentionVerdict, type MentionVerdict } from './verdicts';

/** The storage key of the settings. */
export const SETTINGS_KEY = 'claimlight:settings';

/** A per-site rule: on "always" or "never" for hosts matching a pattern ("example.com", "*.example.com"). */
export interface SiteRule {
  pattern: string;
  mode: 'always' | 'never';
}

/** Everything the reader can set. */
export interface Settings {
  enabled: boolean;
  siteRules: SiteRule[];
  /** Marks as a line under the text, or as a tint behind it. */
  markStyle: 'underline' | 'background';
  /** Stronger colours and thicker lines. */
  highContrast: boolean;
  /** Colours that replace the default of a verdict, as #rrggbb. */
  colors: Partial<Record<MentionVerdict, string>>;
  /** The verdicts whose mentions are marked in their own look. */
  markedVerdicts: MentionVerdict[];
  /** Mentions of the other verdicts get a faint dotted line (true) or no mark at all (false); the
   * popup lists them either way. */
  othersFaint: boolean;
  /** 0 (precise) to 1 (broad): where the matcher's threshold sits. */
  sensitivity: number;
}

/** The settings of a new install. */
export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  siteRules: [],
  markStyle: 'underline',
  highContrast: false,
  colors: {},
  // The problems stand out; accurate and context mentions are there to find without underlining
  // most of an article (a demo page had 35 marks, 21 of them "Accurate").
  markedVerdicts: [...PROBLEM_VERDICTS],
  othersFaint: true,
  sensitivity: 0.5,
};

// Labels of letters, digits, hyphens and underscores (a host name may hold "_", as in
// "my_blog.example.com", though a domain name may not), or an IPv6 address in brackets.
const HOST_PATTERN = /^(?:(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/;
const COLOR = /^#[0-9a-f]{6}$/i;

/**
 * Normalises a pattern a reader typed or pasted ("https://www.Example.com:8080/x?y#z" →
 * "www.example.com"); null if unusable. The port goes, since a rule is checked against the page's
 * host name, which has none; a host in another script is written as the browser writes it
 * ("bücher.de" → "xn--bcher-kva.de").
 */
export function normalizeHostPattern(input: string, options: { stored?: boolean } = {}): string | null {
  const lowered = input.trim().toLowerCase();
  // Only a web page's address: "chrome://extensions" or "file:///home" names no site the content
  // script runs on, and its rule would have read as one for the host "extensions".
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(lowered)?.[1];
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return null;
  const typed = lowered.slice(scheme === undefined ? 0 : scheme.length + 3);
  const wildcard = typed.startsWith('*.');
  const rest = (wildcard ? typed.slice(2) : typed).replace(/[/?#].*$/s, '');
  if (!rest || /[\s@\\]/.test(rest)) return null;
  let host: string;
  try {
    host = new URL(`http://${rest}`).hostname;
  } catch {
    return null;
  }
  // An IP address is taken only as written, four numbers from 0 to 255 without leading zeros: the
  // address parser reads "123" as 0.0.0.123, "1.2" as 1.0.0.2 and "010.0.0.1" (octal) as 8.0.0.1,
  // which nobody typing them meant.
  const ipv4 = IPV4.test(host);
  if (ipv4 && !IPV4.test(rest.replace(/:\d*$/, '').replace(/\.$/, ''))) return null;
  // It has no subdomains: "*.192.168.1.1" is refused as typed; one saved before this was refused
  // (which matched the address itself) is read as the address.
  if (ipv4 && wildcard) return options.stored ? host : null;
  // "example.com." is example.com, written as fully qualified.
  const pattern = `${wildcard ? '*.' : ''}${withoutFinalDot(host)}`;
  return HOST_PATTERN.test(pattern) && !(wildcard && host.startsWith('[')) ? pattern : null;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Site rules from storage, each pattern normalised as the form would write it today (a rule saved
 * with a port by an older Claimlight is kept, for its host); one that cannot be read is dropped on
 * its own, not with the others, and of two rules for one pattern the later stays. */
const SITE_RULE = v.object({ pattern: v.string(), mode: v.picklist(['always', 'never']) });
const SITE_RULES = v.pipe(
  v.array(v.unknown()),
  v.transform((rules) => {
    const byPattern = new Map<string, SiteRule>();
    for (const rule of rules) {
      const read = v.safeParse(SITE_RULE, rule);
      if (!read.success) continue;
      const { pattern, mode } = read.output;
      const normal = normalizeHostPattern(pattern, { stored: true });
      if (!normal) continue;
      byPattern.delete(normal);
      byPattern.set(normal, { pattern: normal, mode });
    }
    return [...byPattern.values()];
  }),
);

const FIELDS = {
  enabled: v.boolean(),
  siteRules: SITE_RULES,
  markStyle: v.picklist(['underline', 'background']),
  highContrast: v.boolean(),
  // A colour for a verdict this version does not know (a newer one's) is dropped on its own: with
  // the others, this device's next save wrote the defaults over the reader's colours everywhere.
  colors: v.pipe(
    v.record(v.string(), v.unknown()),
    v.transform((colors) => Object.fromEntries(Object.entries(colors).filter(([verdict, color]) => isMentionVerdict(verdict) && typeof color === 'string' && COLOR.test(color))) as Settings['colors']),
  ),
  // A verdict this version does not know (a newer one's, synced from another computer) is left
  // out on its own: with it, the whole list was set back to the defaults.
  markedVerdicts: v.pipe(
    v.array(v.unknown()),
    v.transform((list) => [...new Set(list.filter(isMentionVerdict))]),
  ),
  othersFaint: v.boolean(),
  sensitivity: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
} satisfies { [K in keyof Settings]: v.GenericSchema };

/** Settings from storage with every bad field set back to its default, and a note for each. */
export function repairSettings(raw: unknown): { settings: Settings; warnings: string[] } {
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const warnings: string[] = [];
  if (raw === undefined || raw === null) return { settings, warnings };
  if (typeof raw !== 'object') return { settings, warnings: ['Unexpected value for the settings; using the defaults'] };
  for (const key of Object.keys(FIELDS) as (keyof Settings)[]) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const parsed = v.safeParse(FIELDS[key], value);
    if (parsed.success) (settings as unknown as Record<string, unknown>)[key] = parsed.output;
    else warnings.push(`Unexpected value for "${key}"; using the default`);
  }
  return { settings, warnings };
}

/** The settings in a stored value, repaired where they need it; what was repaired is logged for debugging. */
export function settingsFrom(raw: unknown): Settings {
  const { settings, warnings } = repairSettings(raw);
  for (const warning of warnings) log.debug(warning);
  return settings;
}

/** The fields whose values differ between two settings: what a page changed since it read them. */
export function changedFields(before: Settings, after: Settings): Partial<Settings> {
  const changed: Partial<Settings> = {};
  for (const key of Object.keys(FIELDS) as (keyof Settings)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) (changed as Record<string, unknown>)[key] = after[key];
  }
  return changed;
}

/**
 * The settings to write: the object stored now (`stored`, as read just before writing) with these
 * fields replaced. A field another writer changed meanwhile (a second settings tab, the popup's
 * site switch, another computer through sync) stays as it wrote it, and so does a field this
 * version does not know, which a newer one on another computer saved; writing the page's whole
 * settings lost both.
 */
export function storedWith(stored: unknown, fields: Partial<Settings>): Record<string, unknown> {
  const base = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const written: Record<string, unknown> = { ...base, ...fields };
  // A verdict this version does not know, that a newer one marked or coloured, stays marked and
  // coloured: this version's list and colours are of the verdicts it knows (`repairSettings`).
  if (fields.markedVerdicts && Array.isArray(base.markedVerdicts)) written.markedVerdicts = [...fields.markedVerdicts, ...base.markedVerdicts.filter((verdict) => typeof verdict === 'string' && !isMentionVerdict(verdict))];
  // A site rule this version cannot read (a mode or a pattern a newer one writes) stays too: the
  // list this version writes is of the rules it reads, and writing it whole removed the others from
  // every computer the reader syncs.
  if (fields.siteRules && Array.isArray(base.siteRules)) {
    const unread = base.siteRules.filter((rule) => {
      if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return false;
      const read = v.safeParse(SITE_RULE, rule);
      return !read.success || !normalizeHostPattern(read.output.pattern, { stored: true });
    });
    if (unread.length) written.siteRules = [...fields.siteRules, ...unread];
  }
  if (fields.colors && base.colors && typeof base.colors === 'object' && !Array.isArray(base.colors)) {
    written.colors = { ...Object.fromEntries(Object.entries(base.colors).filter(([verdict]) => !isMentionVerdict(verdict))), ...fields.colors };
  }
  return written;
}

/** A host as it is written without the final dot of a fully qualified name ("example.com." is example.com). */
export const withoutFinalDot = (host: string): string => (host.length > 1 && host.endsWith('.') ? host.slice(0, -1) : host);

/** True when a host matches a pattern: exactly, as the same site with or without "www.", or as a
 * subdomain of a "*." pattern. */
export function hostMatches(pattern: string, host: string): boolean {
  return closeness(pattern, host) >= 0;
}

/** How closely a pattern names a host, -1 where it does not: the host itself most, then the same
 * host with or without "www." (a rule typed as "nytimes.com" is read by its readers as the site
 * at www.nytimes.com, and did nothing there), then "*." patterns, a longer domain over a shorter
 * one ("*.news.example.com" over "*.example.com"). */
function closeness(pattern: string, host: string): number {
  const h = withoutFinalDot(host.toLowerCase());
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return h === base || h.endsWith(`.${base}`) ? pattern.length : -1;
  }
  if (h === pattern) return Number.MAX_SAFE_INTEGER;
  return h === `www.${pattern}` || pattern === `www.${h}` ? Number.MAX_SAFE_INTEGER - 1 : -1;
}

/** Whether Claimlight runs on a host: the closest rule that matches it decides (a rule for the
 * site itself over one for its whole domain), "never" where two as close disagree; with no rule,
 * the main switch. */
export function isEnabledOn(settings: Settings, host: string): boolean {
  let decided: boolean | null = null;
  let closest = -1;
  for (const rule of settings.siteRules) {
    const at = closeness(rule.pattern, host);
    if (at < 0) continue;
    if (at > closest) {
      closest = at;
      decided = rule.mode === 'always';
    } else if (at === closest && rule.mode === 'never') decided = false;
  }
  return decided ?? settings.enabled;
}

/** The settings with a host switched on or off by a rule of its own (the popup's site switch). */
export function withSiteSwitched(settings: Settings, host: string, on: boolean): Settings {
  const pattern = normalizeHostPattern(host);
  if (!pattern) return settings;
  const siteRules = settings.siteRules.filter((rule) => rule.pattern !== pattern);
  // Switched off, a site gets a rule of its own. Switched on, it needs none where it is on without
  // one; where it would be off (by the main switch, or by a rule for its whole domain), it gets
  // "always", which as the closer rule wins.
  const without = { ...settings, siteRules };
  if (!on || !isEnabledOn(without, host)) siteRules.push({ pattern, mode: on ? 'always' : 'never' });
  return without;
}

/** Why the browser refused to store a change, in words a reader can act on. storage.sync (the
 * settings) holds one item of at most 8 KB, which about 170 site rules fill, and takes only so many
 * writes a minute; storage.local (the hidden matches and reports) holds 10 MB in Chrome for an
 * extension that does not ask for more, and in Firefox as much as the device's disk. */
export function describeSettingsError(error: unknown, area: 'sync' | 'local' = 'sync'): string {
  const message = error instanceof Error ? error.message : String(error);
  // Chrome says QUOTA_BYTES; Firefox "QuotaExceededError: storage.sync API call exceeded its quota limitations."
  if (/QUOTA_BYTES|QuotaExceeded|exceeded its quota/i.test(message)) {
    return area === 'sync'
      ? 'the settings are more than the browser keeps for an extension (8 KB); remove some site rules, then try again.'
      : 'the browser has no room left for Claimlight\u2019s hidden matches and reports; show some hidden matches again or clear the reports, or free some disk space, then try again.';
  }
  if (area === 'sync' && /MAX_WRITE_OPERATIONS/.test(message)) return 'the browser takes only so many changes a minute; wait a minute, then try again.';
  return `the browser refused it (${message}).`;
}

/** What storage.sync keeps in one item (Chrome's QUOTA_BYTES_PER_ITEM): the settings are one. */
export const SYNC_ITEM_BYTES = 8_192;

/** The bytes the settings take as storage.sync counts them: the key and the value's JSON. */
export function settingsBytes(settings: Settings): number {
  return new TextEncoder().encode(SETTINGS_KEY + JSON.stringify(settings)).byteLength;
}
