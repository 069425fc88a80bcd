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

/** Words in quotation marks ("’" alone is also an apostrophe, and says nothing). */
const QUOTED = /["“”‘«»„]/;

/** A noun for something said, or a verb of hearing, with what was said after it: "her line that
 * a fifth of England is waiting", "the minister's statement that the road cost nothing", "she had
 * heard that Sable Bank would shut small accounts". The nouns alone frame nothing ("the Victoria
 * line", "a statement of accounts"): only their content clause tells of a statement. */
const SAID_THAT = /\b(?:(?:line|statement|assertion|contention|suggestion|story|message|post)s?|stories|hear|hears|heard) that\b/i;

/** Verbs of holding something true, beside "believe" among the words above: "my neighbour reckons
 * the council will chip every toad", "I'm convinced they cause more melanomas". As words, not
 * stems: "by the department's reckoning" gives a count, and "a convincing win" holds nothing. */
const HOLDS = /\b(?:reckons?|reckoned|convinced)\b/i;

/** A transcript's speaker, in capitals, opening a block: "MARCHETTI: Because people are furious
 * about this." Labels in other cases are as often a topic ("Sharks:", "What we found:"). */
const SPEAKER_LABEL = /^\s*\p{Lu}[\p{Lu}.'’ -]{1,30}:\s/u;

/** Whether the sentence (its tokens and text, and the text of its block where the caller has it)
 * frames what it tells as a statement. A question does when it asks whether the statement is so
 * (`asksWhether`); one that asks for a fact ("How many bridges actually got fixed?", "How often did
 * rural emergency rooms close last summer?") asks what is true instead, as a review does before it
 * answers. A sentence of a block a transcript's speaker opens (`SPEAKER_LABEL`) is said by them. */
export function framesAStatement(tokens: readonly Token[], text: string, block?: string): boolean {
  if (QUOTED.test(text) || SAID_THAT.test(text) || HOLDS.test(text) || asksWhether(text)) return true;
  // Every sentence of a transcript's speaker is said by them, but for a question asking for a fact.
  if (block !== undefined && SPEAKER_LABEL.test(block) && !ENDS_AS_QUESTION.test(text.trim())) return true;
  for (const token of tokens) if (REPORTING_STEMS.has(token.stem)) return true;
  return false;
}

/** The words that open a question asking for a fact rather than whether something is so. */
const FACT_QUESTION_WORDS = new Set(['what', "what's", 'how', "how's", 'why', 'where', "where's", 'when', 'who', "who's", 'whom', 'whose', 'which']);
/** Words before a question's own words that do not change what it asks: "So", "But", "And", "Well". */
const LEAD_INS = new Set(['so', 'but', 'and', 'well', 'then', 'now', 'ok', 'okay', 'yes', 'no', 'also', 'still']);

/** The auxiliary verbs and the pronouns of a question tag ("…, wasn't it?", "…, didn't they?"). */
const TAG_VERBS = new Set(`is isn't are aren't was wasn't were weren't do don't does doesn't did didn't has hasn't have haven't had hadn't can can't could couldn't will won't would wouldn't should shouldn't am`.split(' '));
const TAG_PRONOUNS = new Set(['it', 'he', 'she', 'they', 'we', 'you', 'i', 'there', 'that', 'this']);
/** A question mark at the end of a sentence, before any closing quotation mark or bracket. */
const QUESTION_END = String.raw`[?？]["”’»)]*$`;
const ENDS_AS_QUESTION = new RegExp(QUESTION_END, 'u');
/** A question tag after a comma at the end of a sentence: two words, then the question mark. */
const QUESTION_TAG = new RegExp(String.raw`,\s*(\S+)\s+(\S+?)${QUESTION_END}`, 'u');
/** The words of a question. Kept here: esbuild makes an expression with a Unicode property a
 * `new RegExp(...)` call, which written inside the function would run on every sentence asked about. */
const WORDS = /[\p{L}']+/gu;
/** Lower case, with the typographic apostrophe as the plain one the word lists are written with. */
const plainWord = (word: string) => word.toLowerCase().replace(/’/g, "'");

/**
 * Whether a sentence puts something to the reader to weigh: a question asking whether it is so
 * ("Did the rail strikes really cost…?", "Didn't she once say…?", "Remember the fake text that
 * promised…?", "Salmon: a record year, or the first fall?"), on its own or after a colon ("You
 * asked: Is the Quayline over budget?"), a list's number or a "So," before it. Not a question that
 * asks for a fact ("How many people watched…?", "Where did that figure come from?"), nor a statement
 * with a question tag ("And the outage was when that message went round, wasn't it?"), which states
 * what it asks to have agreed. (The tag's exception was chosen on eval-review-5, a wrong mark fewer
 * and every other set as it was. Questions opening with "is", "did" and their kind alone read 3
 * mentions fewer and 2 wrong marks fewer on the selection sets: eval-review-2 to -6, eval-feed, -2.)
 */
export function asksWhether(text: string): boolean {
  const trimmed = text.trim();
  if (!ENDS_AS_QUESTION.test(trimmed)) return false;
  const tag = QUESTION_TAG.exec(trimmed);
  if (tag && TAG_VERBS.has(plainWord(tag[1]!)) && TAG_PRONOUNS.has(plainWord(tag[2]!))) return false;
  const words = plainWord(trimmed.slice(trimmed.lastIndexOf(':') + 1)).match(WORDS) ?? [];
  let i = 0;
  while (i < words.length - 1 && LEAD_INS.has(words[i]!)) i++;
  return words.length > 0 && !FACT_QUESTION_WORDS.has(words[i]!);
}

/** What passes a claim on as hearsay: an adverb that disowns it ("supposedly", "allegedly"), a verb
 * that puts it forward as someone's with its content after ("claims that", "insists that", "a rumour
 * that", "swears", "keeps saying"), or a message going round ("going around", "making the rounds",
 * "circulating", "shared 40,000 times"). The words alone ("a hoax", "rumours") name a topic, in a
 * heading or a verdict, as often. Words, not a parse: "going around the lake" passes too, which
 * matters only where a claim's words are in the sentence as well (`decide`). */
const HEARSAY = /\b(?:claim(?:s|ed|ing)? that|rumou?r(?:s|ed)? (?:that|about)|insist(?:s|ed|ing)? that|(?:going|goes) a?round|keeps? (?:saying|telling|claiming|insisting)|swear(?:s|ing)?|swore|supposedly|allegedly|purportedly|(?:making|doing) the rounds|circulat(?:ed|ing|es)|shared [^.]{0,30}times)\b/i;

/**
 * Whether a sentence passes something on as hearsay, in the words above: how a roundup, a reader's
 * letter or a caller brings up a rumour ("A screenshot shared more than 40,000 times warns that…",
 * "My neighbor swears the governor said…", "a shark supposedly swimming past the newsagent").
 */
export function passesOnHearsay(text: string): boolean {
  return HEARSAY.test(text);
}
