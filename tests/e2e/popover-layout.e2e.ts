// Where the popover goes and how it looks: corners and edges of the screen, a hostile page, a
// mention wrapped over two lines, scrolling, shadow DOM, reduced motion, a 360 px screen and 200 %
// zoom; screenshots for docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, waitForHighlights, type Harness } from '../../scripts/lib/browser';
import { startServer, ROOT, type StaticServer } from '../../scripts/lib/server';
import {
  dismiss, hoverMention, mentionLines, overlaps, readPopover, settle, waitForClosed, waitForPopover, within, type Box,
} from './popover-helpers';

const SHOTS = join(ROOT, 'docs/screenshots');
let h: Harness;
let server: StaticServer;

async function open(path: string, viewport = { width: 1280, height: 900 }, minMentions = 1): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize(viewport);
  // Placement is measured on the final rect, without the 140 ms entry animation.
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await page.goto(server.url(path));
  await waitForHighlights(page, minMentions);
  return page;
}

/** The popover sits against this line box: just below it or just above it, left edges aligned unless shifted. */
function attachedTo(panel: Box, line: Box): 'below' | 'above' | null {
  if (Math.abs(panel.top - (line.bottom + 6)) <= 1.5) return 'below';
  if (Math.abs(panel.bottom - (line.top - 6)) <= 1.5) return 'above';
  return null;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  h = await launch();
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('placement', () => {
  const ids = ['top-left', 'top', 'top-right', 'right', 'bottom-right', 'bottom', 'bottom-left', 'left', 'center'];

  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 640 }]) {
    it(`stays inside a ${viewport.width}×${viewport.height} viewport beside mentions at each corner and edge`, async () => {
      const page = await open('/fixtures/corners.html', viewport, 9);
      const surfaces = await page.evaluate((list) => list.map((id) => document.getElementById(id)!.textContent!), ids);
      const blank = { x: viewport.width / 2, y: viewport.height / 4 };
      for (let i = 0; i < ids.length; i++) {
        // Each fixture paragraph holds one "Huawei"; its index in document order is its position in `ids`.
        expect(surfaces[i]).toContain('Huawei');
        const { box } = await hoverMention(page, 'Huawei', i);
        const view = await waitForPopover(page, 'Huawei');
        const r = view.rect!;
        expect(within(r, viewport.width, viewport.height), `${ids[i]}: ${JSON.stringify(r)}`).toBe(true);
        expect(overlaps(r, box), `${ids[i]} covers its mention`).toBe(false);
        expect(r.width).toBeGreaterThanOrEqual(Math.min(360, viewport.width - 16) - 1);
        expect(r.height).toBeGreaterThanOrEqual(120);
        await dismiss(page, blank);
      }
      await page.close();
    });
  }

  it('is placed against the line box under the pointer for a mention wrapped over two lines', async () => {
    const para = (top: number) =>
      `<p style="position:absolute;left:300px;top:${top}px;width:250px;margin:0;font:20px/32px Georgia,serif">` +
      'Ministers of the Shanghai Cooperation Organisation met in Moscow.</p>';
    server.put('/wrap.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wrapped</title></head>
      <body style="margin:0">${para(120)}${para(760)}</body></html>`);
    const page = await open('/wrap.html', { width: 1280, height: 900 }, 2);
    const surface = 'Shanghai Cooperation Organisation';
    const seen: string[] = [];
    for (const nth of [0, 1]) {
      const lines = await mentionLines(page, surface, nth);
      expect(lines.length).toBe(2);
      expect(lines[1]!.top).toBeGreaterThan(lines[0]!.bottom - 1);
      for (const line of [0, 1]) {
        await hoverMention(page, surface, nth, line);
        const view = await waitForPopover(page, 'Shanghai Cooperation Organisation (SCO)');
        const side = attachedTo(view.rect!, lines[line]!);
        expect(side, `mention ${nth} line ${line}: ${JSON.stringify({ panel: view.rect, line: lines[line] })}`).not.toBeNull();
        expect(Math.abs(view.rect!.left - lines[line]!.left)).toBeLessThanOrEqual(1);
        seen.push(side!);
        await dismiss(page, { x: 1000, y: 450 });
      }
    }
    // Near the top of the screen it opens below the line; near the bottom, above it.
    expect(seen).toEqual(['below', 'below', 'above', 'above']);
    await page.close();
  });

  it('follows its mention when the page scrolls', async () => {
    const page = await open('/demo/article.html', { width: 1280, height: 900 }, 30);
    const [line] = await mentionLines(page, 'Wuxi declaration');
    await page.mouse.click(line!.left + 10, line!.top + line!.height / 2);
    let view = await waitForPopover(page, 'Wuxi Joint Declaration');
    expect(attachedTo(view.rect!, line!)).not.toBeNull();
    for (const dy of [60, 60, -200]) {
      await page.evaluate((y) => window.scrollBy(0, y), dy);
      await settle(page);
      const [now] = await mentionLines(page, 'Wuxi declaration');
      view = await readPopover(page);
      expect(view.open).toBe(true);
      expect(attachedTo(view.rect!, now!), JSON.stringify({ panel: view.rect, line: now })).not.toBeNull();
    }
    await page.close();
  });

  it('opens for a mention inside an open shadow root', async () => {
    const page = await open('/fixtures/shadow.html', { width: 1280, height: 900 }, 2);
    const { box } = await hoverMention(page, 'Shanghai Cooperation Organisation');
    const view = await waitForPopover(page, 'Shanghai Cooperation Organisation (SCO)');
    expect(attachedTo(view.rect!, box)).not.toBeNull();
    await page.close();
  });

  it('closes when the page removes the mention it points at', async () => {
    const page = await open('/fixtures/shadow.html', { width: 1280, height: 900 }, 2);
    const [line] = await mentionLines(page, 'Huawei');
    await page.mouse.click(line!.left + 10, line!.top + line!.height / 2);
    await waitForPopover(page, 'Huawei');
    await page.evaluate(() => document.getElementById('light')!.remove());
    await waitForClosed(page, 2000);
    await page.close();
  });
});

describe('touch', () => {
  it('a tap opens the popover, also on a linked mention, whose link is then not followed', async () => {
    const page = await open('/fixtures/hostile.html', { width: 1280, height: 900 }, 4);
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    const tap = async (x: number, y: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const url = page.url();
    const [link] = await mentionLines(page, 'Huawei', 0); // <a href="#">Huawei</a>
    await tap(link!.left + 10, link!.top + link!.height / 2);
    const view = await waitForPopover(page, 'Huawei');
    expect(attachedTo(view.rect!, link!)).not.toBeNull();
    expect(page.url()).toBe(url);
    // A tap elsewhere closes it.
    await tap(1200, 880);
    await waitForClosed(page);
    await cdp.detach();
    await page.close();
  });
});

describe('hostile page', () => {
  it('renders visible, in the top layer, at its own size, uncovered and unclipped', async () => {
    const page = await open('/fixtures/hostile.html', { width: 1280, height: 900 }, 4);
    for (const nth of [0, 1]) {
      // #m-rkn sits inside an overflow:hidden, transformed box; #m-outside does not.
      await hoverMention(page, 'Roskomnadzor', nth);
      const view = await waitForPopover(page, 'Roskomnadzor');
      const r = view.rect!;
      expect(within(r, 1280, 900)).toBe(true);
      expect(r.width).toBeCloseTo(360, 0);
      expect(r.height).toBeGreaterThan(200);
      const probe = await page.evaluate((rect) => {
        const host = document.querySelector('kontekst-ui')!;
        const root = host.shadowRoot!;
        const pts = [[0.5, 0.5], [0.05, 0.05], [0.95, 0.05], [0.05, 0.95], [0.95, 0.95]];
        return {
          topLayer: host.matches(':popover-open'),
          hostDisplay: getComputedStyle(host).display,
          fontSize: getComputedStyle(root.querySelector('.kx-popover')!).fontSize,
          bodyFont: getComputedStyle(root.querySelector('.kx-perspective')!).fontSize,
          titleWeight: getComputedStyle(root.querySelector('.kx-title')!).fontWeight,
          primaryBg: getComputedStyle(root.querySelector('.kx-button--primary')!).backgroundColor,
          hits: pts.map(([fx, fy]) => document.elementFromPoint(rect.left + rect.width * fx!, rect.top + rect.height * fy!) === host),
        };
      }, r);
      expect(probe).toEqual({
        topLayer: true,
        hostDisplay: 'block',
        fontSize: '14px',
        bodyFont: '14px',
        titleWeight: '650',
        primaryBg: 'rgb(31, 91, 184)',
        hits: [true, true, true, true, true],
      });
      if (nth === 0) await page.screenshot({ path: join(SHOTS, 'popover-hostile.png') });
      await dismiss(page, { x: 1200, y: 880 });
    }
    await page.close();
  });
});

describe('looks and motion', () => {
  it('animates its entry only without a reduced-motion preference', async () => {
    const page = await open('/demo/article.html', { width: 1280, height: 900 }, 30);
    for (const motion of ['no-preference', 'reduce'] as const) {
      await page.emulateMedia({ reducedMotion: motion });
      await hoverMention(page, 'Roskomnadzor');
      await waitForPopover(page, 'Roskomnadzor');
      const name = await page.evaluate(() => getComputedStyle(document.querySelector('kontekst-ui')!.shadowRoot!.querySelector('.kx-popover')!).animationName);
      expect(name, motion).toBe(motion === 'reduce' ? 'none' : 'kx-enter');
      await dismiss(page, { x: 1260, y: 480 });
    }
    await page.close();
  });

  it('light and dark screenshots follow prefers-color-scheme', async () => {
    const page = await open('/demo/article.html', { width: 1280, height: 900 }, 30);
    const [ru] = await mentionLines(page, 'Роскомнадзора');
    await page.evaluate((y) => window.scrollBy(0, y - 560), ru!.top);
    await settle(page);
    await hoverMention(page, 'Роскомнадзора');
    await waitForPopover(page, 'Roskomnadzor');
    const lightBg = await page.evaluate(() => getComputedStyle(document.querySelector('kontekst-ui')!.shadowRoot!.querySelector('.kx-popover')!).backgroundColor);
    expect(lightBg).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: join(SHOTS, 'popover-light.png') });
    await page.close();

    const dark = await open('/fixtures/dark.html', { width: 1280, height: 900 }, 4);
    await dark.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await hoverMention(dark, 'Huawei');
    await waitForPopover(dark, 'Huawei');
    const darkBg = await dark.evaluate(() => getComputedStyle(document.querySelector('kontekst-ui')!.shadowRoot!.querySelector('.kx-popover')!).backgroundColor);
    expect(darkBg).toBe('rgb(30, 31, 36)');
    await dark.screenshot({ path: join(SHOTS, 'popover-dark.png') });
    await dark.close();
  });

  for (const [name, viewport] of [
    ['narrow', { width: 360, height: 640 }],
    ['zoom200', { width: 640, height: 450 }], // the CSS viewport of a 1280×900 window at 200 % zoom
  ] as const) {
    it(`is readable on a ${name} screen (${viewport.width}×${viewport.height})`, async () => {
      const page = await open('/demo/article.html', viewport, 30);
      const [line] = await mentionLines(page, 'Roskomnadzor');
      await page.evaluate((y) => window.scrollBy(0, y - 120), line!.top);
      await settle(page);
      const { box: now } = await hoverMention(page, 'Roskomnadzor');
      const view = await waitForPopover(page, 'Roskomnadzor');
      const r = view.rect!;
      expect(within(r, viewport.width, viewport.height)).toBe(true);
      expect(r.width).toBeGreaterThanOrEqual(Math.min(360, viewport.width - 16) - 1);
      expect(overlaps(r, now)).toBe(false);
      // The body scrolls inside the popover; header and actions stay visible.
      const parts = await page.evaluate(() => {
        const root = document.querySelector('kontekst-ui')!.shadowRoot!;
        const box = (s: string) => root.querySelector(s)!.getBoundingClientRect();
        const body = root.querySelector('.kx-body')!;
        return { title: box('.kx-title').height, footer: box('.kx-footer').bottom, body: body.scrollHeight > body.clientHeight, bodyHeight: body.clientHeight };
      });
      expect(parts.title).toBeGreaterThan(0);
      expect(parts.footer).toBeLessThanOrEqual(viewport.height);
      expect(parts.bodyHeight).toBeGreaterThanOrEqual(40);
      await page.screenshot({ path: join(SHOTS, `popover-${name}.png`) });
      await page.close();
    });
  }

  it('logged no errors', () => {
    expect(h.errors).toEqual([]);
  });
});
