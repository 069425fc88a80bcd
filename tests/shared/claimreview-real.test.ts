import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFactPack, parsePackText } from '@/lib/pack';
import { SHARED_DIR } from './paths';

// Real ClaimReview and Fact Check Tools files, written by others: each imports or is refused with
// a reason a user can read.
const root = join(SHARED_DIR, 'corpora/claimreview-real');
const files = readdirSync(root)
  .filter((dir) => statSync(join(root, dir)).isDirectory())
  .flatMap((dir) => readdirSync(join(root, dir)).map((file) => `${dir}/${file}`))
  .sort();

describe('real-world importer inputs', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(31);
  });

  it.each(files)('%s imports or is refused with a clear reason', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const result = parsePackText(text, { fileName: basename(file) });
    if (result.ok) {
      expect(result.value.pack.claims.length).toBeGreaterThan(0);
      expect(parseFactPack(result.value.pack).ok).toBe(true);
      for (const claim of result.value.pack.claims) expect(claim.text.trim()).not.toBe('');
    } else {
      expect(result.error.length).toBeGreaterThan(0);
      for (const reason of result.error) expect(reason).toMatch(/^[A-Z\w].{15,}/);
    }
  });
});
