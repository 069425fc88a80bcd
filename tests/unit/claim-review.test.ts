import { describe, expect, it } from 'vitest';
import { cleanText, packFromApiClaims, packToClaimReview, readUrl } from '@/lib/claim-review';
import { parseFactPack, parsePackText } from '@/lib/pack';
import { claimOwnTexts, firstRatedLine } from '@/lib/review-notes';
import { isStatement } from '@/lib/timeline';
import { numericRatingLabel, verdictFromRating } from '@/lib/verdicts';
import { samplePack } from '../helpers/packs';
import { expectBundledPack } from '@/lib/bundled-pack';

// Reviews written for these tests, in the shapes fact-checkers publish.
const review = (overrides: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://checker.example/reviews/bridge',
  claimReviewed: 'The harbour bridge will close all summer.',
  datePublished: '2026-05-02 10:15',
  author: { '@type': 'Organization', name: 'Harbour Check' },
  itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'A councillor' }, datePublished: '2026-05-01' },
  reviewRating: { '@type': 'Rating', ratingValue: '2', bestRating: '5', worstRating: '1', alternateName: 'Misleading' },
  ...overrides,
});

const parse = (value: unknown, fileName?: string) => parsePackText(typeof value === 'string' ? value : JSON.stringify(value), { fileName, today: new Date('2026-11-25T00:00:00Z') });

