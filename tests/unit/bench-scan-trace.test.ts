import { describe, expect, it } from 'vitest';
import { SCAN_END, SCAN_START } from '../../scripts/bench/scan-marks';
import { longestScanTask } from '../../scripts/bench/scan-bench';
import type { TraceEvent } from '../../scripts/bench/trace-bench';

// Trace timestamps are in microseconds; the page's main thread is pid 1, tid 10.
const onMain = (name: string, ts: number, dur?: number, ph = 'X'): TraceEvent => ({ name, cat: 'devtools.timeline', ph, pid: 1, tid: 10, ts, ...(dur === undefined ? {} : { dur }) });
const mark = (name: string, ts: number): TraceEvent => ({ ...onMain(name, ts, undefined, 'I'), cat: 'blink.user_timing' });
/** A task running JavaScript (a scan slice resumed from scheduler.yield), with what runs inside it. */
const slice = (ts: number, dur: number, ...inside: TraceEvent[]): TraceEvent[] => [onMain('RunTask', ts, dur), onMain('RunYieldContinuation', ts + 1, dur - 2), ...inside];

describe("the stress page's traced scan (scan benchmark)", () => {
  it('takes the longest JavaScript task overlapping the marks, the collections inside it only, and the longest rendering task', () => {
    const events: TraceEvent[] = [
      ...slice(0, 90_000), // before the scan
      mark(SCAN_START, 100_500),
      onMain('RunTask', 100_000, 12_000), // the first slice starts inside this task
      onMain('TimerFire', 100_010, 11_900),
      onMain('MinorGC', 101_000, 2_000),
      ...slice(120_000, 30_000, onMain('MajorGC', 125_000, 21_000), onMain('MinorGC', 140_000, 1_500)),
      onMain('RunTask', 151_000, 9_000), // painting the highlights
      onMain('Paint', 152_000, 7_000),
      ...slice(160_000, 8_000),
      mark(SCAN_END, 167_000),
      ...slice(200_000, 95_000), // after: the warm rerun, not measured
      { ...onMain('RunTask', 130_000, 70_000), tid: 11 }, // another thread
      { ...onMain('FunctionCall', 130_001, 69_000), tid: 11 },
    ];
    expect(longestScanTask(events)).toEqual({ ms: 30, gcMs: 22.5, renderMs: 9 });
  });

  it('reads a trace without collections or rendering, and gives null without the marks', () => {
    expect(longestScanTask([mark(SCAN_START, 10), ...slice(5, 4_000), mark(SCAN_END, 3_000)])).toEqual({ ms: 4, gcMs: 0, renderMs: 0 });
    expect(longestScanTask(slice(5, 4_000))).toBeNull();
  });
});
