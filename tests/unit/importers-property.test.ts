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
    // (`toString` and `valueOf` too: an object whose own is a number cannot be written as text.)
    fc.dictionary(fc.constantFrom('@type', '@graph', 'claimReviewed', 'url', 'claims', 'claimReview', 'text', 'format', 'id', 'context', 'sources', 'reviewRating', 'dataFeedElement', 'item', 'toString', 'valueOf'), tie('value'), { maxKeys: 5 }),
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

  it('never throws on a ClaimReview or an API claim holding, in any field, an object that cannot be written as text', () => {
    // JSON cannot hold a function: `{"toString": 1}` makes String() and template strings throw.
    const unwritable = { toString: 1, valueOf: 1 };
    const review = {
      '@type': 'ClaimReview',
      url: 'https://checks.example/ferry',
      claimReviewed: 'Ferry fares doubled this year.',
      name: 'Did ferry fares double?',
      headline: 'Ferry fares',
      datePublished: '2025-03-01',
      inLanguage: 'en',
      identifier: 'ferry-1',
      author: { '@type': 'Organization', name: 'Harbour Check', url: 'https://checks.example/' },
      reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
      itemReviewed: { '@type': 'Claim', author: { name: 'A councillor' }, datePublished: '2025-02-20', appearance: [{ url: 'https://news.example/a' }] },
      citation: [{ url: 'https://council.example/fares' }],
    };
    const apiClaim = { text: 'Ferry fares doubled this year.', claimant: 'A councillor', claimDate: '2025-02-20T00:00:00Z', claimReview: [{ publisher: { name: 'Harbour Check', site: 'checks.example' }, url: 'https://checks.example/ferry', title: 'Ferry fares', reviewDate: '2025-03-01T00:00:00Z', textualRating: 'False', languageCode: 'en' }] };
    /** Every copy of `value` with one field, at any depth, replaced by `unwritable`. */
    const spoiled = (value: unknown): unknown[] => {
      if (!value || typeof value !== 'object') return [];
      const entries = Object.entries(value);
      return entries.flatMap(([key, inner]) => [
        Array.isArray(value) ? value.map((item, i) => (String(i) === key ? unwritable : item)) : { ...value, [key]: unwritable },
        ...spoiled(inner).map((copy) => (Array.isArray(value) ? value.map((item, i) => (String(i) === key ? copy : item)) : { ...value, [key]: copy })),
      ]);
    };
    const files = [...spoiled(review), ...spoiled({ claims: [apiClaim] })];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expectSafe(parsePackText(JSON.stringify(file)));
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
