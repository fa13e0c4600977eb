// Shared by the detection end-to-end tests: the content script's counts, waiting for a scan to
// settle, and where each highlighted range sits on the page.
import type { Page } from 'playwright-core';
import { tabIdOf as tabIdOfWorker, type Harness } from '../../scripts/lib/browser';
import type { StaticServer } from '../../scripts/lib/server';
import { cssPath } from '../../scripts/lib/text-blocks';

export const MENTION = 'kontekst-mention';

export interface TabCounts {
  enabled: boolean;
  /** The first scan of the page is done. */
  scanned: boolean;
  total: number;
  byEntity: Record<string, number>;
  url: string;
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** The tab id of a page (asked of the content scripts; see scripts/lib/browser.ts). */
export const tabIdOf = (h: Harness, page: Page): Promise<number> => tabIdOfWorker(h.worker, page);

// Corpus pages' own noise (their blob: URLs and web manifests point at hosts we do not serve).
const PAGE_NOISE = [/Not allowed to load local resource: blob:/, /Manifest fetch from .* failed/];

/** Errors of the extension, without the corpus pages' own noise. */
export function ownErrors(h: Harness): string[] {
  return h.errors.filter((e) => !PAGE_NOISE.some((r) => r.test(e)));
}

/** What the content script reports for `tab/mentions` (asked from the service worker). */
export async function tabCounts(h: Harness, page: Page): Promise<TabCounts> {
  const tabId = await tabIdOf(h, page);
  const reply = await h.worker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'tab/mentions' }) as Promise<{ ok: boolean; data: TabCounts }>,
    tabId,
  );
  if (!reply.ok) throw new Error('tab/mentions failed');
  return reply.data;
}

/** Number of ranges in the mention highlight (0 when it is not registered). */
export function highlightSize(page: Page): Promise<number> {
  return page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, MENTION);
}

/** Opens `path` of the test server in a new tab and waits until its first scan has settled. */
export async function openSettled(h: Harness, server: StaticServer, path: string, quietMs = 400): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(server.url(path));
  await settle(page, quietMs, 15_000, h);
  return page;
}

/** Waits until the content script says its first scan of the page is done (or it is switched off). */
export async function waitScanned(h: Harness, page: Page, timeout = 15_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    // Before the content script runs, the message has no receiver: ask again.
    const counts = await tabCounts(h, page).catch(() => null);
    if (counts && (counts.scanned || !counts.enabled)) return;
    if (Date.now() - t0 > timeout) throw new Error('the first scan never ended');
    await sleep(50);
  }
}

/**
 * Waits until the first scan is done (with `h`, as the content script reports it; without, until
 * the mention highlight is registered: the page must have a mention) and the highlight's size has
 * not changed for `quietMs` (the first scan yields between slices, so a size seen once may grow).
 */
export async function settle(page: Page, quietMs = 400, timeout = 15_000, h?: Harness): Promise<number> {
  if (h) await waitScanned(h, page, timeout);
  else await page.waitForFunction((n) => CSS.highlights.has(n), MENTION, { timeout });
  const t0 = Date.now();
  let last = -1;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() - t0 > timeout) throw new Error('highlights never settled');
    const n = await highlightSize(page);
    if (n !== last) {
      last = n;
      since = Date.now();
    }
    await sleep(50);
  }
  return last;
}

export interface RangeInfo {
  text: string;
  /** CSS path (scripts/lib/text-blocks.ts cssPath) of the block element the range starts in. */
  path: string;
  /** id of the nearest ancestor with one ('' if none). */
  id: string;
}

/** The ranges of a highlight in document order, with their block element's CSS path. */
export function rangeInfos(page: Page, name = MENTION): Promise<RangeInfo[]> {
  return page.evaluate(([n, pathSource]) => {
    const INLINE = new Set([
      'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'label',
      'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'nobr',
      'tt', 'big', 'strike', 'ruby', 'rb', 'rp', 'rt', 'output', 'meter', 'progress', 'acronym', 'br',
    ]);
    // The same path function the Node detector uses (scripts/lib/text-blocks.ts), sent as source.
    const cssPath = new Function(`return ${pathSource}`)() as (el: Element) => string;
    const h = CSS.highlights.get(n);
    if (!h) return [];
    const out: { info: { text: string; path: string; id: string }; range: Range }[] = [];
    for (const r of h as unknown as Iterable<AbstractRange>) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      let block = r.startContainer.parentElement!;
      while (INLINE.has(block.localName) && block.parentElement) block = block.parentElement;
      const withId = r.startContainer.parentElement?.closest('[id]');
      out.push({ info: { text: live.toString(), path: cssPath(block), id: withId?.id ?? '' }, range: live });
    }
    out.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    return out.map((o) => o.info);
  }, [name, cssPath.toString()] as const);
}

/** Writes Kontekst's settings into extension storage (the content script follows storage.onChanged). */
export async function setPaused(h: Harness, paused: boolean): Promise<void> {
  await h.worker.evaluate(
    (p) => chrome.storage.local.set({ settings: { version: 1, mode: 'everywhere-except', paused: p, rules: [] } }),
    paused,
  );
}
