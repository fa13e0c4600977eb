// Saved highlights end to end: saving a selection and a mention's sentence, restoring on revisit
// (edited text, URL variants, late-loading text), orphans, concurrent saves, export → wipe → import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlightTexts, launch, waitForHighlights, type Harness } from '../../scripts/lib/browser';
import { startServer, type StaticServer } from '../../scripts/lib/server';
import type { HighlightRecord } from '../../core/annotations/record';
import type { ReadResult } from '../../lib/highlight-store';
import type { HighlightList } from '../../lib/background-handlers';
import {
  PASSAGE,
  article,
  backgroundClient,
  saveSelection,
  savedOnPage,
  select,
  waitForSaved,
} from './saved-helpers';

let h: Harness;
let server: StaticServer;
let bg: <T>(message: unknown) => Promise<T>;

beforeAll(async () => {
  server = await startServer();
  h = await launch();
  bg = await backgroundClient(h);
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** Opens a page and waits until Kontekst has scanned it (mentions painted). */
async function openArticle(url: string, page?: Page): Promise<Page> {
  const p = page ?? (await h.context.newPage());
  await p.goto(url);
  await waitForHighlights(p, 1);
  return p;
}

async function wipe(): Promise<void> {
  const { records } = await bg<ReadResult>({ type: 'highlights/list' });
  if (records.length) await bg({ type: 'highlights/delete', ids: records.map((r) => r.id) });
}

describe('a saved selection', () => {
  const path = '/saved/article.html';
  let saved: HighlightRecord;

  it('is saved from the selection with its page, selectors and topics', async () => {
    server.put(path, article());
    const page = await openArticle(server.url(`${path}?utm_source=newsletter&utm_medium=email#top`));
    await select(page, PASSAGE);
    const t0 = Date.now();
    saved = await saveSelection(h, page);
    const saveMs = Date.now() - t0;
    expect(saveMs).toBeLessThan(2000);
    expect(saved).toMatchObject({
      url: server.url(path),
      originalUrl: server.url(`${path}?utm_source=newsletter&utm_medium=email#top`),
      title: 'Partners on paper',
      site: '127.0.0.1',
      text: PASSAGE,
      scheme: 'kontekst-text/1',
      note: '',
      tags: [],
      colour: 'yellow',
    });
    expect(saved.selectors.quote.exact).toBe(PASSAGE);
    expect(saved.selectors.quote.prefix).toMatch(/visited Shenzhen\. $/);
    expect(saved.selectors.quote.suffix).toMatch(/^ The answers/);
    expect(saved.selectors.position!.end - saved.selectors.position!.start).toBe(PASSAGE.length);
    expect([...saved.entityIds].sort()).toEqual(['huawei', 'roskomnadzor']);
    // Painted at once, apart from the mentions.
    await waitForHighlights(page, 1, 'kontekst-saved');
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual([PASSAGE]);
    await page.close();
  });

  it('only tags the topics inside the selection, not the rest of the paragraph', async () => {
    const page = await openArticle(server.url(path));
    // "Shenzhen" sentence has no mention; Roskomnadzor and Huawei follow it in the same text node.
    await select(page, 'In April, a delegation visited Shenzhen.');
    const r = await saveSelection(h, page);
    expect(r.entityIds).toEqual([]);
    await bg({ type: 'highlights/delete', ids: [r.id] });
    await page.close();
  });

  it('is back after a reload, and on the URL with tracking parameters and a fragment', async () => {
    for (const url of [server.url(path), server.url(`${path}?utm_source=x#frag`), server.url(`${path}?fbclid=1`)]) {
      const page = await openArticle(url);
      await waitForHighlights(page, 1, 'kontekst-saved');
      expect(await highlightTexts(page, 'kontekst-saved'), url).toEqual([PASSAGE]);
      const s = await savedOnPage(h, page);
      expect(s.placed.map((r) => r.id)).toEqual([saved.id]);
      expect(s.orphans).toEqual([]);
      await page.close();
    }
  });

  it('is back when the publisher inserted words above it and changed its punctuation', async () => {
    const edited = PASSAGE.replace('Huawei engineers', 'Huawei’s engineers').replace(/\.$/, ';');
    server.put(path, article({ lead: 'Updated at 14:05 with comment from the ministry. ', passage: edited }));
    const page = await openArticle(server.url(path));
    await waitForHighlights(page, 1, 'kontekst-saved');
    const [text] = await highlightTexts(page, 'kontekst-saved');
    expect(text).toMatch(/^Roskomnadzor asked Huawei’s engineers .* across regions/);
    expect((await savedOnPage(h, page)).orphans).toEqual([]);
    await page.close();
  });

  it('becomes an orphan, kept and listed, when the passage is gone', async () => {
    server.put(path, article({ passage: null }));
    const page = await openArticle(server.url(path));
    const s = await waitForSaved(h, page, (x) => x.orphans.length === 1);
    expect(s.placed).toEqual([]);
    expect(s.orphans.map((r) => r.id)).toEqual([saved.id]);
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual([]);
    // Never deleted: still in the library, which lists it as an orphan.
    const list = await bg<HighlightList>({ type: 'highlights/list' });
    expect(list.records.map((r) => r.id)).toContain(saved.id);
    expect(list.orphans).toEqual([saved.id]);
    await page.close();
    server.put(path, article());
  });
});

describe('saving from a mention’s popover', () => {
  it('stores the sentence around the mention, tagged with its topic', async () => {
    await wipe();
    const path = '/saved/mention.html';
    server.put(path, article());
    const page = await openArticle(server.url(path));
    // Hover the mention of the Russian International Affairs Council.
    const box = await page.evaluate(() => {
      for (const r of CSS.highlights.get('kontekst-mention') as unknown as Iterable<AbstractRange>) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        if (live.toString().includes('Russian International Affairs Council')) {
          const b = live.getClientRects()[0]!;
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
      }
      return null;
    });
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x, box!.y);
    const button = page.locator('kontekst-ui').locator('button', { hasText: 'Save highlight' });
    await button.waitFor({ timeout: 10_000 });
    await button.click();
    await page.locator('kontekst-ui').locator('button', { hasText: 'Saved' }).waitFor({ timeout: 10_000 });
    const { records } = await bg<ReadResult>({ type: 'highlights/list' });
    expect(records).toHaveLength(1);
    expect(records[0]!.text).toBe('Experts at the Russian International Affairs Council doubt that the two systems can be joined.');
    expect(records[0]!.entityIds).toEqual(['riac']);
    await waitForHighlights(page, 1, 'kontekst-saved');
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual([records[0]!.text]);
    // A note and tags right away, without leaving the page.
    const ui = page.locator('kontekst-ui');
    await ui.getByLabel('Add a note (optional)').fill('Check against the RIAC–Fudan report.');
    await ui.getByLabel('Tags, separated by commas').fill('riac, governance');
    await ui.getByRole('button', { name: 'Save note' }).click();
    await ui.getByText('Note saved.').waitFor({ timeout: 10_000 });
    const after = (await bg<ReadResult>({ type: 'highlights/list' })).records[0]!;
    expect(after.id).toBe(records[0]!.id);
    expect(after.note).toBe('Check against the RIAC–Fudan report.');
    expect(after.tags).toEqual(['riac', 'governance']);
    await page.close();
  });
});

describe('several tabs', () => {
  it('two tabs saving at once keep both highlights', async () => {
    await wipe();
    const path = '/saved/two-tabs.html';
    server.put(path, article());
    const a = await openArticle(server.url(`${path}#tab-a`));
    const b = await openArticle(server.url(`${path}#tab-b`));
    await select(a, PASSAGE);
    await select(b, 'Both sides promised further meetings');
    const [ra, rb] = await Promise.all([saveSelection(h, a), saveSelection(h, b)]);
    expect(ra.id).not.toBe(rb.id);
    const { records } = await bg<ReadResult>({ type: 'highlights/list' });
    expect(records.map((r) => r.text).sort()).toEqual(['Both sides promised further meetings', PASSAGE]);
    // Each tab is told about the other's save and paints it too.
    for (const p of [a, b]) {
      await waitForHighlights(p, 2, 'kontekst-saved');
      expect((await highlightTexts(p, 'kontekst-saved')).sort()).toEqual(['Both sides promised further meetings', PASSAGE]);
    }
    await a.close();
    await b.close();
  });
});

describe('a late-loading article', () => {
  it('re-places a highlight on the body once the body arrives', async () => {
    await wipe();
    const page = await h.context.newPage();
    await page.goto(server.url('/fixtures/late.html'));
    await page.waitForSelector('html[data-late-done]');
    await waitForHighlights(page, 3);
    await select(page, 'Both sides praised the Wuxi declaration');
    const r = await saveSelection(h, page);
    expect(r.entityIds).toEqual(['wuxi-declaration']);
    await page.reload();
    // The body usually arrives after the saved highlights were first looked for (an orphan then);
    // the controlled page below makes that order certain.
    await page.waitForSelector('html[data-late-done]');
    const s = await waitForSaved(h, page, (x) => x.placed.length === 1);
    expect(s.orphans).toEqual([]);
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual(['Both sides praised the Wuxi declaration']);
    await expect.poll(async () => (await bg<HighlightList>({ type: 'highlights/list' })).orphans).toEqual([]);
    await page.close();
  });
});

/** A page whose body text arrives, or is rendered again, only when the test says so. */
function controlledPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Controlled</title></head><body><main>
<h1>Live coverage</h1><p>Huawei will publish the figures today.</p><div id="body"></div></main>
<script>
  const paragraphs = ['Early paragraph that stays in place.', ${JSON.stringify(PASSAGE)}];
  function render(extra) {
    const nodes = [extra, ...paragraphs].filter(Boolean).map((t) => { const p = document.createElement('p'); p.textContent = t; return p; });
    document.getElementById('body').replaceChildren(...nodes);
  }
  window.arrive = () => render('');
  window.rerender = () => render('Breaking: a new paragraph pushed everything down.');
  window.remove = () => document.getElementById('body').replaceChildren();
  if (location.hash === '#now') render('');
</script></body></html>`;
}

describe('page changes after load', () => {
  const path = '/saved/controlled.html';

  it('an orphan is placed when its text arrives, moved when re-rendered, orphaned when removed', async () => {
    await wipe();
    server.put(path, controlledPage());
    const page = await openArticle(server.url(`${path}#now`));
    await select(page, PASSAGE);
    const r = await saveSelection(h, page);
    await page.goto(server.url(path));
    await waitForHighlights(page, 1);
    const before = await waitForSaved(h, page, (s) => s.orphans.length === 1);
    expect(before.placed).toEqual([]);
    await page.evaluate(() => (window as unknown as { arrive(): void }).arrive());
    await waitForSaved(h, page, (s) => s.placed.length === 1);
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual([PASSAGE]);
    // A re-render replaces the nodes the range pointed into: the highlight follows its text.
    await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
    await page.waitForFunction(
      (text) => {
        for (const r of CSS.highlights.get('kontekst-saved') as unknown as Iterable<AbstractRange>) {
          if (r.startContainer.isConnected && (r.startContainer as Text).data === text) return true;
        }
        return false;
      },
      PASSAGE,
      { timeout: 5000 },
    );
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual([PASSAGE]);
    await page.evaluate(() => (window as unknown as { remove(): void }).remove());
    const gone = await waitForSaved(h, page, (s) => s.orphans.length === 1);
    expect(gone.orphans.map((o) => o.id)).toEqual([r.id]);
    await expect.poll(async () => (await bg<HighlightList>({ type: 'highlights/list' })).orphans).toEqual([r.id]);
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual([]);
    await page.close();
  });
});

