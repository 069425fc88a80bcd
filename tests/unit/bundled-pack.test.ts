import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import raw from '@/data/bundled-pack.json';
import { expectBundledPack } from '@/lib/bundled-pack';
import { parseFactPack } from '@/lib/pack';
import { VERDICTS } from '@/lib/schema';

const fileText = readFileSync(new URL('../../data/bundled-pack.json', import.meta.url), 'utf8');

describe('the bundled pack', () => {
  const pack = expectBundledPack();

  it('validates against the schema', () => {
    expect(parseFactPack(raw).ok).toBe(true);
  });

  it('holds 28 claims with unique ids', () => {
    expect(pack.claims).toHaveLength(28);
    expect(new Set(pack.claims.map((c) => c.id)).size).toBe(28);
  });

  it('uses only the fact sheet verdicts', () => {
    const sheet = VERDICTS.filter((v) => v !== 'false' && v !== 'unrated');
    for (const claim of pack.claims) expect(sheet).toContain(claim.verdict);
  });

  it('gives every claim a summary and context with sources; cues only as hints, to some', () => {
    // Cues were kept only where they add found mentions on the training pages (issue #11).
    const cued = pack.claims.filter((claim) => claim.cues.terms.length > 0);
    expect(cued.length).toBeGreaterThan(0);
    expect(cued.length).toBeLessThan(pack.claims.length);
    for (const claim of pack.claims) {
      expect(claim.context.length, claim.id).toBeGreaterThan(0);
      for (const item of claim.context) for (const source of item.sources) expect(source.url).toMatch(/^https?:\/\//);
    }
  });

  it('is stable through parse and serialize', () => {
    expect(`${JSON.stringify(pack, null, 2)}\n`).toBe(fileText);
  });

  it('has no carriage returns, tabs or trailing spaces', () => {
    expect(fileText).not.toMatch(/\r|\t| +\n/);
  });
});
