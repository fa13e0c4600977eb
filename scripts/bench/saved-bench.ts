// Saved highlights: 200 records for one corpus page, stored through the service worker
// (highlights/restore from an extension page), then the page reloaded with the extension, timed
// in the main world until CSS.highlights 'kontekst-saved' holds all 200; and SavedLayer.place
// alone (bundled into the page) for the re-anchoring and registration cost.
import { launchBench } from './bench-browser';
import type { Harness } from '../lib/browser';
import { startServer } from '../lib/server';
import { newHighlight, uuidFromString, type HighlightRecord } from '../../core/annotations/record';
import { bundleForPage } from './bundle';
import type { SavedWindow } from './page-saved-entry';
import { closeSoon, median } from './stats';

export interface SavedResult {
  page: string;
  chars: number;
  count: number;
  /** SavedLayer.place in the page (no extension): collect text, anchor every record, register. */
  placeMs: number;
  placePaintMs: number;
  placed: number;
  /** With the extension, from navigation start (main world, rAF-polled): */
  loadEventMs: number;
  mentionsPaintedMs: number;
  savedPaintedMs: number;
  runs: number;
}

export async function runSavedBench(opts: { runs: number; page?: string; count?: number; log?: (s: string) => void; harness?: Harness }): Promise<SavedResult> {
  const log = opts.log ?? (() => undefined);
  const pageName = opts.page ?? 'rd-nytimes-4';
  const count = opts.count ?? 200;
  const server = await startServer({ isolated: true });
  const h = opts.harness ?? (await launchBench());
  const bundle = await bundleForPage('scripts/bench/page-saved-entry.ts');
  const url = server.url(`/corpus/${pageName}.html`);
  try {
    // 1. Passages picked in the page as the content script sees its text; records built in Node.
    const page = await h.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(bundle);
    const info = await page.evaluate((n) => (window as unknown as SavedWindow).__saved.passages(n), count);
    if (info.passages.length < count) throw new Error(`${pageName}: only ${info.passages.length} passages for ${count} highlights`);
    const records: HighlightRecord[] = info.passages.map((p, i) =>
      newHighlight({ url: info.url, title: info.title, quote: p.quote, position: p.position, scheme: info.scheme, entityIds: [], colour: 'yellow' }, Date.UTC(2024, 0, 1) + i * 1000, uuidFromString(`bench-saved-${i}`)),
    );
    // 2. Stored in bulk through the service worker's message handler.
    const ext = await h.context.newPage();
    await ext.goto(h.extensionUrl('popup.html'));
    const reply = await ext.evaluate((recs) => chrome.runtime.sendMessage({ type: 'highlights/restore', records: recs }), records);
    if (!reply?.ok) throw new Error(`highlights/restore failed: ${JSON.stringify(reply)}`);
    await ext.close();
    // 3. Reloads, timed from navigation start in the main world.
    // tsx compiles functions we hand to the page with esbuild's keepNames, which calls __name.
    await page.addInitScript('window.__name = (f) => f');
    await page.addInitScript((COUNT) => {
      const t = { mentions: -1, saved: -1 };
      const poll = () => {
        const m = CSS.highlights.get('kontekst-mention');
        if (t.mentions < 0 && m && m.size > 0) t.mentions = performance.now();
        const s = CSS.highlights.get('kontekst-saved');
        if (s && s.size >= COUNT) {
          t.saved = performance.now();
          (window as unknown as { __savedT: unknown }).__savedT = t;
          return;
        }
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }, count);
    const e2e: { load: number; mentions: number; saved: number }[] = [];
    for (let r = 0; r < opts.runs + 1; r++) {
      await page.goto(url, { waitUntil: 'load' });
      const t = (await (
        await page.waitForFunction(() => (window as unknown as { __savedT?: unknown }).__savedT, undefined, { timeout: 20_000 }).catch(async (e: Error) => {
          const size = await page.evaluate(() => CSS.highlights.get('kontekst-saved')?.size ?? 0);
          throw new Error(`${e.message}: ${size} of ${count} saved highlights painted`);
        })
      ).jsonValue()) as { mentions: number; saved: number };
      const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
      if (r > 0) e2e.push({ load, ...t }); // the first reload warms the service worker
    }
    await page.close();
    // 4. place() alone, in a page without the content script's other work (a fresh tab, extension switched off by a query? no: a plain page of the same server works, the content script also runs there, so time only our call).
    const places: { ms: number; paintMs: number; placed: number }[] = [];
    const p2 = await h.context.newPage();
    for (let r = 0; r < opts.runs; r++) {
      await p2.goto(url, { waitUntil: 'load' });
      await p2.waitForFunction(() => (CSS.highlights.get('kontekst-saved')?.size ?? 0) >= 1, undefined, { timeout: 20_000 });
      await p2.waitForTimeout(300);
      await p2.evaluate(bundle);
      places.push(await p2.evaluate((recs) => (window as unknown as SavedWindow).__saved.place(recs), records));
    }
    await p2.close();
    const res: SavedResult = {
      page: pageName,
      chars: info.chars,
      count,
      placeMs: median(places.map((p) => p.ms)),
      placePaintMs: median(places.map((p) => p.paintMs)),
      placed: places[0]!.placed,
      loadEventMs: median(e2e.map((x) => x.load)),
      mentionsPaintedMs: median(e2e.map((x) => x.mentions)),
      savedPaintedMs: median(e2e.map((x) => x.saved)),
      runs: opts.runs,
    };
    log(`saved: ${res.placed}/${count} placed on ${pageName} (${res.chars} chars); place() ${res.placeMs.toFixed(1)} ms, +paint ${res.placePaintMs.toFixed(1)} ms; reload: load ${res.loadEventMs.toFixed(0)}, mentions ${res.mentionsPaintedMs.toFixed(0)}, 200 saved painted ${res.savedPaintedMs.toFixed(0)} ms`);
    return res;
  } finally {
    if (!opts.harness) await h.close();
    await closeSoon(server);
  }
}
