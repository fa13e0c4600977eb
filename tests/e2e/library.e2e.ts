// The library page in the built extension: it loads without errors, and the Topics view finds the
// report's actors by their Russian and Chinese names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { ROOT, startServer, type StaticServer } from '../../scripts/lib/server';
import { PASSAGE, article, saveSelection, select } from './saved-helpers';

const SHOTS = join(ROOT, 'docs/screenshots');
let h: Harness;
let page: Page;
let server: StaticServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  h = await launch({ viewport: { width: 1280, height: 900 } });
  page = await h.context.newPage();
  await page.goto(h.extensionUrl('library.html#topic=roskomnadzor'));
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

async function searchTopics(p: Page, query: string): Promise<string[]> {
  const box = p.getByLabel('Search topics');
  await box.fill(query);
  const results = p.getByRole('region', { name: 'Best matches first' }).locator('.kx-topics-item-name');
  await results.first().waitFor();
  return results.allTextContents();
}

describe('library: Topics', () => {
  it('opens on the topic named in the address, with its full text and sources', async () => {
    const heading = page.locator('#kx-topic-h');
    await expect(heading.textContent()).resolves.toContain('Roskomnadzor');
    const panel = page.getByRole('tabpanel', { name: 'Topics' });
    await expect(panel.getByRole('heading', { name: 'Who says what' }).isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('heading', { name: 'Sources' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'library-topics.png') });
  });

  it('finds Roskomnadzor by its Russian name, inflected or not', async () => {
    expect((await searchTopics(page, 'Роскомнадзор'))[0]).toBe('Roskomnadzor');
    expect((await searchTopics(page, 'роскомнадзора'))[0]).toBe('Roskomnadzor');
  });

  it('finds Huawei by its Chinese name', async () => {
    expect((await searchTopics(page, '华为'))[0]).toBe('Huawei');
  });

  it('switches topic through a related-topic link and the address follows', async () => {
    await page.goto(h.extensionUrl('library.html#topic=huawei'));
    await page.locator('#kx-topic-h').filter({ hasText: 'Huawei' }).waitFor();
    const related = page.getByRole('region', { name: 'Related topics' }).getByRole('link').first();
    const name = (await related.textContent())!.trim();
    await related.click();
    await page.waitForFunction(() => !location.hash.includes('huawei'));
    await expect(page.locator('#kx-topic-h').textContent()).resolves.toContain(name.split(' ')[0]!);
  });

  it('shows the Highlights and Sites tabs', async () => {
    // The panel shows on the next render: wait for it rather than look once.
    await page.getByRole('tab', { name: /Highlights/ }).click();
    await page.getByRole('tabpanel', { name: /Highlights/ }).waitFor({ state: 'visible', timeout: 5000 });
    await page.getByRole('tab', { name: /Sites/ }).click();
    await page.getByRole('tabpanel', { name: /Sites/ }).waitFor({ state: 'visible', timeout: 5000 });
  });

  it('opens the page of a highlight and scrolls to the highlight on arrival', async () => {
    // A long page: the saved passage sits far below the first screen.
    const path = '/library/long-article.html';
    server.put(path, article({ lead: 'Filler sentence about nothing in particular. '.repeat(600) }));
    const reader = await h.context.newPage();
    await reader.goto(server.url(path));
    await reader.waitForFunction(() => (CSS.highlights.get('kontekst-mention')?.size ?? 0) > 0);
    await select(reader, PASSAGE);
    await saveSelection(h, reader);
    await reader.close();

    const library = await h.context.newPage();
    await library.goto(h.extensionUrl('library.html#highlights'));
    const opened = h.context.waitForEvent('page');
    await library.getByRole('link', { name: /^Open page:/ }).first().click();
    const arrived = await opened;
    await arrived.waitForFunction(() => (CSS.highlights.get('kontekst-saved')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    await arrived.waitForFunction(
      () => {
        const r = [...(CSS.highlights.get('kontekst-saved') as unknown as Iterable<AbstractRange>)][0]!;
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        const box = live.getBoundingClientRect();
        return scrollY > 0 && box.top >= 0 && box.bottom <= innerHeight;
      },
      undefined,
      { timeout: 10_000 },
    );
    await arrived.close();
    await library.close();
  });

  it('logged no errors', () => {
    expect(h.errors).toEqual([]);
  });
});
