/**
 * The reader's settings: on or off, per-site rules, the look of marks, and sensitivity. Kept in
 * `browser.storage.sync` under one key. What comes out of storage is repaired field by field, not
 * trusted, so a corrupt or older value never stops Claimlight from starting (darkreader's rule).
 */
import * as v from 'valibot';
import { log } from './log';
import { MENTION_VERDICTS, PROBLEM_VERDICTS, type MentionVerdict } from './verdicts';

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

const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?$/;
const COLOR = /^#[0-9a-f]{6}$/i;

/** Normalises a pattern a reader typed ("https://www.Example.com/x" → "www.example.com"); null if unusable. */
export function normalizeHostPattern(input: string): string | null {
  let pattern = input.trim().toLowerCase();
  pattern = pattern.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  return HOST_PATTERN.test(pattern) ? pattern : null;
}

const FIELDS = {
  enabled: v.boolean(),
  siteRules: v.array(v.object({ pattern: v.pipe(v.string(), v.check((p) => normalizeHostPattern(p) === p)), mode: v.picklist(['always', 'never']) })),
  markStyle: v.picklist(['underline', 'background']),
  highContrast: v.boolean(),
  colors: v.record(v.picklist(MENTION_VERDICTS), v.pipe(v.string(), v.regex(COLOR))),
  markedVerdicts: v.pipe(v.array(v.picklist(MENTION_VERDICTS)), v.transform((list) => [...new Set(list)])),
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

/** True when a host matches a pattern: exactly, or as a subdomain of a "*." pattern. */
export function hostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase();
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return h === base || h.endsWith(`.${base}`);
  }
  return h === pattern;
}

/** Whether Claimlight runs on a host: a matching "never" rule wins, then "always", then the switch. */
export function isEnabledOn(settings: Settings, host: string): boolean {
  const rules = settings.siteRules.filter((rule) => hostMatches(rule.pattern, host));
  if (rules.some((rule) => rule.mode === 'never')) return false;
  if (rules.some((rule) => rule.mode === 'always')) return true;
  return settings.enabled;
}

/** The settings with a host switched on or off by a rule of its own (the popup's site switch). */
export function withSiteSwitched(settings: Settings, host: string, on: boolean): Settings {
  const pattern = normalizeHostPattern(host);
  if (!pattern) return settings;
  const siteRules = settings.siteRules.filter((rule) => rule.pattern !== pattern);
  // A site that is on by default needs no rule; one that is off by default needs "always".
  if (!on) siteRules.push({ pattern, mode: 'never' });
  else if (!settings.enabled) siteRules.push({ pattern, mode: 'always' });
  return { ...settings, siteRules };
}
