// The regular expression the tokenizer's scanner (`nextWord`) stands for, and the words each
// finds in a text as [start, end] pairs: tests check that both find the same.
import { nextWord } from '@/lib/normalize';

const WORD = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)*|[\p{L}\p{N}][\p{L}\p{N}\p{M}\p{Cf}]*(?:['’]\p{L}[\p{L}\p{M}\p{Cf}]*)*/gu;

export const wordsByExpression = (text: string): number[][] => [...text.matchAll(WORD)].map((m) => [m.index!, m.index! + m[0].length]);

export function wordsByScanner(text: string): number[][] {
  const found: number[][] = [];
  for (let word = nextWord(text, 0); word; word = nextWord(text, word.end)) found.push([word.start, word.end]);
  return found;
}
