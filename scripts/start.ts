// `npm start`: builds Claimlight, serves the demo news page on 127.0.0.1 and opens Chromium with the
// extension loaded on it. With no display it runs headless, prints what the extension loaded and
// saves a screenshot. Flags: --headless (force), --no-build (use the existing .output build).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChrome, noChromeMessage } from './lib/chrome';
import { endQuietlyOnClosedPipe } from './lib/closed-pipe';
import { drawnMarks } from './lib/closed-roots';
import { launchWithExtension, tabsWithContentScript, type ExtensionBrowser } from './lib/launch';
import { serveDirectory } from './lib/serve';

const USAGE = 'usage: npm start -- [--headless] [--no-build]';
const FLAGS = new Set(['--headless', '--no-build']);
const args = new Set(process.argv.slice(2));
// A mistyped flag ("--no-bulid") was ignored, and a full build and launch followed.
for (const arg of args) {
  if (arg === '-h' || arg === '--help') {
    console.log(USAGE);
    process.exit(0);
  }
  if (!FLAGS.has(arg)) {
    console.error(`npm start: unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  }
}
/** The browser while it runs: closed (its profile deleted) when the command is stopped. */
let running: ExtensionBrowser | null = null;
/** Set once the command is being stopped: what closing the browser does to the run under way (its
 * page closed under it) is not reported as the command's failure. */
let stopping = false;
const stop = async () => {
  stopping = true;
  await running?.close().catch(() => undefined);
};
// A reader gone (`npm start | head -1`), or Ctrl+C: the browser is closed first.
endQuietlyOnClosedPipe(stop);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().finally(() => process.exit(130)));
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const headless = args.has('--headless') || !hasDisplay;
const screenshotPath = resolve('.output/screenshots/demo.png');

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 100));
  }
  return undefined;
}

async function main(): Promise<number> {
  if (!findChrome()) {
    console.error(noChromeMessage());
    return 1;
  }
  if (!args.has('--no-build')) execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

  const server = await serveDirectory('tests/fixtures/demo');
  const browser = await launchWithExtension({ headless });
  running = browser;
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const summary = await options.getByTestId('store-summary').filter({ hasText: /claims in/ }).textContent({ timeout: 10_000 });
    const packs = await options.locator('.pack-list .pack-title').allTextContents();
    await options.close();
    const ran = await waitFor(async () => (await tabsWithContentScript(browser.serviceWorker)).find((t) => t.url === server.url), 10_000);

    console.log(`Claimlight is running in Chromium${headless ? ' (headless: no display)' : ''}, on the demo page ${server.url}`);
    console.log(`  fact store: ${summary}${packs.length ? ` (${packs.join('; ')})` : ''}`);
    console.log(`  content script: ${ran ? 'ran on the demo page' : 'did NOT report from the demo page'}`);
    // The marks are drawn in a closed shadow root: read over the DevTools protocol.
    const marks = await waitFor(async () => {
      const drawn = await drawnMarks(page);
      return drawn.length ? drawn.map((m) => `[${m.verdict}] ${m.text}`) : undefined;
    }, 10_000) ?? [];
    console.log(`  mentions marked: ${marks.length}`);
    for (const mark of marks) console.log(`    ${mark.length > 140 ? `${mark.slice(0, 139)}…` : mark}`);

    if (headless) {
      mkdirSync(resolve('.output/screenshots'), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: false });
      console.log(`  screenshot: ${screenshotPath}`);
      return ran && marks.length > 0 ? 0 : 1;
    }
    console.log('Close the browser window to stop.');
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    return 0;
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

/** Why the browser did not start, in a line: Chromium's own reason where it gave one that a user can act on. */
function failure(error: unknown): string {
  const message = (error as Error).message;
  if (/Missing X server|\$DISPLAY|cannot open display/i.test(message)) {
    return `Chromium could not open a window: DISPLAY=${process.env.DISPLAY ?? ''} names no display it can reach. Run \`npm start -- --headless\`, or unset DISPLAY.`;
  }
  return message.split('\n')[0]!;
}

main().then(
  (code) => stopping || process.exit(code),
  (error: unknown) => {
    if (stopping) return;
    console.error(`npm start failed: ${failure(error)}`);
    process.exit(1);
  },
);