describe('export, wipe, import', () => {
  it('gives back identical records', async () => {
    await wipe();
    const pages: Page[] = [];
    for (const [i, needle] of [PASSAGE, 'Experts at the Russian International Affairs Council', 'Moscow has spent a decade'].entries()) {
      const path = `/saved/export-${i}.html`;
      server.put(path, article());
      const page = await openArticle(server.url(path));
      await select(page, needle);
      await saveSelection(h, page);
      pages.push(page);
    }
    const first = await bg<ReadResult>({ type: 'highlights/list' });
    await bg({ type: 'highlights/update', id: first.records[0]!.id, patch: { note: 'Ask the ministry', tags: ['follow-up'], colour: 'blue' } });
    const exported = JSON.parse(JSON.stringify((await bg<ReadResult>({ type: 'highlights/list' })).records)) as HighlightRecord[];
    expect(exported).toHaveLength(3);
    await bg({ type: 'highlights/delete', ids: exported.map((r) => r.id) });
    expect((await bg<ReadResult>({ type: 'highlights/list' })).records).toEqual([]);
    // The open tabs are told, and unpaint.
    await pages[0]!.waitForFunction(() => (CSS.highlights.get('kontekst-saved')?.size ?? 0) === 0);
    expect(await bg({ type: 'highlights/restore', records: exported })).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const back = (await bg<ReadResult>({ type: 'highlights/list' })).records;
    const byId = (x: HighlightRecord, y: HighlightRecord) => x.id.localeCompare(y.id);
    expect([...back].sort(byId)).toEqual([...exported].sort(byId));
    await waitForHighlights(pages[0]!, 1, 'kontekst-saved');
    for (const p of pages) await p.close();
  });

  it('logged no errors', () => {
    expect(h.errors).toEqual([]);
  });
});
