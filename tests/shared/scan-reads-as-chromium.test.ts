// The scan CLI reads saved pages with linkedom, whose parser does not build the tree as a browser
// does (htmlparser2 leaves "<p><div>" nested where a browser closes the paragraph). Every figure
// of matching quality is read through the scan, so on every page those figures are read on, the
// scan must see the text blocks and the date that the content script sees in Chromium. (Scripts
// are off in the browser: a saved page's scripts are not run by the scan either.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractBlocks } from '@/lib/extract';
import { pageDate } from '@/lib/timeline';
import { findChrome } from '../../scripts/lib/chrome';
import { CHROMIUM_ARGS } from '../../scripts/lib/launch';
import { decodePage, parseSavedPage } from '../../scripts/lib/saved-page';
import { SHARED_DIR } from './paths';

interface PageReading {
  blocks: string[];
  date: number | null;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => join(dir, name));
}

function readInNode(html: string): PageReading {
  const document = parseSavedPage(html);
  return { blocks: extractBlocks(document.documentElement, { wholeBlocks: true }).map((block) => block.text), date: pageDate(document) };
}

let browser: Browser;
let tab: Page;
let reader: string;

beforeAll(async () => {
  const executablePath = findChrome();
  if (!executablePath) throw new Error('These checks need Chromium: set CHROME_PATH or install it (apt-get install chromium).');
  const bundle = await build({
    stdin: { contents: "export { extractBlocks } from './lib/extract'; export { pageDate } from './lib/timeline';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'ClaimlightReader',
    charset: 'ascii',
    write: false,
    target: 'chrome120',
  });
  reader = bundle.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  tab = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function readInChromium(html: string): Promise<PageReading> {
  // Served, not set as content, so that the page is parsed as a navigation parses it; nothing
  // else it asks for (images, styles) is fetched.
  await tab.route('**/*', (route) => (route.request().url() === 'http://page.test/' ? route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }) : route.abort()));
  try {
    await tab.goto('http://page.test/');
  } finally {
    await tab.unroute('**/*');
  }
  return tab.evaluate(`(() => { ${reader}; return { blocks: ClaimlightReader.extractBlocks(document.documentElement, { wholeBlocks: true }).map((block) => block.text), date: ClaimlightReader.pageDate(document) }; })()`);
}

/** The pages whose reading differs, each with the first block that differs. */
async function differing(files: string[]): Promise<{ file: string; chromium: string | undefined; scan: string | undefined }[]> {
  const found = [];
  for (const file of files) {
    const html = decodePage(readFileSync(file));
    const [seen, scanned] = [await readInChromium(html), readInNode(html)];
    if (JSON.stringify(seen) === JSON.stringify(scanned)) continue;
    const at = seen.blocks.findIndex((block, i) => block !== scanned.blocks[i]);
    found.push({ file, chromium: at < 0 ? `date ${seen.date}` : seen.blocks[at], scan: at < 0 ? `date ${scanned.date}` : scanned.blocks[at] });
  }
  return found;
}

describe('the scan reads a saved page as the content script reads it in Chromium', () => {
  it('on the dev pages and the 32 real pages', async () => {
    const files = [...htmlFiles(join(SHARED_DIR, 'eval/dev/pages')), ...htmlFiles(join(SHARED_DIR, 'corpora/realnews-sample/pages'))];
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(await differing(files)).toEqual([]);
  }, 120_000);

  it('on our own test pages and evaluation sets', async () => {
    const files = htmlFiles('tests/fixtures');
    expect(files.length).toBeGreaterThan(200);
    expect(await differing(files)).toEqual([]);
  }, 120_000);

  it('on markup not nested as written: text loose in a hidden table, which a browser moves out of it', async () => {
    // linkedom alone kept the text inside the hidden table (`parseSavedPage`).
    const html = '<!doctype html><html><head><title>t</title></head><body><table hidden><tr><td>A cell.</td></tr>Then the vote was held.</table><p>Afterwards nobody spoke.</p></body></html>';
    const seen = await readInChromium(html);
    expect(seen.blocks).toEqual(['Then the vote was held.', 'Afterwards nobody spoke.']);
    expect(readInNode(html)).toEqual(seen);
  }, 30_000);
});
