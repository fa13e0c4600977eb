// Helpers for the popover end-to-end tests: find a highlighted mention's line boxes, hover it, and
// read the popover through the open shadow root of <kontekst-ui>.
import type { Page, Worker } from 'playwright-core';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface PopoverView {
  exists: boolean;
  open: boolean;
  state: string | null;
  title: string;
  text: string;
  rect: Box | null;
  /** Class or tag of the focused element inside the shadow root, if any. */
  focus: string | null;
}

/** Line boxes of the n-th highlighted mention whose text is `text` (document order). */
export function mentionLines(page: Page, text: string, nth = 0): Promise<Box[]> {
  return page.evaluate(
    ([t, n]) => {
      const h = CSS.highlights.get('kontekst-mention');
      if (!h) return [];
      const found: Range[] = [];
      for (const r of h as unknown as Iterable<AbstractRange>) {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        if (live.toString().replace(/\s+/g, ' ') === t) found.push(live);
      }
      found.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = found[n as number];
      if (!range) return [];
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
      const lines: DOMRect[] = [];
      for (const r of rects) {
        const last = lines[lines.length - 1];
        if (last && r.top < last.bottom - Math.min(r.height, last.height) / 2) {
          const left = Math.min(last.left, r.left);
          const top = Math.min(last.top, r.top);
          lines[lines.length - 1] = new DOMRect(left, top, Math.max(last.right, r.right) - left, Math.max(last.bottom, r.bottom) - top);
        } else lines.push(r);
      }
      return lines.map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }));
    },
    [text, nth] as const,
  );
}

/** Moves the mouse onto a mention's line box (first line by default) and returns the point. */
export async function hoverMention(page: Page, text: string, nth = 0, line = 0): Promise<{ x: number; y: number; box: Box }> {
  const lines = await mentionLines(page, text, nth);
  const box = lines[line];
  if (!box) throw new Error(`No highlighted mention "${text}" #${nth} line ${line}`);
  const x = box.left + Math.min(box.width / 2, 20);
  const y = box.top + box.height / 2;
  await page.mouse.move(x, y);
  return { x, y, box };
}

export function readPopover(page: Page): Promise<PopoverView> {
  return page.evaluate(() => {
    const host = document.querySelector('kontekst-ui');
    const root = host?.shadowRoot;
    const dialog = root?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
    const open = !!host?.matches(':popover-open') && !!dialog;
    const r = open ? dialog!.getBoundingClientRect() : null;
    const active = root?.activeElement ?? null;
    return {
      exists: !!host,
      open,
      state: dialog?.getAttribute('data-state') ?? null,
      title: root?.querySelector('.kx-title')?.textContent ?? '',
      text: dialog?.innerText ?? '',
      rect: r && { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      focus: active ? (active.className || active.localName) : null,
    };
  });
}

/** Waits for the popover to show content, optionally with a given title; returns it once placed. */
export async function waitForPopover(page: Page, title?: string, timeout = 5000): Promise<PopoverView> {
  await page.waitForFunction(
    (t) => {
      const root = document.querySelector('kontekst-ui')?.shadowRoot;
      const dialog = root?.querySelector('[role="dialog"]');
      if (!dialog || dialog.getAttribute('data-state') !== 'content') return false;
      return t === null || root!.querySelector('.kx-title')?.textContent === t;
    },
    title ?? null,
    { timeout },
  ).catch(async (e: Error) => {
    const now = await readPopover(page);
    throw new Error(`${e.message}\nwanted "${title}", popover: ${JSON.stringify({ ...now, text: now.text.slice(0, 200) })}`);
  });
  await settle(page);
  return readPopover(page);
}

export async function waitForClosed(page: Page, timeout = 5000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('kontekst-ui')?.matches(':popover-open'), null, { timeout });
}

/** Two animation frames: floating-ui has placed the popover and the entry animation has started. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

/** Moves the pointer to a blank spot and presses Escape, then waits for the popover to close. */
export async function dismiss(page: Page, blank: { x: number; y: number }): Promise<void> {
  await page.mouse.move(blank.x, blank.y);
  await page.keyboard.press('Escape');
  await waitForClosed(page);
}

/** Sends a keyboard command to the tab showing `page`, as the background does for a shortcut. */
export async function sendCommand(worker: Worker, page: Page, command: 'next-mention' | 'previous-mention'): Promise<boolean> {
  return worker.evaluate(
    async ([url, cmd]) => {
      // Without the "tabs" permission tabs carry no URL: each content script is asked for its own.
      for (const t of await chrome.tabs.query({})) {
        if (t.id === undefined) continue;
        const where = (await chrome.tabs.sendMessage(t.id, { type: 'tab/mentions' }).catch(() => null)) as { data?: { url?: string } } | null;
        if (where?.data?.url !== url) continue;
        const reply = (await chrome.tabs.sendMessage(t.id, { type: 'tab/command', command: cmd })) as { ok: boolean; data: boolean };
        return reply.ok && reply.data;
      }
      throw new Error(`no tab for ${url}`);
    },
    [page.url(), command] as const,
  );
}

export function within(rect: Box, vw: number, vh: number): boolean {
  return rect.left >= 0 && rect.top >= 0 && rect.right <= vw && rect.bottom <= vh;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
