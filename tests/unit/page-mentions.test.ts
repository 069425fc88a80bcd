// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PageMentions } from '@/entrypoints/content/page-mentions';
import { FIND_LIMITS, type ClaimForCard, type FoundMentions } from '@/lib/protocol';

// The content script's list of mentions, against a matcher that answers when the test says so.
const CLAIM = 'The harbour bridge will close all summer.';
/** Lets every pending promise and timer of zero delay run. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const claim: ClaimForCard = { id: 'bridge', text: CLAIM, verdict: 'false', summary: 'It closes on weekends.', context: [], cues: { phrases: [], terms: [] }, packId: 'p', packTitle: 'P' };

/** A matcher that finds the claim in every block that states it, once the test releases it; the
 * latest question is answered first, as a short request overtakes a long one. */
function heldMatcher() {
  const waiting: (() => void)[] = [];
  const find = (blocks: string[]) =>
    new Promise<FoundMentions>((resolve) => {
      waiting.push(() =>
        resolve({
          mentions: blocks.flatMap((text, block) => (text === CLAIM ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }] : [])),
          related: [],
          claims: { 'p/bridge': claim },
        }),
      );
    });
  const releaseAll = async () => {
    while (waiting.length) {
      waiting.pop()!();
      await tick();
    }
  };
  return { find, releaseAll, releaseOldest: () => waiting.shift()!(), pending: () => waiting.length };
}

/** Answers the matcher's questions until the scan is done. */
async function answered(matcher: ReturnType<typeof heldMatcher>, scan: Promise<void>): Promise<void> {
  let done = false;
  void scan.then(() => (done = true));
  while (!done) {
    await tick();
    await matcher.releaseAll();
  }
}

