// Shared steps of the saved-highlight end-to-end tests: a test article, selecting text, talking to the
// content script (as the command and context menu do) and to the background (as the library does).
import type { Page } from 'playwright-core';
import { tabIdOf as tabIdOfWorker, type Harness } from '../../scripts/lib/browser';
import type { HighlightRecord } from '../../core/annotations/record';

export const PASSAGE = 'Roskomnadzor asked Huawei engineers to explain how the filtering equipment scaled across regions.';

export interface ArticleOptions {
  /** Text put before the first paragraph (words inserted above the passage). */
  lead?: string;
  /** The passage as this version of the page prints it; null removes it. */
  passage?: string | null;
  title?: string;
}

/** A small news article; variants of it stand for the same page edited by its publisher. */
export function article(opts: ArticleOptions = {}): string {
  const passage = opts.passage === undefined ? PASSAGE : opts.passage;
  const paras = [
    `${opts.lead ?? ''}Moscow has spent a decade watching how Beijing governs its internet, and officials say they want the tools without the dependence.`,
    `In April, a delegation visited Shenzhen. ${passage ?? 'The visit ended early.'} The answers were not published.`,
    'Experts at the Russian International Affairs Council doubt that the two systems can be joined.',
    'Both sides promised further meetings of the Shanghai Cooperation Organisation working group next year.',
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${opts.title ?? 'Partners on paper'}</title>
<style>body{font:18px/1.6 Georgia,serif;max-width:40rem;margin:2rem auto}</style></head>
<body><header><a href="/">The Test Review</a></header><main><article><h1>Partners on paper</h1>
${paras.map((p) => `<p>${p}</p>`).join('\n')}
</article></main></body></html>`;
}

/** Selects the first occurrence of `needle` inside one text node of the page. */
export async function select(page: Page, needle: string): Promise<void> {
  const ok = await page.evaluate((n) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = (node as Text).data.indexOf(n);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + n.length);
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
    return false;
  }, needle);
  if (!ok) throw new Error(`"${needle}" is not on the page`);
}

/** The tab id of a page (asked of the content scripts; see scripts/lib/browser.ts). */
export const tabIdOf = (h: Harness, page: Page): Promise<number> => tabIdOfWorker(h.worker, page);

export interface Reply<T> {
  ok: boolean;
  data?: T;
  error?: string;
}

/** Sends a message to a tab's content script from the service worker (the path of the command and menu). */
export async function toTab<T>(h: Harness, tabId: number, message: unknown): Promise<Reply<T>> {
  return h.worker.evaluate(([id, msg]) => chrome.tabs.sendMessage(id as number, msg), [tabId, message] as const) as Promise<Reply<T>>;
}

export async function saveSelection(h: Harness, page: Page): Promise<HighlightRecord> {
  const reply = await toTab<HighlightRecord | null>(h, await tabIdOf(h, page), { type: 'tab/save-selection' });
  if (!reply.ok || !reply.data) throw new Error(`save-selection failed: ${JSON.stringify(reply)}`);
  return reply.data;
}

export interface SavedOnPage {
  placed: HighlightRecord[];
  orphans: HighlightRecord[];
}

export async function savedOnPage(h: Harness, page: Page): Promise<SavedOnPage> {
  const reply = await toTab<SavedOnPage>(h, await tabIdOf(h, page), { type: 'tab/saved' });
  if (!reply.ok || !reply.data) throw new Error(`tab/saved failed: ${JSON.stringify(reply)}`);
  return reply.data;
}

/** An extension page that talks to the background as the library does (runtime messages). */
export async function backgroundClient(h: Harness): Promise<<T>(message: unknown) => Promise<T>> {
  const page = await h.context.newPage();
  await page.goto(h.extensionUrl('popup.html'));
  return async <T>(message: unknown): Promise<T> => {
    const reply = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as Reply<T>;
    if (!reply?.ok) throw new Error(`background: ${reply?.error ?? 'no answer'}`);
    return reply.data as T;
  };
}

/** Waits until the content script has placed or orphaned `count` saved highlights. */
export async function waitForSaved(h: Harness, page: Page, test: (s: SavedOnPage) => boolean, timeout = 10_000): Promise<SavedOnPage> {
  const t0 = Date.now();
  let last: SavedOnPage | null = null;
  while (Date.now() - t0 < timeout) {
    last = await savedOnPage(h, page).catch(() => null);
    if (last && test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`saved highlights not as expected: ${JSON.stringify(last && { placed: last.placed.length, orphans: last.orphans.length })}`);
}
