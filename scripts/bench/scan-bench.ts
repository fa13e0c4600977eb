// Scan benchmark in real Chromium (no extension): FLOOR, mark.js, the naive highlight scan and
// Kontekst's scanner (lib/mention-layer.ts bundled with the matcher and detection data) on every
// corpus page and the 2 MB stress page. One page load per measurement; median of the runs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { findChromium, NO_CHROMIUM } from '../lib/browser';
import { loadDetectionEntities } from '../lib/detection-data';
import { CORPUS_DIR, ROOT, startServer } from '../lib/server';
import { CHROMIUM_ARGS } from '../lib/browser';
import { bundleForPage } from './bundle';
import { namesRegex } from './names-regex';
import type { KontekstScanResult } from './page-scan-entry';
import { SCAN_END, SCAN_START } from './scan-marks';
import { stressPage } from './stress-page';
import { gcMsIn, threadTasks, traceDuring, type TraceEvent } from './trace-bench';
import { closeSoon, median } from './stats';

export const BROWSER_ARGS = [
  ...CHROMIUM_ARGS,
  // Failing iframes of corpus pages stay in the page's process (see bench-browser.ts).
  '--disable-site-isolation-trials',
];

export interface ScanRow {
  page: string;
  chars: number;
  textNodes: number;
  floorMs: number;
  markMs: number;
  markMatches: number;
  naiveMs: number;
  naiveMatches: number;
  /** Kontekst, busy main-thread time of the scan's slices (the figure compared with FLOOR). */
  kontekstMs: number;
  /** The same with nothing of Kontekst's code compiled before (evaluated afresh on every load). */
  kontekstUncachedMs: number;
  kontekstWallMs: number;
  kontekstCompileMs: number;
  matchMs: number;
  domMs: number;
  warmMs: number;
  paintMs: number;
  /** Median over the runs of each run's longest slice. */
  longestSliceMs: number;
  /** The longest slice of all runs. */
  longestSliceMaxMs: number;
  /** Each run's longest slice, in run order. */
  longestSlices: number[];
  /** The stress page only (its runs are traced): each run's longest tasks during the scan. */
  tracedTasks?: ScanTask[];
  slices: number;
  longTasks: number;
  mentions: number;
}

export interface ScanTask {
  /** The longest task running the scan's JavaScript, and V8's garbage collection inside it. */
  ms: number;
  gcMs: number;
  /** The longest rendering task (style, layout, paint: painting the highlights) between. */
  renderMs: number;
}

