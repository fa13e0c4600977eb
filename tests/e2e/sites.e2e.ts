// Per-site control end to end: the popup's switch, the keyboard command and the context menu switch
// Kontekst for a site in every open tab at once (no reload), a switched-off page never paints, and
// the toolbar badge follows — also across a service-worker restart.
//
// Browser shortcuts and context menus cannot be pressed in headless Chromium, and
// chrome.commands.onCommand cannot be dispatched by hand: the background exposes the functions its
// listeners call (self.kontekst.runCommand / onMenuClick), and the tests call those in the worker.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, tabIdOf as tabIdOfWorker, waitForHighlights, type Harness } from '../../scripts/lib/browser';
import { ROOT, startServer, type StaticServer } from '../../scripts/lib/server';

let h: Harness;
let server: StaticServer;
let worker: Worker;
let a: Page; // demo article on 127.0.0.1
let b: Page; // another page of the same site (other path)
let c: Page; // the same article on another site, which must not follow
let news: Page; // news.example.com and blog.example.com: one site, two hosts (scope)
let blog: Page;
let popup: Page;
const ids = new Map<Page, number>();
const SHOTS = join(ROOT, 'docs/screenshots');

// The watcher runs in the page's main world from the first script; CSS.highlights is the document's
// registry, shared with the content script's isolated world. It records every frame's size.
const PAINT_WATCH = `
  window.__kx = { max: 0, frames: 0, stop: false, hosts: 0 };
  const tick = () => {
    const k = window.__kx;
    k.max = Math.max(k.max, CSS.highlights.size);
    k.hosts = Math.max(k.hosts, document.getElementsByTagName('kontekst-ui').length);
    k.frames++;
    if (!k.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

function currentWorker(): Worker {
  const live = h.context.serviceWorkers().filter((w) => w.url().includes(h.extensionId)).at(-1);
  if (live) worker = live;
  return worker;
}

/** A page's tab id, asked once per page of the live worker (it may have been restarted). */
async function tabIdOf(page: Page): Promise<number> {
  const known = ids.get(page);
  if (known !== undefined) return known;
  const id = await tabIdOfWorker(currentWorker(), page);
  ids.set(page, id);
  return id;
}

const badge = async (page: Page) => currentWorker().evaluate((tabId) => chrome.action.getBadgeText({ tabId }), await tabIdOf(page));
const title = async (page: Page) => currentWorker().evaluate((tabId) => chrome.action.getTitle({ tabId }), await tabIdOf(page));
const registered = (page: Page) => page.evaluate(() => CSS.highlights.size);
const mentionCount = (page: Page) => page.evaluate(() => CSS.highlights.get('kontekst-mention')?.size ?? 0);

/** Polls every 10 ms (not per frame: a tab in the background gets no frames). Returns ms waited. */
async function until(page: Page, fn: () => boolean, timeout = 5000): Promise<number> {
  const t0 = Date.now();
  await page.waitForFunction(fn, undefined, { polling: 10, timeout });
  return Date.now() - t0;
}

async function waitBadge(page: Page, text: string | RegExp, timeout = 5000): Promise<string> {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeout) {
    last = await badge(page);
    if (typeof text === 'string' ? last === text : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`badge stayed "${last}", expected ${String(text)}`);
}

async function openPopup(page: Page): Promise<Page> {
  const p = await h.context.newPage();
  await p.setViewportSize({ width: 360, height: 700 });
  await p.goto(h.extensionUrl(`popup.html?tab=${await tabIdOf(page)}`));
  await p.getByRole('switch').waitFor();
  return p;
}

const siteSwitch = (p: Page) => p.getByRole('switch', { name: /Kontekst on 127\.0\.0\.1/ });

// axe-core in the real popup, where layout and colours exist (happy-dom cannot judge contrast).
// Evaluated through DevTools, which the extension page's CSP does not apply to.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: unknown): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
  });
}

async function settingsRules(): Promise<unknown[]> {
  return currentWorker().evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { rules?: unknown[] } | undefined)?.rules ?? []);
}

beforeAll(async () => {
  server = await startServer();
  h = await launch();
  // Other hosts than 127.0.0.1 do not resolve here: their pages are served by request interception,
  // which the browser treats as an ordinary navigation (content scripts run, site rules apply).
  const article = readFileSync(join(ROOT, 'demo/article.html'), 'utf8');
  const short = readFileSync(join(ROOT, 'tests/fixtures/pages/dark.html'), 'utf8');
  await h.context.route(/^http:\/\/(other-site\.org|news\.example\.com|blog\.example\.com)\//, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: route.request().url().includes('other-site') ? article : short }),
  );
  worker = h.worker;
  mkdirSync(SHOTS, { recursive: true });

  a = await h.context.newPage();
  await a.addInitScript(PAINT_WATCH);
  await a.goto(server.url('/demo/article.html'));
  b = await h.context.newPage();
  await b.goto(server.url('/fixtures/dark.html'));
  c = await h.context.newPage();
  await c.goto('http://other-site.org/article.html');
  news = await h.context.newPage();
  await news.goto('http://news.example.com/story');
  blog = await h.context.newPage();
  await blog.goto('http://blog.example.com/post');
  await Promise.all([waitForHighlights(a, 40), waitForHighlights(b, 4), waitForHighlights(c, 40), waitForHighlights(news, 4), waitForHighlights(blog, 4)]);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('badge', () => {
  it('shows the number of mentions in each tab', async () => {
    expect(await waitBadge(a, '40')).toBe('40');
    expect(await waitBadge(b, '4')).toBe('4');
    expect(await mentionCount(a)).toBe(40);
    expect(await title(a)).toBe('Kontekst: 40 mentions on this page');
  });
});

describe('toolbar popup', () => {
  it('lists this page’s mentions by entity, with the default shortcuts', async () => {
    popup = await openPopup(a);
    expect(await siteSwitch(popup).isChecked()).toBe(true);
    const mentions = popup.getByRole('region', { name: /Mentions on this page/ });
    await expect(mentions.getByRole('heading').textContent()).resolves.toMatch(/40/);
    const more = mentions.getByRole('button', { name: /^Show all \d+ topics$/ });
    expect(await mentions.getByRole('listitem').count()).toBe(8); // folded, so saved highlights stay in view
    await more.click();
    const buttons = mentions.getByRole('listitem').getByRole('button');
    expect(await buttons.count()).toBeGreaterThan(8);
    const counts = (await buttons.allTextContents()).map((t) => Number(/(\d+) mentions?$/.exec(t)?.[1]));
    expect(counts.reduce((x, y) => x + y, 0)).toBe(40);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    const keys = popup.getByRole('region', { name: 'Keyboard shortcuts' });
    await expect(keys.textContent()).resolves.toContain('Alt+Shift+K');
    await expect(keys.textContent()).resolves.toContain('Alt+Shift+.');
  });

  it('jumps to a mention from the list', async () => {
    await popup.getByRole('button', { name: /^Huawei \d+ mentions?$/ }).click();
    await until(a, () => (CSS.highlights.get('kontekst-active')?.size ?? 0) === 1);
    const active = await a.evaluate(() => {
      const r = [...(CSS.highlights.get('kontekst-active') as unknown as Iterable<AbstractRange>)][0]!;
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    });
    expect(active).toMatch(/Huawei|华为|Хуавэй/);
    await a.keyboard.press('Escape');
  });

  it('switching off empties CSS.highlights in this tab within 500 ms, and the site’s other tab follows', async () => {
    await popup.bringToFront();
    const t0 = Date.now();
    await siteSwitch(popup).click();
    const inA = await until(a, () => CSS.highlights.size === 0 && !document.querySelector('kontekst-ui'));
    const total = Date.now() - t0;
    await until(b, () => CSS.highlights.size === 0);
    console.log(`switch off: tab emptied ${inA} ms after the click returned, ${total} ms from the click`);
    expect(total).toBeLessThan(500);
    expect(await siteSwitch(popup).isChecked()).toBe(false);
    await expect(popup.getByRole('status').textContent()).resolves.toBe('Off for this host only (127.0.0.1).');
    await popup.getByText('Switched off here: nothing is highlighted.').waitFor();
    // Another host is not touched.
    expect(await mentionCount(c)).toBe(40);
    expect(await waitBadge(a, 'off')).toBe('off');
    expect(await waitBadge(b, 'off')).toBe('off');
    expect(await badge(c)).toBe('40');
    expect(await title(a)).toBe('Kontekst: off on this page');
  });

  it('screenshots: site off', async () => {
    await popup.screenshot({ path: join(SHOTS, 'popup-off.png'), fullPage: true });
  });

  it('a reload keeps the site off with nothing painted at any moment', async () => {
    await a.bringToFront();
    await a.reload();
    await waitBadge(a, 'off');
    // The decision was made and reported; watch a little longer for any late paint.
    await a.waitForFunction(() => (window as unknown as { __kx: { frames: number } }).__kx.frames > 30, undefined, { timeout: 5000 });
    const watch = await a.evaluate(() => {
      const k = (window as unknown as { __kx: { max: number; frames: number; hosts: number; stop: boolean } }).__kx;
      k.stop = true;
      return k;
    });
    expect(watch.frames).toBeGreaterThan(30);
    expect(watch.max).toBe(0);
    expect(watch.hosts).toBe(0);
    const reply = await currentWorker().evaluate(
      async (tabId) => chrome.tabs.sendMessage(tabId, { type: 'tab/mentions' }),
      await tabIdOf(a),
    );
    expect(reply).toMatchObject({ ok: true, data: { enabled: false, total: 0 } }); // the content script runs, switched off
  });

  it('switching on rescans every tab of the site, no reload', async () => {
    await popup.bringToFront();
    const t0 = Date.now();
    await siteSwitch(popup).click();
    await waitForHighlights(a, 40);
    const ms = Date.now() - t0;
    await waitForHighlights(b, 4);
    console.log(`switch on: 40 mentions repainted in ${ms} ms`);
    expect(await waitBadge(a, '40')).toBe('40');
    expect(await waitBadge(b, '4')).toBe('4');
    const mentions = popup.getByRole('region', { name: /Mentions on this page/ });
    await expect.poll(() => mentions.getByRole('heading').textContent()).toMatch(/40/);
  });

  it('lists the page’s saved highlights, orphans marked', async () => {
    const url = a.url();
    await popup.evaluate(async (u) => {
      const save = (exact: string) =>
        chrome.runtime.sendMessage({
          type: 'highlights/save',
          record: { url: u, originalUrl: u, title: 'Demo', quote: { exact, prefix: '', suffix: '' }, scheme: 'kontekst-text/1', entityIds: [] },
        });
      await save('The regulator spent two years trying to block Telegram');
      await save('A sentence that this article never contained, saved from an older version.');
    }, url);
    await until(a, () => (CSS.highlights.get('kontekst-saved')?.size ?? 0) === 1);
    await popup.reload();
    const saved = popup.getByRole('region', { name: /Saved on this page/ });
    await saved.getByText('“The regulator spent two years trying to block Telegram”').waitFor();
    const orphan = saved.getByRole('listitem').filter({ hasText: 'never contained' });
    await expect(orphan.textContent()).resolves.toContain('Not found on the page');
  });

  it('screenshots: light and dark, axe-clean (contrast included), nothing overflows at 200% zoom', async () => {
    await popup.screenshot({ path: join(SHOTS, 'popup-light.png'), fullPage: true });
    expect(await axeViolations(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(27, 28, 32)');
    await popup.screenshot({ path: join(SHOTS, 'popup-dark.png'), fullPage: true });
    expect(await axeViolations(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'light' });
    // Browser zoom 200%: Chrome caps a popup at 800×600 device pixels, i.e. 400×300 CSS pixels.
    const cdp = await h.context.newCDPSession(popup);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 400, height: 300, deviceScaleFactor: 2, mobile: false });
    const layout = await popup.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      clipped: [...document.querySelectorAll('button, label, h2, p, dd, dt')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length,
    }));
    const shot = (await cdp.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
    writeFileSync(join(SHOTS, 'popup-zoom-200.png'), Buffer.from(shot.data, 'base64'));
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.clipped).toBe(0);
  });

  it('works from the keyboard: Tab reaches the switch first, Space toggles it', async () => {
    await popup.bringToFront();
    await popup.reload();
    await siteSwitch(popup).waitFor();
    await popup.keyboard.press('Tab');
    expect(await siteSwitch(popup).evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.press('Space');
    await until(a, () => CSS.highlights.size === 0);
    await popup.keyboard.press('Space');
    await waitForHighlights(a, 40);
  });
});

describe('keyboard command and context menu', () => {
  it('the toggle-site command switches the active tab’s site off and on, in every tab', async () => {
    await a.bringToFront();
    const t0 = Date.now();
    await currentWorker().evaluate(() => (self as unknown as { kontekst: { runCommand(c: string): Promise<void> } }).kontekst.runCommand('toggle-site'));
    await until(a, () => CSS.highlights.size === 0);
    console.log(`command off: ${Date.now() - t0} ms`);
    await until(b, () => CSS.highlights.size === 0);
    expect(await mentionCount(c)).toBe(40);
    expect(await settingsRules()).toEqual([expect.objectContaining({ pattern: '127.0.0.1', scope: 'host', enabled: false })]);
    // The open popup follows too.
    await expect.poll(() => siteSwitch(popup).isChecked()).toBe(false);
    await currentWorker().evaluate(() => (self as unknown as { kontekst: { runCommand(c: string): Promise<void> } }).kontekst.runCommand('toggle-site'));
    await waitForHighlights(a, 40);
    await waitForHighlights(b, 4);
    await expect.poll(() => siteSwitch(popup).isChecked()).toBe(true);
  });

  it('the context-menu item toggles the clicked tab’s site', async () => {
    const tab = { id: await tabIdOf(b) };
    const click = (t: { id: number }, pageUrl: string) =>
      currentWorker().evaluate(
        ([tt, u]) =>
          (self as unknown as { kontekst: { onMenuClick(i: unknown, t: unknown): Promise<void> } }).kontekst.onMenuClick(
            { menuItemId: 'kontekst-toggle-site', pageUrl: u },
            tt,
          ),
        [t, pageUrl] as const,
      );
    await click(tab, b.url());
    await until(b, () => CSS.highlights.size === 0);
    await until(a, () => CSS.highlights.size === 0);
    await click(tab, b.url());
    await waitForHighlights(b, 4);
    await waitForHighlights(a, 40);
  });
});

describe('scope: this host or the whole site', () => {
  it('the whole site switches both hosts; “this host only” gives the other host back', async () => {
    const p = await openPopup(news);
    const sw = p.getByRole('switch', { name: /Kontekst on news\.example\.com/ });
    expect(await p.getByRole('radio', { name: /the whole site example\.com/ }).isChecked()).toBe(true);
    await sw.click();
    await until(news, () => CSS.highlights.size === 0);
    await until(blog, () => CSS.highlights.size === 0);
    await expect(p.getByRole('status').textContent()).resolves.toBe('Off for the whole site example.com.');
    await p.getByRole('radio', { name: /this host only/ }).check();
    await waitForHighlights(blog, 4);
    expect(await registered(news)).toBe(0);
    await expect(p.getByRole('status').textContent()).resolves.toBe('Off for this host only (news.example.com).');
    await sw.click();
    await waitForHighlights(news, 4);
    expect(await mentionCount(c)).toBe(40);
    await p.close();
  });
});

describe('service worker restart', () => {
  it('a switched-off page loads dark while the worker is stopped, and the badge is right after it restarts', async () => {
    await siteSwitch(popup).click(); // off
    await waitBadge(a, 'off');
    // Stop the worker the way the browser does when it idles (DevTools' "Stop" in chrome://serviceworker-internals).
    const cdp = await h.context.newCDPSession(popup);
    const seen: { versionId: string; runningStatus: string }[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
      seen.push(...e.versions.filter((v) => v.scriptURL.endsWith('/background.js')));
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => seen.at(-1)?.runningStatus).toBe('running');
    await cdp.send('ServiceWorker.stopWorker', { versionId: seen.at(-1)!.versionId });
    await expect.poll(() => seen.at(-1)?.runningStatus, { timeout: 5000 }).toBe('stopped');

    // Badge state lives in the browser, per tab: readable from the popup while the worker is gone.
    const tabA = await tabIdOf(a);
    expect(await popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabA)).toBe('off');

    await a.bringToFront();
    await a.reload();
    await a.waitForFunction(() => (window as unknown as { __kx: { frames: number } }).__kx.frames > 30, undefined, { timeout: 5000 });
    const watch = await a.evaluate(() => (window as unknown as { __kx: { max: number } }).__kx.max);
    expect(watch).toBe(0);
    // Navigation cleared the badge; the reloaded page's report reaches a restarted worker.
    await expect.poll(() => popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabA), { timeout: 5000 }).toBe('off');

    await popup.bringToFront();
    await siteSwitch(popup).click(); // on, with a fresh worker woken by the page's report
    await waitForHighlights(a, 40);
    await expect.poll(() => popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabA), { timeout: 5000 }).toBe('40');
    expect(seen.at(-1)?.runningStatus).toBe('running'); // a new worker answered
    await cdp.detach();
  });

  it('navigation resets the badge to the new page’s count', async () => {
    await a.goto(server.url('/fixtures/dark.html'));
    await waitForHighlights(a, 4);
    await expect.poll(() => popup.evaluate(async (id) => chrome.action.getBadgeText({ tabId: id }), ids.get(a)!), { timeout: 5000 }).toBe('4');
  });

  it('logged no errors', () => {
    expect(h.errors).toEqual([]);
  });
});
