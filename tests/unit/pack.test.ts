import { describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES, checkPackSize, packFileText, parseFactPack, parsePackText } from '@/lib/pack';
import { packWithClaim, samplePack } from '../helpers/packs';

const errorsOf = (result: ReturnType<typeof parsePackText>) => (result.ok ? [] : result.error);

describe('parseFactPack', () => {
  it('accepts a valid pack and fills in empty cues', () => {
    const result = parseFactPack(samplePack());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.claims[1]!.cues).toEqual({ phrases: [], terms: [] });
  });

  describe('when a field is wrong', () => {
    it.each([
      ['a javascript: URL', packWithClaim(0, { context: [{ text: 'x', sources: [{ url: 'javascript:alert(1)', outlet: 'X' }] }] }),
        'claim 1 (`harbour-bridge-closed`): context[0].sources[0].url: must be an http(s) URL'],
      ['a data: URL', packWithClaim(0, { context: [{ text: 'x', sources: [{ url: 'data:text/html,<b>x</b>', outlet: 'X' }] }] }),
        'claim 1 (`harbour-bridge-closed`): context[0].sources[0].url: must be an http(s) URL'],
      ['a relative URL', packWithClaim(1, { context: [{ text: 'x', sources: [{ url: '/notice', outlet: 'X' }] }] }),
        'claim 2 (`ferry-fares-doubled`): context[0].sources[0].url: must be an http(s) URL'],
      ['an unknown verdict', packWithClaim(1, { verdict: 'pants-on-fire' }),
        'claim 2 (`ferry-fares-doubled`): verdict: must be one of: accurate, accurate-but-misdated, misattributed, imprecise, disputed, false, unverified, opinion, unrated'],
      ['a number for text', packWithClaim(0, { text: 42 }), 'claim 1 (`harbour-bridge-closed`): text: must be text'],
      ['an empty summary', packWithClaim(1, { summary: '   ' }), 'claim 2 (`ferry-fares-doubled`): summary: must not be empty'],
      ['a malformed date', packWithClaim(0, { claimDate: '1 May 2026' }),
        'claim 1 (`harbour-bridge-closed`): claimDate: must be a date written YYYY, YYYY-MM or YYYY-MM-DD'],
      ['a day the month does not have', packWithClaim(0, { claimDate: '2026-04-31' }),
        'claim 1 (`harbour-bridge-closed`): claimDate: must be a day that exists (2025-02-31 is not one)'],
      ['a source with no outlet', packWithClaim(0, { context: [{ text: 'x', sources: [{ url: 'https://example.org' }] }] }),
        'claim 1 (`harbour-bridge-closed`): context[0].sources[0].outlet: is missing'],
      ['a context item with no source', packWithClaim(0, { context: [{ text: 'x', sources: [] }] }),
        'claim 1 (`harbour-bridge-closed`): context[0].sources: must list at least one source'],
      ['an unknown field', packWithClaim(1, { colour: 'red' }), 'claim 2 (`ferry-fares-doubled`): colour: is not a field Claimlight knows'],
      ['a claim that is not an object', samplePack({ claims: ['just text'] }), 'claim 1:'],
      ['claims that are not a list', samplePack({ claims: { a: 1 } }), 'pack: claims: must be a list of claims'],
      ['no claims', samplePack({ claims: [] }), 'pack: claims: must hold at least one claim'],
      ['a missing title', (({ title: _, ...rest }) => rest)(samplePack()), 'pack: title: is missing'],
      ['a title that is not text', samplePack({ title: ['a'] }), 'pack: title: must be text'],
      ['a wrong language tag', samplePack({ language: 'English' }), 'pack: language: must be a language tag'],
    ])('names the record and the field for %s', (_, pack, message) => {
      const result = parseFactPack(pack);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.some((line) => line.startsWith(message))).toBe(true);
    });
  });

  it('refuses duplicate claim ids, naming both claims', () => {
    const result = parseFactPack(packWithClaim(1, { id: 'harbour-bridge-closed' }));
    expect(result).toEqual({ ok: false, error: ['claim 2 (`harbour-bridge-closed`): id: duplicates the id of claim 1'] });
  });

  it('refuses a pack written in a newer format with advice', () => {
    const result = parseFactPack(samplePack({ formatVersion: 3 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]).toMatch(/format version 3.*Update Claimlight/);
  });

  describe('format versions', () => {
    const telling = { report: { title: 'The Evening Bulletin', url: 'https://bulletin.example/story', published: '2026-05-01' }, faultWording: ['closed for good'] };

    it('reads a version 1 pack as version 2, every claim carrying its verdict wherever it is repeated', () => {
      const result = parseFactPack(samplePack({ formatVersion: 1 }));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.formatVersion).toBe(2);
      expect(result.value.claims.every((claim) => claim.telling === undefined)).toBe(true);
    });

    it('reads what a version 2 claim says about the telling it judges', () => {
      const result = parseFactPack(packWithClaim(0, { telling }, { formatVersion: 2 }));
      expect(result.ok && result.value.claims[0]!.telling).toEqual(telling);
    });

    it('refuses a telling in a pack that says it is version 1, and a telling with a bad link or date', () => {
      expect(parseFactPack(packWithClaim(0, { telling }, { formatVersion: 1 }))).toEqual({
        ok: false,
        error: ["claim 1 (`harbour-bridge-closed`): telling: is a field of format version 2; set the pack's formatVersion to 2"],
      });
      const bad = parseFactPack(packWithClaim(0, { telling: { report: { title: 'X', url: 'javascript:alert(1)', published: 'May' }, faultWording: [] } }, { formatVersion: 2 }));
      expect(bad.ok ? [] : bad.error).toEqual([
        'claim 1 (`harbour-bridge-closed`): telling.report.url: must be an http(s) URL',
        'claim 1 (`harbour-bridge-closed`): telling.report.published: must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
        'claim 1 (`harbour-bridge-closed`): telling.faultWording: must list at least one phrase',
      ]);
    });
  });

  it('lists every problem, not just the first', () => {
    const pack = samplePack();
    pack.claims[0] = { ...pack.claims[0]!, verdict: 'nope', text: '' } as never;
    const result = parseFactPack(pack);
    expect(result.ok ? 0 : result.error.length).toBe(2);
  });
});

