// Popover latency with the built extension on the demo article, measured from the page's main
// world: the content script is isolated, but the DOM is shared, so a MutationObserver sees the
// popover host (<kontekst-ui>, open shadow root) appear and fill, and a rAF + message after that
// gives the time the frame showing it was painted.
import type { Page } from 'playwright-core';
import { launchBench } from './bench-browser';
import { waitForHighlights, type Harness } from '../lib/browser';
import { startServer } from '../lib/server';
import { closeSoon, median } from './stats';

export interface PopoverCase {
  label: string;
  /** Decision (click or hover timer) to the popover's first frame painted (skeleton or content). */
  shownMs: number;
  /** Decision to the frame with the entity's content painted. */
  contentMs: number;
  runs: number;
}

interface Probe {
  shown: number;
  content: number;
}

/** Installs the main-world probe; resolves with times from the next click (or pointermove). */
function armProbe(page: Page, trigger: 'click' | 'pointermove'): Promise<Probe> {
  return page.evaluate(
    (trig) =>
      new Promise<Probe>((resolve, reject) => {
        let t0 = -1;
        const out = { shown: -1, content: -1 };
        const afterPaint = (key: 'shown' | 'content') =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              out[key] = performance.now() - t0;
              if (out.shown >= 0 && out.content >= 0) {
                mo.disconnect();
                resolve(out);
              }
            };
            ch.port2.postMessage(0);
          });
        const observed = new Set<Node>();
        let shownSeen = false;
        let contentSeen = false;
        const check = () => {
          if (t0 < 0) return;
          const host = document.querySelector('kontekst-ui');
          const sr = host?.shadowRoot;
          if (!host || !sr) return;
          if (!observed.has(sr)) {
            observed.add(sr);
            mo.observe(sr, { subtree: true, childList: true, characterData: true, attributes: true });
          }
          const pop = sr.querySelector('.kx-popover');
          if (!pop || !host.matches(':popover-open')) return;
          if (!shownSeen) {
            shownSeen = true;
            afterPaint('shown');
          }
          const title = sr.querySelector('.kx-title')?.textContent?.trim();
          if (!contentSeen && !sr.querySelector('.kx-skeleton') && title) {
            contentSeen = true;
            afterPaint('content');
          }
        };
        const mo = new MutationObserver(check);
        mo.observe(document.documentElement, { childList: true });
        const host = document.querySelector('kontekst-ui');
        if (host?.shadowRoot) {
          observed.add(host.shadowRoot);
          mo.observe(host.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        // The event's own time stamp (same clock as performance.now()): our listener may run
        // after the content script's, which can open the popover synchronously.
        window.addEventListener(
          trig,
          (e) => {
            if (t0 >= 0) return;
            t0 = e.timeStamp;
            check();
          },
          { capture: true, once: true },
        );
        setTimeout(() => reject(new Error('popover did not open')), 5000);
        (window as unknown as { __probeArmed: boolean }).__probeArmed = true;
      }),
    trigger,
  );
}

/** Centre of the first mention (outside links) whose text matches, scrolled into view. */
async function mentionPoint(page: Page, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate((want) => {
    const h = CSS.highlights.get('kontekst-mention');
    for (const r of (h ?? []) as unknown as Iterable<AbstractRange>) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      if (live.toString() !== want || r.startContainer.parentElement?.closest('a[href]')) continue;
      r.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      const rect = live.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    throw new Error(`no mention "${want}"`);
  }, text);
}

async function measure(page: Page, trigger: 'click' | 'pointermove', act: () => Promise<void>): Promise<Probe> {
  const probe = armProbe(page, trigger);
  await page.waitForFunction(() => (window as unknown as { __probeArmed?: boolean }).__probeArmed === true);
  await page.evaluate(() => ((window as unknown as { __probeArmed?: boolean }).__probeArmed = false));
  await act();
  return probe;
}

async function close(page: Page): Promise<void> {
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('kontekst-ui')?.matches(':popover-open'));
  await page.waitForTimeout(150);
}

export async function runPopoverBench(opts: { runs: number; log?: (s: string) => void; harness?: Harness }): Promise<PopoverCase[]> {
  const log = opts.log ?? (() => undefined);
  const server = await startServer({ isolated: true });
  const h = opts.harness ?? (await launchBench());
  const page = await h.context.newPage();
  const got: Record<string, Probe[]> = { first: [], cached: [], uncached: [], hover: [] };
  try {
    for (let r = 0; r < opts.runs + 1; r++) {
      await page.goto(server.url('/demo/article.html'), { waitUntil: 'load' });
      // tsx compiles the functions we evaluate with esbuild's keepNames, which calls __name.
      await page.evaluate('window.__name = (f) => f');
      const n = await waitForHighlights(page, 30);
      await page.waitForTimeout(1200); // the idle prefetch of the page's entities has run
      const res: Record<string, Probe> = {};
      let p = await mentionPoint(page, 'Huawei');
      res.first = await measure(page, 'click', () => page.mouse.click(p.x, p.y));
      await close(page);
      p = await mentionPoint(page, 'Huawei');
      res.cached = await measure(page, 'click', () => page.mouse.click(p.x, p.y));
      await close(page);
      // A mention of an entity the page did not have: its content was never prefetched.
      await page.evaluate(() => {
        const para = document.createElement('p');
        para.textContent = 'Officials in Beijing again defended cyber sovereignty as a guiding principle.';
        document.querySelector('article p, main p, p')!.after(para);
      });
      await waitForHighlights(page, n + 1);
      p = await mentionPoint(page, 'cyber sovereignty');
      res.uncached = await measure(page, 'click', () => page.mouse.click(p.x, p.y));
      await close(page);
      p = await mentionPoint(page, 'Roskomnadzor');
      res.hover = await measure(page, 'pointermove', () => page.mouse.move(p.x, p.y, { steps: 1 }));
      await close(page);
      if (r === 0) continue; // the first load warms the service worker and the pack store
      for (const k of Object.keys(got)) got[k]!.push(res[k]!);
    }
  } finally {
    await page.close();
    if (!opts.harness) await h.close();
    await closeSoon(server);
  }
  const labels: Record<string, string> = {
    first: 'first open on the page (click; content prefetched at idle; creates the popover host)',
    cached: 'second open, same entity (click; cached)',
    uncached: 'entity not prefetched (click; content asked from the service worker)',
    hover: 'hover (pointer to painted; includes the 220 ms hover-intent delay)',
  };
  const cases = Object.entries(got).map(([k, xs]) => ({
    label: labels[k]!,
    shownMs: median(xs.map((x) => x.shown)),
    contentMs: median(xs.map((x) => x.content)),
    runs: xs.length,
  }));
  for (const c of cases) log(`popover ${c.label}: shown ${c.shownMs.toFixed(1)} ms, content ${c.contentMs.toFixed(1)} ms`);
  return cases;
}
