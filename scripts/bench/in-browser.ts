/**
 * The in-page budgets of issue #5, measured in Chromium: the same page is loaded with and without
 * the extension, and the differences are what Claimlight costs the page: long tasks (50 ms or
 * more), main-thread task time, layout shift, and heap (the content script's memory).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { drawnMarks } from '../lib/closed-roots';
import { CHROMIUM_ARGS, launchWithExtension, tabIdShowing } from '../lib/launch';
import { serveDirectory } from '../lib/serve';
import { findChrome } from '../lib/chrome';

/** What one page load cost. */
export interface LoadFigures {
  longTasks: number[];
  /** The longest gap between two ticks of a 10 ms timer after the load event. */
  stallMs: number;
  layoutShift: number;
  taskMs: number;
  scriptMs: number;
  heapBytes: number;
  marks: number;
  /** Main-thread task time while the page is scrolled through, 300 px a frame for 40 frames:
   * what following the text costs the marks, which are measured again as the page scrolls. */
  scrollTaskMs: number;
  /** The longest frame of that scroll. */
  scrollFrameMs: number;
}

// The long-task observer missed a 3-second stall on a million-node page (the style recalculation
// after Claimlight adopted a stylesheet), so a heartbeat also measures stalls as the page feels
// them: a 10 ms timer from the load event on, and the longest gap between two of its ticks.
const OBSERVE = `
  window.__claimlightBench = { longTasks: [], shift: 0, stall: 0 };
  addEventListener('load', () => {
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      window.__claimlightBench.stall = Math.max(window.__claimlightBench.stall, now - last);
      last = now;
    }, 10);
  });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__claimlightBench.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__claimlightBench.shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
`;

async function measure(context: BrowserContext, url: string, expectMarks: boolean): Promise<LoadFigures> {
  const page = await context.newPage();
  await page.addInitScript(OBSERVE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  if (expectMarks) {
    const end = Date.now() + 20_000;
    while (!(await drawnMarks(page)).length) {
      if (Date.now() > end) throw new Error(`no marks on ${url}`);
      await page.waitForTimeout(20);
    }
  }
  // Let idle work (the observer, the badge) finish.
  await page.waitForTimeout(1_500);
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const observed = await page.evaluate(() => (window as unknown as { __claimlightBench: { longTasks: number[]; shift: number; stall: number } }).__claimlightBench);
  // As text: tsx names inner functions with a helper the page does not have.
  const scrollFrameMs = (await page.evaluate(`new Promise((done) => {
    let frames = 0, last = performance.now(), longest = 0;
    requestAnimationFrame(function step() {
      const now = performance.now();
      if (frames) longest = Math.max(longest, now - last);
      last = now;
      window.scrollBy(0, 300);
      if (++frames < 40) requestAnimationFrame(step);
      else done(longest);
    });
  })`)) as number;
  await page.waitForTimeout(300);
  const scrolled = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const marks = (await drawnMarks(page)).length;
  await page.close();
  return {
    longTasks: observed.longTasks, stallMs: observed.stall, layoutShift: observed.shift, taskMs: metrics.TaskDuration! * 1000, scriptMs: metrics.ScriptDuration! * 1000, heapBytes: usedSize, marks,
    scrollTaskMs: (scrolled.TaskDuration! - metrics.TaskDuration!) * 1000, scrollFrameMs,
  };
}

const RUNS = 3;

function medianLoad(loads: LoadFigures[]): LoadFigures {
  const median = (pick: (l: LoadFigures) => number) => loads.map(pick).sort((a, b) => a - b)[loads.length >> 1]!;
  return {
    longTasks: loads.flatMap((l) => l.longTasks),
    stallMs: Math.max(...loads.map((l) => l.stallMs)),
    layoutShift: Math.max(...loads.map((l) => l.layoutShift)),
    taskMs: median((l) => l.taskMs),
    scriptMs: median((l) => l.scriptMs),
    heapBytes: median((l) => l.heapBytes),
    marks: median((l) => l.marks),
    scrollTaskMs: median((l) => l.scrollTaskMs),
    scrollFrameMs: Math.max(...loads.map((l) => l.scrollFrameMs)),
  };
}

/** Imports a pack of 10,000 claims through the settings page's import port, imports it again over itself, then deletes it; returns each time. */
export async function measureImport(claims: { id: string; text: string }[]): Promise<{ ms: number; stored: number; replaceMs: number; deleteMs: number }> {
  const extension = await launchWithExtension();
  try {
    const page = await extension.context.newPage();
    await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
    const pack = {
      format: 'claimlight-pack', formatVersion: 1, id: 'checkthat-2020', title: 'CheckThat! 2020 claims', version: '1', publisher: 'Snopes via CheckThat!', language: 'en', created: '2026-11-25',
      claims: claims.map((c) => ({ id: `v${c.id}`, text: c.text.slice(0, 2000), verdict: 'unrated', summary: 'A claim checked by Snopes.', context: [] })),
    };
    const text = JSON.stringify(pack);
    // The settings page's own paths: the import port, then the deletePack message.
    const importOnce = () =>
      page.evaluate(
        (text) =>
          new Promise<{ ms: number; stored: number }>((resolve, reject) => {
            const start = performance.now();
            const port = chrome.runtime.connect({ name: 'claimlight:import' });
            port.onMessage.addListener((event: { kind: string; result?: { ok: boolean; value?: { claimCount: number }; error?: { message: string } } }) => {
              if (event.kind !== 'done') return;
              if (event.result?.ok) resolve({ ms: performance.now() - start, stored: event.result.value!.claimCount });
              else reject(new Error(event.result?.error?.message));
            });
            port.postMessage({ text, fileName: 'checkthat.json' });
          }),
        text,
      );
    const first = await importOnce();
    const replaced = await importOnce();
    const deleteMs = await page.evaluate(async (packId) => {
      const start = performance.now();
      const reply = (await chrome.runtime.sendMessage({ type: 'claimlight:deletePack', payload: { packId } })) as { ok: boolean; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error?.message);
      return performance.now() - start;
    }, pack.id);
    return { ...first, replaceMs: replaced.ms, deleteMs };
  } finally {
    await extension.close();
  }
}

/** One trace event of Chromium's timeline, as far as the attribution below reads it. */
interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  ts: number;
  dur?: number;
  /** The time the thread was on a CPU during the event (a thread waiting for a core is not). */
  tdur?: number;
  args?: { name?: string; data?: { url?: string } };
}

