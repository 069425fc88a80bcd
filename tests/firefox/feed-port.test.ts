import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../scripts/lib/firefox';
import { FirefoxSession } from '../../scripts/lib/marionette';

// A feed served on a port of its own (most are not on 80 or 443 only while they are tested, but
// some are for good). Firefox grants a host permission written with a port and says it holds it,
// yet lets no request through it: the feed failed every check after subscribing, said as a server
// that was down. Claimlight asks for the host, whatever the port. (Firefox's permission prompt is
// answered yes by a preference, as a reader would answer it.)
let firefox: FirefoxSession;
beforeAll(async () => {
  firefox = await FirefoxSession.launch(findFirefox()!, FIREFOX_BUILD_DIR, { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
});
afterAll(async () => {
  await firefox?.close();
});
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('a feed on a port of its own, in Firefox', () => {
  it('is subscribed to and checked again, the unchanged feed answering 304', async () => {
    const body = JSON.stringify([{ '@context': 'https://schema.org', '@type': 'ClaimReview', url: 'https://checks.example/ferry', datePublished: '2026-11-18',
      claimReviewed: 'Harbour ferry fares doubled this year.', author: { '@type': 'Organization', name: 'Harbour Checks' }, reviewRating: { '@type': 'Rating', alternateName: 'False' } }]);
    const asked: string[] = [];
    const server = createServer((request, response) => {
      // CORS as the README advises publishers; the check must not need it, nor a preflight.
      const headers = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'etag', etag: '"v1"' };
      if (request.headers['if-none-match'] === '"v1"') {
        asked.push(`${request.method} 304`);
        response.writeHead(304, headers).end();
        return;
      }
      asked.push(`${request.method} 200`);
      response.writeHead(200, { ...headers, 'content-type': 'application/ld+json' }).end(body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/claimreview.json`;
      await firefox.navigate(`${firefox.extensionOrigin}options.html`);
      await firefox.waitFor(`return document.querySelector('#feed-address') ? true : null`);
      await firefox.type(await firefox.find('#feed-address'), feedUrl);
      await firefox.click(await firefox.find('form.feed-form button[type=submit]'));
      await firefox.waitFor(`return /^Subscribed to/.test(document.querySelector('.feed-status')?.textContent ?? '') || document.querySelector('.field-error')?.textContent || null`);
      expect(await firefox.run<string>(`return document.querySelector('.feed-status').textContent`)).toMatch(/^Subscribed to .*: 1 new\.$/);
      await firefox.click(await firefox.find('button[aria-label^="Refresh now"]'));
      await firefox.waitFor(`return /no changes/.test(document.querySelector('.feed-status')?.textContent ?? '') || document.querySelector('.field-error')?.textContent || null`);
      expect(await firefox.run<string>(`return document.querySelector('.field-error').textContent`)).toBe('');
      expect(asked).toEqual(['GET 200', 'GET 304']);
      expect(await firefox.run<boolean>(`return browser.permissions.contains({ origins: ['http://127.0.0.1/*'] })`)).toBe(true);
    } finally {
      server.close();
      await wait(0);
    }
  });
});
