import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { extractBlocks, extractBlocksInSlices, locateOffset, type TextBlock } from '@/lib/extract';

// Two DOM implementations: linkedom (the CLI's) and happy-dom (closer to a browser's).
const parsers: [string, (html: string) => Document][] = [
  ['linkedom', (html) => parseHTML(html).document as unknown as Document],
  [
    'happy-dom',
    (html) => {
      const window = new Window();
      window.document.write(html);
      return window.document as unknown as Document;
    },
  ],
];

const texts = (blocks: TextBlock[]) => blocks.map((b) => b.text);

describe.each(parsers)('extractBlocks (%s)', (_, parse) => {
  const extract = (body: string) => {
    const document = parse(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
    return extractBlocks(document.body);
  };

  it('joins text split across inline tags into one block', () => {
    expect(texts(extract('<p>Trump said <a href="#">some of <em>that</em> land</a> will <strong>come back</strong>.</p>'))).toEqual([
      'Trump said some of that land will come back.',
    ]);
  });

  it('starts a new block at every block element and line break', () => {
    expect(texts(extract('<h1>Title</h1><div>One<p>Two</p>Three</div><ul><li>Four</li></ul>Five<br>Six'))).toEqual([
      'Title', 'One', 'Two', 'Three', 'Four', 'Five', 'Six',
    ]);
  });

  it.each([
    ['an inline image (an emoji or a flag)', 'The ferry <img src="ship.png" alt="ship"> left at noon.', 'The ferry left at noon.'],
    ['an icon in a link', 'The <a href="/f"><svg><title>icon</title></svg>ferry</a> left at noon.', 'The ferry left at noon.'],
    ['a custom element (a tooltip)', 'The <x-term>ferry</x-term> left at noon.', 'The ferry left at noon.'],
    ['a picture', 'The ferry <picture><source srcset="a.webp"><img src="a.png"></picture> left at noon.', 'The ferry left at noon.'],
    ['inline code', 'The <code>ferry</code> left at noon.', 'The left at noon.'],
    ['a glossary button', 'The <button>ferry</button> left at noon.', 'The left at noon.'],
    ['old inline tags', 'The <nobr>ferry</nobr> <tt>left</tt> at <big>noon</big>.', 'The ferry left at noon.'],
    ['a ruby annotation', 'The <ruby>ferry<rt>boat</rt></ruby> left at noon.', 'The ferry left at noon.'],
    ['a script an ad slot left', 'The ferry<script>window.slot = 1</script> left at noon.', 'The ferry left at noon.'],
    ['a style', 'The ferry <style>.x { color: red }</style>left at noon.', 'The ferry left at noon.'],
    ['a fallback for no scripts', 'The ferry <noscript>Turn scripts on</noscript>left at noon.', 'The ferry left at noon.'],
    ['a template', 'The ferry <template><b>x</b></template>left at noon.', 'The ferry left at noon.'],
    ['a title a script wrote into it', 'The ferry <title>Live updates</title>left at noon.', 'The ferry left at noon.'],
    ['a fallback for no frames', 'The ferry <noframes>Frames needed</noframes>left at noon.', 'The ferry left at noon.'],
    ['a list of suggestions', 'The ferry <datalist id="d"><option value="x">Pick</option></datalist>left at noon.', 'The ferry left at noon.'],
    ['a gauge', 'The ferry <meter value="0.5">half full</meter> left at noon.', 'The ferry left at noon.'],
    ['microdata', 'The ferry <meta itemprop="position" content="1"><link itemprop="url" href="/f">left at noon.', 'The ferry left at noon.'],
    ['an embedded frame', 'The ferry <iframe src="about:blank"></iframe> left at noon.', 'The ferry left at noon.'],
    ['a video', 'The ferry <video src="a.mp4"></video> left at noon.', 'The ferry left at noon.'],
    ['a drawing', 'The ferry <canvas></canvas> left at noon.', 'The ferry left at noon.'],
  ])('keeps a sentence holding %s in one block, its text left out where it is not prose', (_what, inner, text) => {
    expect(texts(extract(`<p>${inner}</p>`)).map((t) => t.replace(/\s+/g, ' '))).toEqual([text]);
  });

  it('reads a custom element as a block where the page displays it as one, an inline block among them', () => {
    const document = parse('<!doctype html><html><body><x-para>The ferry left.</x-para><x-para>It was late.</x-para><x-term>A</x-term> <x-term>term.</x-term><x-chip>Vaccines</x-chip><x-chip>Autism</x-chip></body></html>');
    const displays: Record<string, string> = { 'x-para': 'block', 'x-term': 'inline', 'x-chip': 'inline-block' };
    expect(texts(extractBlocks(document.body, { displayOf: (element) => displays[element.localName]! }))).toEqual(['The ferry left.', 'It was late.', 'A term.', 'Vaccines', 'Autism']);
  });

  it('keeps the words on either side of an inline image apart, and maps them back to their own text', () => {
    const document = parse('<!doctype html><html><body><p>Get more news<img src="x.png">on the ferry.</p></body></html>');
    const [block] = extractBlocks(document.body);
    expect(block!.text).toBe('Get more news on the ferry.');
    const at = block!.text.indexOf('on the');
    const start = locateOffset(block!, at, 'start')!;
    expect(start.node.data.slice(start.offset, start.offset + 6)).toBe('on the');
    const end = locateOffset(block!, block!.text.indexOf(' on'), 'end')!;
    expect(end.node.data.slice(0, end.offset)).toBe('Get more news');
  });

  it('collapses white space, including new lines and non-breaking spaces', () => {
    expect(texts(extract('<p>\n  Kremlin \t spokesman&nbsp;&nbsp;Dmitry\n Peskov  </p>'))).toEqual(['Kremlin spokesman Dmitry Peskov']);
  });

  it.each([
    ['script', '<script>var claim = "hidden";</script>'],
    ['style', '<style>.claim { color: red }</style>'],
    ['noscript', '<noscript>Enable scripts</noscript>'],
    ['noframes and noembed', '<noframes>Hidden frames text</noframes><noembed>Hidden embed text</noembed>'],
    ['a progress bar’s fallback', '<progress value="3" max="10">Hidden progress text</progress>'],
    ['template', '<template><p>Later</p></template>'],
    ['hidden attribute', '<p hidden>Hidden text</p>'],
    ['display:none', '<div style="color: red; display: none">Hidden text</div>'],
    ['visibility:hidden', '<span style="visibility:hidden">Hidden text</span>'],
    ['aria-hidden', '<div aria-hidden="true">Decorative text</div>'],
    ['navigation', '<nav><a href="#">World</a></nav><div role="navigation">Menu</div>'],
    ['form fields', '<textarea>Typed text</textarea><input value="x"><select><option>Pick</option></select><button>Send</button>'],
    ['code', '<pre><code>const x = 1;</code></pre><p>Run <code>npm test</code></p>'],
    ['contenteditable', '<div contenteditable="true">Draft text</div>'],
    ['Claimlight’s own UI', '<claimlight-card>Card text</claimlight-card><div data-claimlight-ui>Panel</div>'],
  ])('leaves out %s', (_, html) => {
    const blocks = texts(extract(`<p>Visible.</p>${html}`));
    expect(blocks.join(' | ')).not.toMatch(/hidden|Hidden|Decorative|World|Menu|Typed|Pick|Send|const|Draft|Card|Panel|scripts|Later|color/);
    expect(blocks[0]).toBe('Visible.');
  });

  it('keeps one sentence whole around a hidden block inside it, which the browser draws no box for', () => {
    // An ad slot or a widget hidden inside the text: the reader sees one sentence.
    expect(texts(extract('<div>The minister said <div hidden>Advert</div>the war is over.</div>'))).toEqual(['The minister said the war is over.']);
    expect(texts(extract('<ul><li>Fares rose <p style="display: none">Promo</p>by half.</li></ul>'))).toEqual(['Fares rose by half.']);
    // Hidden text that keeps its place still breaks the line, and one that can be found still has its box.
    expect(texts(extract('<div>The minister said <div style="visibility:hidden">x</div>the war is over.</div>'))).toEqual(['The minister said', 'the war is over.']);
    expect(texts(extract('<div>The minister said <div hidden="until-found">more</div>the war is over.</div>'))).toEqual(['The minister said', 'the war is over.']);
  });

  it('reads the values of contenteditable and aria-hidden whatever their case, as browsers do', () => {
    expect(texts(extract('<div contenteditable="FALSE"><p>Readable.</p></div><div contenteditable="True"><p>Draft.</p></div><p aria-hidden="TRUE">Decorative.</p>'))).toEqual(['Readable.']);
  });

  it('maps every character of every block back to its text node and offset', () => {
    const blocks = extract('<p>  The <b>ninety</b>-minute\n\n call, <i>said   the</i> Kremlin’s <a>spokes</a>man.</p><p>Next  one</p>');
    for (const block of blocks) {
      for (let i = 0; i < block.text.length; i++) {
        const point = locateOffset(block, i, 'start')!;
        const original = point.node.data[point.offset]!;
        expect(block.text[i] === ' ' ? /\s/.test(original) : original === block.text[i]).toBe(true);
      }
    }
  });

  it('collapses and maps any mix of words and white space in any split across inline tags', () => {
    const piece = fc.stringMatching(/^[ \t\n\u00a0ab]{0,6}$/);
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), (pieces) => {
        const [block] = extract(`<p>${pieces.map((p) => `<span>${p}</span>`).join('')}</p>`);
        const expected = pieces.join('').replace(/\s+/g, ' ').trim();
        expect(block?.text ?? '').toBe(expected);
        for (let i = 0; i < expected.length; i++) {
          const point = locateOffset(block!, i, 'start')!;
          const original = point.node.data[point.offset]!;
          expect(block!.text[i] === ' ' ? /\s/.test(original) : original === block!.text[i]).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('locates a span’s end in the node where it ends, not where the next one starts', () => {
    const [block] = extract('<p><b>Peskov</b> said</p>');
    const end = locateOffset(block!, 'Peskov'.length, 'end')!;
    expect(end.node.data).toBe('Peskov');
    expect(end.offset).toBe(6);
    const start = locateOffset(block!, 'Peskov'.length, 'start')!;
    expect(start.node.data).toBe(' said');
    expect(start.offset).toBe(0);
  });

  it('survives nesting deeper than the call stack', () => {
    const deep = `${'<div>'.repeat(20_000)}Deep text${'</div>'.repeat(20_000)}`;
    expect(texts(extract(deep))).toEqual(['Deep text']);
  });
});

describe('extractBlocks on random HTML', () => {
  const tag = fc.constantFrom('p', 'div', 'span', 'a', 'em', 'script', 'style', 'li', 'ul', 'table', 'td', 'br', 'img', 'textarea', 'svg', 'template', 'x-widget', 'b');
  const attribute = fc.constantFrom('', ' hidden', ' style="display:none"', ' aria-hidden="true"', ' contenteditable', ' style="', " class='a");
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '<', '>', '&', '&amp;', '&#0;', '"', '’', '\u00a0', '\uFFFF', '\uD800', 'é', '\t') });
  const fragment: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.tuple(tag, attribute, fc.array(tie('node'), { maxLength: 4 })).map(([t, a, children]) => `<${t}${a}>${children.join('')}</${t}>`),
      fc.tuple(tag, attribute).map(([t, a]) => `<${t}${a}>`),
    ),
  })).node as fc.Arbitrary<string>;

  it.each(parsers)('never throws and always maps back (%s)', (_, parse) => {
    fc.assert(
      fc.property(fragment, (html) => {
        const document = parse(`<!doctype html><body>${html}</body>`);
        for (const block of extractBlocks(document.body ?? document.documentElement)) {
          expect(block.text).not.toMatch(/^\s|\s$|\s\s/);
          for (let i = 0; i < block.text.length; i++) expect(locateOffset(block, i, 'start')).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading plain blocks whole (wholeBlocks)', () => {
  const tag = fc.constantFrom('p', 'div', 'span', 'a', 'em', 'script', 'li', 'br', 'textarea', 'x-widget', 'b', 'code', 'strong');
  const attribute = fc.constantFrom('', '', '', ' hidden', ' style="display:none"', ' aria-hidden="true"', ' contenteditable', ' role="navigation"', ' class="a"');
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\u00a0', '\t', 'é', '.') });
  const fragment: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.tuple(tag, attribute, fc.array(tie('node'), { maxLength: 4 })).map(([t, a, children]) => `<${t}${a}>${children.join('')}</${t}>`),
    ),
  })).node as fc.Arbitrary<string>;
  /** A block as plain data: its text and each segment with the text of its node. */
  const plain = (blocks: TextBlock[]) =>
    blocks.map((block) => ({ text: block.text, segments: block.segments.map(({ node, nodeOffset, blockOffset, length }) => ({ data: node.data, nodeOffset, blockOffset, length })) }));
  const fixtures = readdirSync('tests/fixtures', { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.html'));

  it.each(parsers)('gives the blocks and maps of the node-by-node walk, on random markup (%s)', (_, parse) => {
    fc.assert(
      fc.property(fragment, (html) => {
        const document = parse(`<!doctype html><body>${html}</body>`);
        const root = document.body ?? document.documentElement;
        expect(plain(extractBlocks(root, { wholeBlocks: true }))).toEqual(plain(extractBlocks(root)));
      }),
      { numRuns: 300 },
    );
  });

  it.each(parsers)('gives the blocks and maps of the node-by-node walk on every test page (%s)', (_, parse) => {
    expect(fixtures.length).toBeGreaterThan(5);
    for (const path of fixtures) {
      const document = parse(readFileSync(join('tests/fixtures', path), 'utf8'));
      expect(plain(extractBlocks(document.documentElement, { wholeBlocks: true })), path).toEqual(plain(extractBlocks(document.documentElement)));
    }
    // (Two seconds on an idle machine, five under load: Vitest's default would fail it.)
  }, 30_000);

  it('reads a plain paragraph whole, and maps it back only when asked', () => {
    const document = parsers[0]![1]('<!doctype html><html><body><p>Ferry <em>fares</em>  doubled.</p></body></html>');
    const [block] = extractBlocks(document.body, { wholeBlocks: true });
    expect(block!.text).toBe('Ferry fares doubled.');
    // Not mapped yet: the map is made from the paragraph when first asked for.
    expect((block as unknown as { map: unknown }).map).toBeNull();
    expect(locateOffset(block!, 6, 'start')).toEqual({ node: document.querySelector('em')!.firstChild, offset: 0 });
  });

  it('maps a paragraph read whole to nothing when the page changed it before the map was asked for', () => {
    const document = parsers[0]![1]('<!doctype html><html><body><p>Rents rose. <em>Ferry</em> fares doubled.</p></body></html>');
    const [block] = extractBlocks(document.body, { wholeBlocks: true });
    // The matcher's answer comes back after a live page put a label in front.
    const label = document.createElement('b');
    label.textContent = 'Live: ';
    document.querySelector('p')!.prepend(label);
    // Its offsets would land on "rose. Ferry fares do": no mark rather than one on other words.
    expect(locateOffset(block!, 11, 'start')).toBeNull();
  });
});

describe('extractBlocksInSlices', () => {
  const page = (paragraphs: number) => {
    const window = new Window();
    window.document.write(`<!doctype html><html><body><main>${Array.from({ length: paragraphs }, (_, i) => `<p>Paragraph <b>${i}</b> of the page.</p>`).join('')}</main></body></html>`);
    return window.document as unknown as Document;
  };
  // A clock that says every look is past the slice's end: the walk gives way as often as it can.
  const everyLook = (giveWay: () => Promise<void> = async () => {}) => {
    let t = 0;
    return { sliceMs: 1, now: () => (t += 10), giveWay: vi.fn(giveWay) };
  };

  it('gives the same blocks as one pass, giving way to the page between slices', async () => {
    const document = page(3_000);
    const slicing = everyLook();
    const sliced = await extractBlocksInSlices(document.body, slicing);
    expect(slicing.giveWay.mock.calls.length).toBeGreaterThan(2);
    expect(texts(sliced)).toEqual(texts(extractBlocks(document.body)));
  });

  it('takes a page in one slice when it is quick to read', async () => {
    const document = page(20);
    const giveWay = vi.fn(async () => {});
    await extractBlocksInSlices(document.body, { sliceMs: 1_000, now: () => 0, giveWay });
    expect(giveWay).not.toHaveBeenCalled();
  });

  it('starts over when the page removes what a paused walk would go on from', async () => {
    const document = page(3_000);
    let removed = false;
    const slicing = everyLook(async () => {
      // The first time the walk gives way, the page empties the article and writes a new one.
      if (removed) return;
      removed = true;
      const main = document.querySelector('main')!;
      main.remove();
      document.body.innerHTML = '<article><p>A new story.</p><p>Its second paragraph.</p></article>';
    });
    expect(texts(await extractBlocksInSlices(document.body, slicing))).toEqual(['A new story.', 'Its second paragraph.']);
  });

  it('keeps giving way on a page that changes under every walk, and gives what the last walk read', async () => {
    const document = page(3_000);
    // At every pause, the page writes the article anew (a list re-rendered every few moments).
    const slicing = everyLook(async () => {
      const main = document.querySelector('main')!;
      const fresh = main.cloneNode(true);
      main.replaceWith(fresh);
    });
    const blocks = texts(await extractBlocksInSlices(document.body, slicing));
    // Four walks, each paused once: never a walk of the whole page without a pause.
    expect(slicing.giveWay).toHaveBeenCalledTimes(4);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThan(3_000);
    expect(blocks[0]).toBe('Paragraph 0 of the page.');
  });

  it('does not follow a node the page moved out of the root while the walk was paused', async () => {
    const document = page(3_000);
    const main = document.querySelector('main')!;
    let moved = false;
    const slicing = everyLook(async () => {
      if (moved) return;
      moved = true;
      // Every paragraph from the 100th on (the walk is past it) leaves the article for the end of the body.
      const aside = document.createElement('aside');
      document.body.append(aside);
      for (const p of [...main.querySelectorAll('p')].slice(100)) aside.append(p);
    });
    const blocks = texts(await extractBlocksInSlices(main, slicing));
    expect(blocks).toEqual(texts(extractBlocks(main)));
    expect(blocks).toHaveLength(100);
  });
});
