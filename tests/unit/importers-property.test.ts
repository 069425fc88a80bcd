import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePackText } from '@/lib/pack';
import { LIMITS, isHttpUrl } from '@/lib/schema';
import { samplePack } from '../helpers/packs';

// Whatever a file holds, an import either gives a valid pack or a list of readable problems:
// it never throws, and nothing it lets through holds a non-http(s) link or an oversized text.
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom('<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'javascript:alert(1)', 'data:text/html,<b>x</b>', '\u0000', '\uFFFF', '\uD800', 'x'.repeat(LIMITS.longText + 1)),
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('@type', '@graph', 'claimReviewed', 'url', 'claims', 'claimReview', 'text', 'format', 'id', 'context', 'sources', 'reviewRating', 'dataFeedElement', 'item'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

function expectSafe(result: ReturnType<typeof parsePackText>): void {
  if (!result.ok) {
    expect(result.error.length).toBeGreaterThan(0);
    for (const problem of result.error) expect(problem.trim().length).toBeGreaterThan(5);
    return;
  }
  for (const claim of result.value.pack.claims) {
    expect(claim.text.length).toBeLessThanOrEqual(LIMITS.claimText);
    expect(claim.summary.length).toBeLessThanOrEqual(LIMITS.longText);
    for (const item of claim.context) for (const source of item.sources) expect(isHttpUrl(source.url)).toBe(true);
  }
}

describe('importing hostile files', () => {
  it('never throws on random JSON, ClaimReview or API shapes', () => {
    fc.assert(fc.property(jsonish, (value) => expectSafe(parsePackText(JSON.stringify(value) ?? 'null'))), { numRuns: 500 });
  });

  it('never throws on a pack with hostile values in any field', () => {
    const fields = ['title', 'publisher', 'version', 'language', 'created', 'id'];
    const claimFields = ['id', 'text', 'claimant', 'claimDate', 'verdict', 'ratingLabel', 'summary'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.constantFrom(...claimFields), hostileString, hostileString, (field, claimField, a, b) => {
        const pack = samplePack({ [field]: a }) as Record<string, unknown> & { claims: Record<string, unknown>[] };
        pack.claims[0] = { ...pack.claims[0], [claimField]: b };
        expectSafe(parsePackText(JSON.stringify(pack)));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['text that is not JSON at all', '\u0000\u0001binary'],
    ['UTF-16 bytes read as UTF-8', Buffer.from(JSON.stringify(samplePack()), 'utf16le').toString('utf8')],
    ['arrays nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['objects nested 10,000 deep', `${'{"@graph":'.repeat(10_000)}{}${'}'.repeat(10_000)}`],
    ['a 50 MB file', `"${'x'.repeat(50 * 1024 * 1024)}"`],
  ])('refuses %s with a message', (_, text) => {
    const result = parsePackText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]).toMatch(/^(The file|No fact pack)/);
  });
});