describe('packFileText', () => {
  it('indents a pack file while that fits the import limit', () => {
    expect(packFileText({ id: 'a', claims: [] })).toBe('{\n  "id": "a",\n  "claims": []\n}\n');
  });

  it('writes compact a pack that indented would be too large to import again', () => {
    // 4 million short items: about 8 MB compact, over 20 MB indented.
    const body = { claims: new Array<number>(4_000_000).fill(0) };
    const text = packFileText(body);
    expect(text).toBe(`${JSON.stringify(body)}\n`);
    expect(checkPackSize(new TextEncoder().encode(text).byteLength)).toBeNull();
  }, 30_000);

});

describe('parsePackText', () => {
  it('reads a pack with a byte-order mark and surrounding white space', () => {
    const result = parsePackText(`\uFEFF\n ${JSON.stringify(samplePack())} \n`);
    expect(result.ok && result.value.format).toBe('claimlight');
  });

  it.each([
    ['malformed JSON', '{"format": "claimlight-pack",', /^The file is not valid JSON: /],
    ['an empty file', '   ', /^The file is empty\.$/],
    ['JSON that is no pack', '{"hello": "world"}', /^No fact pack was found in this file/],
    ['a bare number', '42', /^No fact pack was found in this file/],
    ['HTML with no JSON-LD', '<html><body>hi</body></html>', /neither JSON nor a page with JSON-LD/],
    ['a broken JSON-LD block', '<script type="application/ld+json">{oops</script>', /^JSON-LD block 1: not valid JSON/],
  ])('refuses %s with a clear message', (_, text, message) => {
    const errors = errorsOf(parsePackText(text));
    expect(errors[0]).toMatch(message);
  });

  it('reads the ClaimReview of a saved page whose other JSON-LD blocks are broken, and says which it left out', () => {
    const review = JSON.stringify({ '@type': 'ClaimReview', url: 'https://checker.example/reviews/ferry', claimReviewed: 'Ferry fares doubled this year.', author: { name: 'Harbour Check' }, reviewRating: { alternateName: 'False' } });
    const script = (json: string) => `<script type="application/ld+json">${json}</script>`;
    // Breadcrumbs with a trailing comma; an organisation wrapped in an HTML comment, read inside it.
    const page = `<!doctype html><html><head>${script('{"@type":"BreadcrumbList","itemListElement":[],}')}${script('<!-- {"@type":"Organization","name":"Harbour Check"} -->')}${script(review)}</head></html>`;
    const result = parsePackText(page, { fileName: 'ferry.html' });
    expect(result.ok && result.value.pack.claims.map((c) => c.text)).toEqual(['Ferry fares doubled this year.']);
    expect(result.ok && result.value.warnings).toEqual([expect.stringMatching(/^JSON-LD block 1: not valid JSON \(.*\), left out$/)]);
    // With nothing else to read, the page is refused, saying why.
    expect(errorsOf(parsePackText(`<html>${script('{"@type":"ClaimReview",}')}</html>`))).toEqual([expect.stringMatching(/^JSON-LD block 1: not valid JSON \([^)]*\)$/), expect.stringMatching(/^No fact pack was found/)]);
  });

  it('reads a JSON-LD block whose texts hold raw line breaks or tabs, and counts as unread only broken blocks that name a review', () => {
    const script = (json: string) => `<script type="application/ld+json">${json}</script>`;
    const review = (text: string) => JSON.stringify({ '@type': 'ClaimReview', url: 'https://checker.example/reviews/ferry', claimReviewed: text, author: { name: 'Harbour Check' }, reviewRating: { alternateName: 'False' } });
    // A site that pastes a review's paragraphs in as they are: JSON allows no raw line break in a string.
    const pasted = review('Ferry fares PLACEHOLDER this year.').replace('PLACEHOLDER', 'doubled\n\tagain');
    const read = parsePackText(`<html>${script(pasted)}</html>`);
    expect(read.ok && read.value.pack.claims.map((c) => c.text)).toEqual(['Ferry fares doubled again this year.']);
    expect(read.ok && read.value.warnings).toEqual([]);
    // Broken breadcrumbs could hold no review: warned of, not counted as a block whose claims a feed keeps.
    const crumbs = parsePackText(`<html>${script('{"@type":"BreadcrumbList","itemListElement":[],}')}${script(review('Ferry fares doubled.'))}</html>`);
    expect(crumbs.ok && crumbs.value.unreadBlocks).toBeUndefined();
    expect(crumbs.ok && crumbs.value.warnings).toHaveLength(1);
    const broken = parsePackText(`<html>${script(review('Ferry fares doubled.').replace(/}$/, ',}'))}${script(review('Bus fares fell.'))}</html>`);
    expect(broken.ok && broken.value.unreadBlocks).toBe(1);
    // Refused, it does not say the page holds no ClaimReview: one of its blocks could not be read.
    expect(errorsOf(parsePackText(`<html>${script('{"@type":"ClaimReview",}')}</html>`))).toEqual([expect.stringMatching(/^JSON-LD block 1: not valid JSON/), "No fact pack was found in this file's JSON-LD blocks that could be read."]);
  });

  it('refuses a Claimlight pack that lost its "format", naming the field, rather than reading it as Fact Check Tools data', () => {
    const { format: _format, ...lost } = samplePack();
    for (const value of [lost, { ...lost, fromat: 'claimlight-pack' }]) {
      const result = parsePackText(JSON.stringify(value));
      expect(result).toEqual({ ok: false, error: [expect.stringMatching(/^format: missing: a Claimlight pack says "format": "claimlight-pack"/)] });
    }
    // A Fact Check Tools response is still read as one, a claim without a review among the others included.
    const api = { claims: [{ text: 'Ferry fares doubled.', claimReview: [{ publisher: { name: 'Harbour Check' }, url: 'https://checks.example/f', textualRating: 'False' }] }, { text: 'The pier closed.' }] };
    expect(parsePackText(JSON.stringify(api))).toMatchObject({ ok: true, value: { format: 'factcheck-api' } });
  });

  it('refuses a 20 MB file by its size before parsing it', () => {
    const pack = samplePack();
    const filler = 'x'.repeat(1_000);
    const claims = Array.from({ length: 20_500 }, (_, i) => ({ ...pack.claims[1]!, id: `c${i}`, summary: filler }));
    const text = JSON.stringify({ ...pack, claims });
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    expect(errorsOf(parsePackText(text))).toEqual([
      `The file is ${(text.length / 1024 / 1024).toFixed(1)} MB; Claimlight imports fact packs of up to 16.0 MB. Split it into smaller packs.`,
    ]);
  });

  it('counts bytes, not characters, against the size limit', () => {
    expect(checkPackSize(MAX_PACK_BYTES)).toBeNull();
    expect(checkPackSize(MAX_PACK_BYTES + 1)).toMatch(/^The file is 16\.0 MB/);
    const wide = '€'.repeat(Math.ceil(MAX_PACK_BYTES / 3) + 10);
    expect(errorsOf(parsePackText(wide))[0]).toMatch(/^The file is 16\.0 MB/);
  });
});
