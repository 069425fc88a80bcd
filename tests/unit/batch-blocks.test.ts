import { describe, expect, it } from 'vitest';
import { batchBlocks, FIND_LIMITS, pageOpening, REQUEST_SCHEMAS } from '@/lib/protocol';
import * as v from 'valibot';

describe('batchBlocks: a page as findMentions requests within the limits', () => {
  it('cuts a block longer than a request allows, keeping its start (and its offsets)', () => {
    const long = `Peskov said so. ${'x'.repeat(FIND_LIMITS.blockChars + 100_000)}`;
    const [batch] = batchBlocks(['A first block.', long, 'A last block.']);
    expect(batch!.blocks).toHaveLength(3);
    expect(batch!.blocks[1]).toHaveLength(FIND_LIMITS.blockChars);
    expect(batch!.blocks[1]!.startsWith('Peskov said so. ')).toBe(true);
    expect(batch!.blocks[2]).toBe('A last block.');
  });

  it('cuts a block, and the page\'s opening, at a whole character: never half an emoji at the end', () => {
    // An emoji (two code units) across the character limit.
    const long = `${'x'.repeat(FIND_LIMITS.blockChars - 1)}\u{1F30A} and more.`;
    const [batch] = batchBlocks([long]);
    expect(batch!.blocks[0]).toBe('x'.repeat(FIND_LIMITS.blockChars - 1));
    const opening = pageOpening([`${'y'.repeat(FIND_LIMITS.openingChars - 1)}\u{1F30A}`]);
    expect(opening).toEqual(['y'.repeat(FIND_LIMITS.openingChars - 1)]);
  });

  it('splits the blocks, in order, by count and by characters, and says where each batch starts', () => {
    const texts = Array.from({ length: 7 }, (_, i) => `block ${i}`);
    expect(batchBlocks(texts, 3).map((b) => [b.first, b.blocks])).toEqual([
      [0, ['block 0', 'block 1', 'block 2']],
      [3, ['block 3', 'block 4', 'block 5']],
      [6, ['block 6']],
    ]);
    expect(batchBlocks(['aaaa', 'bbbb', 'cc', 'dddddddddd'], 100, 8).map((b) => b.first)).toEqual([0, 2, 3]);
    expect(batchBlocks([])).toEqual([]);
  });

  it('makes requests the background accepts, whatever the page', () => {
    const page = [...Array.from({ length: FIND_LIMITS.blocks + 10 }, () => 'w'), 'y'.repeat(FIND_LIMITS.blockChars * 2), ...Array.from({ length: 8 }, () => 'z'.repeat(FIND_LIMITS.blockChars))];
    const batches = batchBlocks(page);
    expect(batches.reduce((n, b) => n + b.blocks.length, 0)).toBe(page.length);
    for (const batch of batches) {
      expect(v.safeParse(REQUEST_SCHEMAS.findMentions, { blocks: batch.blocks, pageDate: null }).success).toBe(true);
    }
    // Nine blocks of the longest kind come to more characters than one request holds.
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batchBlocks(page, FIND_LIMITS.blocks, Number.POSITIVE_INFINITY)).toEqual(batches);
  });

  it('sends a part of a page with the page’s opening: its first blocks, within the limits the background accepts', () => {
    expect(pageOpening(['Calderbridge news', 'Waiting lists', 'The council met.'])).toEqual(['Calderbridge news', 'Waiting lists', 'The council met.']);
    // The last block is cut, and none comes after it, once the characters are spent.
    const long = 'x'.repeat(FIND_LIMITS.openingChars);
    expect(pageOpening(['A headline', long, 'More'])).toEqual(['A headline', long.slice(0, FIND_LIMITS.openingChars - 'A headline'.length)]);
    expect(pageOpening(Array.from({ length: 1_000 }, () => 'a'))).toHaveLength(FIND_LIMITS.openingBlocks);
    expect(pageOpening([])).toEqual([]);
    const request = (opening: string[]) => v.safeParse(REQUEST_SCHEMAS.findMentions, { blocks: ['A block.'], pageDate: null, opening }).success;
    expect(request(pageOpening(['y'.repeat(FIND_LIMITS.openingChars * 3), 'z']))).toBe(true);
    expect(request(['y'.repeat(FIND_LIMITS.openingChars + 1)])).toBe(false);
    expect(request(Array.from({ length: FIND_LIMITS.openingBlocks + 1 }, () => 'a'))).toBe(false);
  });
});
