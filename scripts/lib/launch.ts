/**
 * Starts Chromium with the built extension loaded, in a fresh profile, through playwright-core.
 * Used by `npm start` and the real-browser tests, so both run the extension the same way.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { findChrome, noChromeMessage } from './chrome';

/** The built Chrome extension. */
export const CHROME_BUILD_DIR = resolve('.output/chrome-mv3');

/** A browser with Claimlight loaded. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Options for `launchWithExtension`. */
export interface LaunchOptions {
  headless?: boolean;
  /** The browser's locale (how it writes dates); the system's when absent. */
  locale?: string;
  /** The unpacked extension to load; the Chrome build by default. */
  extensionDir?: string;
  /** Device pixels per CSS pixel, as a screen's scaling or the browser's zoom sets it; 1 when absent. */
  deviceScaleFactor?: number;
  /** Host names resolved to 127.0.0.1 (`--host-resolver-rules`), so that a page can be served
   * from an origin that is not the loopback's: one on plain http is then not a secure context. */
  localHosts?: readonly string[];
  /** The browser's own preferences, as its settings page writes them in the profile (a reader's
   * default text size: `{ webkit: { webprefs: { default_font_size: 32 } } }`). */
  preferences?: Record<string, unknown>;
  /** How long to wait for the extension's background to start, in ms; 15 s when absent. */
  startTimeout?: number;
}

/** Google Chrome's own builds, not Chromium nor Chrome for Testing: since version 137 they ignore
 * --load-extension. */
const BRANDED_CHROME = /google-chrome|[\\/]Google Chrome\.app[\\/]|[\\/]Google[\\/]Chrome[\\/]Application[\\/]|^\/opt\/google\/chrome\//;

/** The one line said when the browser starts but the extension's background never does. A
 * branded Chrome started and then waited fifteen seconds to say only "Timeout 15000ms exceeded
 * while waiting for event serviceworker", in `npm start` and in every browser test. */
export function extensionNotLoadedMessage(executablePath: string, extensionDir: string, seconds: number): string {
  if (BRANDED_CHROME.test(executablePath) && !/for Testing/i.test(executablePath)) {
    return `${executablePath} is Google Chrome, which since version 137 ignores --load-extension: install Chromium (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or Chrome for Testing, and set CHROME_PATH to it.`;
  }
  return `${executablePath} started but did not load the extension in ${extensionDir} within ${seconds} s: check that the build is whole (\`npm run build\`) and that the browser is Chromium.`;
}

/** The flags every Chromium Claimlight starts needs here, with or without the extension. */
export const CHROMIUM_ARGS: readonly string[] = [
  // Chromium refuses to start its sandbox as root (CI and containers run as root).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  // No network but loopback here: without these, Chromium keeps trying Google's hosts.
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Launches Chromium with the extension; throws with one line of advice when the extension is not
 * built or no browser is installed. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? CHROME_BUILD_DIR;
  // Without a build, Chromium starts with no extension and the wait for its service worker times
  // out fifteen seconds later with nothing to say why.
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  const executablePath = findChrome();
  if (!executablePath) throw new Error(noChromeMessage());
  const profile = mkdtempSync(join(tmpdir(), 'claimlight-profile-'));
  if (options.preferences) {
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(options.preferences));
  }
  // A launch that fails (no display, a browser that is not Chromium) leaves no profile behind.
  const dropProfile = () => rmSync(profile, { recursive: true, force: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: options.headless ?? true,
      viewport: { width: 1280, height: 800 },
      ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS, ...(options.locale ? [`--lang=${options.locale}`] : []), ...(options.localHosts?.length ? [`--host-resolver-rules=${options.localHosts.map((host) => `MAP ${host} 127.0.0.1`).join(',')}`] : [])],
    });
  } catch (e) {
    dropProfile();
    throw e;
  }
  let serviceWorker: Worker;
  try {
    const timeout = options.startTimeout ?? 15_000;
    serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout }).catch((e: unknown) => {
      throw e instanceof Error && e.name === 'TimeoutError' ? new Error(extensionNotLoadedMessage(executablePath, extensionDir, timeout / 1000)) : e;
    }));
  } catch (e) {
    await context.close().catch(() => undefined);
    dropProfile();
    throw e;
  }
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      dropProfile();
    },
  };
}

/** What the content script reported to the background, per tab (kept in `storage.session`). */
export async function tabsWithContentScript(serviceWorker: Worker): Promise<{ url: string; startedAt: number }[]> {
  return serviceWorker.evaluate(async () => {
    const all = await chrome.storage.session.get(null);
    return Object.entries(all)
      .filter(([key]) => key.startsWith('claimlight:tab:'))
      .map(([, value]) => value as { url: string; startedAt: number });
  });
}

/** The id of the newest tab whose content script reported from this URL (one page may be open in
 * several tabs). Read from the background: the tabs API hides URLs without the tabs permission. */
export async function tabIdShowing(serviceWorker: Worker, url: string): Promise<number> {
  return serviceWorker.evaluate(async (url) => {
    const reports = await chrome.storage.session.get(null);
    const [key] = Object.keys(reports)
      .filter((k) => k.startsWith('claimlight:tab:') && (reports[k] as { url: string }).url === url)
      .sort((a, b) => (reports[b] as { startedAt: number }).startedAt - (reports[a] as { startedAt: number }).startedAt);
    if (!key) throw new Error(`no content script has reported from ${url}`);
    return Number(key.slice('claimlight:tab:'.length));
  }, url);
}
