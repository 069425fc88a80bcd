/**
 * The words of text written without spaces between them (Chinese, Japanese), which the page
 * matcher's tokenizer and the popup's search both read: a run of such characters is split into the
 * words inside it, so that "疫苗" finds "新冠疫苗会导致女性不孕" and a page repeating that claim is
 * read word by word rather than as one "word" of eleven characters.
 */
// Chinese and Japanese put no spaces between words: a run of their characters is split into the
// words inside it, so that "疫苗" finds "新冠疫苗会导致女性不孕". (The segmenter knows no Korean words
// and leaves a run of Hangul whole; Korean is spaced, and a prefix finds a noun before its particle.)
// Script extensions, not scripts: the long-vowel mark "ー" of "コーヒー" is kana only by extension.
export const UNSPACED = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const UNSPACED_RUNS = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]+|[^\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]+/gu;
/** The most characters given to the segmenter at once. */
const SEGMENTED_AT_ONCE = 500;
// Made once: a segmenter costs far more to make than to use. Its dictionary of Chinese and
// Japanese words is the same whatever the locale.
const WORD_SEGMENTER = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : undefined;

/** The words of `word`, a run of letters and digits holding an unspaced script, each with where it
 * starts in `word`: the segmenter's words or, with no segmenter, each overlapping pair of the
 * unspaced characters, so that a query of two or more of them finds a text holding them in a row. */
export function unspacedWords(word: string): { text: string; start: number }[] {
  if (WORD_SEGMENTER) {
    const words: { text: string; start: number }[] = [];
    // Read a piece at a time: the segmenter's time grows with the square of the text's length (one
    // run of 88,000 characters took ten seconds). A piece's last word may run on into the next
    // piece, so it is read again at the start of that one.
    for (let from = 0; from < word.length; ) {
      const piece = word.slice(from, from + SEGMENTED_AT_ONCE);
      let next = from + piece.length;
      for (const segment of WORD_SEGMENTER.segment(piece)) {
        if (next < word.length && segment.index > 0 && segment.index + segment.segment.length === piece.length) {
          next = from + segment.index;
          break;
        }
        if (segment.isWordLike) words.push({ text: segment.segment, start: from + segment.index });
      }
      from = next;
    }
    return joinDigitGroups(word, words);
  }
  const pairs: { text: string; start: number }[] = [];
  for (const run of word.matchAll(UNSPACED_RUNS)) {
    const chars = Array.from(run[0]);
    if (chars.length === 1 || !UNSPACED.test(run[0])) {
      pairs.push({ text: run[0], start: run.index! });
      continue;
    }
    for (let i = 0, start = run.index!; i + 1 < chars.length; start += chars[i]!.length, i++) pairs.push({ text: chars[i]! + chars[i + 1]!, start });
  }
  return joinDigitGroups(word, pairs);
}

/** A number with thousands commas inside a run of Chinese or Japanese ("有1,000人") as one word, as
 * it is in spaced text: the segmenter reads "1", "," and "000". */
function joinDigitGroups(word: string, words: { text: string; start: number }[]): { text: string; start: number }[] {
  const joined: { text: string; start: number }[] = [];
  for (const each of words) {
    const last = joined[joined.length - 1];
    if (last && /^\d[\d,]*$/.test(last.text) && /^\d{3}$/.test(each.text) && each.start === last.start + last.text.length + 1 && word[each.start - 1] === ',') {
      last.text = word.slice(last.start, each.start + each.text.length);
      continue;
    }
    joined.push({ ...each });
  }
  return joined;
}

