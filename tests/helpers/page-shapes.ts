// The pages of shapes a reader meets that the Chromium and the Firefox cases both open
// (tests/e2e/page-shapes.test.ts, tests/firefox/page-shapes.test.ts), written by us: text shown
// after it was read, inline boxes, custom elements, a page zoomed as a whole, a claim that is a
// link's words. Each test file writes them to a temporary folder and serves it.
export const CLAIM = 'Kremlin spokesman Dmitry Peskov said the call had lasted almost an hour and a half.';
const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta property="article:published_time" content="2025-02-13T08:00:00Z"><title>Shown later</title>';

export const PAGE_SHAPES: Record<string, string> = {
  'details-open.html': `${head}</head><body><p>Readers wrote in all week.</p><details open><summary>Read more</summary><p>${CLAIM}</p></details></body></html>`,
  // The article hidden from screen readers while a consent dialog is open (as dialog scripts do
  // with aria-hidden on the app's root), then given back.
  'consent.html': `${head}</head><body><main aria-hidden="true"><p>${CLAIM}</p><p>Readers wrote in all week.</p></main><div id="consent" role="dialog">We use cookies. <button id="ok">Accept</button></div><script>document.getElementById('ok').onclick = () => { document.querySelector('main').removeAttribute('aria-hidden'); document.getElementById('consent').remove(); };</script></body></html>`,
  'details.html': `${head}</head><body><p>Readers wrote in all week.</p><details id="more"><summary>Read more</summary><p>${CLAIM}</p></details></body></html>`,
  'read-more.html': `${head}<style>.collapsed .rest { display: none }</style></head><body><article id="a" class="collapsed"><p>Readers wrote in all week.</p><div class="rest"><p>${CLAIM}</p></div></article><button id="more" onclick="document.getElementById('a').classList.remove('collapsed')">Read more</button></body></html>`,
  // Inline boxes in the sentence: an icon in a link, and a custom element the page leaves inline;
  // and custom elements the page displays as blocks, one sentence each.
  'inline-boxes.html': `${head}</head><body><p>Kremlin spokesman <a href="#">Dmitry Peskov<svg width="10" height="10" aria-hidden="true"><path d="M0 0h10v10z"/></svg></a> said the call had lasted almost an hour <x-note>and a half</x-note>.</p><p>Readers wrote in all week.</p></body></html>`,
  // A page scaled with CSS zoom on its root element.
  'zoom.html': `${head}<style>html { zoom: 1.5 }</style></head><body><p id="claim">${CLAIM}</p><p>Readers wrote in all week.</p></body></html>`,
  // A teaser whose whole sentence is a link.
  'link.html': `${head}</head><body><p><a id="l" href="other.html">${CLAIM}</a></p><p>Readers wrote in all week.</p></body></html>`,
  'other.html': `${head}</head><body><p>Another page.</p></body></html>`,
  'custom-blocks.html': `${head}<style>x-para { display: block; margin: 1em 0 }</style></head><body><x-para>Readers wrote in all week about the ferry</x-para><x-para>${CLAIM}</x-para></body></html>`,
};
