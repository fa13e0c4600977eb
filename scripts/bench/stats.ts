// Small statistics helpers shared by the benchmarks.
export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function geomean(xs: number[]): number {
  const ok = xs.filter((x) => x > 0 && Number.isFinite(x));
  return Math.exp(ok.reduce((n, x) => n + Math.log(x), 0) / ok.length);
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/**
 * Closes a test server without waiting for it: Chromium keeps preconnected sockets open, which
 * server.close() waits for (up to Node's 60 s headers timeout).
 */
export async function closeSoon(server: { close(): Promise<void> }): Promise<void> {
  await Promise.race([server.close(), new Promise((ok) => setTimeout(ok, 200))]);
}
