/**
 * Whether a sentence tells of a statement as one: someone says, claims, posts or denies it, it is
 * asked about, or quoted. A page that repeats what someone said frames it so ("she told the
 * chamber", "Did he really say...?", "a post claims"); a page that tells what is true instead, a
 * fact-check's finding or the background to it, states facts in the claim's words with no such
 * frame ("The annual rate for December 2023, 4.2%, is accurate"). On the review sets chosen on,
 * 62% of the right marks on rated statements were framed so, against 26% of the wrong ones; the
 * decision (`decide`) asks more of a rated statement's pair whose sentence is not.
 */
import { tokenize, type Token } from '../normalize';

/** Words that tell of a statement, as the tokenizer stems them: the verbs of saying and of
 * disputing what was said, "according to", and the words for a message going round. */
const REPORTING_WORDS = `say says said saying claim claims claimed claiming tell tells told telling insist insisted
  assert asserted argue argued boast boasted post posted write wrote written allege alleged allegedly suggest
  suggested state stated repeat repeated announce announced promise promised pledge pledged warn warned ask asked
  believe believed maintain maintained contend contended deny denied accuse accused blame blamed vow vowed predict
  predicted according rumour rumor circulate circulating shared viral quote quoted tweet tweeted reiterate
  reiterated brag bragged tout touted purport purported`;
// ("Declared" is left out: it has the stem of "declaration", and "the martial law declaration" framed
// a sentence of a real news page as a statement, which a CheckThat! claim then marked.)

const REPORTING_STEMS: ReadonlySet<string> = new Set(tokenize(REPORTING_WORDS).map((t) => t.stem));

/** A question, or words in quotation marks ("’" alone is also an apostrophe, and says nothing). */
const ASKED_OR_QUOTED = /[?？"“”‘«»„]/;

/** Whether the sentence (its tokens and text) frames what it tells as a statement. */
export function framesAStatement(tokens: readonly Token[], text: string): boolean {
  if (ASKED_OR_QUOTED.test(text)) return true;
  for (const token of tokens) if (REPORTING_STEMS.has(token.stem)) return true;
  return false;
}
