// The benchmark suite: `npm run bench` (writes docs/benchmarks.md), `npm run bench -- --quick`
// (a one-minute smoke run, printed only), `npm run bench -- --only <part>` (one part, printed only;
// add --write to write the file anyway). Parts: scan, trace, popover, saved, anchoring, search.
// Builds the extension first unless KONTEKST_SKIP_BUILD=1 (into KONTEKST_OUT_DIR, default .output).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureBuilt, findChromium, NO_CHROMIUM, type Harness } from '../lib/browser';
import { launchBench } from './bench-browser';
import { loadDetectionEntities } from '../lib/detection-data';
import { CORPUS_DIR, ROOT, startServer } from '../lib/server';
import { anchor } from '../../core/anchoring/index';
import { BENCH_PAGES, buildAnchoringSet, evaluateAnchoring, extractPageText } from './anchoring-set';
import { bundleForPage } from './bundle';
import { namesRegex } from './names-regex';
import type { SearchWindow } from './page-search-entry';
import { runPopoverBench } from './popover-bench';
import { renderMarkdown, scanSummary, type Machine, type Results } from './report';
import { runSavedBench } from './saved-bench';
import { BROWSER_ARGS, runScanBench } from './scan-bench';
import { measureSearch, type SearchMeasure } from './search-measure';
import { runTraceBench } from './trace-bench';
import { closeSoon } from './stats';

const PARTS = ['scan', 'trace', 'popover', 'saved', 'anchoring', 'search'] as const;
type Part = (typeof PARTS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',') : null;
if (only && !only.every((p) => (PARTS as readonly string[]).includes(p))) {
  console.error(`--only takes one or more of ${PARTS.join(', ')} (comma-separated).`);
  process.exit(2);
}
const write = !quick && (!only || args.includes('--write'));
const want = (p: Part): boolean => !only || only.includes(p);
const log = (s: string): void => console.log(s);

// Quick mode: a few pages of each kind (English, Chinese, Russian) and fewer runs.
const QUICK_PAGES = ['rd-guardian-1.html', 'gne-163-huawei.html', 'fu-lenta.html', 'rd-lemonde-1.html'];

function chromiumVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return path;
  }
}

async function searchInChromium(count: number, runs: number): Promise<SearchMeasure> {
  const bundle = await bundleForPage('scripts/bench/page-search-entry.ts');
  const server = await startServer({ isolated: true });
  server.put('/bench/blank.html', '<!doctype html><meta charset="utf-8"><title>Library search benchmark</title>');
  const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: BROWSER_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(server.url('/bench/blank.html'));
    await page.evaluate(bundle);
    return await page.evaluate(([n, r]) => (window as unknown as SearchWindow).__search.measureSearch(n, r), [count, runs] as const);
  } finally {
    await browser.close();
    await closeSoon(server);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const exe = findChromium();
  if (!exe) throw new Error(NO_CHROMIUM);
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const loadBefore = loadavg();
  const res: Results = { machine: undefined as unknown as Machine };
  const needsExtension = want('trace') || want('popover') || want('saved');
  if (needsExtension) {
    log('Building the extension…');
    ensureBuilt();
  }
  const section = (name: string) => log(`\n== ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

  if (want('scan')) {
    section('scan: FLOOR, mark.js, naive, Kontekst');
    // Nine loads per corpus page: a garbage collection inside one measured scan adds 1 to 2 ms (on
    // about one load in five), and with five loads it sometimes made a page's median.
    const runs = quick ? 3 : 9;
    const stressRuns = quick ? 1 : 9;
    const rows = await runScanBench({ runs, stressRuns, pages: quick ? QUICK_PAGES : undefined, log });
    res.scan = { rows, runs, stressRuns, regexForms: namesRegex(loadDetectionEntities()).forms.length };
    const s = scanSummary(rows);
    log(`geomean ratios to FLOOR: mark.js ${s.markOverFloor.toFixed(2)}x, naive ${s.naiveOverFloor.toFixed(2)}x, Kontekst ${s.kOverFloor.toFixed(2)}x (wall ${s.kWallOverFloor.toFixed(2)}x); mark.js/Kontekst ${s.markOverK.toFixed(2)}x`);
  }

  let h: Harness | null = null;
  try {
    if (needsExtension) h = await launchBench();
    if (want('trace')) {
      section('trace: the content script\'s main-thread time');
      const runs = quick ? 1 : 2;
      const stressRuns = quick ? 1 : 3;
      const rows = await runTraceBench({ runs, stressRuns, pages: quick ? QUICK_PAGES.slice(0, 3) : undefined, log, harness: h! });
      res.trace = { rows, runs, stressRuns };
    }
    if (want('popover')) {
      section('popover');
      const runs = quick ? 1 : 5;
      res.popover = { cases: await runPopoverBench({ runs, log, harness: h! }), runs };
    }
    if (want('saved')) {
      // Last of the extension parts: it leaves 200 highlights stored for its page.
      section('saved highlights');
      res.saved = await runSavedBench({ runs: quick ? 1 : 5, log, harness: h! });
    }
    const errors = h?.errors ?? [];
    if (errors.length) log(`Errors reported by the extension or pages:\n  ${errors.slice(0, 10).join('\n  ')}`);
  } finally {
    await h?.close();
  }

  if (want('anchoring')) {
    section('re-anchoring on mutated pages');
    const seed = 20210;
    const count = quick ? 100 : 300;
    const pages = BENCH_PAGES.map((name) => extractPageText(name, readFileSync(join(CORPUS_DIR, `${name}.html`), 'utf8')));
    const cases = buildAnchoringSet({ pages, count, seed });
    const ev = evaluateAnchoring(cases, anchor);
    res.anchoring = { ev, cases: cases.length, pages: [...BENCH_PAGES], seed };
    log(`re-anchored ${ev.anchored}/${ev.present}, wrong ${ev.wrong}, false positives ${ev.falsePositives}/${ev.deleted}, ${ev.msPerAnchor.toFixed(2)} ms per anchor`);
  }

  if (want('search')) {
    section('library search, 10,000 highlights');
    const runs = quick ? 5 : 11;
    const node = measureSearch(10_000, runs);
    const chromiumRes = quick ? undefined : await searchInChromium(10_000, runs);
    res.search = { node, chromium: chromiumRes };
    for (const [where, m] of [['Node', node], ['Chromium', chromiumRes]] as const) {
      if (!m) continue;
      log(`${where}: build ${m.buildMs.toFixed(0)} ms; typing ${m.typing.map((t) => t.medianMs.toFixed(1)).join(' ')} ms; worst keystroke ${Math.max(...m.typing.map((t) => t.maxMs)).toFixed(1)} ms; cold ${m.cold.map((t) => t.medianMs.toFixed(1)).join(' ')} ms`);
    }
  }

  res.machine = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpu,
    cores: cpus().length,
    ramGb: Math.round(totalmem() / 2 ** 30),
    chromium: chromiumVersion(exe),
    node: process.version,
    loadBefore,
    loadAfter: loadavg(),
    durationS: (Date.now() - started) / 1000,
    quick,
  };
  const md = renderMarkdown(res);
  if (write) {
    writeFileSync(join(ROOT, 'docs/benchmarks.md'), md + '\n');
    log(`\nWrote docs/benchmarks.md (${res.machine.durationS.toFixed(0)} s).`);
  } else {
    log('\n' + md);
  }
}

main().then(
  // Exits at once: test servers may still hold sockets Chromium preconnected.
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
