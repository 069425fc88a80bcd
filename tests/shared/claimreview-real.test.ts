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

  // What each file gives, so that a reader that starts refusing a shape (every @graph, every saved
  // page) or misreading ratings is caught, not passed as "refused with a reason": the verdicts its
  // claims take and how many claims. The labels that read as unrated are whole sentences
  // (`verdicts.ts`); the one refused holds RDF bindings, not ClaimReview.
  const expected: [file: string, verdicts: string, claims: number][] = [
    ['api/fact-checker-platform-readme-ro.json', 'false', 1],
    ['api/sih-web-assam-floods-en.json', 'false imprecise', 10],
    ['datafeed/datacommons-feed-item-de.json', 'unrated', 1],
    ['jsonld/20minutes-fr.object.jsonld', 'false', 1],
    ['jsonld/afp-factuel-fr.graph.jsonld', 'false', 1],
    // Its label is the finding, in Hindi; its numbers, 1 on a scale of 1 to 5, say false.
    ['jsonld/afp-hindi-hi.graph.jsonld', 'false', 1],
    ['jsonld/africacheck-en.graph.jsonld', 'false', 1],
    ['jsonld/aosfatos-pt.object.jsonld', 'imprecise', 1],
    ['jsonld/boomlive-bangla-bn.object.jsonld', 'false', 1],
    ['jsonld/comprova-pt.array.jsonld', 'false', 1],
    ['jsonld/efe-verifica-es.array.jsonld', 'false', 1],
    ['jsonld/fatabyyano-ar.array.jsonld', 'false', 1],
    ['jsonld/indiatoday-en.object.jsonld', 'imprecise', 1],
    ['jsonld/lupa-pt.object.jsonld', 'false', 1],
    ['jsonld/newtral-es.graph.jsonld', 'imprecise', 1],
    ['jsonld/tfc-taiwan-zh.object.jsonld', 'false', 1],
    ['jsonld/thequint-en.object.jsonld', 'false', 1],
    ['jsonld/uol-confere-pt.array.jsonld', 'false', 1],
    ['jsonld/vishvasnews-hi.object.jsonld', 'false', 1],
    ['messy/afp-defacto-example-multi-claimreview-en.graph.json', 'false', 3],
    ['messy/africacheck-old-en.object.jsonld', 'false', 1],
    ['messy/boomlive-en.object.jsonld', 'false', 1],
    ['messy/claimskg-sparql-row-en.json', 'refused', 0],
    ['messy/datacommons-research-2019-politifact-wapo.scriptlines.txt', 'false imprecise unrated', 3],
    ['messy/datacommons-research-2019-weekly-standard.scriptlines.txt', 'false', 3],
    ['messy/estadao-pt-relative-url.object.jsonld', 'false', 1],
    ['messy/factcheck-cite-zw.array.jsonld', 'unrated', 1],
    ['messy/google-api-single-claim-ur.json', 'false', 1],
    ['messy/newschecker-en.array.jsonld', 'false', 1],
    ['messy/tfc-taiwan-zh-nameless-author.object.jsonld', 'unverified', 1],
    ['messy/vishvasnews-en-html-entity.object.jsonld', 'false', 1],
  ];

  it('gives each file the claims and verdicts it gave, and refuses only the one that holds none', () => {
    expect(files).toEqual(expected.map(([file]) => file));
    const got = files.map((file) => {
      const result = parsePackText(readFileSync(join(root, file), 'utf8'), { fileName: basename(file) });
      return [file, result.ok ? [...new Set(result.value.pack.claims.map((claim) => claim.verdict))].join(' ') : 'refused', result.ok ? result.value.pack.claims.length : 0];
    });
    expect(got).toEqual(expected);
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
