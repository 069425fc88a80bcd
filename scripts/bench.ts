// `npm run bench`: speed and memory figures for the page pass, measured in Chromium on a
// 10,000-word page: our extract + match against the bundled pack and a 10,000-claim store (the
// CheckThat! claims as a pack), next to a bare TreeWalker text pass and mark.js marking the cue
// phrases of the same claims. Prints figures; asserts nothing (budgets are read off, not tested).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { expectBundledPack } from '../lib/bundled-pack';
import type { MatchableClaim } from '../lib/matching';
import { findChrome, noChromeMessage } from './lib/chrome';
import { CHROMIUM_ARGS } from './lib/launch';
import { LIMITS } from '../lib/schema';
import { measureAtLimit, measureImport, measureInBrowser } from './bench/in-browser';
import { buildBenchPage } from './bench/page';
import { readJsonl } from './lib/eval-sets';
import { measureFeedRefresh } from './bench/feed-refresh';
import { measureHostileText } from './bench/hostile-text';

const SHARED = resolve(process.env.CLAIMLIGHT_SHARED ?? '../shared');
const RUNS = 9;
/** Rounds between the figures read soon after the first pass and the warm ones (`warm`). */
const WARM_ROUNDS = 20;

function checkThatClaims(): MatchableClaim[] {
  return readJsonl<{ id: string; text: string }>(join(SHARED, 'corpora/checkthat2020/vclaims.jsonl')).map(({ id, text }) => ({ id, text, verdict: 'unrated', cues: { phrases: [], terms: [] } }));
}

