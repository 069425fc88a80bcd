// Subscribing to a feed in Firefox, on the settings page (Marionette): Firefox takes a permission
// request only while the reader's click is being handled, so the request must reach its prompt.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../scripts/lib/firefox';
import { FirefoxSession } from '../../scripts/lib/marionette';

let firefox: FirefoxSession;

beforeAll(async () => {
  firefox = await FirefoxSession.launch(findFirefox()!, FIREFOX_BUILD_DIR);
});
afterAll(async () => {
  await firefox?.close();
});

/** Wraps browser.permissions.request so the test sees how each call ended, without answering it. */
const RECORD_REQUESTS = `
  const original = browser.permissions.request.bind(browser.permissions);
  window.requests = [];
  Object.defineProperty(browser.permissions, 'request', { configurable: true, value: (p) => {
    const entry = { state: 'pending' };
    window.requests.push(entry);
    const promise = original(p);
    promise.then((v) => { entry.state = 'resolved:' + v; }, (e) => { entry.state = 'rejected:' + e.message; });
    return promise;
  } });`;

describe('subscribing to a feed in Firefox', () => {
  it('asks for the feed\'s origin in the reader\'s click, where Firefox shows its prompt rather than refusing at once', async () => {
    const feedServer = createServer((_request, response) => response.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/ld+json' }).end('[]'));
    await new Promise<void>((done) => feedServer.listen(0, '127.0.0.1', done));
    try {
      const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/claimreview.json`;
      await firefox.navigate(`${firefox.extensionOrigin}options.html`);
      await firefox.waitFor(`return document.querySelector('#feed-address') ? true : null`);
      const held = await firefox.run<boolean>(`return browser.permissions.contains({ origins: [arguments[0]] })`, feedUrl.replace(/\/[^/]*$/, '/*'));
      await firefox.run(RECORD_REQUESTS);
      await firefox.type(await firefox.find('#feed-address'), feedUrl);
      await firefox.click(await firefox.find('form.feed-form button[type=submit]'));
      await new Promise((done) => setTimeout(done, 2000));
      const requests = await firefox.run<{ state: string }[]>('return window.requests');
      expect(held).toBe(false);
      expect(requests).toHaveLength(1);
      // What a reader needs: the prompt, not an at-once refusal.
      expect(requests[0]!.state).toBe('pending');
    } finally {
      feedServer.close();
    }
  });
});