/** Categories of the traced stress runs: tasks (RunTask is a disabled-by-default one), V8's collections, the scan's marks. */
const SCAN_TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * The main-thread tasks overlapping the scan (between the page's SCAN_START and SCAN_END marks):
 * the longest that runs JavaScript, with the garbage collection inside it, and the longest that
 * renders. Null if the trace lacks the marks.
 */
export function longestScanTask(events: TraceEvent[]): ScanTask | null {
  const start = events.find((e) => e.name === SCAN_START);
  const end = events.find((e) => e.name === SCAN_END);
  if (!start || !end) return null;
  const out: ScanTask = { ms: 0, gcMs: 0, renderMs: 0 };
  for (const { kids, ms, kind } of threadTasks(events, start.pid, start.tid, start.ts, end.ts)) {
    if (kind === 'render') out.renderMs = Math.max(out.renderMs, ms);
    if (kind !== 'js' || ms <= out.ms) continue;
    out.ms = ms;
    out.gcMs = gcMsIn(kids);
  }
  return out;
}

export function corpusPages(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

/**
 * One round trip per measurement: loads the page, adds the scripts (the bundle, mark.js) as
 * classic scripts from their URLs, lets two frames pass so the page is laid out and painted, then
 * runs `call` (an expression on window.__bench). A script loaded from the same URL on every page
 * load is compiled the way Chromium compiles content.js: V8 reuses the code it compiled on earlier
 * loads in the same renderer (section 1b: content.js's compile is near zero after the first
 * load). With `evaluate`, the scripts' sources are evaluated through DevTools instead, which V8
 * compiles afresh every time: the case of a renderer that never ran them.
 */
async function measureIn<T>(page: Page, url: string, scripts: { url: string; source: string }[], call: string, evaluate = false): Promise<T> {
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  if (evaluate) await page.evaluate(scripts.map((s) => s.source).join('\n;\n'));
  else for (const s of scripts) await page.addScriptTag({ url: s.url });
  const settle = 'await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0))));';
  return (await page.evaluate(`(async () => { ${settle} return window.__bench.${call}; })()`)) as T;
}

export async function runScanBench(opts: { runs: number; stressRuns?: number; pages?: string[]; stress?: boolean; log?: (s: string) => void }): Promise<ScanRow[]> {
  const log = opts.log ?? (() => undefined);
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM);
  const entities = loadDetectionEntities();
  const re = namesRegex(entities);
  const bundle = await bundleForPage('scripts/bench/page-scan-entry.ts');
  const markJs = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
  const server = await startServer({ isolated: true });
  server.put('/bench/scan.js', bundle);
  server.put('/bench/mark.js', markJs);
  const benchJs = { url: server.url('/bench/scan.js'), source: bundle };
  const markScript = { url: server.url('/bench/mark.js'), source: markJs };
  const stress = stressPage();
  server.put('/bench/stress-2M.html', stress.html);
  const browser = await chromium.launch({ executablePath, headless: true, args: BROWSER_ARGS });
  // A browser context (a renderer process of its own) per round: see below.
  let context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let page = await context.newPage();
  let cdp = await context.newCDPSession(page);
  const freshRenderer = async (): Promise<void> => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
  };
  const targets = (opts.pages ?? corpusPages()).map((f) => ({ name: f.replace(/\.html$/, ''), url: server.url(`/corpus/${f}`), runs: opts.runs, stress: false }));
  if (opts.stress !== false) targets.push({ name: 'stress-2M', url: server.url('/bench/stress-2M.html'), runs: opts.stressRuns ?? opts.runs, stress: true });
  const rows: ScanRow[] = [];
  const samples = targets.map(() => ({
    floor: [] as { ms: number; chars: number; nodes: number }[],
    mark: [] as { ms: number; matches: number }[],
    naive: [] as { ms: number; matches: number }[],
    ks: [] as KontekstScanResult[],
    uncached: [] as number[],
    tasks: [] as ScanTask[],
  }));
  try {
    // Round after round over the corpus, not all runs of a page in a row. With a page's runs in
    // one block (a few seconds), anything that made the machine slower for those seconds moved
    // all of that page's figures: one page's FLOOR median differed by up to a third between two
    // full runs. Spread over rounds minutes apart, it is one slow load among a page's runs, which
    // the median passes over. (The stress page comes after, in a block of its own: its big heap
    // could slow the corpus page loaded after it.) Each round, and the stress page's block, has a
    // renderer of its own: in one renderer for all rounds, the heap grew to 350 MB with the garbage
    // of earlier loads (555 documents, mostly the corpus pages' failed iframes, not collected yet),
    // each round took longer than the last (48 s, then 58, 67, 75), and a collection of that heap
    // could fall inside any measured scan (after four rounds, a 55 ms scavenge made one of the
    // stress page's slices 78 ms). With a renderer per round each round took 48 s.
    let lastUrl = '';
    const reArgs = `${JSON.stringify(re.source)}, ${JSON.stringify(re.flags)}`;
    // V8 compiles a function at its first call in a renderer. In one renderer for all rounds only
    // the first round paid that, which the median passed over; with a renderer per round, the
    // first pages of every round with a path not run before would (in a full run without this,
    // fu-lenta's scan went from 0.34 to 2.33 ms). So a new renderer first runs every method once
    // on every corpus page, unmeasured. (Run instead in each page's unmeasured load, right before
    // the measured FLOOR, that FLOOR came out slower: sum 19.3 ms against 18.0 without it, probably
    // the garbage of mark.js's changes to the page and of two Kontekst scans.)
    const warmRenderer = async (): Promise<void> => {
      for (const t of targets) if (!t.stress) await measureIn(page, t.url, [markScript, benchJs], `warmUp(${reArgs})`);
      lastUrl = '';
    };
    const measure = async (i: number): Promise<void> => {
      const t = targets[i]!;
      const { floor, mark, naive, ks, uncached, tasks } = samples[i]!;
      // A fresh page load for every measurement; the methods alternate, so a slow moment of
      // the machine spreads over all of them. The first load of a page after another page is
      // not measured: in rounds without it, FLOOR, measured first, came out a quarter slower
      // (sum over the corpus 21.4 ms against 17.2 in a run of the same code page by page) while
      // the methods measured after it did not change: the renderer is still busy with the new
      // page's first load, probably (fonts, raster: two cores here).
      if (t.url !== lastUrl) await measureIn(page, t.url, [benchJs], 'floor()');
      lastUrl = t.url;
      floor.push(await measureIn(page, t.url, [benchJs], 'floor()'));
      mark.push(await measureIn(page, t.url, [markScript, benchJs], `mark(${reArgs})`));
      naive.push(await measureIn(page, t.url, [benchJs], `naive(${reArgs})`));
      // The stress page's scan is traced, to tell its longest task's own work from a garbage
      // collection of the renderer's heap that ran inside it.
      if (t.stress) {
        const { result, events } = await traceDuring(cdp, SCAN_TRACE_CATEGORIES, () => measureIn<KontekstScanResult>(page, t.url, [benchJs], 'kontekst()'));
        const task = longestScanTask(events);
        if (!task) throw new Error('No scan marks in the trace of the stress page.');
        ks.push(result);
        tasks.push(task);
      } else ks.push(await measureIn(page, t.url, [benchJs], 'kontekst()'));
      uncached.push((await measureIn<KontekstScanResult>(page, t.url, [benchJs], 'kontekst()', true)).busyMs);
    };
    const corpus = targets.filter((t) => !t.stress).length;
    for (let r = 0; r < opts.runs; r++) {
      log(`round ${r + 1} of ${opts.runs}`);
      if (r > 0) await freshRenderer();
      await warmRenderer();
      for (let i = 0; i < corpus; i++) await measure(i);
    }
    for (let i = corpus; i < targets.length; i++) {
      await freshRenderer();
      await warmRenderer();
      for (let r = 0; r < targets[i]!.runs; r++) await measure(i);
    }
    for (const [i, t] of targets.entries()) {
      const { floor, mark, naive, ks, uncached, tasks } = samples[i]!;
      const med = <T>(xs: T[], f: (x: T) => number): number => median(xs.map(f));
      const row: ScanRow = {
        page: t.name,
        chars: floor[0]!.chars,
        textNodes: floor[0]!.nodes,
        floorMs: med(floor, (x) => x.ms),
        markMs: med(mark, (x) => x.ms),
        markMatches: mark[0]!.matches,
        naiveMs: med(naive, (x) => x.ms),
        naiveMatches: naive[0]!.matches,
        kontekstMs: med(ks, (x) => x.busyMs),
        kontekstUncachedMs: median(uncached),
        kontekstWallMs: med(ks, (x) => x.wallMs),
        kontekstCompileMs: med(ks, (x) => x.compileMs),
        matchMs: med(ks, (x) => x.matchMs),
        domMs: med(ks, (x) => x.domMs),
        warmMs: med(ks, (x) => x.warmBusyMs),
        paintMs: med(ks, (x) => x.paintMs),
        longestSliceMs: med(ks, (x) => x.longestSliceMs),
        longestSliceMaxMs: Math.max(...ks.map((x) => x.longestSliceMs)),
        longestSlices: ks.map((x) => x.longestSliceMs),
        ...(tasks.length ? { tracedTasks: tasks } : {}),
        slices: ks[0]!.slices,
        longTasks: Math.max(...ks.map((x) => x.longTasks.length)),
        mentions: ks[0]!.mentions,
      };
      rows.push(row);
      log(
        `${row.page.padEnd(22)} floor ${row.floorMs.toFixed(2)}  mark ${row.markMs.toFixed(2)}  naive ${row.naiveMs.toFixed(2)}  kontekst ${row.kontekstMs.toFixed(2)} (wall ${row.kontekstWallMs.toFixed(1)}, longest ${row.longestSliceMs.toFixed(1)}, ${row.mentions} found)`,
      );
    }
  } finally {
    await browser.close();
    await closeSoon(server);
  }
  return rows;
}
