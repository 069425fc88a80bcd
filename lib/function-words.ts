/**
 * The function words of other languages than English ("die", "dass", "que", "les", "в", "что", "的"),
 * from the npm package stopwords-iso's lists, so that a text written in one of them is read as our
 * English stop words let an English one be read: by its telling words alone. Without them, a feed
 * in German or Russian had its claims marked on any page in that language that shared "dass die …
 * im nächsten Jahr" or "что в … не будет": words the English lexicon has never seen weigh as the
 * rarest of all (`backgroundWeight`).
 *
 * A word is a function word of a text only where the text is in that language (`textLanguage`):
 * "war", "die" and "also" are German function words and English telling ones.
 */
import lists from 'stopwords-iso/stopwords-iso.json';
import commonEnglishStems from '../data/common-english.json';

/** English, whose function words are `normalize.ts`'s own, and Thai, which the tokenizer reads no
 * words in (written without spaces, and not split as Chinese and Japanese are). */
const LEFT_OUT = new Set(['en', 'th']);

/** The languages whose function words are known, by ISO 639-1 code; a language's number is its
 * place here. */
export const FUNCTION_WORD_LANGUAGES: readonly string[] = Object.keys(lists).filter((code) => !LEFT_OUT.has(code)).sort();

/** The least number of distinct function words of a language a text must hold to be read as in
 * it: a name repeated ("Osama bin Laden", "Vin Diesel") or an address ("Rue de la Loi") is not a
 * text in another language. */
export const MIN_FUNCTION_WORDS = 3;

/** Word -> the numbers of the languages whose function word it is; built when first asked. */
let languagesOfWord: Map<string, readonly number[]> | null = null;

/** The key a word is looked up by: folded as the tokenizer folds it (`foldWord`), apostrophes out. */
export const functionWordKey = (folded: string) => folded.replace(/'/g, '');

/**
 * For a word folded as the tokenizer folds it (`functionWordKey`), the numbers of the languages
 * whose function word it is; undefined for most words. The fold is passed in (the tokenizer's
 * own), so that this module needs nothing of the tokenizer.
 */
export function functionWordLanguages(key: string, fold: (word: string) => string): readonly number[] | undefined {
  if (!languagesOfWord) {
    const built = new Map<string, number[]>();
    FUNCTION_WORD_LANGUAGES.forEach((code, language) => {
      for (const word of (lists as Record<string, string[]>)[code]!) {
        // The lists hold a few phrases ("có thể") and signs: a token is one word.
        if (/\s/.test(word)) continue;
        const folded = functionWordKey(fold(word));
        if (!folded) continue;
        const held = built.get(folded);
        if (!held) built.set(folded, [language]);
        else if (!held.includes(language)) held.push(language);
      }
    });
    languagesOfWord = built;
  }
  return languagesOfWord.get(key);
}

/** English's 2,000 commonest stems (`scripts/build-lexicon.ts` derives them with the lexicon),
 * which tell no other language: "war", "end" and "stop" are Breton function words, "multiple",
 * "rare" and "certain" French ones, in the lists, and "Biden to end war, stop arms sales" lost its
 * telling words to them. Made a set when first asked. */
let commonEnglish: ReadonlySet<string> | null = null;
const isCommonEnglish = (stem: string) => (commonEnglish ??= new Set(commonEnglishStems)).has(stem);

/**
 * The language a text is written in, by the function words its words are (each word with its
 * stem and languages, `functionWordLanguages`), as a language's number; -1 for English or none:
 * the language whose distinct function words the text holds most of, common English words left
 * out, when they are at least `MIN_FUNCTION_WORDS` and more than the English function words the
 * text holds.
 */
export function textLanguage(words: readonly { word: string; stem: string; languages: readonly number[] }[], englishFunctionWords: number): number {
  const seen = new Set<string>();
  const counts = new Uint16Array(FUNCTION_WORD_LANGUAGES.length);
  let best = -1;
  for (const { word, stem, languages } of words) {
    if (seen.has(word) || isCommonEnglish(stem)) continue;
    seen.add(word);
    for (const language of languages) {
      counts[language]!++;
      if (best < 0 || counts[language]! > counts[best]!) best = language;
    }
  }
  return best >= 0 && counts[best]! >= MIN_FUNCTION_WORDS && counts[best]! > englishFunctionWords ? best : -1;
}
