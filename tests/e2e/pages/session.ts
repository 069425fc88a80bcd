// The browser and page server a real-browser test file shares: started before its tests, closed after.
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, tabIdShowing, type ExtensionBrowser, type LaunchOptions } from '../../../scripts/lib/launch';
import { serveDirectory, type StaticServer } from '../../../scripts/lib/serve';
import { NewsPage } from './news-page';

export interface ExtensionSession {
  /** Chromium with the built extension; set once the file's first beforeAll has run. */
  browser: ExtensionBrowser;
  /** Serves the file's pages on 127.0.0.1. */
  server: StaticServer;
  /** Opens one of the served pages in a new tab; `prepare` runs on the tab before it loads the
   * page (an init script that restyles the page before the content script sees it). */
  open(path: string, prepare?: (page: Page) => Promise<unknown>): Promise<NewsPage>;
  /** The uncaught errors of every page `open` opened, as "path: message". */
  pageErrors: string[];
  /** The browser's id for the tab showing this page. */
  tabIdOf(page: Page): Promise<number>;
}

/**
 * Registers the hooks that start and stop one session for the calling test file. `root` is the
 * folder to serve, or a function that makes it (run in the hook, not when the file loads). Hooks
 * the file registers afterwards run after the session has started. `launch` adds to the browser's
 * options (a device scale, say).
 */
export function useExtensionSession(root: string | (() => string), launch: LaunchOptions = {}): ExtensionSession {
  const session = {
    pageErrors: [] as string[],
    async open(path: string, prepare?: (page: Page) => Promise<unknown>) {
      const page = await session.browser.context.newPage();
      page.on('pageerror', (error) => session.pageErrors.push(`${path}: ${error.message}`));
      await prepare?.(page);
      await page.goto(session.server.url + path);
      return new NewsPage(page);
    },
    tabIdOf: (page: Page) => tabIdShowing(session.browser.serviceWorker, page.url()),
  } as ExtensionSession;
  beforeAll(async () => {
    session.server = await serveDirectory(typeof root === 'function' ? root() : root);
    // One locale for what the tests read: dates follow the browser's (lib/partial-date.ts).
    session.browser = await launchWithExtension({ locale: 'en-GB', ...launch });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}
