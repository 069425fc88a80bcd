// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeChanges, type ChangeEvents } from '@/entrypoints/content/observe';

// The change watcher: which blocks it reports, and that Claimlight's own changes stay unseen
// without hiding the page's.
const controller = new AbortController();
afterEach(() => {
  document.body.innerHTML = '';
});

function watch() {
  const events = { changed: vi.fn(), removed: vi.fn(), textChanged: vi.fn(), moved: vi.fn(), restyled: vi.fn(), redated: vi.fn() } satisfies ChangeEvents;
  const watcher = observeChanges(document, events, controller.signal);
  return { events, watcher };
}

describe('observeChanges', () => {
  it('says text left the page in the same turn, before the page is painted, and only then reads the block again', async () => {
    document.body.innerHTML = '<p id="p">The ferry <em>fares</em> doubled.</p>';
    const { events } = watch();
    const p = document.getElementById('p')!;
    p.innerHTML = 'The ferry <em>fares</em> doubled.';
    // A microtask later, as a mutation observer's callback runs: no frame has been drawn yet.
    await Promise.resolve();
    expect(events.removed).toHaveBeenCalledTimes(1);
    expect(events.moved).toHaveBeenCalled();
    expect(events.changed).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalledWith([p]));
  });

  it('reports a paragraph the page adds, as its block', async () => {
    const { events } = watch();
    const p = document.createElement('p');
    p.innerHTML = 'The ferry <em>fares</em> doubled.';
    document.body.append(p);
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalledWith([p]));
  });

  it('reports a part the page shows by taking away its aria-hidden or hidden, or by opening it, as its block', async () => {
    document.body.innerHTML = '<main id="m" aria-hidden="true"><p>The ferry fares doubled.</p></main><div id="d" hidden><p>Fares rose.</p></div><details id="s"><summary>More</summary><p>Fares fell.</p></details>';
    const { events } = watch();
    document.getElementById('m')!.removeAttribute('aria-hidden');
    document.getElementById('d')!.removeAttribute('hidden');
    document.getElementById('s')!.setAttribute('open', '');
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalled());
    expect(new Set(events.changed.mock.calls.flat(2))).toEqual(new Set(['m', 'd', 's'].map((id) => document.getElementById(id))));
  });

  it('reports the block around a block the page shows inside a sentence, which it split (reading it reads the block too), and not around one among blocks', async () => {
    document.body.innerHTML = '<div id="p">The minister said <div id="ad" hidden>Advert</div>the war is over.</div><section id="s"><p>Fares rose.</p><div id="more" style="display:none"><p>Fares fell.</p></div></section>';
    const { events } = watch();
    document.getElementById('ad')!.removeAttribute('hidden');
    document.getElementById('more')!.setAttribute('style', 'display:block');
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalled());
    expect(new Set(events.changed.mock.calls.flat(2))).toEqual(new Set(['p', 'more'].map((id) => document.getElementById(id))));
  });

  it('reports nothing to read again when the page hides a part, or sets aria-hidden to what it was', async () => {
    document.body.innerHTML = '<main id="m" aria-hidden="false"><p>The ferry fares doubled.</p></main><details id="s" open><p>Fares fell.</p></details>';
    const { events } = watch();
    document.getElementById('m')!.setAttribute('aria-hidden', 'true');
    document.getElementById('m')!.setAttribute('hidden', '');
    document.getElementById('s')!.removeAttribute('open');
    await new Promise((done) => setTimeout(done, 120));
    expect(events.changed).not.toHaveBeenCalled();
  });

  it('says the page was restyled when a class or a style changes, and nothing else', async () => {
    document.body.innerHTML = '<article id="a" class="collapsed"><p>The ferry fares doubled.</p></article>';
    const { events } = watch();
    document.getElementById('a')!.classList.remove('collapsed');
    await vi.waitFor(() => expect(events.restyled).toHaveBeenCalled());
    await new Promise((done) => setTimeout(done, 120));
    expect(events.changed).not.toHaveBeenCalled();
    expect(events.moved).not.toHaveBeenCalled();
  });

  it('reports a change inside a custom element or inline code as the block around it', async () => {
    document.body.innerHTML = '<p id="p">The <x-term id="t">ferry</x-term> fares <code id="c">doubled</code>.</p>';
    const { events } = watch();
    document.getElementById('t')!.firstChild!.textContent = 'bus';
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalledWith([document.getElementById('p')]));
  });

  it('reports an inline element the page adds as the block around it', async () => {
    document.body.innerHTML = '<p id="p">Ferry fares</p>';
    const { events } = watch();
    const p = document.getElementById('p')!;
    const em = document.createElement('em');
    em.textContent = ' doubled';
    p.append(em);
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalledWith([p]));
  });

  it('reports nothing to read again when the page adds a script, a style, a frame or an image anywhere (an ad tag, a lazy image), though the page moved', async () => {
    document.body.innerHTML = '<article><p id="p">The ferry fares doubled.</p></article>';
    const { events } = watch();
    for (const name of ['script', 'style', 'link', 'iframe', 'img', 'video', 'noscript']) {
      document.body.append(document.createElement(name));
      document.getElementById('p')!.append(document.createElement(name));
    }
    await vi.waitFor(() => expect(events.moved).toHaveBeenCalled());
    await new Promise((done) => setTimeout(done, 150));
    expect(events.changed).not.toHaveBeenCalled();
    // Nor beside the paragraphs of an article (an ad frame, a lazy image).
    document.querySelector('article')!.append(document.createElement('iframe'), document.createElement('img'));
    await new Promise((done) => setTimeout(done, 150));
    expect(events.changed).not.toHaveBeenCalled();
    // A paragraph added after them is read, alone.
    const p = document.body.appendChild(document.createElement('p'));
    p.textContent = 'The bridge closed.';
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalledWith([p]));
  });

  it.each([['an image', 'img'], ['a button', 'button'], ['a frame', 'iframe']])('reads a paragraph again when %s put between two of its words parts them', async (_, name) => {
    document.body.innerHTML = '<article><p id="p">The harbour<span id="icon"></span>bridge closed. Ferry<b id="b"></b></p></article>';
    const { events } = watch();
    document.getElementById('icon')!.append(document.createElement(name));
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalledWith([document.getElementById('p')]));
  });

  it('says the page may have a new date when a meta tag\'s content changes, or a meta tag or JSON-LD is put in or taken out, and not for other changes', async () => {
    document.head.innerHTML = '<meta property="article:published_time" content="2025-02-13T08:00:00Z"><meta name="viewport" content="width=device-width">';
    document.body.innerHTML = '<p id="p">The ferry fares doubled.</p>';
    const { events } = watch();
    document.getElementById('p')!.textContent = 'The ferry fares tripled.';
    document.body.className = 'night';
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalled());
    expect(events.redated).not.toHaveBeenCalled();
    document.head.querySelector('meta')!.setAttribute('content', '2025-04-28T08:00:00Z');
    await vi.waitFor(() => expect(events.redated).toHaveBeenCalledTimes(1));
    const ld = document.createElement('script');
    ld.type = 'application/ld+json';
    ld.textContent = '{"@type":"NewsArticle","datePublished":"2025-04-29"}';
    document.head.append(ld);
    await vi.waitFor(() => expect(events.redated).toHaveBeenCalledTimes(2));
    document.head.querySelector('meta')!.remove();
    await vi.waitFor(() => expect(events.redated).toHaveBeenCalledTimes(3));
    // JSON-LD rewritten in place, or brought in with a route's markup.
    ld.textContent = '{"@type":"NewsArticle","datePublished":"2025-04-30"}';
    await vi.waitFor(() => expect(events.redated).toHaveBeenCalledTimes(4));
    const route = document.createElement('article');
    route.innerHTML = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-05-01"}</script><p>The route.</p>';
    document.body.append(route);
    await vi.waitFor(() => expect(events.redated).toHaveBeenCalledTimes(5));
    // A meta tag that is no date (the theme's colour, changed every frame) says nothing.
    document.head.querySelector('meta[name="viewport"]')!.setAttribute('content', 'width=500');
    await new Promise((done) => setTimeout(done, 100));
    expect(events.redated).toHaveBeenCalledTimes(5);
    document.head.innerHTML = '';
  });

  it('reads nothing again when an ad fills the empty inline box left for it with its frame', async () => {
    document.body.innerHTML = '<article id="a"><p>The harbour bridge closed.</p><ins class="ad" id="ad"></ins><p>Ferry fares doubled.</p></article>';
    const { events } = watch();
    document.getElementById('ad')!.append(document.createElement('iframe'));
    await vi.waitFor(() => expect(events.moved).toHaveBeenCalled());
    await new Promise((done) => setTimeout(done, 150));
    expect(events.changed).not.toHaveBeenCalled();
  });

  it('still reports the page’s own change when Claimlight changes the page quietly right after it', async () => {
    const { events, watcher } = watch();
    const p = document.createElement('p');
    p.textContent = 'The ferry fares doubled.';
    document.body.append(p);
    const ours = document.createElement('div');
    watcher.quietly(() => document.body.append(ours));
    await vi.waitFor(() => expect(events.changed).toHaveBeenCalledTimes(1));
    expect(events.changed).toHaveBeenCalledWith([p]);
  });

  it('says the page moved when its content changes, and not when Claimlight adds or removes its own layers', async () => {
    const layers = [document.createElement('claimlight-marks-test'), document.createElement('claimlight-ui-test')];
    const events = { changed: vi.fn(), removed: vi.fn(), textChanged: vi.fn(), moved: vi.fn(), restyled: vi.fn(), redated: vi.fn() } satisfies ChangeEvents;
    observeChanges(document, events, controller.signal);
    document.documentElement.append(...layers);
    layers[0]!.append(document.createElement('div'));
    layers[1]!.remove();
    await new Promise((done) => setTimeout(done, 20));
    expect(events.moved).not.toHaveBeenCalled();
    expect(events.changed).not.toHaveBeenCalled();
    const ad = document.createElement('div');
    ad.textContent = 'Advertisement';
    document.body.prepend(ad);
    await vi.waitFor(() => expect(events.moved).toHaveBeenCalledTimes(1));
    layers.forEach((layer) => layer.remove());
  });
});
