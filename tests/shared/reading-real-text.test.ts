import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentSentences, splitSentences } from '@/lib/sentences';
import { wordsByExpression, wordsByScanner } from '../helpers/words';
import { SHARED_DIR } from './paths';

// The tokenizer's scanner and the sentence splitter's shortcut stand for slower rules (a regular
// expression, the segmenter). Here both must agree with those rules on every real text we hold.

function realTexts(): { name: string; text: string }[] {
  const texts: { name: string; text: string }[] = [];
  for (const dir of ['corpora/realnews-sample/pages', 'eval/dev/pages']) {
    for (const file of readdirSync(join(SHARED_DIR, dir)).filter((f) => f.endsWith('.html'))) texts.push({ name: `${dir}/${file}`, text: readFileSync(join(SHARED_DIR, dir, file), 'utf8') });
  }
  for (const file of ['vclaims.jsonl', 'queries-train.jsonl', 'queries-dev.jsonl']) {
    const lines = readFileSync(join(SHARED_DIR, 'corpora/checkthat2020', file), 'utf8').split('\n').filter(Boolean);
    lines.forEach((line, i) => texts.push({ name: `${file}:${i + 1}`, text: (JSON.parse(line) as { text: string }).text }));
  }
  return texts;
}

describe('reading real text', () => {
  const texts = realTexts();

  it('finds the words the regular expression finds, in every real page, claim and post', () => {
    const differing = texts.filter(({ text }) => JSON.stringify(wordsByScanner(text)) !== JSON.stringify(wordsByExpression(text)));
    expect(differing.map((t) => t.name)).toEqual([]);
  });

  it('splits sentences as the segmenter does, in every line of every real page and in every claim and post', () => {
    const pieces = texts.flatMap(({ name, text }) => text.split('\n').map((line) => ({ name, text: line.replace(/<[^>]*>/g, ' ') })));
    const differing = pieces.filter(({ text }) => JSON.stringify(splitSentences(text)) !== JSON.stringify(segmentSentences(text)));
    expect(differing.map((t) => t.name)).toEqual([]);
  });
});
