// The tokenizer tells English's common words from other languages' function words by a list of
// its own (data/common-english.json), not by the matcher's lexicon, which the rank engine
// (scripts/rank.ts, fit-rank.ts) never loads: this file loads the ranker's modules alone.
import { describe, expect, it } from 'vitest';
import { ClaimRanker } from '@/lib/matching/rank';
import { terms } from '@/lib/matching/post-text';
import { tokenize } from '@/lib/normalize';

describe('the rank engine', () => {
  it('reads common English words as the extension does: "Biden to end war, stop arms sales" keeps end, war and stop', () => {
    void ClaimRanker;
    const stopped = tokenize('Biden to end war, stop arms sales to Ukraine').filter((t) => t.stop).map((t) => t.norm);
    expect(stopped).not.toContain('war');
    expect(terms('Biden to end war, stop arms sales to Ukraine')).toEqual(expect.arrayContaining(['war']));
  });
});
