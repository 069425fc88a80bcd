/**
 * What a reader gets when the pointer rests on a mark: the verdict, the record in a sentence and
 * its main source, in a small tooltip beside the line being read. The full card (sources, why it
 * matched, the ways to reject it) opens on a click, a tap or Enter; a tooltip holds no controls.
 */
import { mainSource } from '@/lib/claim-review';
import { plural } from '@/lib/counts';
import { formatPartialDate } from '@/lib/partial-date';
import { sliceWhole } from '@/lib/whole-characters';
import type { ClaimForCard } from '@/lib/protocol';
import type { MentionVerdict } from '@/lib/verdicts';
import { verdictColourVars } from './verdict-style';
import { VerdictBadge } from './VerdictBadge';

/** The first sentence of a record, or its first 160 characters. A full stop after a title or an
 * initial ("Mr.", "Dr.", "U.S.") ends no sentence (a full stop before a capital cut "Mr. Peskov
 * said…" to "Mr."), nor does one inside a quote the sentence opened ("Rated “Misleading. The video
 * is from 2019.” by …"). (Not the matcher's `splitSentences`: its module writes letters outside
 * ASCII in its regular expressions, which the card's script must not hold.) */
export function firstSentence(text: string): string {
  const trimmed = text.trim();
  let end = trimmed.length;
  for (const stop of trimmed.matchAll(SENTENCE_END)) {
    const at = stop.index + stop[0].length;
    if (stop[0] === '.' && ABBREVIATED.test(trimmed.slice(0, stop.index))) continue;
    if (quoteOpen(trimmed.slice(0, at))) continue;
    end = at;
    break;
  }
  const sentence = trimmed.slice(0, end);
  return sentence.length > 160 ? `${sliceWhole(sentence, 0, 159).replace(/\s+\S*$/, '')}…` : sentence;
}

// Escaped, not written: the content script must be pure ASCII, and esbuild leaves regex literals as they are.
// A full stop (or ! ?, the Arabic question mark, the Devanagari danda) ends a sentence before a
// space and a capital in any alphabet, or a letter of a script without capitals (Arabic, Hebrew,
// Hindi, Chinese...); the Chinese and Japanese full stop, ! and ? end one wherever they stand.
const SENTENCE_END = /[.!?\u061f\u0964](?=\s+[\p{Lu}\p{Lt}\p{Lo}\u201c"\u2018'(]|\s*$)|[\u3002\uff01\uff1f][\u201d\u300d\u300f]?/gu;
/** A text ending in a title, a common abbreviation or a single letter (an initial, "U.S"): the
 * full stop after it is the word's. */
const ABBREVIATED = /(?:^|[\s(.])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Mt|Gen|Gov|Sen|Rep|Rev|Hon|Lt|Col|Capt|Sgt|Cpl|No|Nos|Inc|Co|Corp|Ltd|vs|etc|approx|\p{L})$/u;
const count = (text: string, quote: RegExp) => text.match(quote)?.length ?? 0;
/** Whether a text leaves a quotation mark open: more opening curly quotes than closing ones, or
 * an odd number of straight double quotes. */
const quoteOpen = (text: string) => count(text, /\u201c/g) > count(text, /\u201d/g) || count(text, /"/g) % 2 === 1;

export interface MentionPreviewProps {
  claim: ClaimForCard;
  verdict: MentionVerdict;
  /** How many other claims the same words mention. */
  others: number;
  /** Where the arrow points, in px from the tooltip's left edge; set by the content script. */
  arrowX?: number;
  /** Whether the tooltip sits below the line (its arrow on top) or above it. */
  side?: 'top' | 'bottom';
  /** Whether the marked words are a link's, whose click goes where the link goes. */
  inLink?: boolean;
}

export function MentionPreview({ claim, verdict, others, arrowX, side = 'bottom', inLink = false }: MentionPreviewProps) {
  const main = mainSource(claim);
  const date = main?.source.published ? formatPartialDate(main.source.published) : undefined;
  return (
    // lang: the preview's own words are English; the page around its shadow root may be in any language.
    <div class="claimlight-preview" role="tooltip" lang="en" data-verdict={verdict} data-side={side} style={verdictColourVars(verdict)}>
      <VerdictBadge verdict={verdict} label={verdict === claim.verdict ? claim.ratingLabel : undefined} />
      {/* dir="auto": a record in Arabic or Hebrew is laid out right to left, its full stop at its end. */}
      <p class="claimlight-preview__record" dir="auto" lang={claim.packLanguage}>
        {firstSentence(claim.summary)}
      </p>
      {main && (
        <p class="claimlight-preview__source">
          {/* Isolated, so that an outlet written right to left cannot reorder the date after it. */}
          {main.isFactCheck ? 'Fact-check' : 'Source'}: <bdi>{main.source.outlet}</bdi>
          {date && <> · {date}</>}
        </p>
      )}
      <p class="claimlight-preview__hint">
        {others > 0 ? `${plural(others, 'more claim')} here. ` : ''}
        {/* A click on a link follows it: the record opens on an Alt+click there (the content script's). */}
        {inLink ? 'Alt+click for the full record.' : 'Click for the full record.'}
      </p>
      <div class="claimlight-preview__arrow" aria-hidden="true" style={arrowX === undefined ? undefined : { left: `${arrowX}px` }} />
    </div>
  );
}
