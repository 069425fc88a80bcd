/**
 * A verdict applies to a mention, not only to a claim. A claim in the world ("122 detainees
 * returned to the battlefield") carries its rating wherever it is repeated. A claim about how one
 * report told the story carries what was wrong in that telling: the verdict holds on another page
 * only when that page repeats the fault (the wording at fault, or old events told as news); on a
 * page that only mentions the same events, the reader sees the record as context.
 */
import { findSequence, prepareSentence } from './matching/cues';
import { tokenize } from './normalize';
import type { Claim } from './schema';
import { STALE_AFTER_DAYS, parseDate } from './timeline';
import type { MentionVerdict } from './verdicts';

const DAY = 86_400_000;

/** What a mention is shown as, and why. */
export interface MentionJudgement {
  verdict: MentionVerdict;
  /** The wording at fault that the sentence repeats, as the sentence words it. */
  repeats?: string;
}

/** The last day a partial date covers ("2025-02" is 28 February). */
function lastDayOf(date: string): number | null {
  const start = parseDate(date);
  if (start === null) return null;
  if (/^\d{4}$/.test(date)) return Date.UTC(Number(date), 11, 31);
  if (/^\d{4}-\d{2}$/.test(date)) {
    const at = new Date(start);
    return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0);
  }
  return start;
}

/** The first of the fault's wordings the sentence repeats, as written there; in any inflection,
 * with up to two other words between theirs, and within one clause. */
export function repeatedWording(sentence: string, wordings: readonly string[]): string | null {
  const tokens = tokenize(sentence);
  if (!tokens.length) return null;
  const prepared = prepareSentence(sentence, tokens);
  for (const wording of wordings) {
    // Function words count: "during the call" is not "the call".
    const sequence = tokenize(wording).map((t) => (t.norm === 'us' ? 'usa' : t.stem));
    if (!sequence.length) continue;
    const span = findSequence(prepared, sequence);
    if (span) return sentence.slice(tokens[span[0]]!.start, tokens[span[1]]!.end);
  }
  return null;
}

/**
 * What a claim's mention in `sentence`, on a page dated `pageDate` (UTC ms, or null when the page
 * does not say), is shown as. Every condition a telling names must hold for its verdict to show:
 * the sentence repeats a wording at fault, carries none that sets the record straight, and the
 * page is dated well after the events. A page
 * without a date is not judged misdated: the reader is not told a page is wrong on a guess.
 */
export function judgeMention(claim: Pick<Claim, 'verdict' | 'telling'>, sentence: string, pageDate: number | null): MentionJudgement {
  const telling = claim.telling;
  if (!telling) return { verdict: claim.verdict };
  let repeats: string | undefined;
  if (telling.clearedBy && repeatedWording(sentence, telling.clearedBy) !== null) return { verdict: 'context' };
  if (telling.faultWording) {
    const found = repeatedWording(sentence, telling.faultWording);
    if (found === null) return { verdict: 'context' };
    repeats = found;
  }
  if (telling.eventsEnd) {
    const end = lastDayOf(telling.eventsEnd);
    if (end === null || pageDate === null || pageDate - end <= STALE_AFTER_DAYS * DAY) return { verdict: 'context' };
  }
  return repeats ? { verdict: claim.verdict, repeats } : { verdict: claim.verdict };
}
