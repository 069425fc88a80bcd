/**
 * Builds the benchmark's 10,000-word news page from prose we did not write for it: paragraphs of the
 * real pages in ../shared/corpora/realnews-sample, with the demo article's paragraphs (which mention
 * the bundled claims) spread through them, so the page has real text and real mentions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function paragraphs(html: string): string[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll('p')]
    .map((p) => p.innerHTML.replace(/<(?!\/?(a|em|strong|b|i)\b)[^>]*>/g, '').trim())
    .filter((inner) => words(inner.replace(/<[^>]*>/g, '')) >= 12);
}

/** An article page of about `target` words, with a demo paragraph after every eight others. */
export function buildBenchPage(sharedDir: string, target = 10_000): { html: string; words: number } {
  const pagesDir = join(sharedDir, 'corpora/realnews-sample/pages');
  const english = ['guardian-1', 'nytimes-4', 'wapo-1', 'cnn', 'telegraph', 'medium-2', 'citylab-1', 'yahoo-3', 'lwn-1', 'v8-blog', 'wikipedia', 'tmz-1', 'ehow-2', 'spiceworks', 'blogger'];
  const real = english
    .filter((name) => readdirSync(pagesDir).includes(`${name}.html`))
    .flatMap((name) => paragraphs(readFileSync(join(pagesDir, `${name}.html`), 'utf8')));
  const demo = paragraphs(readFileSync('tests/fixtures/demo/index.html', 'utf8'));
  const body: string[] = [];
  let count = 0;
  for (let i = 0; count < target; i++) {
    const inner = i % 9 === 8 ? demo[(i / 9) % demo.length | 0]! : real[i % real.length]!;
    body.push(`<p>${inner}</p>`);
    count += words(inner.replace(/<[^>]*>/g, ' '));
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Benchmark page</title>
<meta property="article:published_time" content="2025-02-13T08:00:00Z"></head>
<body><header><h1>Benchmark page</h1></header><article>${body.join('\n')}</article></body></html>`;
  return { html, words: count };
}
