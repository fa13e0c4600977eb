// The content script's whole main-thread time per page, from a Chrome trace, with the built
// extension loaded. Corpus pages carry no scripts of their own, so every JavaScript task in the
// page's renderer after content.js starts is the content script's.
import type { CDPSession, Page } from 'playwright-core';
import { launchBench } from './bench-browser';
import type { Harness } from '../lib/browser';
import { startServer } from '../lib/server';
import { corpusPages } from './scan-bench';
import { closeSoon, median } from './stats';
import { stressPage } from './stress-page';

export const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.compile'];

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: Record<string, unknown> };
}

export interface TraceBreakdown {
  /** Sum of the content script's tasks (ms). */
  totalMs: number;
  /** The task evaluating content.js: parse, compile, module initialisation, matcher compile. */
  loadMs: number;
  /** Of which parse and compile of content.js. */
  compileMs: number;
  /** V8 compiling functions lazily in the tasks after the load task (first calls of functions not compiled before). */
  lazyCompileMs: number;
  /** Tasks resumed from scheduler.yield (scan slices after the first, the matching slice). */
  sliceMs: number;
  /** Tasks running promise callbacks: storage and message replies (first scan slice, saved highlights). */
  messageMs: number;
  /** Timers, idle callbacks, events. */
  timerMs: number;
  /** Garbage collection inside those tasks. */
  gcMs: number;
  tasks: number;
  longestMs: number;
  /** Longest task other than the load task. */
  longestAfterLoadMs: number;
  /** Rendering tasks (style, layout, paint) between content.js start and the trace end: painting the highlights. */
  renderMs: number;
  /** Garbage-collection tasks of their own (incremental marking...) in that window: the heap is shared with the content script. */
  gcTaskMs: number;
}

const JS_MARKERS = new Set(['EvaluateScript', 'FunctionCall', 'RunYieldContinuation', 'TimerFire', 'FireIdleCallback', 'FireAnimationFrame', 'v8.callFunction']);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'RecalculateStyles', 'UpdateLayer']);
export const GC = new Set(['MinorGC', 'MajorGC']);

/** A main-thread task (RunTask) and the events that start inside it. */
export interface TaskInTrace {
  task: TraceEvent;
  kids: TraceEvent[];
  ms: number;
  /** Runs JavaScript, renders (style, layout, paint), collects garbage only, or none of these. */
  kind: 'js' | 'render' | 'gc' | 'other';
}

/** The tasks of one thread (pid, tid) that end at or after `from` and start at or before `to`, in order. */
export function threadTasks(events: TraceEvent[], pid: number, tid: number, from: number, to = Infinity): TaskInTrace[] {
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const out: TaskInTrace[] = [];
  let i = 0;
  for (const t of main) {
    if (t.name !== 'RunTask' || t.ts + t.dur! < from || t.ts > to) continue;
    const end = t.ts + t.dur!;
    while (i < main.length && main[i]!.ts < t.ts) i++;
    const kids: TraceEvent[] = [];
    for (let j = i; j < main.length && main[j]!.ts < end; j++) if (main[j] !== t) kids.push(main[j]!);
    const js = kids.some((k) => (k.name === 'RunMicrotasks' && k.dur! > 20) || JS_MARKERS.has(k.name));
    const kind = js ? 'js' : kids.some((k) => RENDER.has(k.name)) ? 'render' : kids.some((k) => GC.has(k.name) || k.name.startsWith('V8.GC')) ? 'gc' : 'other';
    out.push({ task: t, kids, ms: t.dur! / 1000, kind });
  }
  return out;
}

/** Garbage collection (ms) inside a task. */
export function gcMsIn(kids: TraceEvent[]): number {
  return kids.reduce((sum, k) => sum + (GC.has(k.name) ? k.dur! / 1000 : 0), 0);
}

