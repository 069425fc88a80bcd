/**
 * Firefox driven over Marionette, its own WebDriver Classic endpoint, for the extension's pages.
 *
 * Why not WebDriver BiDi, which drives the in-page cases (tests/firefox/core.test.ts)? Firefox's
 * BiDi leaves out every browsing context with an add-on principal ("extension contexts until we
 * support debugging webextensions", bug 1755014, in the remote agent's BrowsingContextUtils), so a
 * moz-extension:// page can be opened but never scripted. Marionette has no such filter. There is
 * no geckodriver in Debian and none can be downloaded here, so this speaks Marionette's wire
 * protocol itself: `length:json` frames over TCP, commands `[0, id, name, params]`, replies
 * `[1, id, error, result]`. Firefox allows one WebDriver session at a time, so a Marionette
 * session has the browser to itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The key WebDriver gives an element reference in a reply. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver's codes for keys that are not characters. */
export const Key = { ArrowDown: '\uE015', Enter: '\uE007' } as const;

export type ElementRef = { [ELEMENT_KEY]: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One Marionette connection: sends a command, resolves with its reply's value. */
export class MarionetteConnection {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private greeted!: Pending;
  private closedWith: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('Marionette closed the connection')));
  }

  /** Connects and waits for Marionette's greeting, `{"applicationType":"gecko",...}`. */
  static connect(port: number, timeout = 30_000): Promise<MarionetteConnection> {
    const connection = new MarionetteConnection(connect(port, '127.0.0.1'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        connection.close();
        reject(new Error(`Marionette on port ${port} sent no greeting within ${timeout} ms`));
      }, timeout);
      connection.greeted = {
        resolve: () => {
          clearTimeout(timer);
          resolve(connection);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /**
   * Sends a command; rejects with Marionette's error as `name: message`, or when no reply comes
   * within `timeout` ms (a Firefox that hangs must fail the test, not stall it).
   */
  send<T = unknown>(name: string, params: Record<string, unknown> = {}, timeout = 60_000): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
    this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body]));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Marionette did not answer ${name} within ${timeout} ms`));
      }, timeout);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const message: unknown = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(colon + 1 + length);
      if (!Array.isArray(message)) {
        this.greeted.resolve(message);
        continue;
      }
      const [, id, error, result] = message as [1, number, { error: string; message: string } | null, unknown];
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiting?.reject(new Error(`${error.error}: ${error.message}`));
      else waiting?.resolve(result);
    }
  }

  private fail(error: Error): void {
    this.closedWith ??= error;
    this.greeted?.reject(error);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** How to start Firefox: preferences beyond the test profile's own, and whether the add-on may
 * run in private windows (Firefox asks the user; an add-on installed for tests is not allowed). */
export interface LaunchOptions {
  prefs?: Record<string, string | number | boolean>;
  allowPrivateBrowsing?: boolean;
}

/** A Firefox with the built extension installed as a temporary add-on, driven over Marionette. */
export class FirefoxSession {
  /** The implicit wait Marionette has been told, so `find` sets it only when it changes. */
  private implicitWait = 0;

  private constructor(
    private readonly process: ChildProcess,
    private readonly profile: string,
    readonly marionette: MarionetteConnection,
    /** The extension's origin, e.g. `moz-extension://<uuid>/`, fixed for this session. */
    readonly extensionOrigin: string,
  ) {}

  /**
   * Starts `executable` headless on a fresh profile and installs `extensionDir`. The profile pins
   * the add-on's internal UUID, so the extension's pages have a known address.
   */
  static async launch(executable: string, extensionDir: string, options: LaunchOptions = {}): Promise<FirefoxSession> {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
    const addonId = manifest.browser_specific_settings?.gecko?.id;
    if (!addonId) throw new Error(`${extensionDir}/manifest.json has no gecko id`);
    const uuid = randomUUID();
    const profile = mkdtempSync(join(tmpdir(), 'claimlight-firefox-'));
    let child: ChildProcess | undefined;
    let marionette: MarionetteConnection | undefined;
    try {
      const prefs: Record<string, string | number | boolean> = {
        // Port 0: Marionette picks a free port and writes it to MarionetteActivePort in the profile.
        'marionette.port': 0,
        'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
        'browser.shell.checkDefaultBrowser': false,
        'browser.startup.homepage_override.mstone': 'ignore',
        'datareporting.policy.dataSubmissionEnabled': false,
        'app.update.disabledForTesting': true,
        ...options.prefs,
      };
      writeFileSync(join(profile, 'user.js'), Object.entries(prefs).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`).join(''));
      // --remote-allow-system-access lets a WebDriver session navigate to moz-extension:// pages.
      child = spawn(executable, ['--headless', '--marionette', '--remote-allow-system-access', '--no-remote', '--profile', profile, 'about:blank'], { stdio: 'ignore' });
      // A missing or unrunnable executable is reported as an 'error' event, not a throw.
      let startError: Error | null = null;
      child.once('error', (e) => (startError = new Error(`Could not start Firefox (${executable}): ${e.message}`)));
      const port = await activePort(child, profile, () => startError);
      marionette = await MarionetteConnection.connect(port);
      await marionette.send('WebDriver:NewSession', { capabilities: {} }, 30_000);
      await marionette.send('Addon:Install', { path: resolve(extensionDir), temporary: true, ...(options.allowPrivateBrowsing ? { allowPrivateBrowsing: true } : {}) }, 30_000);
      return new FirefoxSession(child, profile, marionette, `moz-extension://${uuid}/`);
    } catch (error) {
      marionette?.close();
      await stopFirefox(child, profile, 0);
      throw error;
    }
  }

  /** Loads `url` in the current tab and waits for it. */
  async navigate(url: string): Promise<void> {
    await this.marionette.send('WebDriver:Navigate', { url });
  }

  /** Opens a new tab and makes it current. */
  async newTab(): Promise<void> {
    const { handle } = await this.marionette.send<{ handle: string }>('WebDriver:NewWindow', { type: 'tab' });
    await this.marionette.send('WebDriver:SwitchToWindow', { handle });
  }

  /** The first element matching `selector`, waiting up to `timeout` ms for one to appear. */
  async find(selector: string, timeout = 10_000): Promise<ElementRef> {
    if (timeout !== this.implicitWait) {
      await this.marionette.send('WebDriver:SetTimeouts', { implicit: timeout });
      this.implicitWait = timeout;
    }
    const { value } = await this.marionette.send<{ value: ElementRef }>('WebDriver:FindElement', { using: 'css selector', value: selector });
    return value;
  }

  /** Types into an element as a user would; for a file input, `text` is the file's path. */
  async type(element: ElementRef, text: string): Promise<void> {
    await this.marionette.send('WebDriver:ElementSendKeys', { id: element[ELEMENT_KEY], text });
  }

  async click(element: ElementRef): Promise<void> {
    await this.marionette.send('WebDriver:ElementClick', { id: element[ELEMENT_KEY] });
  }

  /** Runs `body` (a function body; `arguments` holds `args`) in the current page and returns its value. */
  async run<T>(body: string, ...args: unknown[]): Promise<T> {
    const { value } = await this.marionette.send<{ value: T }>('WebDriver:ExecuteScript', { script: body, args });
    return value;
  }

  /**
   * Runs `body` once for each shadow root hosted by a child of the page's root element (where
   * Claimlight draws), closed ones included: WebDriver hands a test any element's shadow root,
   * which page script cannot get. `arguments[0]` is the root, `arguments[1]` the `arg`.
   */
  async runInShadowRoots<T>(body: string, arg: unknown = null): Promise<T[]> {
    // Marionette answers FindElements with the list itself, GetShadowRoot with `{ value }`.
    const found = await this.marionette.send<ElementRef[] | { value: ElementRef[] }>('WebDriver:FindElements', { using: 'css selector', value: ':root > *' });
    const hosts = Array.isArray(found) ? found : found.value;
    const out: T[] = [];
    for (const host of hosts) {
      const root = await this.marionette.send<{ value?: Record<string, string> } | Record<string, string>>('WebDriver:GetShadowRoot', { id: host[ELEMENT_KEY] }).catch(() => null);
      const ref = root && 'value' in root ? root.value : root;
      if (ref) out.push(await this.run<T>(body, ref, arg));
    }
    return out;
  }

  /** Polls `body` in the current page until it returns something truthy, and returns that. */
  async waitFor<T>(body: string, timeout = 10_000, ...args: unknown[]): Promise<T> {
    const deadline = Date.now() + timeout;
    let last: T | undefined;
    while (Date.now() < deadline) {
      last = await this.run<T>(body, ...args);
      if (last) return last;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`Timed out after ${timeout} ms waiting for: ${body} (last value: ${JSON.stringify(last)})`);
  }

  /** Quits Firefox and removes its profile; kills Firefox if it has not quit within a few seconds. */
  async close(): Promise<void> {
    const stopped = stopFirefox(this.process, this.profile, 5_000);
    await this.marionette.send('Marionette:Quit', { flags: ['eForceQuit'] }, 5_000).catch(() => undefined);
    this.marionette.close();
    await stopped;
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Waits up to `grace` ms for Firefox to exit, kills it if it has not, then removes its profile. A
 * leftover profile is only reported: it must not hide the error that brought us here.
 */
async function stopFirefox(child: ChildProcess | undefined, profile: string, grace: number): Promise<void> {
  if (child && child.pid !== undefined && !hasExited(child)) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const killer = setTimeout(() => child.kill('SIGKILL'), grace);
    await exited;
    clearTimeout(killer);
  }
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    console.warn(`Could not remove the Firefox profile ${profile}: ${(e as Error).message}`);
  }
}

/** Waits for Firefox to write the port Marionette listens on; fails if Firefox could not start or exits first. */
async function activePort(child: ChildProcess, profile: string, startError: () => Error | null, timeout = 30_000): Promise<number> {
  const file = join(profile, 'MarionetteActivePort');
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const failed = startError();
    if (failed) throw failed;
    if (hasExited(child)) throw new Error(`Firefox exited (${child.exitCode ?? child.signalCode}) before Marionette started`);
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8'));
      if (port > 0) return port;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`Marionette did not start within ${timeout} ms`);
}