/** One main-thread task that ran Claimlight's script: how long it took, and how much of that was
 * Claimlight's script itself (compiling, evaluating or calling into it) rather than the style,
 * layout and paint the same task did for the page. */
export interface TracedTask {
  ms: number;
  scriptMs: number;
  /** How much of the task the main thread was on a CPU: on a machine with few cores, a task is
   * long by the clock partly because the thread waited for one (the browser starting, the
   * extension's background matching), which the page's own tasks meet as well. Null where the
   * trace gives no thread time: the clock's figure would pass for one. */
  cpuMs: number | null;
}

/**
 * The main-thread tasks of one traced page load that ran the extension's own script (compiled it,
 * evaluated it, or called into it), longest first. The long-task observer cannot say whose a task
 * is, and a page lays itself out in tasks of 50 ms and more with no extension at all; a trace can.
 */
async function claimlightTasks(context: BrowserContext, url: string, extensionId: string): Promise<TracedTask[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (chunk) => void events.push(...(chunk.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8', transferMode: 'ReportEvents' });
  await page.goto(url);
  const end = Date.now() + 20_000;
  while (!(await drawnMarks(page)).length) {
    if (Date.now() > end) throw new Error(`no marks on ${url}`);
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(1_500);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  const ours = `chrome-extension://${extensionId}/`;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => e.tid));
  const byThread = new Map<number, TraceEvent[]>();
  for (const e of events) {
    if (!main.has(e.tid) || e.ph !== 'X') continue;
    const thread = byThread.get(e.tid);
    if (thread) thread.push(e);
    else byThread.set(e.tid, [e]);
  }
  const tasks: TracedTask[] = [];
  for (const thread of byThread.values()) {
    const runsOurs = thread.filter((e) => e.args?.data?.url?.startsWith(ours));
    // Our script's own time: the evaluations, calls and module compiles that name our files (a call
    // made from our script is part of the call that started it, so calls never nest in one another).
    const script = runsOurs.filter((e) => (e.name === 'EvaluateScript' || e.name === 'FunctionCall' || e.name === 'v8.compileModule') && e.dur);
    for (const task of thread.filter((e) => e.name === 'RunTask' && e.dur)) {
      const inside = (e: TraceEvent) => e.ts >= task.ts && e.ts < task.ts + task.dur!;
      if (!runsOurs.some(inside)) continue;
      let scriptMs = 0;
      let reached = -Infinity;
      for (const e of script.filter(inside).sort((a, b) => a.ts - b.ts)) {
        // Counted once where events overlap (a module compiled while a script runs).
        const from = Math.max(e.ts, reached);
        const to = e.ts + e.dur!;
        if (to > from) scriptMs += (to - from) / 1000;
        reached = Math.max(reached, to);
      }
      tasks.push({ ms: task.dur! / 1000, scriptMs, cpuMs: task.tdur === undefined ? null : task.tdur / 1000 });
    }
  }
  return tasks.sort((a, b) => b.ms - a.ms);
}

/** The longest task running Claimlight's script on each of three loads of a page in a browser
 * just started: the first is the content script's first run in it, the others are warm. */
async function tracedLoads(url: string): Promise<TracedTask[]> {
  const extension = await launchWithExtension();
  try {
    const longest: TracedTask[] = [];
    for (let run = 0; run < RUNS; run++) longest.push((await claimlightTasks(extension.context, url, extension.extensionId))[0] ?? { ms: 0, scriptMs: 0, cpuMs: null });
    return longest;
  } finally {
    await extension.close();
  }
}

/** What one page cost, with Claimlight and without. */
export interface PageFigures {
  name: string;
  without: LoadFigures;
  with: LoadFigures;
  claimlightTasks: TracedTask[];
}

/** Loads each page with and without Claimlight and returns both sets of figures. */
export async function measureInBrowser(pages: { name: string; html?: string; path?: string }[]): Promise<PageFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-bench-'));
  for (const page of pages) if (page.html) writeFileSync(join(dir, `${page.name}.html`), page.html);
  const generated = await serveDirectory(dir);
  const fixtures = await serveDirectory('tests/fixtures');
  const urlOf = (page: { name: string; path?: string }) => (page.path ? fixtures.url + page.path : `${generated.url}${page.name}.html`);
  const results: PageFigures[] = [];
  const plain = await chromium.launch({
    executablePath: findChrome()!,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const extension = await launchWithExtension();
  try {
    for (const page of pages) {
      const without: LoadFigures[] = [];
      const withIt: LoadFigures[] = [];
      // Task times of single loads swing by tens of ms: take the median of a few, alternating.
      for (let run = 0; run < RUNS; run++) {
        const plainContext = await plain.newContext({ viewport: { width: 1280, height: 800 } });
        without.push(await measure(plainContext, urlOf(page), false));
        await plainContext.close();
        withIt.push(await measure(extension.context, urlOf(page), true));
      }
      // Traced apart, in a browser of their own: tracing slows every task a little.
      results.push({ name: page.name, without: medianLoad(without), with: medianLoad(withIt), claimlightTasks: await tracedLoads(urlOf(page)) });
    }
  } finally {
    await plain.close();
    await extension.close();
    await generated.close();
    await fixtures.close();
  }
  return results;
}

/** What a store at the pack limit costs a reader: importing it, the first marks on a page, opening the popup. */
export interface AtLimitFigures {
  claims: number;
  importMs: number;
  firstMarksMs: number;
  marks: number;
  popupMs: number;
  /** From opening the popup to the first results of a word typed as soon as its box shows (from
   * the claims indexed so far), and to the results from every claim. */
  popupResultsMs: number;
  popupAllResultsMs: number;
  overLimit: { ms: number; message: string };
}

/**
 * Imports one pack of `LIMITS.claimsPerPack` claims through the settings page's import port, then
 * times the first marks on `pageHtml` (bundled pack and the big pack both stored) and the popup's
 * search box on that page; last, a ClaimReview file one review over the limit, which must be refused.
 */
export async function measureAtLimit(claims: { id: string; text: string }[], pageHtml: string, limit: number): Promise<AtLimitFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-limit-'));
  writeFileSync(join(dir, 'page.html'), pageHtml);
  const server = await serveDirectory(dir);
  const extension = await launchWithExtension();
  try {
    const options = await extension.context.newPage();
    await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
    // The CheckThat! claims over and over, each copy with ids of its own, up to the limit.
    const packOf = (count: number) => ({
      format: 'claimlight-pack', formatVersion: 1, id: `limit-${count}`, title: `${count} claims`, version: '1', publisher: 'Snopes via CheckThat!', language: 'en', created: '2026-11-25',
      claims: Array.from({ length: count }, (_, i) => {
        const claim = claims[i % claims.length]!;
        return { id: `c${i}`, text: claim.text.slice(0, 2000), verdict: 'unrated', summary: 'A claim checked by Snopes.', context: [] };
      }),
    });
    const importText = (text: string) =>
      options.evaluate(
        (text) =>
          new Promise<{ ms: number; ok: boolean; message: string }>((resolve) => {
            const start = performance.now();
            const port = chrome.runtime.connect({ name: 'claimlight:import' });
            port.onMessage.addListener((event: { kind: string; result?: { ok: boolean; error?: { message: string; details?: string[] } } }) => {
              if (event.kind !== 'done') return;
              const error = event.result?.error;
              resolve({ ms: performance.now() - start, ok: !!event.result?.ok, message: error ? [error.message, ...(error.details ?? [])].join(' ') : '' });
            });
            port.postMessage({ text, fileName: 'limit.json' });
          }),
        text,
      );
    const imported = await importText(JSON.stringify(packOf(limit)));
    if (!imported.ok) throw new Error(`the pack at the limit was refused: ${imported.message}`);
    const tab = await extension.context.newPage();
    const start = Date.now();
    await tab.goto(`${server.url}page.html`);
    while (!(await drawnMarks(tab)).length) {
      if (Date.now() - start > 120_000) throw new Error('no marks at the claim limit');
      await tab.waitForTimeout(20);
    }
    const firstMarksMs = Date.now() - start;
    await tab.waitForTimeout(1_000);
    const marks = (await drawnMarks(tab)).length;
    const tabId = await tabIdShowing(extension.serviceWorker, tab.url());
    const popup = await extension.context.newPage();
    const popupStart = Date.now();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
    const box = popup.getByRole('combobox', { name: 'Search checked claims' });
    await box.waitFor({ timeout: 120_000 });
    const popupMs = Date.now() - popupStart;
    // A word typed as soon as the box shows: its first results come from the first claims indexed,
    // the rest as the index grows ("… found so far"), all of them once that line goes.
    await box.fill('vaccine');
    await popup.locator('[role=listbox][aria-label="Matching claims"] [role=option]').first().waitFor({ timeout: 120_000 });
    const popupResultsMs = Date.now() - popupStart;
    await popup.locator('.claimlight-popup__searching').waitFor({ state: 'detached', timeout: 120_000 });
    const popupAllResultsMs = Date.now() - popupStart;
    // One review over the limit, as a fact-checker's ClaimReview feed: refused before it is converted.
    // Short reviews, so the file stays under the size limit and it is the claim limit that refuses it.
    const reviews = Array.from({ length: limit + 1 }, (_, i) => ({
      '@type': 'ClaimReview', url: `https://fact-checks.example.org/review/${i}`,
      claimReviewed: claims[i % claims.length]!.text.slice(0, 80), reviewRating: { alternateName: 'Unproven' },
    }));
    const over = await importText(JSON.stringify(reviews));
    if (over.ok) throw new Error('a pack over the limit was imported');
    return { claims: limit, importMs: imported.ms, firstMarksMs, marks, popupMs, popupResultsMs, popupAllResultsMs, overLimit: { ms: over.ms, message: over.message } };
  } finally {
    await extension.close();
    await server.close();
  }
}