describe('PageMentions', () => {
  it('does not let a whole-page scan that read the page earlier overwrite what a later change added', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const matcher = heldMatcher();
    const mentions = new PageMentions(document, matcher.find);
    const whole = mentions.scanAll();
    await tick();
    // While the whole-page answer is awaited, the page adds a paragraph that states the claim.
    const added = document.createElement('p');
    added.textContent = CLAIM;
    document.querySelector('main')!.append(added);
    const partial = mentions.scan([added]);
    await tick();
    await matcher.releaseAll();
    await whole;
    await matcher.releaseAll();
    await partial;
    expect(mentions.list().map((m) => m.text)).toEqual([CLAIM, CLAIM]);
  });

  it('marks a sentence once when two scans of nested parts of the page answer out of order', async () => {
    document.body.innerHTML = `<main><div id="feed"><span id="ticker">0</span><p>${CLAIM}</p></div></main>`;
    const matcher = heldMatcher();
    const mentions = new PageMentions(document, matcher.find);
    await answered(matcher, mentions.scanAll());
    // The paragraph changes, then the part around it: the later scan is answered first.
    const first = mentions.scan([document.querySelector('p')!]);
    await tick();
    const second = mentions.scan([document.getElementById('feed')!]);
    await tick();
    expect(matcher.pending()).toBe(2);
    await matcher.releaseAll();
    await Promise.all([first, second]);
    expect(mentions.list().map((m) => m.text)).toEqual([CLAIM]);
  });

  it('marks a sentence once when a change\'s scan answers before the whole-page scan that overtook the one it waited for', async () => {
    document.body.innerHTML = `<main><div id="feed"><span id="ticker">0</span><p>${CLAIM}</p></div></main>`;
    const matcher = heldMatcher();
    const mentions = new PageMentions(document, matcher.find);
    const whole = mentions.scanAll();
    await tick();
    // A change's scan waits for that whole-page scan; a newer one (a feed refreshed) overtakes it.
    const partial = mentions.scan([document.getElementById('feed')!]);
    const again = mentions.scanAll();
    await tick();
    expect(matcher.pending()).toBe(2);
    // The first whole-page scan is answered (and dropped); the change's scan then asks, and is
    // answered before the newer whole-page scan.
    matcher.releaseOldest();
    await whole;
    await tick();
    expect(matcher.pending()).toBe(2);
    await matcher.releaseAll();
    await Promise.all([partial, again]);
    expect(mentions.list().map((m) => m.text)).toEqual([CLAIM]);
  });

  it.each([
    ['an editor', '<div contenteditable="true"><p id="t">x</p></div>'],
    ['a code block', '<pre><code id="t">x</code></pre>'],
    ['a form field', '<form><textarea id="t">x</textarea></form>'],
    ['a menu', '<nav><ul><li id="t">x</li></ul></nav>'],
    ['a part hidden from readers', '<section aria-hidden="true"><p id="t">x</p></section>'],
  ])('does not read a part that changed inside %s, as the whole page\'s walk does not', async (_, html) => {
    document.body.innerHTML = `<main><p>Harbour news.</p>${html}</main>`;
    const matcher = heldMatcher();
    const mentions = new PageMentions(document, matcher.find);
    await answered(matcher, mentions.scanAll());
    // The reader types the claim into the editor; the page's highlighter redraws its code.
    const changed = document.getElementById('t')!;
    changed.textContent = CLAIM;
    await answered(matcher, mentions.scan([changed]));
    expect(mentions.list()).toEqual([]);
    // The same text in the article is read.
    const paragraph = document.querySelector('main > p')!;
    paragraph.textContent = CLAIM;
    await answered(matcher, mentions.scan([paragraph]));
    expect(mentions.list().map((m) => m.text)).toEqual([CLAIM]);
  });

  it('marks the page\'s other mentions when the page took away the end of one while the matcher was asked', async () => {
    // The claim's last words are in a node of their own, which a live page replaces (a ticker); a
    // styled element in the paragraph makes its map to the page when it is read, not after the answer.
    const [head, tail] = [CLAIM.slice(0, 20), CLAIM.slice(20)];
    document.body.innerHTML = `<main><p id="live">${head}<span id="tail" style="color: inherit">${tail}</span></p><p>${CLAIM}</p></main>`;
    const matcher = heldMatcher();
    const find = (blocks: string[]) => matcher.find(blocks);
    const mentions = new PageMentions(document, find);
    // As browsers do it (the DOM standard's "set the end"): a range's end set in a node the page
    // took away collapses the range there, out of the page, and comparing it with a range in the
    // page throws. (happy-dom throws at the end instead.)
    const { setEnd, compareBoundaryPoints } = Range.prototype;
    Range.prototype.setEnd = function (this: Range, node: Node, offset: number) {
      if (node.isConnected) return setEnd.call(this, node, offset);
      Object.defineProperty(this, 'startContainer', { value: node, configurable: true });
    };
    Range.prototype.compareBoundaryPoints = function (this: Range, how: number, other: Range) {
      if (!this.startContainer.isConnected || !other.startContainer.isConnected) throw new DOMException('The two ranges are not in the same tree.', 'WrongDocumentError');
      return compareBoundaryPoints.call(this, how, other);
    };
    try {
      const scan = mentions.scanAll();
      await tick();
      document.getElementById('tail')!.firstChild!.remove();
      await answered(matcher, scan);
    } finally {
      Object.assign(Range.prototype, { setEnd, compareBoundaryPoints });
    }
    expect(mentions.list().map((m) => m.text)).toEqual([CLAIM]);
    expect(mentions.list()[0]!.range.startContainer.parentElement!.id).not.toBe('live');
  });

  it('keeps its mentions, to answer the reader, while a whole-page scan waits for its answer', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const matcher = heldMatcher();
    const mentions = new PageMentions(document, matcher.find);
    await answered(matcher, mentions.scanAll());
    const [mention] = mentions.list();
    // A feed's refresh rescans the page: until the matcher answers, the mark is there to hover,
    // click and hide.
    const again = mentions.scanAll();
    await tick();
    expect(matcher.pending()).toBe(1);
    expect(mentions.list()).toEqual([mention]);
    expect(mentions.at(mention!.nodes[0]!)).toEqual([mention]);
    await answered(matcher, again);
    expect(mentions.list()).toEqual([mention]);
  });

  it('finds nothing from a scan under way when Claimlight is switched off here meanwhile', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const matcher = heldMatcher();
    const mentions = new PageMentions(document, matcher.find);
    const whole = mentions.scanAll();
    await tick();
    expect(matcher.pending()).toBe(1);
    mentions.clear();
    await answered(matcher, whole);
    expect(mentions.list()).toEqual([]);
    // And a part scanned after a change, asked before the switch, answers into nothing too.
    await answered(matcher, mentions.scanAll());
    expect(mentions.list()).toHaveLength(1);
    const partial = mentions.scan([document.querySelector('p')!]);
    await tick();
    expect(matcher.pending()).toBe(1);
    mentions.clear();
    await answered(matcher, partial);
    expect(mentions.list()).toEqual([]);
  });

  it('drops the answer of a whole-page scan overtaken by a newer one', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const matcher = heldMatcher();
    const mentions = new PageMentions(document, matcher.find);
    const first = mentions.scanAll();
    await tick();
    // The same paragraph now says something else.
    (document.querySelector('p')!.firstChild as Text).data = 'Nothing to see here, and nothing more to read in this paragraph at all.';
    const second = mentions.scanAll();
    await tick();
    expect(matcher.pending()).toBe(2);
    await matcher.releaseAll();
    await Promise.all([first, second]);
    expect(mentions.list()).toEqual([]);
  });

  it('sends every part of the page scanned after a change with the page’s opening, as the last full scan read it', async () => {
    document.body.innerHTML = `<main><h1>Calderbridge council report</h1><p>${CLAIM}</p></main>`;
    const asked: (string[] | undefined)[] = [];
    const find = async (_blocks: string[], _date: number | null, opening?: string[]) => {
      asked.push(opening);
      return { mentions: [], related: [], claims: {} };
    };
    const mentions = new PageMentions(document, find);
    await mentions.scanAll();
    const added = document.createElement('p');
    added.textContent = 'Is it true that the bridge will close?';
    document.querySelector('main')!.append(added);
    await mentions.scan([added]);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toEqual(['Calderbridge council report', CLAIM]);
    // The changed paragraph alone is not the page: the matcher is told how the page opens.
    expect(asked[1]).toEqual(asked[0]);
  });
});

