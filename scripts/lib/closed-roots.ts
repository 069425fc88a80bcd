/**
 * Reads what Claimlight draws on a page, from the program driving the browser. The marks and the
 * card live in closed shadow roots, which page script cannot enter, and neither can Playwright's
 * locators; the DevTools protocol can (DOM.getDocument with `pierce`). Each function given here
 * runs in the page with one of Claimlight's roots as its first argument, and returns a value.
 */
import type { CDPSession, ElementHandle, Page } from 'playwright-core';

/** A mark as drawn: its verdict, the text it is on, and its boxes in viewport coordinates. */
export interface DrawnMark {
  verdict: string;
  text: string;
  /** Drawn with a faint line: a verdict the reader did not choose to mark. */
  faint: boolean;
  boxes: { x: number; y: number; width: number; height: number }[];
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function sessionFor(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

interface DomNode {
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
}

/** Runs `fn(root, arg)` in every closed shadow root hosted by a child of the page's root element
 * (where Claimlight puts its layers), and gives back the results. */
export async function inClosedRoots<A, T>(page: Page, fn: (root: ShadowRoot, arg: A) => T, arg: A): Promise<Awaited<T>[]> {
  return callInClosedRoots(page, `function (arg) { return (${fn.toString()})(this, arg); }`, arg);
}

/** The closed shadow roots hosted by children of the page's root element, as protocol object ids. */
async function closedRoots(page: Page): Promise<{ cdp: CDPSession; roots: string[] }> {
  const cdp = await sessionFor(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: 2, pierce: true })) as { root: DomNode };
  const hosts = (root.children ?? []).flatMap((child) => child.children ?? []);
  const roots: string[] = [];
  for (const host of hosts) {
    const shadow = host.shadowRoots?.find((r) => r.shadowRootType === 'closed');
    if (!shadow) continue;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    roots.push(object.objectId!);
  }
  return { cdp, roots };
}

/** Calls a function declaration with each closed root as `this`. */
async function callInClosedRoots<T>(page: Page, functionDeclaration: string, arg: unknown): Promise<T[]> {
  const { cdp, roots } = await closedRoots(page);
  const out: T[] = [];
  for (const objectId of roots) {
    const result = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (result.exceptionDetails) throw new Error(`in a closed root: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    out.push(result.result.value as T);
  }
  return out;
}

/** Every mark on the page, the keyboard focus's excluded. */
export async function drawnMarks(page: Page): Promise<DrawnMark[]> {
  const perRoot = await inClosedRoots(
    page,
    (root) =>
      [...root.querySelectorAll<HTMLElement>('.mark[data-verdict]')].map((mark) => ({
        verdict: mark.dataset.verdict!,
        text: mark.dataset.text!,
        faint: mark.hasAttribute('data-faint'),
        // Boxes the reader sees: a hidden mark's have no size.
        boxes: [...mark.children]
          .map((box) => {
            const r = box.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          })
          .filter((box) => box.width > 0 && box.height > 0),
      })),
    null,
  );
  return perRoot.flat();
}

/** The text under the keyboard focus's mark, or null. */
export async function focusedMarkText(page: Page): Promise<string | null> {
  const perRoot = await inClosedRoots(page, (root) => root.querySelector<HTMLElement>('.focus')?.dataset.text ?? null, null);
  return perRoot.find((text) => text !== null) ?? null;
}

/** Runs `fn(card, arg)` on the open card, or gives null when no card is open. */
export async function inCard<A, T>(page: Page, fn: (card: HTMLElement, arg: A) => T, arg: A): Promise<Awaited<T> | null> {
  const perRoot = await callInClosedRoots<{ found: boolean; value: unknown }>(
    page,
    `async function (arg) { const card = this.querySelector('.claimlight-card'); return card ? { found: true, value: await (${fn.toString()})(card, arg) } : { found: false, value: null }; }`,
    arg,
  );
  const hit = perRoot.find((r) => r.found);
  return hit ? (hit.value as Awaited<T>) : null;
}

/** The text of Claimlight's live region, which says to screen readers what the page has. */
export async function announcement(page: Page): Promise<string> {
  const perRoot = await inClosedRoots(page, (root) => root.querySelector('[aria-live]')?.textContent ?? null, null);
  return perRoot.find((text) => text !== null) ?? '';
}

/**
 * The open card as a Playwright element handle (clicks, focus, boxes, `$` queries), or null. The
 * handle is passed over through a property of the page's window under a random name, deleted as
 * soon as it is read: only a test that asks for the card exposes it, and only for that instant.
 */
export async function cardHandle(page: Page): Promise<ElementHandle<HTMLElement> | null> {
  const { cdp, roots } = await closedRoots(page);
  for (const objectId of roots) {
    const key = `__claimlightTest${Math.random().toString(36).slice(2)}`;
    await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: 'function (key) { window[key] = this.querySelector(".claimlight-card"); }',
      arguments: [{ value: key }],
    });
    const handle = await page.evaluateHandle((k) => {
      const found = (window as unknown as Record<string, HTMLElement | null>)[k] ?? null;
      delete (window as unknown as Record<string, unknown>)[k];
      return found;
    }, key);
    const element = handle.asElement() as ElementHandle<HTMLElement> | null;
    if (element) return element;
    await handle.dispose();
  }
  return null;
}