describe('ClaimReview import', () => {
  describe.each([
    ['a single object', review()],
    ['an array', [review()]],
    ['an @graph', { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, review()] }],
    ['a DataFeed', { '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', item: [review()] }] }],
    ['a DataFeedItem', { '@type': 'DataFeedItem', item: [review()] }],
    ['a page with a JSON-LD script', `<!doctype html><html><head><script type="application/ld+json">${JSON.stringify(review())}</script></head></html>`],
  ])('from %s', (_, input) => {
    it('makes one claim with its verdict, claimant and source', () => {
      const result = parse(input, 'bridge-checks.json');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { pack, format } = result.value;
      expect(format).toBe('claimreview');
      expect(pack.title).toBe('Fact-checks by Harbour Check');
      expect(pack.claims).toHaveLength(1);
      const claim = pack.claims[0]!;
      expect(claim).toMatchObject({
        text: 'The harbour bridge will close all summer.',
        claimant: 'A councillor',
        claimDate: '2026-05-01',
        verdict: 'imprecise',
        ratingLabel: 'Misleading',
      });
      expect(claim.summary).toBe('Rated “Misleading” by Harbour Check on 2026-05-02.');
      expect(claim.context[0]!.sources).toEqual([{ url: 'https://checker.example/reviews/bridge', outlet: 'Harbour Check', published: '2026-05-02' }]);
      expect(parseFactPack(pack).ok).toBe(true);
    });
  });

  it('names a claimant with the role the review gives them, as one string, and keeps it through export', () => {
    const claimantOf = (author: unknown) => {
      const result = parse(review({ itemReviewed: { '@type': 'Claim', author } }));
      if (!result.ok) throw new Error(result.error.join('\n'));
      return result.value.pack.claims[0]!.claimant;
    };
    expect(claimantOf({ '@type': 'Person', name: 'Declan Furrow', jobTitle: 'Minister for Housing' })).toBe('Declan Furrow (Minister for Housing)');
    // Several roles, a role given as a DefinedTerm, a blank one, one that repeats the name.
    expect(claimantOf({ '@type': 'Person', name: 'Ines Ortega', jobTitle: ['Mayor of Dunmore', { '@type': 'DefinedTerm', name: 'Harbour board chair' }, '  '] })).toBe('Ines Ortega (Mayor of Dunmore, Harbour board chair)');
    expect(claimantOf({ '@type': 'Organization', name: 'Harbour Trust', jobTitle: 'harbour trust' })).toBe('Harbour Trust');
    // A name given as a list: the name, then the roles (as Africa Check publishes them).
    expect(claimantOf({ '@type': 'Person', name: ['Ines Ortega', 'mayor of Dunmore'] })).toBe('Ines Ortega (mayor of Dunmore)');
    expect(claimantOf({ '@type': 'Person', name: ['Ines Ortega', ' ', 'mayor of Dunmore'], jobTitle: 'Harbour board chair' })).toBe('Ines Ortega (mayor of Dunmore, Harbour board chair)');
    expect(claimantOf({ '@type': 'Person', name: ['Ines Ortega'] })).toBe('Ines Ortega');
    expect(claimantOf([{ '@type': 'Person', name: 'Ines Ortega', jobTitle: 'Mayor' }, 'A councillor'])).toBe('Ines Ortega (Mayor), A councillor');
    // One person listed twice is named once, with every role any listing gives, each once.
    expect(claimantOf([{ '@type': 'Person', name: 'Ines Ortega', jobTitle: ['Mayor', 'mayor'] }, 'Ines Ortega', { '@type': 'Person', name: 'ines ortega', jobTitle: 'Harbour board chair' }])).toBe('Ines Ortega (Mayor, Harbour board chair)');
    // Roles that are not text are left out; a file's thousands of roles are not all read; a role
    // that would not fit is left out rather than cut inside its brackets.
    expect(claimantOf({ '@type': 'Person', name: 'Ines Ortega', jobTitle: [42, true, { '@type': 'DefinedTerm' }, null] })).toBe('Ines Ortega');
    expect(claimantOf({ '@type': 'Person', name: 'Ines Ortega', jobTitle: Array.from({ length: 100_000 }, (_, i) => `Role ${i}`) })).toBe('Ines Ortega (Role 0, Role 1, Role 2, Role 3, Role 4)');
    expect(claimantOf({ '@type': 'Person', name: 'Ines Ortega', jobTitle: 'Chair '.repeat(80) })).toBe('Ines Ortega');
    // Exported, the role is the author's jobTitle again, and read back the claimant is the same string.
    const pack = parse(review({ itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Declan Furrow', jobTitle: 'Minister for Housing' } } }));
    if (!pack.ok) throw new Error(pack.error.join('\n'));
    const exported = packToClaimReview(pack.value.pack) as { '@graph': { itemReviewed: { author: unknown } }[] };
    expect(exported['@graph'][0]!.itemReviewed.author).toEqual({ '@type': 'Person', name: 'Declan Furrow', jobTitle: 'Minister for Housing' });
    const again = parse(exported);
    if (!again.ok) throw new Error(again.error.join('\n'));
    expect(again.value.pack.claims[0]!.claimant).toBe('Declan Furrow (Minister for Housing)');
  });

  it('exports a claimant string that names several people as one Person each, and reads it back the same', () => {
    const authorOf = (claimant: string) => {
      const pack = samplePack();
      const exported = packToClaimReview({ ...pack, claims: [{ ...pack.claims[0]!, claimant }] } as never) as { '@graph': { itemReviewed: { author: unknown } }[] };
      const author = exported['@graph'][0]!.itemReviewed.author;
      const again = parse(exported);
      if (!again.ok) throw new Error(again.error.join('\n'));
      return { author, again: again.value.pack.claims[0]!.claimant };
    };
    // Two people, the first with a role: two Persons (before, one Person named with the whole string).
    expect(authorOf('Ines Ortega (Mayor of Dunmore), A councillor')).toEqual({
      author: [{ '@type': 'Person', name: 'Ines Ortega', jobTitle: 'Mayor of Dunmore' }, { '@type': 'Person', name: 'A councillor' }],
      again: 'Ines Ortega (Mayor of Dunmore), A councillor',
    });
    // A comma inside a role stays in it: it may be one role's own ("Housing, Local Government").
    expect(authorOf('Declan Furrow (Minister for Housing, Local Government), Tom Hart (Senator)')).toEqual({
      author: [
        { '@type': 'Person', name: 'Declan Furrow', jobTitle: 'Minister for Housing, Local Government' },
        { '@type': 'Person', name: 'Tom Hart', jobTitle: 'Senator' },
      ],
      again: 'Declan Furrow (Minister for Housing, Local Government), Tom Hart (Senator)',
    });
    // The Fact Check Tools API writes some claimants with bare commas: read back, they are spaced.
    expect(authorOf('Facebook,WhatsApp')).toEqual({ author: [{ '@type': 'Person', name: 'Facebook' }, { '@type': 'Person', name: 'WhatsApp' }], again: 'Facebook, WhatsApp' });
    // More people than the importer reads back: one Person, by the string as written, so none is lost.
    const eleven = 'Facebook, Instagram, TikTok, X, YouTube, Telegram, WhatsApp, Threads, Reddit, Truth Social, Bluesky';
    expect(authorOf(eleven)).toEqual({ author: { '@type': 'Person', name: eleven }, again: eleven });
    // No role, or a string that is all brackets: one Person, by the string as written.
    expect(authorOf('Social media posts')).toEqual({ author: { '@type': 'Person', name: 'Social media posts' }, again: 'Social media posts' });
    expect(authorOf('(unknown)')).toEqual({ author: { '@type': 'Person', name: '(unknown)' }, again: '(unknown)' });
  });

  it('gives a rating written only in numbers as the fact-checker’s rating, not as none, and makes its claim a checked statement', () => {
    const result = parse(review({ reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1 } }));
    if (!result.ok) throw new Error(result.error.join('\n'));
    const claim = result.value.pack.claims[0]!;
    expect(claim).toMatchObject({ verdict: 'false', ratingLabel: '1 on a scale of 1 to 5' });
    expect(claim.summary).toBe('Rated “1 on a scale of 1 to 5” by Harbour Check on 2026-05-02.');
    expect(isStatement(claim)).toBe(true);
    // Exported and imported again, it keeps its verdict.
    const again = parse(packToClaimReview(result.value.pack));
    expect(again.ok && again.value.pack.claims[0]).toMatchObject({ verdict: 'false', ratingLabel: '1 on a scale of 1 to 5' });
    // schema.org's scale when the review leaves it out: 1 to 5.
    const bare = parse(review({ reviewRating: { '@type': 'Rating', ratingValue: '5' } }));
    expect(bare.ok && bare.value.pack.claims[0]).toMatchObject({ verdict: 'accurate', ratingLabel: '5 on a scale of 1 to 5' });
    // Numbers that make no rating are no rating.
    const none = parse(review({ reviewRating: { '@type': 'Rating', ratingValue: 9, bestRating: 5, worstRating: 1 } }));
    expect(none.ok && none.value.pack.claims[0]).toMatchObject({ verdict: 'unrated', summary: 'Reviewed by Harbour Check, with no rating given on 2026-05-02.' });
    expect(none.ok && isStatement(none.value.pack.claims[0]!)).toBe(false);
  });

  it('names the fact-checker by its site, not by the journalist who wrote the review, where the review names no publisher', () => {
    const byAuthor = (author: unknown, url: unknown = 'https://www.checker.example/reviews/bridge') => {
      const result = parse(review({ author, url }));
      if (!result.ok) throw new Error(result.error.join('\n'));
      return { title: result.value.pack.title, summary: result.value.pack.claims[0]!.summary };
    };
    expect(byAuthor({ '@type': 'Person', name: 'Clarissa Pacheco' })).toEqual({ title: 'Fact-checks by checker.example', summary: 'Rated “Misleading” by checker.example on 2026-05-02.' });
    // An organisation among the authors is the fact-checker.
    expect(byAuthor([{ '@type': 'Person', name: 'Clarissa Pacheco' }, { '@type': 'Organization', name: 'Harbour Check' }]).title).toBe('Fact-checks by Harbour Check');
    // With no address either, the journalist is all there is.
    expect(byAuthor({ '@type': ['Person'], name: 'Clarissa Pacheco' }, null).title).toBe('Fact-checks by Clarissa Pacheco');
  });

  it('reads the numbers of a rating whose words say no verdict it knows, where the review gives its whole scale', () => {
    // AFP's Hindi desk writes the finding as the rating's name, and 1 on a scale of 1 to 5.
    const finding = 'यह तस्वीर किसी और देश की है';
    const result = parse(review({ reviewRating: { '@type': 'Rating', ratingValue: '1', bestRating: '5', worstRating: '1', alternateName: finding } }));
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.pack.claims[0]).toMatchObject({ verdict: 'false', ratingLabel: finding });
    // Exported and read again, it keeps the verdict, though its words place none.
    const again = parse(packToClaimReview(result.value.pack));
    expect(again.ok && again.value.pack.claims[0]).toMatchObject({ verdict: 'false', ratingLabel: finding });
    // Without the worst end, the number may be a publisher's code for a category, not a place on a scale.
    const codes = parse(review({ reviewRating: { '@type': 'Rating', ratingValue: 4, bestRating: 6, alternateName: finding } }));
    expect(codes.ok && codes.value.pack.claims[0]).toMatchObject({ verdict: 'unrated', ratingLabel: finding });
    // Words that place a verdict keep it, whatever the numbers.
    const words = parse(review({ reviewRating: { '@type': 'Rating', ratingValue: '5', bestRating: '5', worstRating: '1', alternateName: 'False' } }));
    expect(words.ok && words.value.pack.claims[0]).toMatchObject({ verdict: 'false' });
  });

  it('keeps the rating’s own reason, written in words, in what the record shows', () => {
    const reason = 'The closure lasts six weeks, from July to mid-August.';
    const explained = parse(review({ reviewRating: { '@type': 'Rating', alternateName: 'Misleading', ratingExplanation: reason } }));
    expect(explained.ok && explained.value.pack.claims[0]!.summary).toBe(`Rated “Misleading” by Harbour Check on 2026-05-02. ${reason}`);
    // Not twice when the body says it already, and not a number (one publisher writes 5 there).
    const both = parse(review({ reviewBody: `Council notices show otherwise. ${reason}`, reviewRating: { '@type': 'Rating', alternateName: 'Misleading', ratingExplanation: reason } }));
    expect(both.ok && both.value.pack.claims[0]!.summary).toBe(`Rated “Misleading” by Harbour Check on 2026-05-02. Council notices show otherwise. ${reason}`);
    const numbered = parse(review({ reviewRating: { '@type': 'Rating', alternateName: 'Misleading', ratingExplanation: 5 } }));
    expect(numbered.ok && numbered.value.pack.claims[0]!.summary).toBe('Rated “Misleading” by Harbour Check on 2026-05-02.');
    // It is evidence the matcher reads, and it comes back whole from an export.
    if (!explained.ok) return;
    expect(claimOwnTexts(explained.value.pack.claims[0]!)[0]).toBe(reason);
    const again = parse(packToClaimReview(explained.value.pack));
    expect(again.ok && again.value.pack.claims).toEqual(explained.value.pack.claims);
  });

  it('keeps the review’s own headline as evidence when it words the claim otherwise, and writes it back', () => {
    const result = parse(review({ headline: 'Is the Harbour Bridge Shutting for the Summer?' }));
    expect(result.ok && result.value.pack.claims[0]!.headline).toBe('Is the Harbour Bridge Shutting for the Summer?');
    // A headline that only repeats the claim adds nothing.
    const same = parse(review({ headline: 'The harbour bridge will close all summer.' }));
    expect(same.ok && same.value.pack.claims[0]!.headline).toBeUndefined();
    if (!result.ok) return;
    const back = parse(packToClaimReview(result.value.pack));
    expect(back.ok && back.value.pack.claims[0]!.headline).toBe('Is the Harbour Bridge Shutting for the Summer?');
  });

  it('names the fact-checker by its organisation, not by the person who wrote the review, and the pack after it', () => {
    const result = parse(review({ author: { '@type': 'Person', name: 'Jo Writer' }, publisher: { '@type': 'Organization', name: 'Harbour Check' } }), 'export-2026.json');
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.pack.publisher).toBe('Harbour Check');
    expect(result.value.pack.title).toBe('Fact-checks by Harbour Check');
    expect(result.value.pack.claims[0]!.context[0]!.sources[0]!.outlet).toBe('Harbour Check');
    // Reviews from several fact-checkers: the file names the pack.
    const mixed = parse([review(), review({ claimReviewed: 'Ferry fares doubled.', author: { '@type': 'Organization', name: 'Quay Facts' } })], 'export-2026.json');
    expect(mixed.ok && mixed.value.pack.title).toBe('export-2026');
  });

  it('keeps one claim per review on a page that reviews several', () => {
    const result = parse([review(), review({ claimReviewed: 'Ferry fares doubled.' }), review()]);
    expect(result.ok && result.value.pack.claims.map((c) => c.text)).toEqual(['The harbour bridge will close all summer.', 'Ferry fares doubled.']);
  });

  it('keeps a claim whose date is a day the month does not have, undated', () => {
    const result = parse(review({ itemReviewed: { '@type': 'Claim', datePublished: '2026-02-30' } }));
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.pack.claims[0]!.claimDate).toBeUndefined();
  });

  it('decodes HTML entities and drops tags in text', () => {
    expect(cleanText('Rishi&#039;s &quot;plan&quot;<br />&amp; more')).toBe('Rishi\'s "plan" & more');
    // Not an entity's name: left as written, not replaced by an object's method.
    expect(cleanText('A &constructor; and &toString;')).toBe('A &constructor; and &toString;');
    const result = parse(review({ claimReviewed: 'Sunak praises Singh&#039;s ideas' }));
    expect(result.ok && result.value.pack.claims[0]!.text).toBe("Sunak praises Singh's ideas");
    // An entity encoded twice by a publisher's templates is decoded, not shown.
    expect(cleanText('Singh&amp;#039;s &amp;quot;plan&amp;quot; &amp;amp; more')).toBe('Singh\'s "plan" & more');
    // An entity without its semicolon is read as in an attribute: an address in text keeps its
    // "&reg" and "&times"; one that ends a word, as real titles write them, is decoded.
    expect(cleanText('See https://video.example/watch?v=1&region=us&times=3 &copy')).toBe('See https://video.example/watch?v=1&region=us&times=3 ©');
    expect(cleanText('It&#39s Hard Being a Top App Worker, at 5&cent per forward')).toBe('It\'s Hard Being a Top App Worker, at 5¢ per forward');
  });

  it.each([
    ['aosfatos.org/noticias/x/', 'https://aosfatos.org/noticias/x/'],
    ['//checker.example/a', 'https://checker.example/a'],
    ['  https://checker.example/a  ', 'https://checker.example/a'],
    ['/estadao-verifica/x', null],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
  ])('reads the URL %j as %j', (raw, url) => {
    expect(readUrl(raw)).toBe(url);
  });

  it('leaves out a relative review URL with a warning instead of a broken link', () => {
    const result = parse(review({ url: '/verifica/bridge' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.pack.claims[0]!.context).toEqual([]);
    expect(result.value.warnings).toEqual(['review 1: url "/verifica/bridge" is not an absolute web address and was left out']);
  });

  it('refuses a review with no claim text, naming it', () => {
    const result = parse([review(), review({ claimReviewed: '  ', url: 'https://checker.example/empty' })]);
    expect(result).toEqual({ ok: false, error: ['review 2 (https://checker.example/empty): claimReviewed: missing: a review must say which claim it checks'] });
  });

  it('never turns a javascript: citation into a link', () => {
    const result = parse(review({ citation: [{ url: 'javascript:alert(1)', name: 'x' }, { url: 'https://records.example/a', name: 'Council minutes' }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const urls = result.value.pack.claims[0]!.context.flatMap((item) => item.sources.map((s) => s.url));
    expect(urls).toEqual(['https://checker.example/reviews/bridge', 'https://records.example/a']);
  });
});

describe('types and ratings written other ways', () => {
  it('reads a ClaimReview whose type is written as its full schema.org name (expanded or converted JSON-LD)', () => {
    for (const type of ['http://schema.org/ClaimReview', 'https://schema.org/ClaimReview', 'schema:ClaimReview']) {
      const result = parse(review({ '@type': type }));
      expect(result.ok ? result.value.pack.claims.length : result.error).toBe(1);
    }
  });

  it('takes a Fact Check Tools claim\'s verdict from the first review that gives a rating', () => {
    const result = parsePackText(JSON.stringify({ claims: [{ text: 'Ferry fares doubled', claimReview: [
      { publisher: { name: 'Port News' }, url: 'https://port.example/1' },
      { publisher: { name: 'Harbour Check' }, url: 'https://checker.example/1', textualRating: 'False' },
    ] }] }));
    expect(result.ok && [result.value.pack.claims[0]!.verdict, result.value.pack.claims[0]!.ratingLabel]).toEqual(['false', 'False']);
  });
});

describe('JSON-LD compacted against another context', () => {
  it('reads properties written with schema.org\'s prefix or full name, as their types are read, a short name given too winning', () => {
    const prefixed = {
      '@type': 'schema:ClaimReview',
      'schema:url': 'https://checks.example/bridge',
      'schema:claimReviewed': 'The harbour bridge will close all summer.',
      'http://schema.org/author': { '@type': 'schema:Organization', 'schema:name': 'Harbour Check' },
      'schema:reviewRating': { '@type': 'schema:Rating', 'schema:alternateName': 'False' },
      'schema:itemReviewed': { '@type': 'schema:Claim', 'schema:author': { 'schema:name': 'A councillor' } },
    };
    const result = parse({ '@graph': [prefixed] });
    expect(result.ok && result.value.pack.claims.map((c) => [c.text, c.verdict, c.claimant, c.context[0]?.sources[0]?.url])).toEqual([['The harbour bridge will close all summer.', 'false', 'A councillor', 'https://checks.example/bridge']]);
    expect(result.ok && result.value.pack.publisher).toBe('Harbour Check');
    const both = parse({ ...prefixed, claimReviewed: 'The ferry will stop running.' });
    expect(both.ok && both.value.pack.claims[0]!.text).toBe('The ferry will stop running.');
  });
});

describe('ids of different reviews whose short ids clash', () => {
  // Reviews 2795 and 8261 of this shape hash to the same 32 bits (cr-5701781c), as API claims
  // 1888 and 47745 do: about one file in a hundred of 10,000 reviews holds such a pair.
  const text = (i: number) => `The ferry fares rose by ${i} percent this year.`;
  const review = (i: number) => ({ '@type': 'ClaimReview', url: `https://checker.example/reviews/${i}`, claimReviewed: text(i), author: { name: 'Harbour Check' }, reviewRating: { alternateName: 'False' } });
  const apiClaim = (i: number) => ({ text: text(i), claimReview: [{ publisher: { name: 'Harbour Check' }, url: `https://checker.example/reviews/${i}`, textualRating: 'False' }] });
  const idsOf = (value: unknown) => {
    const result = parsePackText(JSON.stringify(value));
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.warnings).toEqual([]);
    return Object.fromEntries(result.value.pack.claims.map((c) => [c.text, c.id]));
  };

  it('keeps both reviews, each under an id of its own that does not depend on their order', () => {
    const ids = idsOf([review(2795), review(8261)]);
    expect(Object.keys(ids)).toEqual([text(2795), text(8261)]);
    expect(new Set(Object.values(ids)).size).toBe(2);
    expect(idsOf([review(8261), review(2795)])).toEqual(ids);
    // The same review listed twice is still one claim.
    expect(idsOf([review(2795), review(8261), review(2795)])).toEqual(ids);
    // A review whose short id nothing shares keeps it.
    expect(idsOf([review(1)])[text(1)]).toMatch(/^cr-[0-9a-f]{8}$/);
  });

  it('keeps both Fact Check Tools claims', () => {
    const ids = idsOf({ claims: [apiClaim(1888), apiClaim(47745)] });
    expect(Object.keys(ids)).toEqual([text(1888), text(47745)]);
    expect(new Set(Object.values(ids)).size).toBe(2);
    expect(idsOf({ claims: [apiClaim(47745), apiClaim(1888)] })).toEqual(ids);
  });
});

describe('Fact Check Tools import', () => {
  const apiClaim = {
    text: 'Floods cut the harbour town off for a week',
    claimant: 'Social media posts',
    claimDate: '2026-07-01T00:00:00Z',
    claimReview: [
      { publisher: { name: 'Harbour Check', site: 'checker.example' }, url: 'https://checker.example/floods', title: 'No, the town was not cut off', reviewDate: '2026-07-03T00:00:00Z', textualRating: 'False', languageCode: 'en' },
      { publisher: { site: 'other.example' }, url: 'https://other.example/floods', textualRating: 'Misleading', languageCode: 'en' },
    ],
  };

  it('reads a response with its reviews as context', () => {
    const result = parse({ claims: [apiClaim], nextPageToken: 'CAo' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.format).toBe('factcheck-api');
    expect(result.value.pack.language).toBe('en');
    const claim = result.value.pack.claims[0]!;
    expect(claim).toMatchObject({ verdict: 'false', ratingLabel: 'False', claimant: 'Social media posts', claimDate: '2026-07-01' });
    expect(claim.context.map((c) => c.sources[0]!.outlet)).toEqual(['Harbour Check', 'other.example']);
    expect(claim.summary).toBe('Rated “False” by Harbour Check on 2026-07-03. Rated “Misleading” by other.example.');
  });

  it('reads one claim given on its own', () => {
    const result = parse(apiClaim);
    expect(result.ok && result.value.pack.claims).toHaveLength(1);
  });

  it('refuses a claim with no text, naming it', () => {
    expect(parse({ claims: [apiClaim, { claimReview: [] }] })).toEqual({ ok: false, error: ['claim 2: text: missing: a claim must say what was claimed'] });
  });

  it('refuses a response with no claims', () => {
    expect(parse({ claims: [] })).toEqual({ ok: false, error: ['The Fact Check Tools data holds no claims.'] });
  });
});

describe('markup in a review\'s text', () => {
  it('keeps a "<" or ">" that starts no tag, as a comparison of numbers, and drops real tags', () => {
    expect(cleanText('Inflation < 2% but unemployment > 10%')).toBe('Inflation < 2% but unemployment > 10%');
    expect(cleanText('Waits went from <2 hours to >6 hours, and 3<5.')).toBe('Waits went from <2 hours to >6 hours, and 3<5.');
    expect(cleanText('A <b>bold</b> claim<br/>and <!-- a note --> a <?php x ?> line')).toBe('A bold claim and a line');
    const result = parse(review({ claimReviewed: 'Only 3 < 5 of the ferries run, and fares are > 10 euros' }));
    expect(result.ok && result.value.pack.claims[0]!.text).toBe('Only 3 < 5 of the ferries run, and fares are > 10 euros');
  });

  it('decodes every entity HTML names, numbered ones too, and leaves a made-up one as written', () => {
    expect(cleanText('Lula n&atilde;o cortou o Bolsa Fam&iacute;lia &ndash; &ldquo;nunca&rdquo;&hellip; it&rsquo;s &amp; &#233;t&#xE9;')).toBe('Lula não cortou o Bolsa Família – “nunca”… it’s & été');
    expect(cleanText('&constructor; &toString; &nosuchname;')).toBe('&constructor; &toString; &nosuchname;');
    // An escaped tag is text, not markup.
    expect(cleanText('&lt;b&gt;bold&lt;/b&gt;')).toBe('<b>bold</b>');
  });
});

describe('untrusted text and dates in a review', () => {
  it('drops the characters that turn text around, and a year before 1000 that feeds write for "not known"', () => {
    const result = parse(
      review({
        author: { '@type': 'Organization', name: 'Harbour Check\u202e' },
        itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: '\u2067City council\u2069' }, datePublished: '0000-01-01T00:00:00Z' },
      }),
    );
    if (!result.ok) throw new Error(result.error.join('\n'));
    const [claim] = result.value.pack.claims;
    expect(claim!.claimant).toBe('City council');
    expect(claim!.claimDate).toBeUndefined();
    expect(claim!.context[0]!.sources[0]!.outlet).toBe('Harbour Check');
    // The pack's header too, made of the outlet's name, and of the file's where outlets are many.
    expect([result.value.pack.title, result.value.pack.publisher]).toEqual(['Fact-checks by Harbour Check', 'Harbour Check']);
    const two = parse([review({ author: { name: 'Harbour\u202e Check' } }), review({ url: 'https://other.example/r/2', author: { name: 'Other' } })], 'harbour\u202enosj.json');
    expect(two.ok && [two.value.pack.title, two.value.pack.publisher, two.value.pack.description]).toEqual(['harbournosj', 'Harbour Check, Other', 'Imported from ClaimReview data (harbournosj).']);
    // Our own format's text fields are read the same way.
    const own = parsePackText(JSON.stringify({ ...samplePack(), title: 'Ferry \u202enotes' }));
    expect(own.ok && own.value.pack.title).toBe('Ferry notes');
  });
});

describe('verdictFromRating', () => {
  it.each([
    ['False', 'false'], ['Pants on Fire!', 'false'], ['Faux', 'false'], ['Falso.', 'false'], ['really_false', 'false'],
    ['FALSO: As imagens mostram outra cidade', 'false'], ['Engañoso', 'imprecise'], ['não_é_bem_assim', 'imprecise'],
    ['Half True', 'imprecise'], ['Mostly True', 'accurate'], ['Miscaptioned', 'misattributed'], ['Unproven', 'unverified'],
    ['證據不足', 'unverified'], ['錯誤', 'false'], ['Satire', 'opinion'], ['Mixture', 'disputed'], ['Will military drills end?', 'unrated'],
    // A true rating qualified is not "Accurate" (Chequeado's and Lupa's scales); an old hoax is false.
    ['Verdadero, pero', 'imprecise'], ['Verdadeiro, mas', 'imprecise'], ['True, but misleading', 'imprecise'], ['True: the figures match', 'accurate'],
    ['Old hoax', 'false'], ['Old video', 'accurate-but-misdated'], ['Outdated', 'accurate-but-misdated'],
  ])('maps the label %j to %s', (label, verdict) => {
    expect(verdictFromRating(label)).toBe(verdict);
  });

  it.each([
    [1, 5, 1, 'false'], [3, 5, 1, 'imprecise'], [5, 5, 1, 'accurate'], [-1, -1, -1, 'unrated'], [7, 5, 1, 'unrated'], [undefined, 5, 1, 'unrated'],
  ])('maps the number %s of %s..%s (no label) to %s', (value, best, worst, verdict) => {
    expect(verdictFromRating(undefined, value, best, worst)).toBe(verdict);
  });

  it('reads back the label a rating given only in numbers is written as', () => {
    expect(numericRatingLabel(2, 5, 1)).toBe('2 on a scale of 1 to 5');
    expect(numericRatingLabel(0.5, 1, 0)).toBe('0.5 on a scale of 0 to 1');
    expect(verdictFromRating('1 on a scale of 1 to 5')).toBe('false');
    expect(verdictFromRating('3 on a scale of 1 to 5')).toBe('imprecise');
    expect(verdictFromRating('9 on a scale of 0 to 10')).toBe('accurate');
    // Numbers that make no rating give no label.
    expect(numericRatingLabel(7, 5, 1)).toBeUndefined();
    expect(numericRatingLabel(1, 1, 1)).toBeUndefined();
    expect(numericRatingLabel(2, 5, undefined)).toBeUndefined();
  });
});

describe('packToClaimReview', () => {
  it('gives an imported review back whole: exported and imported again, every claim is as it was', () => {
    const original = [
      review({
        reviewBody: 'The bridge closes for six weeks, not the whole summer.',
        headline: 'Is the Harbour Bridge Shutting for the Summer?',
        citation: [{ '@type': 'CreativeWork', name: 'Council works notice', url: 'https://council.example/notices/bridge', publisher: { '@type': 'Organization', name: 'Harbour Council' }, datePublished: '2026-04-20' }],
      }),
      review({ url: 'https://checker.example/reviews/fares', claimReviewed: 'Ferry fares doubled.', reviewRating: { '@type': 'Rating', alternateName: 'False' } }),
    ];
    const first = parse(original);
    if (!first.ok) throw new Error(first.error.join('\n'));
    const exported = packToClaimReview(first.value.pack) as { '@graph': Record<string, unknown>[] };
    // The review's own address, date and author, not the export's.
    expect(exported['@graph'][0]).toMatchObject({ url: 'https://checker.example/reviews/bridge', datePublished: '2026-05-02', author: { name: 'Harbour Check' }, reviewBody: 'The bridge closes for six weeks, not the whole summer.' });
    const again = parse(exported);
    if (!again.ok) throw new Error(again.error.join('\n'));
    expect(again.value.pack.claims).toEqual(first.value.pack.claims);
  });


  it('writes ClaimReview that imports back with the same claims, verdicts and sources', () => {
    const pack = parseFactPack(samplePack());
    if (!pack.ok) throw new Error('sample pack invalid');
    const exported = packToClaimReview(pack.value);
    const result = parse(exported);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const back = result.value.pack.claims;
    expect(back.map((c) => [c.text, c.verdict, c.claimant])).toEqual(pack.value.claims.map((c) => [c.text, c.verdict, c.claimant]));
    expect(back[0]!.context.map((c) => c.sources[0]!.url)).toEqual(['https://example.org/notice']);
  });

  it('imports again as the pack it was: its id, title, publisher, version and dates, so it replaces the pack rather than standing beside it', () => {
    const pack = parseFactPack({ ...samplePack(), description: 'Checks of the harbour works.' });
    if (!pack.ok) throw new Error('sample pack invalid');
    const { claims: _, ...header } = pack.value;
    const again = parse(packToClaimReview(pack.value));
    if (!again.ok) throw new Error(again.error.join('\n'));
    const { claims: __, ...headerAgain } = again.value.pack;
    expect(headerAgain).toEqual(header);
  });

  it('reads the pack header only from a file whose every review Claimlight wrote, and one that is not a header not at all', () => {
    const pack = parseFactPack(samplePack());
    if (!pack.ok) throw new Error('sample pack invalid');
    const exported = packToClaimReview(pack.value) as { '@graph': Record<string, unknown>[]; claimlightPack: Record<string, unknown> };
    // A review added by hand, by another tool: the file is no longer Claimlight's alone.
    const mixed = parse({ ...exported, '@graph': [...exported['@graph'], review({ url: 'https://checker.example/reviews/other', claimReviewed: 'Ferry fares doubled.' })] });
    const edited = parse({ ...exported, claimlightPack: { ...exported.claimlightPack, id: 'not an id!' } });
    for (const result of [mixed, edited]) {
      if (!result.ok) throw new Error(result.error.join('\n'));
      expect(result.value.pack.id).toMatch(/^claimreview-/);
      expect(result.value.pack.title).not.toBe(pack.value.title);
    }
  });
});

describe('the review a summary\'s first line names (firstRatedLine)', () => {
  it('reads its outlet and date as the importer wrote them, and nothing from a summary of a pack\'s own', () => {
    expect(firstRatedLine('Rated “False” by Harbour Check on 2024-03-01. The bridge stays open.', 'False')).toEqual({ outlet: 'Harbour Check', date: '2024-03-01' });
    // An outlet's initials do not end its line; the end of a sentence does.
    expect(firstRatedLine('Rated “False” by U.S. News on 2024-03-01.', 'False')).toEqual({ outlet: 'U.S. News', date: '2024-03-01' });
    expect(firstRatedLine('Rated “False” by Harbour Check. The claim was made on 2024-01-01.', 'False')).toEqual({ outlet: 'Harbour Check', date: undefined });
    expect(firstRatedLine('Reviewed by Harbour Check, with no rating given on 2024-03-01.', undefined)).toEqual({ outlet: 'Harbour Check', date: '2024-03-01' });
    expect(firstRatedLine('Reviewed by three independent epidemiologists.', undefined)).toBeNull();
    // Another rating's line is not this claim's.
    expect(firstRatedLine('Rated “Misleading” by Harbour Check on 2024-03-01.', 'False')).toBeNull();
  });
});

describe('what an imported claim says of itself (claimOwnTexts)', () => {
  it('leaves out who rated a ClaimReview and how, and keeps its body and what it cites', () => {
    const result = parse(review({
      author: { '@type': 'Organization', name: 'Harbour.Check Weekly' },
      reviewBody: 'The council voted to keep one lane open through August.',
      citation: [{ '@type': 'CreativeWork', url: 'https://records.example/a', name: 'Council minutes for May' }, { '@type': 'CreativeWork', url: 'https://records.example/b' }],
    }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const claim = result.value.pack.claims[0]!;
    expect(claim.summary).toMatch(/^Rated “Misleading” by Harbour\.Check Weekly on 2026-05-02\. /);
    const own = claimOwnTexts(claim).filter(Boolean);
    expect(own).toEqual(['The council voted to keep one lane open through August.', 'Council minutes for May']);
  });

  it('leaves out a Fact Check Tools claim’s rating lines and the outlet before each review title', () => {
    const result = parse({ claims: [{ text: 'Floods cut the harbour town off', claimReview: [
      { publisher: { name: 'Harbour Check' }, url: 'https://checker.example/floods', title: 'No, the town was not cut off', reviewDate: '2026-07-03T00:00:00Z', textualRating: 'False' },
      { publisher: { site: 'other.example' }, url: 'https://other.example/floods' },
    ] }, { text: 'The ferry sank', claimReview: [] }] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [reviewed, bare] = result.value.pack.claims;
    expect(reviewed!.summary).toBe('Rated “False” by Harbour Check on 2026-07-03. Reviewed by other.example, with no rating given.');
    expect(claimOwnTexts(reviewed!).filter(Boolean)).toEqual(['No, the town was not cut off']);
    expect(claimOwnTexts(bare!).filter(Boolean)).toEqual([]);
  });

  it('keeps a claim of our own format as it is, and a rating written inside its summary', () => {
    const claim = {
      summary: 'The bridge reopened in June. Rated “safe” by the inspectors on 2026-06-01. Fact-check by Port News.',
      context: [{ text: 'Harbour Check: the record.', sources: [{ outlet: 'Port News' }] }, { text: 'Fact-check by Harbour Check.', sources: [{ outlet: 'Port News' }] }],
    };
    expect(claimOwnTexts(claim)).toEqual([claim.summary, 'Harbour Check: the record.', 'Fact-check by Harbour Check.']);
  });

  it('reads an outlet’s own dots as part of its name, named in the record or not', () => {
    const withSource = (summary: string) => ({ summary, context: [{ text: 'Fact-check by U.S. News Check.', sources: [{ outlet: 'U.S. News Check' }] }] });
    expect(claimOwnTexts(withSource('Rated “False” by U.S. News Check. The ferry still runs.'))[0]).toBe('The ferry still runs.');
    expect(claimOwnTexts({ summary: 'Rated “False” by Dr. Facts Inc. on 2026-05-01. The ferry still runs.' })[0]).toBe('The ferry still runs.');
    expect(claimOwnTexts({ summary: 'Rated “False” by Snopes.com. The ferry still runs.' })[0]).toBe('The ferry still runs.');
  });
});

describe('a ClaimReview export, imported again', () => {
  const exportedAndBack = (pack: unknown) => {
    const ours = parseFactPack(pack);
    if (!ours.ok) throw new Error(ours.error.join('\n'));
    const back = parse(packToClaimReview(ours.value));
    if (!back.ok) throw new Error(back.error.join('\n'));
    return { ours: ours.value, back: back.value };
  };

  it('keeps every verdict, each verdict’s own name read back as it (“Accurate but misdated” is no qualified “accurate”)', () => {
    const base = samplePack();
    const verdicts = ['accurate', 'accurate-but-misdated', 'imprecise', 'false', 'misattributed', 'disputed', 'unverified', 'opinion', 'unrated'] as const;
    const { ours, back } = exportedAndBack({ ...base, claims: verdicts.map((verdict, i) => ({ ...base.claims[1]!, id: `c${i}`, text: `Claim number ${i} about ferries.`, verdict })) });
    expect(back.pack.claims.map((c) => c.verdict)).toEqual(ours.claims.map((c) => c.verdict));
  });

  it('keeps a verdict its rating\'s label does not read as (a claim rated false whose label says “Misleading”, or one no verdict reads from)', () => {
    const base = samplePack();
    const labelled = [['false', 'Misleading'], ['false', 'Four Pinocchios'], ['imprecise', 'Misleading'], ['accurate', 'True']] as const;
    const { ours, back } = exportedAndBack({ ...base, claims: labelled.map(([verdict, ratingLabel], i) => ({ ...base.claims[1]!, id: `c${i}`, text: `Claim number ${i} about ferries.`, verdict, ratingLabel })) });
    expect(back.pack.claims.map((c) => [c.verdict, c.ratingLabel])).toEqual(ours.claims.map((c) => [c.verdict, c.ratingLabel]));
    // A file that did not come from Claimlight is read from its label alone.
    const other = JSON.parse(JSON.stringify(packToClaimReview(ours))) as { '@graph': { sdPublisher: unknown }[] };
    for (const review of other['@graph']) delete review.sdPublisher;
    const read = parse(other);
    expect(read.ok && read.value.pack.claims.map((c) => c.verdict)).toEqual(['imprecise', 'unrated', 'imprecise', 'accurate']);
  });

  it('keeps dates given to the month or the year, which it writes as they are', () => {
    const base = samplePack();
    const claim = { ...base.claims[1]!, claimDate: '2026-05', context: [{ text: 'The operator’s fare table.', sources: [{ url: 'https://ferry.example/fares', outlet: 'Ferry Co', published: '2026' }] }] };
    const { back } = exportedAndBack({ ...base, claims: [claim] });
    expect(back.pack.claims[0]!.claimDate).toBe('2026-05');
    expect(back.pack.claims[0]!.context.flatMap((item) => item.sources.map((s) => s.published))).toEqual(['2026']);
    // Other files' dates to the month or year are read too; a month that is none is not.
    const dated = (date: string) => {
      const result = parse(review({ itemReviewed: { '@type': 'Claim', datePublished: date } }));
      return result.ok ? result.value.pack.claims[0]!.claimDate : 'refused';
    };
    expect(['2025', '2025-02', ' 2025-02 ', '2025-13', '0000', '2025-02-31', '2025 or so'].map(dated)).toEqual(['2025', '2025-02', '2025-02', undefined, undefined, undefined, undefined]);
  });

  it('keeps what schema.org has no words for, the report a verdict judges (telling) and the cues, read back only from a file Claimlight wrote', () => {
    const { ours, back } = exportedAndBack(expectBundledPack());
    expect(back.pack.claims.map((c) => [c.id, c.telling, c.cues])).toEqual(ours.claims.map((c) => [c.id, c.telling, c.cues]));
    expect(ours.claims.filter((c) => c.telling).length).toBeGreaterThan(20);
    // Another publisher's file cannot give its claims cues or a telling.
    const forged = parse(review({ claimlightClaim: { cues: { phrases: ['every sentence'], terms: [] } } }));
    expect(forged.ok && forged.value.pack.claims[0]!.cues).toEqual({ phrases: [], terms: [] });
  });

  it('keeps the claims’ ids (`identifier`), and two claims of the same wording apart', () => {
    const base = samplePack();
    const { back } = exportedAndBack({
      ...base,
      claims: [
        { ...base.claims[1]!, id: 'fares-2025', verdict: 'false', summary: 'In 2025 fares rose by 8 percent.' },
        { ...base.claims[1]!, id: 'fares-2026', verdict: 'accurate', summary: 'In 2026 fares did double.' },
      ],
    });
    expect(back.warnings).toEqual([]);
    expect(back.pack.claims.map((c) => [c.id, c.verdict])).toEqual([
      ['fares-2025', 'false'],
      ['fares-2026', 'accurate'],
    ]);
  });

  it('takes an identifier only for a review without an address: a feed’s ids stay what they were, in any order', () => {
    const unaddressed = (overrides: Record<string, unknown>) => review({ url: undefined, ...overrides });
    const listed = parse([unaddressed({ identifier: 'fares-1' }), unaddressed({ identifier: 'fares-1' }), unaddressed({ identifier: 'fares-1', claimReviewed: 'The ferry will run all winter.' }), unaddressed({ identifier: 'not an id!', claimReviewed: 'The ferry is free.' })]);
    if (!listed.ok) throw new Error(listed.error.join('\n'));
    const ids = listed.value.pack.claims.map((c) => c.id);
    // The same review listed twice is one claim; an identifier another review took, or no id, gives way to one made from the text.
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe('fares-1');
    expect(ids[1]).toMatch(/^cr-[0-9a-f]{8}$/);
    expect(ids[2]).toMatch(/^cr-[0-9a-f]{8}$/);
    // A fact-checker's review (an address, and its own post id as identifier, as Newtral writes it) keeps the id it always had.
    const newtral = (order: object[]) => (parse(order) as { value: { pack: { claims: { id: string; text: string }[] } } }).value.pack.claims.map((c) => `${c.id} ${c.text}`).sort();
    const a = review({ identifier: '366056' });
    const b = review({ identifier: '366056', url: 'https://checker.example/reviews/ferry', claimReviewed: 'The ferry will run all winter.' });
    expect(newtral([a, b])).toEqual(newtral([b, a]));
    expect(newtral([a])[0]).toMatch(/^cr-[0-9a-f]{8} /);
  });

  it('keeps the id of a claim whose review has an address (a Fact Check Tools claim, a claim of our own citing its fact-check), the export marking itself as the maker of its markup', () => {
    const feed = packFromApiClaims([{ text: 'The bridge will close for a year.', claimReview: [{ publisher: { name: 'PolitiFact' }, url: 'https://politifact.example/bridge', textualRating: 'False', reviewDate: '2024-05-01T00:00:00Z' }] }], { today: new Date('2025-05-01T00:00:00Z') });
    if (!feed.ok) throw new Error(feed.error.join('\n'));
    const exported = packToClaimReview(feed.value.pack) as { '@graph': Record<string, unknown>[] };
    expect(exported['@graph'][0]!.sdPublisher).toEqual({ '@type': 'Organization', name: 'Claimlight' });
    const again = parse(exported);
    if (!again.ok) throw new Error(again.error.join('\n'));
    expect(again.value.pack.claims.map((c) => c.id)).toEqual(feed.value.pack.claims.map((c) => c.id));
    const base = samplePack();
    const { back } = exportedAndBack({ ...base, claims: [{ ...base.claims[1]!, id: 'ferry-free', context: [{ text: 'Fact-check by Harbour Desk.', sources: [{ url: 'https://harbour.example/ferries', outlet: 'Harbour Desk' }] }] }] });
    expect(back.pack.claims.map((c) => c.id)).toEqual(['ferry-free']);
  });

  it('gives a review that came with no address back with its own date and author, from one fact-checker or several', () => {
    const noUrl = (name: string, claimReviewed: string) => {
      const { url: _url, ...rest } = review({ author: { '@type': 'Organization', name }, claimReviewed, datePublished: '2024-03-01' });
      return rest;
    };
    const { reviewRating: _rating, ...unrated } = noUrl('Harbour Check', 'The harbour bridge will close all summer.');
    for (const reviews of [[noUrl('Harbour Check', 'The harbour bridge will close all summer.')], [noUrl('Harbour Check', 'The harbour bridge will close all summer.'), noUrl('Other Checks', 'Ferry fares doubled.')], [unrated]]) {
      const first = parse(reviews);
      if (!first.ok) throw new Error(first.error.join('\n'));
      expect(first.value.pack.claims[0]!.summary).toMatch(/^(Rated “Misleading” by|Reviewed by) Harbour Check(, with no rating given)? on 2024-03-01\./);
      const exported = packToClaimReview(first.value.pack) as { '@graph': Record<string, unknown>[] };
      // Its date, not the day the pack was imported; its author, not every publisher of the pack.
      expect(exported['@graph'][0]).toMatchObject({ datePublished: '2024-03-01', author: { name: 'Harbour Check' } });
      const again = parse(exported);
      if (!again.ok) throw new Error(again.error.join('\n'));
      expect(again.value.pack.claims.map((claim) => claim.summary)).toEqual(first.value.pack.claims.map((claim) => claim.summary));
    }
  });

  it('keeps one Rated line for each review of a feed of several fact-checkers, round trip after round trip', () => {
    const api = ['PolitiFact', 'AFP Fact Check'].map((name, i) => ({ text: `Claim ${i} about the bridge.`, claimReview: [{ publisher: { name }, url: `https://checks.example/${i}`, title: `Review ${i} of the bridge`, textualRating: 'False', reviewDate: '2024-05-01T00:00:00Z' }] }));
    const feed = packFromApiClaims(api, { today: new Date('2025-05-01T00:00:00Z') });
    if (!feed.ok) throw new Error(feed.error.join('\n'));
    let pack = feed.value.pack;
    for (let round = 0; round < 2; round++) {
      const again = parse(packToClaimReview(pack));
      if (!again.ok) throw new Error(again.error.join('\n'));
      pack = again.value.pack;
      for (const claim of pack.claims) expect(claim.summary.match(/Rated “/g)).toHaveLength(1);
    }
  });

  it('keeps the words of a summary of the pack’s own that starts as an importer’s line would ("Reviewed by …")', () => {
    const base = samplePack();
    const summary = 'Reviewed by three independent epidemiologists. The trial data were published in full.';
    const { back } = exportedAndBack({ ...base, claims: [{ ...base.claims[1]!, summary }] });
    expect(back.pack.claims[0]!.summary.endsWith(summary)).toBe(true);
  });

  it('keeps texts that hold “<”, “>” or an entity as written, and claimants whose brackets are inside the name', () => {
    const base = samplePack();
    const text = 'Under-18s pay <5 euros and over-65s pay >10 euros.';
    const summary = 'The fare table says &amp; for “and” and &quot;, &#039; for quotes; children under 5 <b>ride free</b>.';
    const claimant = 'Foreign ministers at the Paris (Weimar+) meeting';
    const { back } = exportedAndBack({ ...base, claims: [{ ...base.claims[1]!, text, summary, claimant }] });
    expect(back.pack.claims[0]!.text).toBe(text);
    expect(back.pack.claims[0]!.summary.endsWith(summary)).toBe(true);
    expect(back.pack.claims[0]!.claimant).toBe(claimant);
    // Text that needs nothing is written as it is, for other readers of the file.
    expect(JSON.stringify(packToClaimReview(exportedAndBack(samplePack()).ours))).not.toMatch(/&amp;|&lt;/);
  });

  it('gives the same summary after a second export and import: the “Rated …” line is not stacked', () => {
    const once = exportedAndBack(samplePack()).back;
    const twice = parse(packToClaimReview(once.pack));
    if (!twice.ok) throw new Error(twice.error.join('\n'));
    expect(twice.value.pack.claims.map((c) => c.summary)).toEqual(once.pack.claims.map((c) => c.summary));
    expect(once.pack.claims[0]!.summary.match(/Rated “/g)).toHaveLength(1);
  });

  it('keeps a review body of the full allowed length whole, leaving out the “Rated …” line that would not fit', () => {
    const base = samplePack();
    const summary = `${'The fare table lists every route. '.repeat(147)}The end.`.slice(-5_000);
    const { back } = exportedAndBack({ ...base, claims: [{ ...base.claims[1]!, summary }] });
    expect(back.pack.claims[0]!.summary).toBe(summary);
  });
});

describe('a review as other files give it', () => {
  it.each([
    ['the page it is published in (mainEntity)', { '@context': 'https://schema.org', '@type': 'WebPage', mainEntity: review() }],
    ['a page of an @graph (mainEntity)', { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', mainEntity: review() }] }],
    ['the article it belongs to (review)', { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Bridge checks', review: review() }],
    ['a part of a page (hasPart)', { '@context': 'https://schema.org', '@type': 'WebPage', hasPart: [review()] }],
    ['a list', { '@context': 'https://schema.org', '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, item: review() }] }],
  ])('imports a ClaimReview nested in %s', (_, value) => {
    const result = parse(value);
    expect(result.ok ? result.value.pack.claims.map((c) => c.verdict) : result.error).toEqual(['imprecise']);
  });

  it('reads a review given both in full and as the page\'s mainEntity once: by a reference, or cut short', () => {
    const id = 'https://checker.example/reviews/bridge#review';
    const full = review({ '@id': id });
    const referenced = parse({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', mainEntity: { '@type': 'ClaimReview', '@id': id } }, full] });
    expect(referenced.ok ? referenced.value.pack.claims.length : referenced.error).toBe(1);
    const cut = parse({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', mainEntity: review({ '@id': id, url: undefined }) }, full] });
    expect(cut.ok ? cut.value.pack.claims.map((c) => c.context[0]?.sources[0]?.url) : cut.error).toEqual(['https://checker.example/reviews/bridge']);
    // A feed pieced from pages that each give their "#review" twice, one copy cut short: a review each.
    const cutShort = (r: Record<string, unknown>) => ({ '@type': 'ClaimReview', '@id': '#review', url: r.url, reviewRating: r.reviewRating });
    const [first, second] = [review({ '@id': '#review' }), review({ '@id': '#review', url: 'https://checker.example/reviews/ferry', claimReviewed: 'The ferry fares doubled.' })];
    const twice = parse({ '@graph': [{ '@type': 'WebPage', mainEntity: first }, cutShort(first), { '@type': 'WebPage', mainEntity: second }, cutShort(second)] });
    expect(twice.ok ? twice.value.pack.claims.map((c) => c.text) : twice.error).toEqual(['The harbour bridge will close all summer.', 'The ferry fares doubled.']);
    // Reviews that share an id but say different things (pages that each call theirs "#review") stay apart.
    const pieced = parse([review({ '@id': '#review' }), review({ '@id': '#review', url: 'https://checker.example/reviews/ferry', claimReviewed: 'The ferry fares doubled.' })]);
    expect(pieced.ok ? pieced.value.pack.claims.length : pieced.error).toBe(2);
  });

  it('reads a rating written as a bare word, or in words where its number goes', () => {
    for (const reviewRating of ['False', { '@type': 'Rating', ratingValue: 'False' }]) {
      const result = parse(review({ reviewRating }));
      expect(result.ok && [result.value.pack.claims[0]!.verdict, result.value.pack.claims[0]!.ratingLabel]).toEqual(['false', 'False']);
    }
  });

  it('takes the first usable address where a review lists several, and refuses one that hides where it goes anywhere in the list', () => {
    const listed = parse(review({ url: ['not an address', 'https://checker.example/reviews/bridge', 'https://checker.example/amp/bridge'] }));
    expect(listed.ok && listed.value.pack.claims[0]!.context[0]!.sources[0]!.url).toBe('https://checker.example/reviews/bridge');
    const hiding = parse(review({ url: ['https://checker.example/reviews/bridge', 'https://checker.example@elsewhere.example/'] }));
    expect(hiding.ok).toBe(false);
  });

  it('reads citations in a row that say the same as one item with their sources, and says what it leaves out beyond the limit', () => {
    const cited = (n: number, name = 'The council minutes.') => ({ '@type': 'CreativeWork', name, url: `https://council.example/minutes/${n}` });
    const result = parse(review({ citation: [cited(1), cited(2), cited(3, 'The operator’s notice.'), cited(4)] }));
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.pack.claims[0]!.context.slice(1).map((item) => [item.text, item.sources.length])).toEqual([['The council minutes.', 2], ['The operator’s notice.', 1], ['The council minutes.', 1]]);
    const many = parse(review({ citation: Array.from({ length: 60 }, (_, i) => cited(i, `Minutes of meeting ${i}.`)) }));
    if (!many.ok) throw new Error(many.error.join('\n'));
    expect(many.value.pack.claims[0]!.context).toHaveLength(50);
    expect(many.value.warnings.join('\n')).toContain('11 more cited sources were left out');
  });
});

describe('a ClaimReview export of imported claims, imported again', () => {
  const roundTrip = (text: string) => {
    const first = parsePackText(text, { today: new Date('2026-01-01T00:00:00Z') });
    if (!first.ok) throw new Error(first.error.join('\n'));
    const back = parse(packToClaimReview(first.value.pack));
    if (!back.ok) throw new Error(back.error.join('\n'));
    return { before: first.value.pack.claims, after: back.value.pack.claims };
  };

  it('keeps who rated a Fact Check Tools claim, and when, rather than the pack’s publishers on the day it was imported', () => {
    const response = { claims: [
      { text: 'The harbour ferry doubled its fares in May.', claimReview: [{ publisher: { name: 'Harbour Check' }, url: 'https://checker.example/ferry-fares', title: 'No, fares did not double', reviewDate: '2026-05-04T00:00:00Z', textualRating: 'False' }] },
      { text: 'The bridge will close all summer.', claimReview: [{ publisher: { name: 'Coast Facts' }, url: 'https://coastfacts.example/bridge', title: 'Six weeks, not all summer', reviewDate: '2026-05-06T00:00:00Z', textualRating: 'Misleading' }] },
    ] };
    const { before, after } = roundTrip(JSON.stringify(response));
    expect(before.map((c) => c.summary)).toEqual(['Rated “False” by Harbour Check on 2026-05-04.', 'Rated “Misleading” by Coast Facts on 2026-05-06.']);
    expect(after.map((c) => c.summary)).toEqual(before.map((c) => c.summary));
    // The review's title is kept, as a citation of the review.
    expect(after[1]!.context.map((item) => item.text)).toContain('Coast Facts: Six weeks, not all summer');
  });

  it('leaves a pack of our own that cites a source as "<outlet>: <words>" reviewed by the pack\'s publisher, on the pack\'s date', () => {
    const base = samplePack();
    const claim = { ...base.claims[0]!, context: [{ text: 'Harbour Council: weekend closures, June to August.', sources: [{ url: 'https://council.example/notice', outlet: 'Harbour Council', published: '2026-04-20' }] }] };
    const parsed = parseFactPack({ ...base, claims: [claim] });
    if (!parsed.ok) throw new Error(parsed.error.join('\n'));
    const node = (packToClaimReview(parsed.value) as { '@graph': { author: { name: string }; url?: string; datePublished?: string; citation: unknown[] }[] })['@graph'][0]!;
    expect([node.author.name, node.url, node.datePublished, node.citation.length]).toEqual([base.publisher, undefined, base.created, 1]);
  });

  it('gives a review that had no date none, not the day it was imported', () => {
    const { before, after } = roundTrip(JSON.stringify(review({ datePublished: undefined })));
    expect(after[0]!.context[0]!.sources[0]!.published).toBeUndefined();
    expect(after[0]!.summary).toBe(before[0]!.summary);
  });

  it('keeps an item of context with several sources as one item', () => {
    const base = samplePack();
    const claim = { ...base.claims[1]!, context: [{ text: 'The fare table lists 4.40 euros from 1 May.', sources: [{ url: 'https://ferry.example/fares', outlet: 'Ferry Co' }, { url: 'https://council.example/minutes', outlet: 'Harbour Council' }] }] };
    const { before, after } = roundTrip(JSON.stringify({ ...base, claims: [claim] }));
    expect(after[0]!.context).toEqual(before[0]!.context);
  });
});