describe('the claims a page only comes close to ("possibly related")', () => {
  const LOOSE = 'Talk of the harbour bridge closing went on all week.';
  // A matcher that lists the loose sentence as related to the claim, at once.
  const find = async (blocks: string[]): Promise<FoundMentions> => ({
    mentions: [],
    related: blocks.flatMap((text, block) => (text === LOOSE ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.3, cues: [], verdict: 'false' as const }] : [])),
    claims: { 'p/bridge': claim },
  });

  it('leaves out a claim the reader chose to hide everywhere, now and in later scans', async () => {
    document.body.innerHTML = `<main><p>${LOOSE}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    expect(page.listRelated()).toHaveLength(1);
    page.remember({ matches: new Set(), claims: new Set(['p/bridge']) });
    expect(page.listRelated()).toEqual([]);
    await page.scanAll();
    expect(page.listRelated()).toEqual([]);
  });

  it('leaves out a sentence in text the page does not show', async () => {
    // Folded by a rule of the page's style sheet, not by a style of its own.
    document.body.innerHTML = `<style>.folded { display: none }</style><main><p>Shown.</p><p class="folded">${LOOSE}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    expect(page.listRelated()).toEqual([]);
  });
});

describe('a sentence whose first words the page hides', () => {
  // A label the page's style sheet shows on small screens only, then the claim the reader sees.
  const BLOCK = `Live: ${CLAIM}`;
  const findIn = (as: 'mentions' | 'related') => async (blocks: string[]): Promise<FoundMentions> => {
    const found = blocks.flatMap((text, block) => (text === BLOCK ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }] : []));
    return { mentions: as === 'mentions' ? found : [], related: as === 'related' ? found : [], claims: { 'p/bridge': claim } };
  };
  const page = (css: string) => `<style>${css}</style><main><p><span class="small-only">Live: </span>${CLAIM}</p></main>`;

  it('is marked over the words the reader sees', async () => {
    for (const [css, text] of [['', BLOCK], ['.small-only { display: none }', CLAIM]] as const) {
      document.body.innerHTML = page(css);
      const mentions = new PageMentions(document, findIn('mentions'));
      await mentions.scanAll();
      expect(mentions.list().map((m) => [m.text, m.range.toString()])).toEqual([[text, text]]);
    }
  });

  it('is listed as possibly related, by the words the reader sees', async () => {
    document.body.innerHTML = page('.small-only { display: none }');
    const mentions = new PageMentions(document, findIn('related'));
    await mentions.scanAll();
    expect(mentions.listRelated().map((r) => r.text)).toEqual([CLAIM]);
  });

  it('is read again once the page shows its first words, and then marked whole', async () => {
    document.body.innerHTML = `${page('.small-only { display: none }')}`;
    const mentions = new PageMentions(document, findIn('mentions'));
    await mentions.scanAll();
    expect(mentions.list().map((m) => m.text)).toEqual([CLAIM]);
    document.querySelector('style')!.textContent = '';
    const due = mentions.shown();
    expect(due).toEqual([document.querySelector('p')]);
    await mentions.scan(due);
    expect(mentions.list().map((m) => m.range.toString())).toEqual([BLOCK]);
  });

  it('starts at the first word the reader sees, not at a hidden one after a space the page shows', async () => {
    document.body.innerHTML = `<style>.h { display: none }</style><main><p><span class="h">Live:</span> <span class="h">Updated</span> ${CLAIM}</p></main>`;
    const block = `Live: Updated ${CLAIM}`;
    const mentions = new PageMentions(document, async (blocks: string[]) => ({
      mentions: blocks.flatMap((text, i) => (text === block ? [{ claimKey: 'p/bridge', block: i, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }] : [])),
      related: [],
      claims: { 'p/bridge': claim },
    }));
    await mentions.scanAll();
    expect(mentions.list().map((m) => m.text)).toEqual([CLAIM]);
  });

  it('is held back, unmarked, while the page shows none of it', async () => {
    document.body.innerHTML = `<style>.folded { display: none }</style><main><p class="folded"><span>Live: </span>${CLAIM}</p></main>`;
    const mentions = new PageMentions(document, findIn('mentions'));
    await mentions.scanAll();
    expect(mentions.list()).toEqual([]);
  });
});

