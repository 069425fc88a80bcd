// The numbered stems' marks and the lexicon read by rank (lib/matching): what the page pass reads
// a candidate's words and near meanings from, in place of looking each up by its string.
import { describe, expect, it } from 'vitest';
import lexicon from '../../data/lexicon.json';
import { StemMarks } from '@/lib/matching/claim-index';
import { lexiconRank, nearMeanings, nearMeaningsByRank } from '@/lib/matching/lexicon';

describe('StemMarks', () => {
  it('holds no stem until one is marked, new or cleared', () => {
    const marks = new StemMarks(4);
    expect([0, 1, 2, 3].map((stem) => marks.has(stem))).toEqual([false, false, false, false]);
    marks.mark(2);
    expect(marks.has(2)).toBe(true);
    marks.clear();
    expect(marks.has(2)).toBe(false);
  });

  it('forgets every old mark when its stamp wraps at 0xffffffff', () => {
    const marks = new StemMarks(3);
    (marks as unknown as { stamp: number }).stamp = 0xfffffffd;
    marks.clear(); // 0xfffffffe
    marks.mark(0);
    marks.clear(); // 0xffffffff
    marks.mark(1);
    expect([marks.has(0), marks.has(1), marks.has(2)]).toEqual([false, true, false]);
    marks.clear(); // wraps: filled with 0, stamp 1
    marks.mark(2);
    expect([marks.has(0), marks.has(1), marks.has(2)]).toEqual([false, false, true]);
  });
});

describe('nearMeaningsByRank', () => {
  it('answers as nearMeanings, unknown stems (-1) included', () => {
    const stems = lexicon.stems as string[];
    let seed = 3;
    const pick = () => stems[(seed = (seed * 48271) % 2147483647) % 3000]!;
    for (let t = 0; t < 200; t++) {
      const text = [...Array.from({ length: 12 }, pick), 'zzqxunknown'];
      const byStem = nearMeanings(text);
      const byRank = nearMeaningsByRank(text.map(lexiconRank));
      for (let q = 0; q < 30; q++) {
        const stem = q === 0 ? 'qqnotaword' : pick();
        expect(byRank(lexiconRank(stem))).toBe(byStem(stem));
      }
      // Interleaved: the other closure re-marks the shared array when asked again.
      expect(byStem('qqnotaword')).toBe(0);
      expect(byRank(-1)).toBe(0);
    }
  });
});
