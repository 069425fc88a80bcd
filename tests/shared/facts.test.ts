import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBundledPack } from '@/lib/bundled-pack';
import { normalizeLink } from '@/lib/links';
import { SHARED_DIR } from './paths';

// The bundled pack against the verified fact sheet it is written from: same ids, same verdicts,
// every source URL the sheet relies on.
const sheet = readFileSync(join(SHARED_DIR, 'seed/FACTS.md'), 'utf8');
const entries = [...sheet.matchAll(/^### \d+\. `([^`]+)`([\s\S]*?)(?=^### |^---)/gm)].map(([, id, body]) => ({
  id: id!,
  verdict: /\*\*Verdict:\*\* ([a-z-]+)/.exec(body!)?.[1],
}));
const sheetUrlsAsWritten = new Set(sheet.match(/https?:\/\/[^\s)]+/g));
const pack = expectBundledPack();

describe('the bundled pack against FACTS.md', () => {
  it('has the 28 ids of the fact sheet, in its order', () => {
    expect(entries).toHaveLength(28);
    expect(pack.claims.map((c) => c.id)).toEqual(entries.map((e) => e.id));
  });

  it('carries each entry’s verdict', () => {
    expect(pack.claims.map((c) => [c.id, c.verdict])).toEqual(entries.map((e) => [e.id, e.verdict]));
  });

  it('cites every source URL of the fact sheet, and no other', () => {
    // Compared as a browser follows them: the pack stores links normalized ("https://x.com:443/" as "https://x.com/").
    const sheetUrls = new Set([...sheetUrlsAsWritten].map((url) => normalizeLink(url) ?? url));
    const packUrls = new Set(pack.claims.flatMap((c) => c.context.flatMap((item) => item.sources.map((s) => s.url))));
    expect(sheetUrls.size).toBeGreaterThan(80);
    expect([...sheetUrls].filter((url) => !packUrls.has(url))).toEqual([]);
    expect([...packUrls].filter((url) => !sheetUrls.has(url))).toEqual([]);
  });
});
