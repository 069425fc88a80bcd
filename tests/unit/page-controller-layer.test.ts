// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardHost, OpenCard } from '@/entrypoints/content/card-host';
import { provideOwnScript } from '@/entrypoints/content/own-scripts';
import { PageController } from '@/entrypoints/content/page-controller';
import type { Client, FoundMentions } from '@/lib/protocol';
import { err, ok } from '@/lib/result';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { NO_DISMISSALS } from '@/lib/dismissals';
import { fakeContentContext } from '../helpers/content-context';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const CLAIM = 'The harbour bridge will close all summer.';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// What page script can and cannot learn from Claimlight's layers, and what a stopped script leaves:
// the layer is in the page from the start, on or off, and put back either way; what it said goes
// with its marks; a scan answered after the script stopped paints nothing; scans of a page that
// keeps changing leave nothing registered with the script's context.

// Closed shadow roots made during the test, by host (the test reads the live region in one).
const roots = new Map<Element, ShadowRoot>();
const attach = Element.prototype.attachShadow;
vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
  const root = attach.call(this, init);
  roots.set(this, root);
  return root;
});
const layers = () => [...document.documentElement.children].filter((el) => el !== document.head && el !== document.body);

function setup(wrapCtx?: (ctx: ContentScriptContext) => ContentScriptContext) {
  const context = fakeContentContext();
  const ctx = wrapCtx ? wrapCtx(context.ctx) : context.ctx;
  const waiting: (() => void)[] = [];
  const client = {
    call: async (name: string, payload: { blocks?: string[] }) => {
      if (name !== 'findMentions') return ok({});
      return new Promise((resolve) =>
        waiting.push(() =>
          // After the script is stopped the runtime is gone: the call fails, as a real one would.
          resolve(
            !context.ctx.isValid
              ? err('Extension context invalidated.')
              : ok<FoundMentions>({
                  mentions: payload.blocks!.flatMap((text, block) => (text === CLAIM ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }] : [])),
                  related: [],
                  claims: { 'p/bridge': { id: 'bridge', text: CLAIM, verdict: 'false', summary: 'x', context: [], cues: { phrases: [], terms: [] }, packId: 'p', packTitle: 'P' } },
                }),
          ),
        ),
      );
    },
  } as unknown as Client;
  const host = { current: null as OpenCard | null, element: null, show() {}, hide() {}, guard() {} };
  provideOwnScript('/card-ui.js', { createCardHost: async () => host as unknown as CardHost });
  const controller = new PageController(ctx, client, { read: async () => NO_DISMISSALS, update: async () => 'kept' as const });
  const answer = async () => {
    for (let i = 0; i < 20; i++) {
      await tick();
      while (waiting.length) waiting.shift()!();
    }
  };
  return { controller, answer, stop: context.stop, pending: () => waiting.length };
}

let stop = () => {};
afterEach(() => {
  stop();
  for (const el of layers()) el.remove();
  roots.clear();
});

async function started(html: string, settings: Settings = DEFAULT_SETTINGS, wrapCtx?: (ctx: ContentScriptContext) => ContentScriptContext) {
  document.body.innerHTML = html;
  const page = setup(wrapCtx);
  stop = page.stop;
  const run = page.controller.start(settings);
  await page.answer();
  await run;
  return page;
}

describe('the marks layer', () => {
  it('is in the page from the start and put back when the page takes it out, whether Claimlight is on there or off', async () => {
    const backAfterRemoval = async (settings: Settings) => {
      const page = await started('<main><p>Nothing checked here.</p></main>', settings);
      const [layer] = layers();
      expect(layer).toBeDefined();
      layer!.remove();
      await sleep(1_200);
      const back = layer!.isConnected;
      page.stop();
      for (const el of layers()) el.remove();
      return back;
    };
    const on = await backAfterRemoval(DEFAULT_SETTINGS);
    const off = await backAfterRemoval({ ...DEFAULT_SETTINGS, enabled: false });
    expect({ on, off }).toEqual({ on: true, off: true });
  }, 10_000);

  it('says what there is to find once a page, not again after an anchor followed on it', async () => {
    const page = await started(`<main><div id="feed"><span id="ticker">0</span><p>${CLAIM}</p></div></main>`);
    const controller = page.controller as unknown as { painter: { announce(text: string): void } };
    const announce = vi.spyOn(controller.painter, 'announce');
    // The reader follows "Jump to comments": the same page, at another anchor; then a part changes.
    history.replaceState(null, '', '#comments');
    page.controller.navigated('push');
    document.getElementById('ticker')!.textContent = '1';
    await sleep(300);
    await page.answer();
    await sleep(300);
    await page.answer();
    expect(announce).not.toHaveBeenCalled();
    history.replaceState(null, '', location.pathname);
  });

  it('no longer says claims were found once Claimlight is switched off on the page', async () => {
    const page = await started(`<main><p>${CLAIM}</p></main>`);
    await sleep(50); // the announcement is written a frame later
    const [layer] = layers();
    const live = () => roots.get(layer!)!.querySelector('[role="status"]')!.textContent;
    expect(live()).toMatch(/1 claim found/);
    await page.controller.applySettings({ ...DEFAULT_SETTINGS, enabled: false });
    expect(layer!.isConnected).toBe(true);
    expect(live()).toBe('');
  });
});

describe('scans of the parts of a page that change', () => {
  it('paint no layer back when answered after the script was stopped', async () => {
    const page = await started(`<main><p>${CLAIM}</p><div id="feed"></div></main>`);
    expect(layers()).toHaveLength(1);
    document.getElementById('feed')!.innerHTML = '<p>Something new.</p>';
    await sleep(150);
    expect(page.pending()).toBe(1);
    page.stop();
    expect(layers()).toHaveLength(0);
    await page.answer();
    await sleep(100);
    expect(layers()).toHaveLength(0);
  });

  it('register nothing with the script\'s context, whose timers each keep a listener until the script ends', async () => {
    let registered = 0;
    const wrap = (ctx: ContentScriptContext) =>
      new Proxy(ctx, {
        get(target, key) {
          if (key === 'setTimeout')
            return (run: () => void, ms: number) => {
              registered++;
              return target.setTimeout(run, ms);
            };
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const page = await started(`<main><div id="feed"><span id="ticker">0</span><p>${CLAIM}</p></div></main>`, DEFAULT_SETTINGS, wrap);
    const before = registered;
    const ticker = document.getElementById('ticker')!;
    for (let i = 1; i <= 5; i++) {
      ticker.textContent = String(i);
      await sleep(120);
      await page.answer();
    }
    expect(registered - before).toBe(0);
  });
});
