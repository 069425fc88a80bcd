/**
 * What each verdict is called on screen, and how a fact-checker's own rating label ("Pants on
 * Fire", "Engañoso", "Faux") maps onto Claimlight's fixed set. Colours belong to the UI.
 */

/** The verdicts a claim can carry, from best supported to least. `unrated` is for imported reviews
 * whose rating label maps to none of the others; the label itself is kept in `ratingLabel`. */
export const VERDICTS = [
  'accurate',
  'accurate-but-misdated',
  'misattributed',
  'imprecise',
  'disputed',
  'false',
  'unverified',
  'opinion',
  'unrated',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * What a mention on a page is shown as: a claim's verdict, or `context` when the verdict judges
 * another report's telling that this page does not repeat (`lib/mention-verdict.ts`). Packs never
 * store `context`; it exists only for mentions.
 */
export const MENTION_VERDICTS = [...VERDICTS, 'context'] as const;
export type MentionVerdict = (typeof MENTION_VERDICTS)[number];

/** The verdicts that say something is wrong or unsupported: the ones marked by default and
 * counted on the toolbar badge. */
export const PROBLEM_VERDICTS: readonly MentionVerdict[] = ['false', 'misattributed', 'disputed', 'imprecise', 'accurate-but-misdated', 'unverified'];

/** Every verdict, most serious first: what the badge shows when a page has several, and the
 * order the popup offers them in. */
export const BY_SEVERITY: readonly MentionVerdict[] = [...PROBLEM_VERDICTS, 'unrated', 'opinion', 'context', 'accurate'];

/** Sorts verdicts most serious first. */
export const bySeverity = (a: MentionVerdict, b: MentionVerdict): number => BY_SEVERITY.indexOf(a) - BY_SEVERITY.indexOf(b);

/** True for a verdict that says something is wrong or unsupported. */
export const isProblem = (verdict: MentionVerdict): boolean => PROBLEM_VERDICTS.includes(verdict);

/** Whether a value (read from storage another version wrote) is a verdict this version knows. */
export const isMentionVerdict = (value: unknown): value is MentionVerdict => (MENTION_VERDICTS as readonly unknown[]).includes(value);

/** The most serious of some verdicts, or null for none. */
export function mostSerious(verdicts: Iterable<MentionVerdict>): MentionVerdict | null {
  let best: MentionVerdict | null = null;
  for (const verdict of verdicts) if (best === null || bySeverity(verdict, best) < 0) best = verdict;
  return best;
}

/**
 * A glyph per verdict, drawn beside its word wherever a verdict shows (card, popup, badge), so
 * colour is never the only signal. They come from blocks that system fonts on Windows, macOS and
 * Linux all cover and that have no emoji presentation, so they take the badge's colour instead of
 * turning into coloured pictures.
 */
export const VERDICT_GLYPHS: Record<MentionVerdict, string> = {
  accurate: '✓',
  'accurate-but-misdated': '◷',
  misattributed: '⇄',
  imprecise: '≈',
  disputed: '±',
  false: '✗',
  unverified: '?',
  opinion: '“',
  unrated: '○',
  // The pilcrow: the record, shown as it is. Latin-1, so every font has it; the circled "i"
  // (U+24D8) showed as an empty box in Debian's Chromium, and U+2139 has an emoji form.
  context: '¶',
};

/** The word a reader sees for each verdict. */
export const VERDICT_LABELS: Record<MentionVerdict, string> = {
  accurate: 'Accurate',
  'accurate-but-misdated': 'Accurate but misdated',
  misattributed: 'Misattributed',
  imprecise: 'Imprecise',
  disputed: 'Disputed',
  false: 'False',
  unverified: 'Unverified',
  opinion: 'Opinion',
  unrated: 'Not rated',
  context: 'Context',
};

// Rating labels seen in published ClaimReview and Fact Check Tools data, lower-cased and with
// accents, underscores and punctuation removed. Many languages use the same few words.
const LABEL_TO_VERDICT: [Verdict, string[]][] = [
  ['false', [
    'false', 'pants on fire', 'fake', 'really false', 'totally false', 'incorrect', 'wrong', 'hoax', 'fabricated',
    'altered', 'doctored', 'scam', 'falso', 'falsa', 'faux', 'fausse', 'fals', 'falsch', 'nepravda', 'sahte',
    'bohong', 'salah', 'palsu', '錯誤', '错误', '虚假', 'غير صحيح', 'زائف', 'خطأ', 'झूठ', 'फर्जी', 'भ्रामक दावा',
    'неправда', 'ложь', 'фейк', 'фальшивка', 'не соответствует действительности', 'faux et trompeur',
  ]],
  ['imprecise', [
    'misleading', 'mostly false', 'half true', 'half-true', 'partly false', 'partially false', 'missing context',
    'false context', 'lacks context', 'needs context', 'exaggerated', 'exaggeration', 'distorted', 'inaccurate',
    'imprecise', 'out of context', 'enganoso', 'enganosa', 'engañoso', 'exagerado', 'impreciso', 'trompeur',
    'nao e bem assim', 'distorcido', 'sin contexto', 'fuera de contexto', 'irrefuhrend', 'misleading claim',
    'teilweise falsch', 'größtenteils falsch', 'teilweise richtig', 'fehlender kontext', 'fehlender zusammenhang',
    'manque de contexte', 'partiellement faux', 'plutot faux', 'sorti de son contexte', 'parcialmente falso',
    'частично неправда', 'полуправда', 'манипуляция', 'вырвано из контекста', '误导', '誤導', '部分错误', '部分錯誤',
  ]],
  ['accurate', ['true', 'mostly true', 'correct', 'accurate', 'verdadeiro', 'verdadero', 'vrai', 'wahr', 'richtig', 'правда', 'correct attribution', 'legit']],
  ['misattributed', ['misattributed', 'miscaptioned', 'wrong attribution', 'incorrect attribution', 'fake quote']],
  ['accurate-but-misdated', ['outdated', 'old', 'misdated', 'old footage', 'old video', 'old photo']],
  ['disputed', ['mixture', 'mixed', 'disputed', 'contested', 'controversial', 'contradictory']],
  ['unverified', ['unproven', 'unverified', 'unsupported', 'no evidence', 'insufficient evidence', 'inconclusive', 'research in progress', 'sin evidencia', '證據不足', '证据不足']],
  ['opinion', ['satire', 'opinion', 'labeled satire', 'parody', 'humor']],
];

// Built when a rating is first read, not when the module loads: the content script imports this
// module for the verdicts' names only, and folding every label cost a page's load about 12 ms.
let verdictByLabel: Map<string, Verdict> | null = null;
const verdictOfLabel = (normal: string): Verdict | undefined =>
  (verdictByLabel ??= labelMap()).get(normal);

/** The labels above, and each verdict's own name as the card shows it ("Accurate but misdated"):
 * a ClaimReview file Claimlight exported gives a claim rated by no fact-checker that name as its
 * label, and importing it again must read it back as the same verdict, not as a qualified
 * "accurate" (which reads as imprecise). */
function labelMap(): Map<string, Verdict> {
  const map = new Map(LABEL_TO_VERDICT.flatMap(([verdict, labels]) => labels.map((label) => [normalizeLabel(label), verdict] as const)));
  // A pack's verdicts only: "Context" names what the card shows a mention, which no claim is rated.
  for (const verdict of VERDICTS) if (!map.has(normalizeLabel(VERDICT_LABELS[verdict]))) map.set(normalizeLabel(VERDICT_LABELS[verdict]), verdict);
  return map;
}

function normalizeLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    // A dash between words ("True – but misleading", "True - but misleading") is punctuation, as
    // the comma of "True, but misleading" is, not a word: left as a word, or as the empty word the
    // dash left out made, the qualifier after it went unread and the rating read as Accurate.
    .replace(/(^| )-+(?= |$)/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** Words that qualify the rating before them ("but" in English, Spanish, Portuguese, French, German, Italian, Russian). */
const QUALIFIERS = new Set(['but', 'however', 'yet', 'pero', 'mas', 'porem', 'mais', 'aber', 'ma', 'но', 'однако']);

/** What says a rating holds only in part, after its word for "true". */
const IN_PART = ['a medias', 'en partie', 'em parte', 'en parte', 'con matices', 'with caveats', 'in part', 'zum teil', 'in parte', 'частично'].map((phrase) => phrase.split(' '));

/** What says a false rating is false only in part: the phrases of `IN_PART` that say "in part". */
const FALSE_IN_PART = IN_PART.filter((words) => !['con matices', 'with caveats'].includes(words.join(' ')));

const startsWithWords = (words: readonly string[], start: readonly string[]) => start.every((word, i) => words[i] === word);

/** The verdict of a label's first one to four words that make one, if any. */
function leadVerdict(words: readonly string[]): Verdict | undefined {
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const lead = verdictOfLabel(words.slice(0, n).join(' '));
    if (lead) return lead;
  }
  return undefined;
}

/** How a rating given only in numbers is written as its label: "2 on a scale of 1 to 5". */
const NUMERIC_LABEL = /^(-?\d+(?:\.\d+)?) on a scale of (-?\d+(?:\.\d+)?) to (-?\d+(?:\.\d+)?)$/;

/**
 * The label of a rating a review gives only in numbers (schema.org's `ratingValue` between
 * `worstRating` and `bestRating`), or undefined when the numbers do not make a rating. A rating is a
 * rating however it is written: the claim it rates is a checked statement (`isStatement`), and the
 * card says how the fact-checker rated it. `verdictFromRating` reads the label back.
 */
export function numericRatingLabel(value?: number, best?: number, worst?: number): string | undefined {
  return scalePosition(value, best, worst) === null ? undefined : `${value} on a scale of ${worst} to ${best}`;
}

/** Where a value falls between worst (0) and best (1); null when the numbers make no scale or the
 * value is off it. */
function scalePosition(value?: number, best?: number, worst?: number): number | null {
  if (value === undefined || best === undefined || worst === undefined || best <= worst || value < worst || value > best) return null;
  return (value - worst) / (best - worst);
}

/**
 * Maps a fact-checker's rating label to a verdict. A long label such as "FALSO: the images show…"
 * is judged by its first words. Numbers are used only when there is no label (or the label is one
 * `numericRatingLabel` wrote), as a position between worst and best. Returns `unrated` when neither
 * says anything Claimlight can place.
 */
export function verdictFromRating(label: string | undefined, value?: number, best?: number, worst?: number): Verdict {
  const numeric = label === undefined ? null : NUMERIC_LABEL.exec(label.trim());
  if (numeric) return verdictFromRating(undefined, Number(numeric[1]), Number(numeric[3]), Number(numeric[2]));
  if (label) {
    const normal = normalizeLabel(label);
    const whole = verdictOfLabel(normal);
    if (whole) return whole;
    const words = normal.split(' ');
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const lead = verdictOfLabel(words.slice(0, n).join(' '));
      if (!lead) continue;
      // The words after the longest lead that makes a verdict ("but misleading", "hoax").
      const rest = words.slice(n);
      // "True, but misleading", "Verdadero, pero…", "Verdadeiro, mas…": a true rating qualified
      // is not "Accurate" (Chequeado and Lupa rate so); nor is one true in part ("Verdadero a
      // medias", "Vrai en partie", "True with caveats"), which used to be published as Accurate.
      if (lead === 'accurate' && rest.length && (QUALIFIERS.has(rest[0]!) || IN_PART.some((words) => startsWithWords(rest, words)))) return 'imprecise';
      // "Falso en parte", "Faux en partie", "False in part": false only in part, as "Partly false"
      // and "Parcialmente falso" are read (a caveat, "con matices", leaves a false rating false).
      // Only as the whole label: "Falso: en parte del video se ve otra ciudad" is false, explained.
      if (lead === 'false' && FALSE_IN_PART.some((words) => words.length === rest.length && startsWithWords(rest, words))) return 'imprecise';
      // "Old hoax": old, and false.
      if (lead === 'accurate-but-misdated' && rest.length && leadVerdict(rest) === 'false') return 'false';
      return lead;
    }
    return 'unrated';
  }
  const position = scalePosition(value, best, worst);
  if (position === null) return 'unrated';
  if (position <= 0.2) return 'false';
  if (position < 0.8) return 'imprecise';
  return 'accurate';
}
