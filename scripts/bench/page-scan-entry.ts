// Evaluated in benchmark pages (bundled by bundle.ts): the scanners under test, each run once per
// page load and timed in the page with performance.now() (fine-grained: the page is
// cross-origin isolated). Exposes window.__bench.
import { loadMatcher } from '../../core/matcher/precompiled';
import { placesIn } from '../../core/matcher/prefilter';
import { detectionMatcherData } from '../../data/detection-bundle';
import { MentionLayer } from '../../lib/mention-layer';
import type { MentionFinder } from '../../lib/scanner';
import { SCAN_END, SCAN_START } from './scan-marks';

interface MarkInstance {
  markRegExp(re: RegExp, opts: { done?: (n: number) => void }): void;
}

let sink = 0;

/** FLOOR: every text node under <body>, text concatenated. */
function floor(): { ms: number; chars: number; nodes: number } {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let s = '';
  let nodes = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    s += (n as Text).data;
    nodes++;
  }
  const ms = performance.now() - t0;
  sink += s.length;
  return { ms, chars: s.length, nodes };
}

/** Runs a regex over a one-byte and a two-byte string first (V8 compiles each flavour lazily). */
function warm(re: RegExp): void {
  for (const s of ['warm up Huawei and the SCO here', 'прогрев Роскомнадзор 华为 上海合作组织']) {
    re.lastIndex = 0;
    while (re.exec(s)) sink++;
  }
  re.lastIndex = 0;
}

/** The corpus README's naive highlight scan: the regex on each text node, a Range per match. */
function naive(source: string, flags: string): { ms: number; matches: number } {
  const re = new RegExp(source, flags);
  warm(re);
  const t0 = performance.now();
  const hl = new Highlight();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const data = (n as Text).data;
    re.lastIndex = 0;
    for (let m = re.exec(data); m; m = re.exec(data)) {
      const r = new Range();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      hl.add(r);
    }
  }
  CSS.highlights.set('bench-naive', hl);
  return { ms: performance.now() - t0, matches: hl.size };
}

/** mark.js 8.11.1 markRegExp (window.Mark, injected before). */
function mark(source: string, flags: string): { ms: number; matches: number } {
  const Mark = (window as unknown as { Mark: new (el: Element) => MarkInstance }).Mark;
  const re = new RegExp(source, flags);
  warm(re);
  let matches = 0;
  const t0 = performance.now();
  new Mark(document.body).markRegExp(re, { done: (n) => (matches = n) });
  return { ms: performance.now() - t0, matches };
}

export interface KontekstScanResult {
  compileMs: number;
  /** From layer.start() to its resolution (includes yields to the event loop). */
  wallMs: number;
  /** Main-thread time of the scan's own slices (wall minus the time spent yielded). */
  busyMs: number;
  /** The longest slice (one task) of the scan. */
  longestSliceMs: number;
  slices: number;
  /** Inside the slices: matcher calls (evidenceIn + findMentions). */
  matchMs: number;
  /** The rest of the slices: text collection, offsets to StaticRanges, CSS.highlights registration. */
  domMs: number;
  mentions: number;
  /** Long tasks (>50 ms) the browser saw during the scan. */
  longTasks: number[];
  /** From the end of the scan to the next frame painted (rAF, then a message after the paint). */
  paintMs: number;
  /** A second full scan in the same page after stop(): the code is warm (diagnostic). */
  warmBusyMs: number;
}

