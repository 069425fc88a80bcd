/**
 * The card's code (Preact, the card components, @floating-ui/dom, the shadow-root layer) is a
 * script of its own, `card-ui.js`, loaded when the pointer first comes onto a mark (the rest
 * before a preview opens hides the load) or when a card first opens. Chrome caches no compiled
 * code for content scripts, so every page a reader opens parses all of content.js in the task that
 * starts it, before a single mark: without the card's code that script is about half as long, and
 * a reader who never opens a card never parses the card at all.
 *
 * The script is imported as a module into this content script's own world, where it leaves its
 * entry point under `CARD_UI_KEY` on the global object. Page script runs in another world and
 * cannot see it or replace it. The file is web-accessible (pages may fetch it; that it exists says
 * only that Claimlight is installed, which its marks say anyway).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardHost } from './card-host';

/** What `card-ui.js` gives the content script. */
export interface CardUi {
  createCardHost(ctx: ContentScriptContext): Promise<CardHost>;
}

/** The global property `card-ui.js` sets: in the content script's world, never the page's. */
export const CARD_UI_KEY = '__claimlightCardUi';

/** The built script's path in the extension, as listed in the manifest's web_accessible_resources. */
export const CARD_UI_PATH = '/card-ui.js';

type WithCardUi = typeof globalThis & { [CARD_UI_KEY]?: CardUi };

/** Called by `card-ui.js` as it runs. */
export function provideCardUi(ui: CardUi): void {
  (globalThis as WithCardUi)[CARD_UI_KEY] = ui;
}

/** Loads `card-ui.js` once and returns what it provides; rejects if it cannot be loaded (the
 * extension was updated or removed under the page, or the file is missing from the build). */
export async function loadCardUi(): Promise<CardUi> {
  const loaded = (globalThis as WithCardUi)[CARD_UI_KEY];
  if (loaded) return loaded;
  await import(/* @vite-ignore */ browser.runtime.getURL(CARD_UI_PATH));
  const ui = (globalThis as WithCardUi)[CARD_UI_KEY];
  if (!ui) throw new Error(`${CARD_UI_PATH} ran but provided no card`);
  return ui;
}
