// The scan cut into as many slices as it can be (a slice budget of 0 ms: every check of the
// clock says the slice is used up, so the text search, the walk to each place's text node and
// the block reads pause wherever they may) finds exactly what it finds in 8 ms slices. What the
// raw text leaves out on corpus pages. And the layer lets go of hidden text that the page removed.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleForPage } from '../../scripts/bench/bundle';
import { stressPage } from '../../scripts/bench/stress-page';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/browser';
import { startServer, type StaticServer } from '../../scripts/lib/server';

let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  server.put('/layer.js', await bundleForPage('tests/e2e/layer-entry.ts'));
  server.put('/stress.html', stressPage({ paragraphs: 4_000, mentions: 500 }).html);
  browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function scan(path: string, sliceMs: number): Promise<{ mentions: string[]; yields: number }> {
  await page.goto(server.url(path), { waitUntil: 'load' });
  await page.addScriptTag({ url: server.url('/layer.js') });
  return page.evaluate((ms) => (window as unknown as { __scanWith: (ms: number) => Promise<{ mentions: string[]; yields: number }> }).__scanWith(ms), sliceMs);
}

const pages = [
  '/corpus/gne-163-huawei.html',
  '/corpus/gne-njxfhn.html',
  '/corpus/rd-qq.html',
  '/corpus/rd-bbc-1.html',
  '/corpus/rd-breitbart.html',
  '/fixtures/inline-code.html',
  '/stress.html',
];

it.each(pages)('%s: the same mentions in 0 ms slices as in 8 ms slices', async (path) => {
  const whole = await scan(path, 8);
  const cut = await scan(path, 0);
  expect(cut.mentions).toEqual(whole.mentions);
  // It did pause: at each window of the search, every 256 text nodes of a walk, between blocks
  // (corpus pages: none or one pause in 8 ms slices, 2 to 15 in 0 ms slices).
  expect(cut.yields).toBeGreaterThan(whole.yields);
});

it('leaves long <style> text and long hidden text out of the raw text, and nothing else', async () => {
  const rawOf = async (path: string): Promise<{ whole: number; raw: number; cut: number; hidden: number }> => {
    await page.goto(server.url(path), { waitUntil: 'load' });
    await page.addScriptTag({ url: server.url('/layer.js') });
    return page.evaluate(() => (window as unknown as { __rawOfBody: () => { whole: number; raw: number; cut: number; hidden: number } }).__rawOfBody());
  };
  // 174,219 characters of keywords in a display:none block, and no long <style>.
  const seo = await rawOf('/corpus/gne-njxfhn.html');
  expect(seo).toMatchObject({ cut: 1, hidden: 1 });
  expect(seo.whole - seo.raw).toBe(174_219);
  // 531k characters of CSS in <style> elements that the parser moved into the body.
  const css = await rawOf('/corpus/rd-breitbart.html');
  expect(css.hidden).toBe(0);
  expect(css.cut).toBeGreaterThan(20);
  expect(css.whole - css.raw).toBeGreaterThan(500_000);
  // A long page of many elements and no long hidden text: read whole.
  expect(await rawOf('/corpus/rd-yahoo-2.html')).toMatchObject({ whole: 202_079, raw: 202_079, cut: 0, hidden: 0 });
});

it('stops watching hidden text for its places once the page removed it', async () => {
  await page.goto(server.url('/corpus/fu-lenta.html'), { waitUntil: 'load' });
  await page.addScriptTag({ url: server.url('/layer.js') });
  const r = await page.evaluate(() => (window as unknown as { __watchedAfterRemoval: () => Promise<{ before: number; after: number }> }).__watchedAfterRemoval());
  expect(r).toEqual({ before: 1, after: 0 });
});