export function analyseTrace(events: TraceEvent[], scriptUrl: string): TraceBreakdown | null {
  const evalEvent = events.find((e) => e.name === 'EvaluateScript' && e.ph === 'X' && String(e.args?.data?.url ?? '').startsWith(scriptUrl));
  if (!evalEvent) return null;
  const out: TraceBreakdown = { totalMs: 0, loadMs: 0, compileMs: 0, lazyCompileMs: 0, sliceMs: 0, messageMs: 0, timerMs: 0, gcMs: 0, tasks: 0, longestMs: 0, longestAfterLoadMs: 0, renderMs: 0, gcTaskMs: 0 };
  for (const { kids, ms, kind } of threadTasks(events, evalEvent.pid, evalEvent.tid, evalEvent.ts)) {
    if (kind === 'render') out.renderMs += ms;
    if (kind === 'gc') out.gcTaskMs += ms;
    if (kind !== 'js') continue;
    const names = new Set(kids.map((k) => k.name));
    out.tasks++;
    out.totalMs += ms;
    out.longestMs = Math.max(out.longestMs, ms);
    out.gcMs += gcMsIn(kids);
    if (names.has('EvaluateScript')) {
      out.loadMs += ms;
      for (const k of kids) if (k.name === 'v8.compile') out.compileMs += k.dur! / 1000;
      continue;
    }
    out.longestAfterLoadMs = Math.max(out.longestAfterLoadMs, ms);
    for (const k of kids) if (k.name === 'V8.CompileCode') out.lazyCompileMs += k.dur! / 1000;
    if (names.has('RunYieldContinuation')) out.sliceMs += ms;
    else if (names.has('TimerFire') || names.has('FireIdleCallback') || names.has('EventDispatch') || names.has('FireAnimationFrame')) out.timerMs += ms;
    else out.messageMs += ms;
  }
  return out;
}

/** `run` under a CDP trace of `categories`: its result and the trace's events. */
export async function traceDuring<T>(cdp: CDPSession, categories: string[], run: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: TraceEvent[] }) => void events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData as never);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' } as never);
  try {
    return { result: await run(), events };
  } finally {
    const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData as never);
  }
}

export async function traceOnce(page: Page, cdp: CDPSession, url: string, settleMs: number): Promise<TraceEvent[]> {
  const { events } = await traceDuring(cdp, TRACE_CATEGORIES, async () => {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // No page.evaluate while tracing: it would add JavaScript tasks to the page's main thread.
    await page.waitForTimeout(settleMs);
  });
  return events;
}

export interface TraceRow extends TraceBreakdown {
  page: string;
  /** The longest task of all runs (longestMs is the median of each run's longest). */
  longestMaxMs: number;
  mentions: number;
  runs: number;
}

const KEYS: (keyof TraceBreakdown)[] = ['totalMs', 'loadMs', 'compileMs', 'lazyCompileMs', 'sliceMs', 'messageMs', 'timerMs', 'gcMs', 'tasks', 'longestMs', 'longestAfterLoadMs', 'renderMs', 'gcTaskMs'];

export async function runTraceBench(opts: { runs: number; stressRuns?: number; pages?: string[]; stress?: boolean; log?: (s: string) => void; harness?: Harness }): Promise<TraceRow[]> {
  const log = opts.log ?? (() => undefined);
  const server = await startServer({ isolated: true });
  server.put('/bench/stress-2M.html', stressPage().html);
  const h = opts.harness ?? (await launchBench());
  const page = await h.context.newPage();
  const cdp = await h.context.newCDPSession(page);
  const scriptUrl = h.extensionUrl('content-scripts/content.js');
  const targets = (opts.pages ?? corpusPages()).map((f) => ({ name: f.replace(/\.html$/, ''), url: server.url(`/corpus/${f}`), settle: 700, runs: opts.runs }));
  if (opts.stress !== false) targets.push({ name: 'stress-2M', url: server.url('/bench/stress-2M.html'), settle: 3000, runs: opts.stressRuns ?? opts.runs });
  const rows: TraceRow[] = [];
  try {
    // The first load after start pays for the service worker and the pack's first read: not measured.
    await page.goto(server.url(`/corpus/${targets[0]!.url.split('/').pop()}`), { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    for (const t of targets) {
      const got: TraceBreakdown[] = [];
      let mentions = 0;
      for (let r = 0; r < t.runs; r++) {
        const events = await traceOnce(page, cdp, t.url, t.settle);
        const b = analyseTrace(events, scriptUrl);
        if (!b) throw new Error(`No content script evaluation in the trace of ${t.name}.`);
        got.push(b);
        mentions = await page.evaluate(() => CSS.highlights.get('kontekst-mention')?.size ?? 0);
      }
      const row = { page: t.name, mentions, runs: t.runs, longestMaxMs: Math.max(...got.map((g) => g.longestMs)) } as TraceRow;
      for (const k of KEYS) row[k] = median(got.map((g) => g[k]));
      rows.push(row);
      log(`${t.name.padEnd(22)} content script ${row.totalMs.toFixed(1)} ms in ${row.tasks} tasks (load ${row.loadMs.toFixed(1)}, slices ${row.sliceMs.toFixed(1)}, messages ${row.messageMs.toFixed(1)}, longest after load ${row.longestAfterLoadMs.toFixed(1)}), render ${row.renderMs.toFixed(1)}`);
    }
  } finally {
    await page.close();
    if (!opts.harness) await h.close();
    await closeSoon(server);
  }
  return rows;
}