describe('a page of more mentions than one reply holds', () => {
  it('asks again, in halves, for the blocks of a reply that came back full, and marks every mention', async () => {
    const count = 1_200;
    document.body.innerHTML = `<main>${Array.from({ length: count }, () => `<p>${CLAIM}</p>`).join('')}</main>`;
    const asked: number[] = [];
    // As the background answers: at most FIND_LIMITS.mentions mentions a reply, the first in reading order.
    const find = async (blocks: string[]): Promise<FoundMentions> => {
      asked.push(blocks.length);
      const mentions = blocks.flatMap((text, block) => (text === CLAIM ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }] : []));
      return { mentions: mentions.slice(0, FIND_LIMITS.mentions), related: [], claims: { 'p/bridge': claim } };
    };
    const mentions = new PageMentions(document, find);
    await mentions.scanAll();
    expect(mentions.list()).toHaveLength(count);
    expect(new Set(mentions.list().map((m) => m.nodes[0]))).toHaveProperty('size', count);
    expect(asked[0]).toBe(count);
  }, 60_000);

  it('keeps what the full reply gave for the blocks of a half the matcher then does not answer', async () => {
    const count = 1_200;
    document.body.innerHTML = `<main>${Array.from({ length: count }, () => `<p>${CLAIM}</p>`).join('')}</main>`;
    for (const unanswered of [[2], [2, 3]]) {
      let calls = 0;
      const find = async (blocks: string[]): Promise<FoundMentions | null> => {
        if (unanswered.includes(++calls)) return null;
        const found = blocks.flatMap((text, block) => (text === CLAIM ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }] : []));
        return { mentions: found.slice(0, FIND_LIMITS.mentions), related: [], claims: { 'p/bridge': claim } };
      };
      const mentions = new PageMentions(document, find);
      await mentions.scanAll();
      // The first half unanswered: the full reply's 600 there, and the second half's own 600; both
      // unanswered: the full reply's 1,000.
      expect(mentions.list()).toHaveLength(unanswered.length === 1 ? count : FIND_LIMITS.mentions);
    }
  }, 60_000);
});

