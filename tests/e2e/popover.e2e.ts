// Popovers end to end: hover each required entity on the demo and on real pages, mount on first
// interaction, content within a frame of opening, grace area, keyboard commands, focus, axe, and
// the three actions (save, library, not on this site).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, waitForHighlights, highlightTexts, type Harness } from '../../scripts/lib/browser';
import { startServer, ROOT, type StaticServer } from '../../scripts/lib/server';
import {
  dismiss, hoverMention, mentionLines, readPopover, sendCommand, settle, waitForClosed, waitForPopover, within,
} from './popover-helpers';

let h: Harness;
let server: StaticServer;
let page: Page;

const entity = (id: string) =>
  JSON.parse(readFileSync(join(ROOT, 'data/entities', `${id}.json`), 'utf8')) as {
    names: { en: string }; whatItIs: string; perspective: string;
  };
// A spot on the demo article with no text under it (the gutter right of the sidebar).
const BLANK = { x: 1260, y: 480 };

beforeAll(async () => {
  server = await startServer();
  h = await launch();
  page = await h.context.newPage();
  await page.goto(server.url('/demo/article.html'));
  await waitForHighlights(page, 30);
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** Text in the popover whose contrast with its background is under WCAG AA (4.5:1, 3:1 for large text). */
function contrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v = 0) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top: number[], a: number, under: number[]) => top.slice(0, 3).map((v, i) => v * a + under[i]! * (1 - a));
    const background = (el: Element): number[] => {
      const layers: number[][] = [];
      for (let n: Element | null = el; n; n = n.parentElement ?? ((n.parentNode as ShadowRoot | null)?.host ?? null)) {
        const c = parse(getComputedStyle(n).backgroundColor);
        const a = c[3] ?? 1;
        if (a > 0) layers.push([...c.slice(0, 3), a]);
        if (a >= 1) break;
      }
      let out = [255, 255, 255];
      for (const l of layers.reverse()) out = over(l, l[3]!, out);
      return out;
    };
    const root = document.querySelector('kontekst-ui')!.shadowRoot!;
    const fails: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('.kx-popover *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own || el.closest('.kx-sr-only') || !el.getClientRects().length) continue;
      const cs = getComputedStyle(el);
      const fg = parse(cs.color);
      const bg = background(el);
      const color = over(fg, fg[3] ?? 1, bg);
      const [hi, lo] = [lum(color), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) fails.push(`${el.className || el.localName} "${el.textContent!.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
    }
    return fails;
  });
}

describe('popover on the demo article', () => {
  it('adds no element to the page before the first interaction', async () => {
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.querySelector('kontekst-ui'))).toBeNull();
  });

  it('opens each required entity on hover with its own text, the form on the page and an emphasised mention', async () => {
    const cases: [string, string, number][] = [
      ['roskomnadzor', 'Roskomnadzor', 0],
      ['sco', 'Shanghai Cooperation Organisation', 0],
      ['wuxi-declaration', 'Wuxi declaration', 0],
      ['huawei', 'Huawei', 0],
      ['roskomnadzor', 'Роскомнадзора', 0],
      ['huawei', '华为', 0],
      ['sco', 'ШОС', 0],
    ];
    const seen = new Set<string>();
    for (const [id, surface, nth] of cases) {
      const e = entity(id);
      const lines = await mentionLines(page, surface, nth);
      if (lines[0]!.top < 60 || lines[0]!.bottom > 840) {
        await page.evaluate((y) => window.scrollBy(0, y - 300), lines[0]!.top);
        await settle(page);
      }
      const t0 = Date.now();
      await hoverMention(page, surface, nth);
      const view = await waitForPopover(page, e.names.en);
      const ms = Date.now() - t0;
      expect(ms, `${surface} opened after ${ms} ms`).toBeGreaterThanOrEqual(200); // hover intent, not a fly-by
      expect(view.text).toContain(e.whatItIs);
      expect(view.text).toContain(e.perspective.slice(0, 80));
      expect(view.text).toMatch(/Save highlight/);
      expect(view.text).toMatch(/Open in library/);
      expect(view.text).toMatch(/Not on this site/);
      if (surface !== e.names.en) expect(view.text).toContain(`On this page: “${surface}”`);
      expect(view.focus).toBeNull(); // hover does not take focus from the page
      expect(within(view.rect!, 1280, 900)).toBe(true);
      // The hovered mention is emphasised through the second highlight.
      expect(await highlightTexts(page, 'kontekst-active')).toContain(surface);
      seen.add(view.title);
      await dismiss(page, BLANK);
      expect(await highlightTexts(page, 'kontekst-active')).toEqual([]);
    }
    expect(seen.size).toBe(4);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('shows cached content in the very frame it opens (no loading state)', async () => {
    // Record, each frame, whether the popover is open and what it shows.
    await page.evaluate(() => {
      const w = window as unknown as { kxFrames: (string | null)[] };
      w.kxFrames = [];
      const tick = () => {
        const host = document.querySelector('kontekst-ui');
        if (host?.matches(':popover-open')) w.kxFrames.push(host.shadowRoot!.querySelector('[role="dialog"]')?.getAttribute('data-state') ?? null);
        if (w.kxFrames.length < 5) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await hoverMention(page, 'Roskomnadzor', 0);
    await waitForPopover(page, 'Roskomnadzor');
    await page.waitForFunction(() => (window as unknown as { kxFrames: unknown[] }).kxFrames.length >= 5);
    const frames = await page.evaluate(() => (window as unknown as { kxFrames: string[] }).kxFrames);
    expect(frames).toEqual(['content', 'content', 'content', 'content', 'content']);
    await dismiss(page, BLANK);
  });

  it('stays open while the pointer travels into the popover, and closes after it leaves', async () => {
    const { y } = await hoverMention(page, 'Roskomnadzor', 0);
    const view = await waitForPopover(page, 'Roskomnadzor');
    const r = view.rect!;
    // Cross from the mention to the middle of the popover in small steps, over other text.
    const tx = (r.left + r.right) / 2;
    const ty = r.top < y ? r.bottom - 30 : r.top + 30;
    await page.mouse.move(tx, ty, { steps: 12 });
    await page.waitForTimeout(500);
    expect((await readPopover(page)).title).toBe('Roskomnadzor');
    expect((await readPopover(page)).open).toBe(true);
    await page.mouse.move(BLANK.x, BLANK.y);
    await waitForClosed(page, 2000);
  });

  it('ignores a fly-by, and hovering does not replace a popover the reader clicked open', async () => {
    await hoverMention(page, 'Cyberspace Administration of China');
    await page.waitForTimeout(100);
    await page.mouse.move(BLANK.x, BLANK.y);
    await page.waitForTimeout(400);
    expect((await readPopover(page)).open).toBe(false);

    // The first "Roskomnadzor" is a link (a click follows it); "Cyberspace Administration of China" is plain text.
    const cac = await mentionLines(page, 'Cyberspace Administration of China');
    await page.mouse.click(cac[0]!.left + 10, cac[0]!.top + cac[0]!.height / 2);
    expect((await waitForPopover(page, 'Cyberspace Administration of China (CAC)')).focus).toBe('kx-title');
    await page.mouse.move(BLANK.x, BLANK.y);
    await hoverMention(page, 'World Internet Conference');
    await page.waitForTimeout(600);
    const view = await readPopover(page);
    expect(view.open).toBe(true);
    expect(view.title).toBe('Cyberspace Administration of China (CAC)');
    // Clicking another mention does move it there.
    const wuxi = await mentionLines(page, 'Wuxi declaration');
    await page.mouse.click(wuxi[0]!.left + 10, wuxi[0]!.top + wuxi[0]!.height / 2);
    await waitForPopover(page, 'Wuxi Joint Declaration');
    await dismiss(page, BLANK);
  });

  it('opens on click with focus inside, and closes on Escape', async () => {
    const lines = await mentionLines(page, 'Wuxi declaration');
    await page.mouse.click(lines[0]!.left + 10, lines[0]!.top + lines[0]!.height / 2);
    const view = await waitForPopover(page, 'Wuxi Joint Declaration');
    expect(view.focus).toBe('kx-title');
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    expect((await readPopover(page)).focus).toBeNull();
  });

  it('opens related topics in place, loaded from the background, with a way back', async () => {
    await hoverMention(page, 'Roskomnadzor');
    await waitForPopover(page, 'Roskomnadzor');
    const ui = page.locator('kontekst-ui');
    await ui.locator('[data-related-id="telegram"]').click();
    const telegram = entity('telegram');
    const view = await waitForPopover(page, telegram.names.en);
    expect(view.text).toContain(telegram.whatItIs);
    expect(view.focus).toBe('kx-title');
    await ui.getByRole('button', { name: 'Back to Roskomnadzor' }).click();
    await waitForPopover(page, 'Roskomnadzor');
    expect(await page.evaluate(() => document.querySelector('kontekst-ui')!.shadowRoot!.activeElement?.getAttribute('data-related-id'))).toBe('telegram');
    await page.keyboard.press('Escape');
    await waitForClosed(page);
  });

  it('moves through mentions with the keyboard commands, with focus inside and Tab kept within', async () => {
    await page.mouse.move(BLANK.x, BLANK.y);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.focus('#q');
    expect(await sendCommand(h.worker, page, 'next-mention')).toBe(true);
    let view = await waitForPopover(page, 'Roskomnadzor');
    expect(view.focus).toBe('kx-title');
    expect(await highlightTexts(page, 'kontekst-active')).toEqual(['Roskomnadzor']);

    // Tab wraps inside the popover in both directions and never leaves it.
    await page.keyboard.press('Tab');
    expect((await readPopover(page)).focus).toBe('kx-close');
    await page.keyboard.press('Shift+Tab');
    expect((await readPopover(page)).focus).toMatch(/kx-button--quiet/);
    await page.keyboard.press('Tab');
    expect((await readPopover(page)).focus).toBe('kx-close');
    for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('kontekst-ui');

    expect(await sendCommand(h.worker, page, 'next-mention')).toBe(true);
    view = await waitForPopover(page, 'Cyberspace Administration of China (CAC)');
    expect(view.focus).toBe('kx-title');
    expect(await sendCommand(h.worker, page, 'previous-mention')).toBe(true);
    view = await waitForPopover(page, 'Roskomnadzor');

    // Far down the page: the mention is scrolled into view, the popover placed beside it.
    for (let i = 0; i < 27; i++) await sendCommand(h.worker, page, 'next-mention');
    view = await waitForPopover(page, 'Wuxi Joint Declaration');
    const lines = await mentionLines(page, 'Wuxi Declaration');
    expect(lines[0]!.top).toBeGreaterThanOrEqual(0);
    expect(lines[0]!.bottom).toBeLessThanOrEqual(900);
    expect(within(view.rect!, 1280, 900)).toBe(true);

    await page.keyboard.press('Escape');
    await waitForClosed(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
  });

  it('has no axe violations, light and dark', async () => {
    await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.focus('#q');
      await sendCommand(h.worker, page, 'next-mention');
      await waitForPopover(page);
      await page.waitForTimeout(200); // the entry animation has finished: colours are final
      const { violations, passes } = await page.evaluate(async () => {
        type Result = { id: string; nodes: { html: string }[] };
        const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
        const res = await axe.run({ include: { fromShadowDom: ['kontekst-ui', '.kx-popover'] } }, {});
        return {
          violations: res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`),
          passes: Object.fromEntries(res.passes.map((p) => [p.id, p.nodes.length])),
        };
      });
      expect(violations, scheme).toEqual([]);
      // axe did look inside the shadow root: names of the buttons, the dialog, headings.
      expect(passes['button-name'], scheme).toBeGreaterThanOrEqual(4);
      expect(passes['aria-dialog-name'], scheme).toBe(1);
      expect(passes['heading-order'], scheme).toBeGreaterThanOrEqual(3);
      // axe cannot find the background of top-layer text ("incomplete"), so contrast is measured here.
      expect(await contrastFailures(page), scheme).toEqual([]);
      await page.keyboard.press('Escape');
      await waitForClosed(page);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('popover on real pages', () => {
  for (const [file, cases] of [
    ['gne-163-huawei', [['华为', 'Huawei', 'huawei']]],
    ['gne-guancha-2', [['华为', 'Huawei', 'huawei']]],
    ['n4k-chinadaily', [['世界互联网大会', 'World Internet Conference (Wuzhen)', 'wuzhen-wic'], ['一带一路', 'Belt and Road Initiative / Digital Silk Road', 'belt-and-road']]],
  ] as const) {
    it(`opens its own popover for each entity on ${file}`, async () => {
      const p = await h.context.newPage();
      await p.goto(server.url(`/corpus/${file}.html`));
      await waitForHighlights(p, 1);
      for (const [surface, title, id] of cases) {
        const lines = await mentionLines(p, surface, 0);
        await p.evaluate((y) => window.scrollBy(0, y - 300), lines[0]!.top);
        await settle(p);
        await hoverMention(p, surface, 0);
        const view = await waitForPopover(p, title);
        expect(view.text).toContain(entity(id).whatItIs);
        expect(view.text).toContain(`On this page: “${surface}”`);
        const vp = p.viewportSize()!;
        expect(within(view.rect!, vp.width, vp.height)).toBe(true);
        await p.keyboard.press('Escape');
        await waitForClosed(p);
      }
      await p.close();
    });
  }
});