/** Kontekst's scanner (lib/mention-layer.ts with the product's matcher and detection data). */
async function kontekst(): Promise<KontekstScanResult> {
  const longTasks: number[] = [];
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  po.observe({ type: 'longtask' });
  const tc = performance.now();
  // As the content script does: the matcher precompiled at build time, loaded in the page.
  const matcher = loadMatcher(detectionMatcherData);
  const compileMs = performance.now() - tc;
  let matchMs = 0;
  const timedFinder = (m: typeof matcher): MentionFinder => ({
    find: (text, pageEvidence) => {
      const t = performance.now();
      const r = m.findMentions(text, { pageEvidence });
      matchMs += performance.now() - t;
      return r;
    },
    evidence: (text) => {
      const t = performance.now();
      const r = m.evidenceIn(text);
      matchMs += performance.now() - t;
      return r;
    },
    starts: (text, evidenceFor, kept) => {
      const t = performance.now();
      const scan = placesIn(m.prefilter, text, evidenceFor, kept);
      matchMs += performance.now() - t;
      return {
        next: (shouldYield) => {
          const t1 = performance.now();
          const p = scan.next(shouldYield);
          matchMs += performance.now() - t1;
          return p;
        },
        ambiguousOnly: () => scan.ambiguousOnly(),
        wordEdges: () => scan.wordEdges(),
      };
    },
  });
  const finder = timedFinder(matcher);
  // The layer yields with scheduler.yield(): time each slice from resume to the next yield. A
  // yield call closes the open slice once (start() may leave follow-up work that yields at once).
  const sched = (globalThis as unknown as { scheduler: { yield: () => Promise<void> } }).scheduler;
  const original = sched.yield.bind(sched);
  const sliceTimes: number[] = [];
  let sliceStart = 0;
  let open = false;
  const wrapped = (): Promise<void> => {
    if (open) sliceTimes.push(performance.now() - sliceStart);
    open = false;
    return original().then(() => {
      sliceStart = performance.now();
      open = true;
    });
  };
  const close = (): void => {
    if (open) sliceTimes.push(performance.now() - sliceStart);
    open = false;
  };
  sched.yield = wrapped;
  const layer = new MentionLayer(document, finder);
  // Marks for the traced runs of the stress page (scan-bench.ts: the tasks between them are the scan's).
  performance.mark(SCAN_START);
  const t0 = performance.now();
  sliceStart = t0;
  open = true;
  await layer.start();
  const t1 = performance.now();
  close();
  performance.mark(SCAN_END);
  sched.yield = original;
  // Next paint: a rAF runs just before the frame is drawn; a message posted from it runs after.
  const painted = await new Promise<number>((ok) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok(performance.now());
      ch.port2.postMessage(0);
    }),
  );
  await new Promise((ok) => setTimeout(ok, 0));
  po.disconnect();
  const busyMs = sliceTimes.reduce((a, b) => a + b, 0);
  const mentions = layer.size;
  const longestSliceMs = Math.max(...sliceTimes);
  const slices = sliceTimes.length;
  const firstMatchMs = matchMs;
  // Same scan again with warm code (and warm DOM caches): separates JIT warm-up from the work.
  layer.stop();
  sliceTimes.length = 0;
  // A fresh matcher: the first one caches its last scan, which would skip the matching.
  const again = new MentionLayer(document, timedFinder(loadMatcher(detectionMatcherData)));
  await new Promise((ok) => setTimeout(ok, 50)); // let the first layer's follow-up work end
  sched.yield = wrapped;
  sliceStart = performance.now();
  open = true;
  await again.start();
  close();
  sched.yield = original;
  again.stop();
  const warmBusyMs = sliceTimes.reduce((a, b) => a + b, 0);
  return {
    compileMs,
    wallMs: t1 - t0,
    busyMs,
    longestSliceMs,
    slices,
    matchMs: firstMatchMs,
    domMs: busyMs - firstMatchMs,
    mentions,
    longTasks,
    paintMs: painted - t1,
    warmBusyMs,
  };
}

/** Every method once, in one page load (unmeasured, in a new renderer: see scan-bench.ts): compiles their code. mark.js last, since it changes the page. */
async function warmUp(source: string, flags: string): Promise<number> {
  floor();
  naive(source, flags);
  await kontekst();
  mark(source, flags);
  return 0;
}

const api = { floor, naive, mark, kontekst, warmUp, sink: () => sink };
export type BenchWindow = { __bench: typeof api };
(window as unknown as BenchWindow).__bench = api;
