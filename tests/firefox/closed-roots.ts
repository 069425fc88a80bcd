// Reads what Claimlight draws on a page in Firefox, driven over WebDriver BiDi by puppeteer-core.
// The marks and the card live in closed shadow roots that page script cannot enter; BiDi can hand
// them to a test (`includeShadowTree: 'all'`). Puppeteer keeps that option to itself, so the BiDi
// session under its page is used directly.
import type { Page } from 'puppeteer-core';

interface RemoteNode {
  type: string;
  sharedId?: string;
  value?: { shadowRoot?: { sharedId: string; value?: { mode?: string } } | null };
}

interface BidiSession {
  send(method: string, params: object): Promise<{ result: { result?: { type: string; value?: unknown }; exceptionDetails?: { text: string } } }>;
}

function bidiOf(page: Page): { session: BidiSession; context: string } {
  const frame = page.mainFrame() as unknown as { browsingContext: { id: string; defaultRealm: { session: BidiSession } } };
  return { session: frame.browsingContext.defaultRealm.session, context: frame.browsingContext.id };
}

/** Runs `fn(root, arg)` in every closed shadow root hosted by a child of the page's root element. */
export async function inClosedRoots<A, T>(page: Page, fn: (root: ShadowRoot, arg: A) => T, arg: A): Promise<Awaited<T>[]> {
  const { session, context } = bidiOf(page);
  const hosts = await session.send('script.callFunction', {
    functionDeclaration: '() => [...document.documentElement.children]',
    awaitPromise: false,
    target: { context },
    serializationOptions: { maxDomDepth: 0, maxObjectDepth: 1, includeShadowTree: 'all' },
    resultOwnership: 'none',
  });
  const out: Awaited<T>[] = [];
  for (const host of (hosts.result.result?.value ?? []) as RemoteNode[]) {
    const root = host.value?.shadowRoot;
    if (!root || root.value?.mode !== 'closed') continue;
    const called = await session.send('script.callFunction', {
      // Values go both ways as JSON text, which BiDi passes as one string.
      functionDeclaration: `async (root, json) => JSON.stringify((await (${fn.toString()})(root, JSON.parse(json))) ?? null)`,
      awaitPromise: true,
      target: { context },
      arguments: [{ sharedId: root.sharedId }, { type: 'string', value: JSON.stringify(arg) }],
      resultOwnership: 'none',
    });
    if (called.result.exceptionDetails) throw new Error(`in a closed root: ${called.result.exceptionDetails.text}`);
    out.push(JSON.parse(called.result.result!.value as string) as Awaited<T>);
  }
  return out;
}
