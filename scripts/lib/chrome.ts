/**
 * Finds a Chrome or Chromium to run the extension in: `CHROME_PATH` first, then the usual install
 * paths. Chromium comes before branded Chrome, which has ignored --load-extension since version 137.
 */
import { accessSync, constants, statSync } from 'node:fs';

const CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    // Debian's real binary; /usr/bin/chromium is a wrapper that adds a --load-extension of its own.
    '/usr/lib/chromium/chromium',
    '/usr/lib/chromium-browser/chromium-browser',
    '/snap/chromium/current/usr/lib/chromium-browser/chrome',
    '/usr/bin/chromium-browser',
    '/usr/bin/chromium',
    '/opt/google/chrome/chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    `${process.env.LOCALAPPDATA}\\Chromium\\Application\\chrome.exe`,
    `${process.env.PROGRAMFILES}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)']}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

/** The one line a user reads when no browser is found. */
export const NO_CHROME_MESSAGE =
  'No Chrome or Chromium found: install Chromium (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or set CHROME_PATH to its executable.';

/** A file that may be run: a folder passes the X_OK test too, and Playwright then failed with
 * "spawn EACCES" and a page of call log in every test. */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What is wrong with a browser path the user set (`name`, as CHROME_PATH), said after the one-line
 * advice; empty when the variable is not set. */
export function overrideNote(name: string): string {
  const value = process.env[name];
  return value ? ` (${name}=${value} is not an executable file)` : '';
}

/** The one line said when no Chrome or Chromium is found, with what is wrong with CHROME_PATH if
 * set. Where only CHROME_PATH is wrong (a bare "chromium", a path mistyped) and a browser is
 * installed, the line says so, and names the browser used without it: it advised installing
 * Chromium on a machine that had it. (A bare name is not looked up on PATH: Debian's
 * /usr/bin/chromium is a wrapper that adds a --load-extension of its own.) */
export function noChromeMessage(candidates: readonly string[] = CANDIDATES[process.platform] ?? []): string {
  const value = process.env.CHROME_PATH;
  const installed = value ? findExecutable(undefined, candidates) : null;
  if (value && installed) return `CHROME_PATH=${value} is not an executable file: set it to the browser's full path, or unset it to use ${installed}.`;
  return NO_CHROME_MESSAGE + overrideNote('CHROME_PATH');
}

/** `override` when set (and only if it can run), else the first of `candidates` that can run; `null` for none. */
export function findExecutable(override: string | undefined, candidates: readonly string[]): string | null {
  if (override) return isExecutable(override) ? override : null;
  return candidates.find(isExecutable) ?? null;
}

/** The browser executable to use, or `null` when none is installed. */
export function findChrome(): string | null {
  return findExecutable(process.env.CHROME_PATH, CANDIDATES[process.platform] ?? []);
}
