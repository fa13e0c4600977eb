// The library page in the built extension: it loads without errors, and the Topics view finds the
// report's actors by their Russian and Chinese names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../../scripts/lib/browser';
import { ROOT } from '../../scripts/lib/server';

const SHOTS = join(ROOT, 'docs/screenshots');
let h: Harness;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await launch({ viewport: { width: 1280, height: 900 } });
  page = await h.context.newPage();
  await page.goto(h.extensionUrl('library.html#topic=roskomnadzor'));
});
afterAll(async () => {
  await h?.close();
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
    await page.getByRole('tab', { name: /Highlights/ }).click();
    await expect(page.getByRole('tabpanel', { name: /Highlights/ }).isVisible()).resolves.toBe(true);
    await page.getByRole('tab', { name: /Sites/ }).click();
    await expect(page.getByRole('tabpanel', { name: /Sites/ }).isVisible()).resolves.toBe(true);
  });

  it('logged no errors', () => {
    expect(h.errors).toEqual([]);
  });
});
