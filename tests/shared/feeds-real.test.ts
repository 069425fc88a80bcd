import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFeed, feedIdOf } from '@/lib/feeds/refresh';
import { parsePackText } from '@/lib/pack';
import { freshDb } from '../helpers/packs';
import { SHARED_DIR } from './paths';

// A real Fact Check Tools response, written by Google's API, served page by page on 127.0.0.1 the
// way the API pages a search, and subscribed to as a feed: it imports whole.
describe('a Fact Check Tools search served in pages', () => {
  it('follows nextPageToken over a real response split in two pages, and imports every claim', async () => {
    const whole = JSON.parse(readFileSync(join(SHARED_DIR, 'corpora/claimreview-real/api/sih-web-assam-floods-en.json'), 'utf8')) as { claims: unknown[] };
    const half = Math.ceil(whole.claims.length / 2);
    const pages: Record<string, unknown> = { '': { claims: whole.claims.slice(0, half), nextPageToken: 'page-2' }, 'page-2': { claims: whole.claims.slice(half) } };
    const asked: string[] = [];
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      asked.push(`${url.searchParams.get('query')} ${url.searchParams.get('pageToken') ?? ''} ${url.searchParams.get('key')}`);
      response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(pages[url.searchParams.get('pageToken') ?? '']));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const db = freshDb();
      const source = { kind: 'factcheck' as const, query: 'assam floods', languageCode: 'en' };
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1alpha1/claims:search`;
      const added = await addFeed(db, source, { fetch, apiKey: 'KEY', factCheckEndpoint: endpoint });
      expect(added.ok).toBe(true);
      expect(asked).toEqual(['assam floods  KEY', 'assam floods page-2 KEY']);
      const stored = await db.claims.where('packId').equals(feedIdOf(source)).toArray();
      const direct = parsePackText(JSON.stringify(whole));
      if (!direct.ok) throw new Error(direct.error.join('\n'));
      expect(stored.map((c) => c.text).sort()).toEqual(direct.value.pack.claims.map((c) => c.text).sort());
      expect(stored).toHaveLength(whole.claims.length);
      db.close();
    } finally {
      server.close();
    }
  });
});
