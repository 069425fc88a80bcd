/**
 * The content script is a small loader; its work is in scripts of the extension's own that it
 * imports as modules into its world: `content-main.js` (reading the page, the marks, the popup's
 * and the background's messages) at once, and `card-ui.js` (Preact, the card components,
 * @floating-ui/dom, the shadow-root layer) when the pointer first comes onto a mark or a card
 * first opens.
 *
 * Why: Chrome caches no compiled code for a content script, and compiles it on the page's main
 * thread in the task that starts it, on every page. A module imported from the extension is parsed
 * on a background thread the first time and read from V8's code cache after that, and it runs in a
 * task of its own. The card's code waits until the pointer first comes onto a mark: a reader who
 * only reads never loads it. For the same reason the loader is built without the polyfill's
 * wrapper around `browser` (wxt.config.ts): it needs no promise from it.
 *
 * Each script leaves what it provides on the global object of the world it runs in, which is this
 * content script's: page script runs in another world and can neither see nor replace it. The
 * files are web-accessible: a page may fetch them, which tells it only that Claimlight is
 * installed, as WXT's start message (posted to every page) does already; imported by page script,
 * they stop at once (the browser API's polyfill finds no extension).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardHost } from './card-host';

/** What each script provides, by its path in the build (listed in web_accessible_resources). */
export interface OwnScripts {
  '/content-main.js': { start(ctx: ContentScriptContext): Promise<void> };
  '/card-ui.js': { createCardHost(ctx: ContentScriptContext): Promise<CardHost> };
}
export type OwnScriptPath = keyof OwnScripts;

/** The global property holding what the scripts provided. */
const KEY = '__claimlightScripts';

function provided(): { [P in OwnScriptPath]?: OwnScripts[P] } {
  const world = globalThis as typeof globalThis & { [KEY]?: { [P in OwnScriptPath]?: OwnScripts[P] } };
  return (world[KEY] ??= {});
}

/** Called by each script as it runs. */
export function provideOwnScript<P extends OwnScriptPath>(path: P, value: OwnScripts[P]): void {
  provided()[path] = value;
}

/** Loads one of the scripts once and returns what it provides; rejects if it cannot be loaded (the
 * extension was updated or removed under the page, or the file is missing from the build). */
export async function loadOwnScript<P extends OwnScriptPath>(path: P): Promise<OwnScripts[P]> {
  const loaded = provided()[path];
  if (loaded) return loaded;
  await import(/* @vite-ignore */ browser.runtime.getURL(path));
  const value = provided()[path];
  if (!value) throw new Error(`${path} ran but provided nothing`);
  return value;
}