/** What readers type into the popup: the first words of each CheckThat! dev tweet, plus a misspelling. */
function searchQueries(): string[] {
  const tweets = readJsonl<{ text: string }>(join(SHARED, 'corpora/checkthat2020/queries-dev.jsonl')).map((tweet) => tweet.text);
  return ['ninty minute call', ...tweets.slice(0, 100).map((t) => t.replace(/https?:\S+|[@#]\S+|—.*$/g, ' ').split(/\s+/).filter(Boolean).slice(0, 5).join(' '))];
}

/** What a naive highlighter would search for: each claim's cue phrases and terms, or its title. */
function cuePhrases(claims: MatchableClaim[]): string[] {
  const phrases = claims.flatMap((c) => (c.cues && (c.cues.phrases.length || c.cues.terms.length) ? [...c.cues.phrases, ...c.cues.terms.flat()] : [c.text.split('\n')[0]!]));
  return [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 2))];
}

const ms = (x: number) => `${x < 1 ? x.toFixed(3) : x.toFixed(1)} ms`;

async function main(): Promise<number> {
  const executablePath = findChrome();
  if (!executablePath) {
    console.error(noChromeMessage());
    return 1;
  }
  const bundle = await build({
    entryPoints: ['scripts/bench/page-entry.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'ClaimlightBench',
    charset: 'ascii',
    write: false,
    minify: true,
    target: 'chrome120',
  });
  const pack = expectBundledPack();
  const bundled = pack.claims.map((c) => ({ ...c, packId: pack.id }));
  const store = checkThatClaims();
  const page = buildBenchPage(SHARED);

  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
  });
  try {
    const tab = await browser.newPage();
    await tab.setContent(page.html);
    // tsx compiles the functions passed to evaluate() with esbuild's keepNames, which calls __name.
    await tab.addScriptTag({ content: 'window.__name = (target) => target;' });
    await tab.addScriptTag({ content: readFileSync('node_modules/mark.js/dist/mark.min.js', 'utf8') });
    await tab.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const cdp = await tab.context().newCDPSession(tab);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };

    const bundledPhrases = cuePhrases(bundled);
    const figures = await tab.evaluate(
      ({ bundled, store, bundledPhrases, storePhrases, runs, warmRounds, queries }) => {
        const w = window as unknown as {
          ClaimlightBench: typeof import('./bench/page-entry');
          Mark: new (el: Element) => { mark(k: string[], o: object): void; unmark(o?: object): void };
          storeIndex?: unknown;
        };
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
        const time = (fn: () => unknown, n = runs) => {
          const out: number[] = [];
          for (let i = 0; i < n; i++) {
            const t = performance.now();
            fn();
            out.push(performance.now() - t);
          }
          return median(out);
        };
        const { buildClaimIndex, scanDocument } = w.ClaimlightBench;
        // The timer's resolution (0.1 ms here) is coarser than one TreeWalker pass: time 100 in a row.
        const treeWalker =
          time(() => {
            for (let i = 0; i < 100; i++) {
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              let text = '';
              for (let node = walker.nextNode(); node; node = walker.nextNode()) text += (node as Text).data;
              if (!text) throw new Error('no text');
            }
          }) / 100;
        const bundledIndex = buildClaimIndex(bundled);
        let t = performance.now();
        const storeIndex = buildClaimIndex(store);
        const storeBuild = performance.now() - t;
        let bundledMentions = 0;
        let storeMentions = 0;
        // The passes whose times are read as ratios run in turns, round after round, so that a
        // slow spell of the machine falls on all of them alike rather than on one.
        const passes = {
          // For scale: reading the same text and splitting it into words once, with nothing else.
          wordPass: () => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let words = 0;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) words += ((node as Text).data.match(/[\p{L}\p{N}]+/gu) ?? []).length;
            return words;
          },
          extractOnly: () => w.ClaimlightBench.extractBlocks(document, { wholeBlocks: true }),
          oursBundled: () => (bundledMentions = scanDocument(document, bundledIndex, { wholeBlocks: true }).mentions.length),
          oursStore: () => (storeMentions = scanDocument(document, storeIndex as never, { wholeBlocks: true }).mentions.length),
        };
        // Building the 10,000-claim index leaves megabytes of garbage, which the collector would
        // otherwise clear during the first rounds' passes, charging the index's build to them.
        (window as unknown as { gc(): void }).gc();
        const names = Object.keys(passes) as (keyof typeof passes)[];
        const taken = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<keyof typeof passes, number[]>;
        const timeOnce = (name: keyof typeof passes) => {
          const start = performance.now();
          passes[name]();
          return performance.now() - start;
        };
        const first = Object.fromEntries(names.map((name) => [name, timeOnce(name)])) as Record<keyof typeof passes, number>;
        for (let round = 0; round < runs + warmRounds + runs; round++) {
          names.forEach((_, k) => {
            const name = names[(round + k) % names.length]!;
            taken[name].push(timeOnce(name));
          });
        }
        // The figures the bar is read on: the rounds right after the first pass, as ever. The warm
        // ones are the last rounds, after `warmRounds` more: the engine's steady cost, which a
        // background that has read a few pages pays. The first pass is apart: a background woken
        // for a page pays it, while its code is still compiled and its lookups filled.
        const soon = (name: keyof typeof passes) => median(taken[name].slice(0, runs));
        const warm = (name: keyof typeof passes) => median(taken[name].slice(-runs));
        const wordPass = soon('wordPass');
        const extractOnly = soon('extractOnly');
        const oursBundled = soon('oursBundled');
        const oursStore = soon('oursStore');
        const warmFigures = { wordPass: warm('wordPass'), oursBundled: warm('oursBundled'), oursStore: warm('oursStore') };
        const markOnce = (phrases: string[]) => {
          const marker = new w.Mark(document.body);
          const start = performance.now();
          let marks = 0;
          // mark.js recurses once per keyword and overflows the stack on thousands: feed it batches.
          for (let i = 0; i < phrases.length; i += 200) {
            marker.mark(phrases.slice(i, i + 200), { separateWordSearch: false, diacritics: false, each: () => marks++ });
          }
          const ms = performance.now() - start;
          marker.unmark();
          return { ms, marks };
        };
        const markBundled = markOnce(bundledPhrases);
        const markStore = markOnce(storePhrases);
        // The popup's search over the 10,000-claim store: what a reader types, a few words at a time.
        t = performance.now();
        const search = w.ClaimlightBench.createClaimSearch(store.map((c) => ({ ...c, packId: 'checkthat', packTitle: 'CheckThat!', summary: '', context: [] })));
        const searchBuild = performance.now() - t;
        const searchTimes: number[] = [];
        for (const query of queries) {
          for (let end = 3; end <= query.length; end += 4) {
            const typed = query.slice(0, end);
            const start = performance.now();
            search.search(typed);
            searchTimes.push(performance.now() - start);
          }
        }
        searchTimes.sort((a, b) => a - b);
        const searchP95 = searchTimes[Math.floor(searchTimes.length * 0.95)]!;
        return { first, warm: warmFigures, treeWalker, wordPass, extractOnly, storeBuild, searchBuild, searchP95, searchCount: searchTimes.length, oursBundled, oursStore, bundledMentions, storeMentions, markBundled, markStore };
      },
      { bundled, store, bundledPhrases, storePhrases: cuePhrases(store), runs: RUNS, warmRounds: WARM_ROUNDS, queries: searchQueries() },
    );

    const before = await heap();
    await tab.evaluate((claims) => {
      const w = window as unknown as { ClaimlightBench: typeof import('./bench/page-entry'); keep?: unknown };
      w.keep = w.ClaimlightBench.buildClaimIndex(claims);
    }, store);
    const indexBytes = (await heap()) - before;

    // Scale of issue #14: 100,000 claims, the CheckThat! claims ten times over (each copy its own
    // id, so the index holds 100,000 entries), built, weighed and run on the same page.
    const hundred = Array.from({ length: 10 }, (_, copy) => store.map((c) => ({ ...c, id: `${c.id}-${copy}` }))).flat();
    await tab.evaluate(() => void ((window as unknown as { keep?: unknown }).keep = undefined));
    // The claims' own records first (the store holds them whatever the index), then the index.
    const beforeClaims = await heap();
    await tab.evaluate((claims) => void ((window as unknown as { claims?: unknown }).claims = claims), hundred);
    const beforeHundred = await heap();
    const claimBytes = beforeHundred - beforeClaims;
    const built = await tab.evaluate(
      ({ runs }) => {
        const w = window as unknown as { ClaimlightBench: typeof import('./bench/page-entry'); keep?: unknown; claims: never[] };
        const t = performance.now();
        const index = w.ClaimlightBench.buildClaimIndex(w.claims);
        const buildMs = performance.now() - t;
        w.keep = index;
        // The index's memory is read after some passes, with what they keep made (statements, stems).
        for (let i = 0; i < runs; i++) w.ClaimlightBench.scanDocument(document, index as never, { wholeBlocks: true });
        return { buildMs };
      },
      { runs: RUNS },
    );
    const hundredBytes = (await heap()) - beforeHundred;
    // Its pass against the 10,000-claim pass, in turns with it, as above: the ratio is what is read.
    const scale = await tab.evaluate(
      ({ runs }) => {
        const w = window as unknown as { ClaimlightBench: typeof import('./bench/page-entry'); keep?: unknown; claims: never[] };
        const index = w.keep;
        const tenth = w.ClaimlightBench.buildClaimIndex(w.claims.slice(0, w.claims.length / 10));
        const passes: number[] = [];
        const tenthPasses: number[] = [];
        for (let i = 0; i <= runs; i++) {
          for (const [which, times] of i % 2 ? ([[index, passes], [tenth, tenthPasses]] as const) : ([[tenth, tenthPasses], [index, passes]] as const)) {
            const start = performance.now();
            w.ClaimlightBench.scanDocument(document, which as never, { wholeBlocks: true });
            // The first round warms both up.
            if (i) times.push(performance.now() - start);
          }
        }
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
        return { passMs: median(passes), tenthMs: median(tenthPasses) };
      },
      { runs: RUNS },
    );

    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
    console.log(`Claimlight bench: Chromium ${browser.version()}, a ${page.words.toLocaleString('en')}-word page, median of ${RUNS} runs`);
    console.log(`  bare TreeWalker text pass                 ${ms(figures.treeWalker)}`);
    console.log(`  TreeWalker + one word regex over the text ${ms(figures.wordPass)}  (${ratio(figures.wordPass, figures.treeWalker)} TreeWalker)`);
    console.log(`  extract only (visible text, blocks, map)  ${ms(figures.extractOnly)}  (${ratio(figures.extractOnly, figures.treeWalker)} TreeWalker)`);
    // The bar of issue #11: extract + match against a pass that reads every word once.
    console.log(`  extract + match, bundled pack (28 claims) ${ms(figures.oursBundled)}  (${ratio(figures.oursBundled, figures.wordPass)} the word pass, ${figures.bundledMentions} mentions)`);
    console.log(`  extract + match, 10,000-claim store       ${ms(figures.oursStore)}  (${ratio(figures.oursStore, figures.wordPass)} the word pass, ${figures.storeMentions} mentions)`);
    console.log(`  the same after ${WARM_ROUNDS} more rounds (warm): word pass ${ms(figures.warm.wordPass)}; bundled pack ${ms(figures.warm.oursBundled)} (${ratio(figures.warm.oursBundled, figures.warm.wordPass)}); 10,000-claim store ${ms(figures.warm.oursStore)} (${ratio(figures.warm.oursStore, figures.warm.wordPass)})`);
    console.log(`  the first pass, the index just built: bundled pack ${ms(figures.first.oursBundled)}, 10,000-claim store ${ms(figures.first.oursStore)}`);
    console.log(`  mark.js, bundled cue phrases (${bundledPhrases.length})        ${ms(figures.markBundled.ms)}  (${ratio(figures.markBundled.ms, figures.oursBundled)} ours, ${figures.markBundled.marks} marks)`);
    console.log(`  mark.js, 10,000 claims' titles (1 run)    ${ms(figures.markStore.ms)}  (${ratio(figures.markStore.ms, figures.oursStore)} ours, ${figures.markStore.marks} marks)`);
    console.log(`  10,000-claim index: built in ${ms(figures.storeBuild)}, ${(indexBytes / 1024 / 1024).toFixed(1)} MB of heap`);
    console.log(`  100,000-claim index: built in ${ms(built.buildMs)}, ${(hundredBytes / 1024 / 1024).toFixed(1)} MB of heap for the index beside ${(claimBytes / 1024 / 1024).toFixed(1)} MB for the claims themselves (goal 80 MB); extract + match ${ms(scale.passMs)} (${ratio(scale.passMs, scale.tenthMs)} the 10,000-claim pass, ${ms(scale.tenthMs)} in turns with it, goal 2×)`);
    console.log(`  popup search over 10,000 claims: index built in ${ms(figures.searchBuild)}, p95 ${ms(figures.searchP95)} over ${figures.searchCount} keystroke queries (goal 16 ms)`);
  } finally {
    await browser.close();
  }

  // The in-page budgets: each page loaded without and with the extension (bundled pack).
  const loads = await measureInBrowser([
    { name: 'demo page', path: 'demo/' },
    { name: `${page.words.toLocaleString('en')}-word page`, html: page.html },
  ]);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const imported = await measureImport(store);
  console.log(`Import of the 10,000-claim store through the settings page: ${ms(imported.ms)} for ${imported.stored} claims (goal 2 s)`);
  console.log(`Importing it again over itself (a new version of the pack): ${ms(imported.replaceMs)}; deleting it: ${ms(imported.deleteMs)}`);
  const feed = await measureFeedRefresh(store);
  console.log(`A 10,000-claim ClaimReview feed in a store of ${feed.feeds} feeds and ${feed.storeClaims.toLocaleString('en')} claims (Node, fake-indexeddb, a local fetch; the other ${feed.feeds - 1} subscribed in ${ms(feed.fillMs)}):`);
  console.log(`  subscribed in ${ms(feed.addMs)}; a refresh that changes 100 claims ${ms(feed.changeMs)} (${feed.change}; ${feed.progressReports} progress reports, the last "${feed.lastProgress}"); a 304 ${ms(feed.unchangedMs)} (goal 2 s)`);
  const atLimit = await measureAtLimit(store, page.html, LIMITS.claimsPerPack);
  console.log(`A store at the pack limit (${atLimit.claims.toLocaleString('en')} claims in one pack, plus the bundled one):`);
  console.log(`  import through the settings page: ${ms(atLimit.importMs)}`);
  console.log(`  first marks on the ${page.words.toLocaleString('en')}-word page: ${ms(atLimit.firstMarksMs)} from navigation (${atLimit.marks} marks)`);
  console.log(`  popup open, search box ready: ${ms(atLimit.popupMs)}; first results of a word typed at once: ${ms(atLimit.popupResultsMs)}, from every claim: ${ms(atLimit.popupAllResultsMs)}`);
  console.log(`  a ClaimReview file one review over the limit: refused in ${ms(atLimit.overLimit.ms)}: "${atLimit.overLimit.message}"`);
  console.log('In-page budgets (Chromium, extension loaded vs not, bundled pack; medians of 3 loads, long tasks and shift over all):');
  for (const { name, without, with: withIt, claimlightTasks } of loads) {
    const longest = (tasks: number[]) => (tasks.length ? `${Math.max(...tasks).toFixed(0)} ms longest` : 'none');
    console.log(`  ${name}: ${withIt.marks} marks`);
    console.log(`    long tasks (>= 50 ms): ${withIt.longTasks.length} with (${longest(withIt.longTasks)}), ${without.longTasks.length} without (${longest(without.longTasks)})`);
    console.log(`    longest task running Claimlight's script (traced; 3 loads in a browser just started, the first its first run there; in brackets, Claimlight's script's own part, the rest being the page's style, layout and paint in that task, and the time the thread was on a CPU): ${claimlightTasks.map((t) => `${ms(t.ms)} (${ms(t.scriptMs)}; ${t.cpuMs === null ? 'no thread time traced' : `${ms(t.cpuMs)} on a CPU`})`).join(', ')}`);
    console.log(`    longest stall after load (10 ms heartbeat, worst of the loads): ${ms(withIt.stallMs)} with, ${ms(without.stallMs)} without`);
    console.log(`    main-thread script time: ${ms(withIt.scriptMs)} with, ${ms(without.scriptMs)} without, so ${ms(withIt.scriptMs - without.scriptMs)} for Claimlight (all tasks: ${ms(withIt.taskMs)} with, ${ms(without.taskMs)} without)`);
    console.log(`    scrolling through it (40 frames of 300 px): ${ms(withIt.scrollTaskMs)} of main-thread tasks with, ${ms(without.scrollTaskMs)} without; longest frame ${ms(withIt.scrollFrameMs)} with, ${ms(without.scrollFrameMs)} without`);
    console.log(`    layout shift: ${withIt.layoutShift.toFixed(4)} with, ${without.layoutShift.toFixed(4)} without`);
    console.log(`    heap: ${mb(withIt.heapBytes)} with, ${mb(without.heapBytes)} without, so ${mb(withIt.heapBytes - without.heapBytes)} for the content script`);
  }
  // Text a hostile page or file may hold: a pass that reads it once takes about 4x as long on text
  // four times as long; 16x is a pass that reads it again for each character.
  console.log('Hostile text (Node): each shape at 20,000 and 80,000 characters, median of 3; about 4x is one reading, 16x one per character:');
  for (const { name, shortMs, longMs } of measureHostileText()) {
    console.log(`  ${name.padEnd(44)} ${ms(shortMs).padStart(9)} ${ms(longMs).padStart(9)}  (${(longMs / Math.max(shortMs, 0.001)).toFixed(1)}x)`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