describe('actions', () => {
  it('Save highlight paints the saved sentence', async () => {
    await page.mouse.move(BLANK.x, BLANK.y);
    await page.evaluate(() => window.scrollTo(0, 0));
    await hoverMention(page, 'Roskomnadzor');
    await waitForPopover(page, 'Roskomnadzor');
    const ui = page.locator('kontekst-ui');
    await ui.getByRole('button', { name: 'Save highlight' }).click();
    await waitForHighlights(page, 1, 'kontekst-saved');
    const saved = await highlightTexts(page, 'kontekst-saved');
    expect(saved.some((t) => t.includes('Roskomnadzor'))).toBe(true);
    await expect.poll(async () => (await readPopover(page)).text).toContain('Highlight saved to your library.');
  });

  it('Open in library opens the library at the topic', async () => {
    const ui = page.locator('kontekst-ui');
    const [lib] = await Promise.all([
      h.context.waitForEvent('page'),
      ui.getByRole('button', { name: 'Open in library' }).click(),
    ]);
    await lib.waitForURL(/library\.html#topic=roskomnadzor$/);
    expect(lib.url()).toBe(h.extensionUrl('library.html#topic=roskomnadzor'));
    await lib.close();
  });

  it('Not on this site removes every highlight, stores the rule and stops listening', async () => {
    await page.bringToFront();
    const ui = page.locator('kontekst-ui');
    await ui.getByRole('button', { name: 'Not on this site' }).click();
    await page.waitForFunction(() => !CSS.highlights.get('kontekst-mention') && !document.querySelector('kontekst-ui'));
    expect(await highlightTexts(page, 'kontekst-saved')).toEqual([]);
    const settings = await h.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get('settings')));
    expect(settings).toContain('127.0.0.1');
    expect(settings).toMatch(/"enabled":false/);
    // Listeners are gone: hovering where a mention was opens nothing.
    await page.mouse.move(BLANK.x, BLANK.y);
    await page.mouse.move(380, 640);
    await page.mouse.click(380, 640);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.querySelector('kontekst-ui'))).toBeNull();
    expect(await page.evaluate(() => CSS.highlights.get('kontekst-active')?.size ?? 0)).toBe(0);
  });

  it('logged no errors', () => {
    expect(h.errors).toEqual([]);
  });
});