describe('answers that come out of order', () => {
  it('keeps what a later scan of a paragraph found when an earlier scan\'s answer comes after it', async () => {
    const HTML = '<b style="color: red">The harbour</b> bridge will close all summer.';
    const matcher = heldMatcher();
    document.body.innerHTML = `<main><p>${HTML}</p></main>`;
    const paragraph = document.querySelector('p')!;
    const page = new PageMentions(document, matcher.find);
    await answered(matcher, page.scanAll());
    expect(page.list()).toHaveLength(1);
    // The page renders the paragraph again, twice; the second answer overtakes the first.
    paragraph.innerHTML = HTML;
    const first = page.scan([paragraph]);
    await tick();
    paragraph.innerHTML = HTML;
    const second = page.scan([paragraph]);
    await tick();
    await matcher.releaseAll();
    await Promise.all([first, second]);
    expect(page.list()).toHaveLength(1);
  });
});

describe('a paragraph the page renders again', () => {
  /** A matcher that answers at once. */
  const find = async (blocks: string[]): Promise<FoundMentions> => ({
    mentions: blocks.flatMap((text, block) => {
      const start = text.indexOf(CLAIM);
      return start >= 0 ? [{ claimKey: 'p/bridge', block, start, end: start + CLAIM.length, score: 0.9, cues: [], verdict: 'false' as const }] : [];
    }),
    related: [],
    claims: { 'p/bridge': claim },
  });
  const HTML = `Update: <b>The harbour</b> bridge will close all summer.`;

  it('keeps the mention, on the new text, when the words are the same: same id, same range, before any rescan', async () => {
    document.body.innerHTML = `<main><p>${HTML}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    const [mention] = page.list();
    const range = mention!.range;
    // A framework writes the paragraph's markup again, word for word.
    document.querySelector('p')!.innerHTML = HTML;
    expect(page.prune()).toBe(true);
    expect(page.list()).toEqual([mention]);
    expect(mention!.range).toBe(range);
    expect(range.toString()).toBe(CLAIM);
    expect(mention!.nodes.every((node) => node.isConnected)).toBe(true);
    expect(page.at(document.querySelector('b')!.firstChild!)).toEqual([mention]);
    // The rescan the change brings finds the same sentence: the mention stays as it is.
    await page.scan([document.querySelector('p')!]);
    expect(page.list()).toEqual([mention]);
    expect(page.list()[0]!.range).toBe(range);
  });

  it('keeps the mention when a text node is set to what it held', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    const [mention] = page.list();
    const node = document.querySelector('p')!.firstChild as Text;
    node.data = CLAIM;
    expect(page.dropOn(new Set([node]))).toBe(true);
    expect(page.list()).toEqual([mention]);
    expect(mention!.range.toString()).toBe(CLAIM);
  });

  it('drops the mention when the words changed, and the rescan decides', async () => {
    document.body.innerHTML = `<main><p>${HTML}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    document.querySelector('p')!.innerHTML = 'Update: <b>The harbour</b> bridge stays open.';
    expect(page.prune()).toBe(true);
    expect(page.list()).toEqual([]);
    await page.scan([document.querySelector('p')!]);
    expect(page.list()).toEqual([]);
  });

  it('keeps the mentions when the paragraphs themselves are made anew with the same words, each on its own paragraph', async () => {
    document.body.innerHTML = `<main><p>${HTML}</p><p>More news.</p><p>${CLAIM}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    const before = [...page.list()];
    expect(before).toHaveLength(2);
    // A list re-rendered without keys: every paragraph element is new.
    const main = document.querySelector('main')!;
    main.innerHTML = `<p>${HTML}</p><p>More news.</p><p>${CLAIM}</p>`;
    const paragraphs = [...main.querySelectorAll('p')];
    expect(page.prune(paragraphs)).toBe(true);
    expect(page.list()).toEqual(before);
    expect(page.list().map((m) => m.range.startContainer.parentElement!.closest('p'))).toEqual([paragraphs[0], paragraphs[2]]);
    // Made anew once more, the mentions follow again.
    main.innerHTML = `<p>${HTML}</p><p>More news.</p><p>${CLAIM}</p>`;
    page.prune([...main.querySelectorAll('p')]);
    expect(page.list()).toEqual(before);
    expect(page.list().map((m) => m.range.toString())).toEqual([CLAIM, CLAIM]);
  });

  it('gives the id back to the same sentence found again in a paragraph put in the place of the old one', async () => {
    document.body.innerHTML = `<main><p>${HTML}</p><p>More news.</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    const [before] = page.list();
    // The whole article is written again, paragraph elements and all.
    const main = document.querySelector('main')!;
    main.innerHTML = `<p>${HTML}</p><p>More news.</p>`;
    page.prune();
    expect(page.list()).toEqual([]);
    await page.scan([main]);
    expect(page.list().map((m) => [m.id, m.range.toString()])).toEqual([[before!.id, CLAIM]]);
    expect(page.list()[0]).not.toBe(before);
  });

  it('keeps each mention through a whole-page scan that finds it where it was, and gives new ids to new ones', async () => {
    document.body.innerHTML = `<main><p>${HTML}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    const [first] = page.list();
    const added = document.createElement('p');
    added.textContent = CLAIM;
    document.querySelector('main')!.append(added);
    await page.scanAll();
    expect(page.list()[0]).toBe(first);
    expect(page.list()[1]!.id).not.toBe(first!.id);
    expect(new Set(page.list().map((m) => m.id)).size).toBe(2);
  });

  it('keeps a mention (object and id) through two whole-page scans asked in quick succession (a sensitivity dragged, an import)', async () => {
    document.body.innerHTML = `<main><p>${HTML}</p></main>`;
    const waiting: (() => void)[] = [];
    let hold = false;
    const held = (blocks: string[]) => (hold ? new Promise<FoundMentions>((resolve) => waiting.push(() => void find(blocks).then(resolve))) : find(blocks));
    const page = new PageMentions(document, held);
    await page.scanAll();
    const [before] = page.list();
    hold = true;
    const first = page.scanAll();
    await tick();
    const second = page.scanAll();
    await tick();
    while (waiting.length) {
      waiting.shift()!();
      await tick();
    }
    await Promise.all([first, second]);
    expect(page.list()).toEqual([before]);
  });

  it('keeps the id and object of a mention found where it was when the same sentence is also found, new, earlier on the page', async () => {
    document.body.innerHTML = `<main><p id="old">${CLAIM}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    const [old] = page.list();
    // A pull quote of the same sentence appears above it; the page is scanned whole again.
    const quote = document.createElement('p');
    quote.textContent = CLAIM;
    document.querySelector('main')!.prepend(quote);
    await page.scanAll();
    expect(page.list().find((m) => document.getElementById('old')!.contains(m.range.startContainer))).toBe(old);
    expect(new Set(page.list().map((m) => m.id)).size).toBe(2);
  });

  it('does not read a part of the page made anew that holds thousands of elements in the change\'s own turn: the rescan finds its mention, under its id', async () => {
    document.body.innerHTML = `<main id="app"><p>${HTML}</p></main>`;
    const page = new PageMentions(document, find);
    await page.scanAll();
    const [before] = page.list();
    // An app's whole root made anew as it hydrates: the same paragraph, and 3,000 items after it.
    const app = document.createElement('main');
    app.innerHTML = `<p>${HTML}</p><ul>${'<li>Item</li>'.repeat(3_000)}</ul>`;
    document.getElementById('app')!.replaceWith(app);
    page.prune([app]);
    expect(page.list()).toEqual([]);
    await page.scan([app]);
    expect(page.list().map((m) => [m.id, m.range.toString()])).toEqual([[before!.id, CLAIM]]);
  });
});
