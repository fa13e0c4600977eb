// Mention detection on whole pages in Chromium: the demo article against its expected list,
// skipped areas, shadow roots, names split by inline markup, and a page's DOM left exactly as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, highlightTexts, launch, type Harness } from '../../scripts/lib/browser';
import { ROOT, startServer, type StaticServer } from '../../scripts/lib/server';
import { openSettled, ownErrors, rangeInfos, tabCounts } from './detection-helpers';

let h: Harness;
let server: StaticServer;
let plain: Browser;

beforeAll(async () => {
  server = await startServer();
  [h, plain] = await Promise.all([
    launch(),
    chromium.launch({
      executablePath: findChromium()!,
      args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    }),
  ]);
});
afterAll(async () => {
  await h?.close();
  await plain?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  return openSettled(h, server, path);
}

interface Expected {
  mentions: { entity: string; text: string }[];
}

describe('demo article', () => {
  it('highlights exactly demo/expected-mentions.json, in order, with matching counts', async () => {
    const expected = JSON.parse(readFileSync(join(ROOT, 'demo/expected-mentions.json'), 'utf8')) as Expected;
    const page = await open('/demo/article.html');
    expect(await highlightTexts(page)).toEqual(expected.mentions.map((m) => m.text));
    const byEntity: Record<string, number> = {};
    for (const m of expected.mentions) byEntity[m.entity] = (byEntity[m.entity] ?? 0) + 1;
    const counts = await tabCounts(h, page);
    expect(counts.enabled).toBe(true);
    expect(counts.total).toBe(expected.mentions.length);
    expect(counts.byEntity).toEqual(byEntity);
    // Nothing inside the input, ticker, code sample, textarea or notes.
    const infos = await rangeInfos(page);
    expect(infos.map((i) => i.path).filter((p) => /(input|textarea|pre|code)/.test(p) || p.includes('ticker'))).toEqual([]);
    const inSkipped = await page.evaluate(() => {
      const h = CSS.highlights.get('kontekst-mention')!;
      let n = 0;
      for (const r of h as unknown as Iterable<AbstractRange>) {
        const el = r.startContainer.parentElement;
        if (el?.closest('[aria-hidden="true"], [contenteditable], textarea, pre, code, input')) n++;
      }
      return n;
    });
    expect(inSkipped).toBe(0);
    await page.close();
  });
});

describe('skipped areas', () => {
  it('reads nothing in form fields, editable areas, code, scripts, styles, hidden or aria-hidden content', async () => {
    const page = await open('/fixtures/skip.html');
    const got = await rangeInfos(page);
    expect(got.map((g) => `${g.id}:${g.text}`)).toEqual([
      'control-1:Roskomnadzor',
      'control-2:Huawei',
      'control-3:Roskomnadzor',
      'control-4:Huawei',
      'control-5:Roskomnadzor',
      'control-6:Huawei',
    ]);
    const inSkipped = await page.evaluate(() => {
      let n = 0;
      for (const r of CSS.highlights.get('kontekst-mention') as unknown as Iterable<AbstractRange>) {
        if (r.startContainer.parentElement?.closest('[data-skip]')) n++;
      }
      return n;
    });
    expect(inSkipped).toBe(0);
    expect((await tabCounts(h, page)).total).toBe(6);
    // A closed <details> is not rendered: its name shows, and counts, once it is opened.
    await page.click('#control-5');
    await page.waitForFunction(() => CSS.highlights.get('kontekst-mention')!.size === 7, null, { timeout: 2000 });
    expect((await rangeInfos(page)).map((g) => g.id)).toContain('in-details');
    expect((await tabCounts(h, page)).total).toBe(7);
    await page.close();
  });

  it('reads the text around long <style> elements in the body, never theirs', async () => {
    const page = await open('/fixtures/inline-code.html');
    const got = await rangeInfos(page);
    expect(got.map((g) => `${g.id}:${g.text}`)).toEqual([
      'before:SCO',
      'between:Roskomnadzor',
      'after:Shanghai Cooperation Organisation',
      'after:Huawei',
      'last:华为',
    ]);
    expect((await tabCounts(h, page)).total).toBe(5);
    await page.close();
  });

  it('scans open shadow roots, also text right in one, lines cut by <br>, and those of web components added later', async () => {
    const page = await open('/fixtures/shadow.html');
    const where = await page.evaluate(() => {
      const out: string[] = [];
      for (const r of CSS.highlights.get('kontekst-mention') as unknown as Iterable<AbstractRange>) {
        const inShadow = r.startContainer.getRootNode() instanceof ShadowRoot;
        out.push(`${inShadow ? 'shadow' : 'light'}:${(r.startContainer as Text).data.slice(r.startOffset, r.endOffset)}`);
      }
      return out.sort();
    });
    // Text right in a shadow root with a <br> between two names: two lines, two names. That root's
    // host, and the span around Roskomnadzor, have display: contents (no box of their own).
    expect(where).toEqual(['light:Huawei', 'light:Roskomnadzor', 'shadow:Kaspersky Lab', 'shadow:Shanghai Cooperation Organisation', 'shadow:Telegram']);
    // A paragraph added inside the shadow root later is found too (the root is observed).
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Later: Roskomnadzor commented.';
      document.querySelector('news-card')!.shadowRoot!.append(p);
    });
    await page.waitForFunction(() => CSS.highlights.get('kontekst-mention')!.size === 6, null, { timeout: 1000 });
    expect((await tabCounts(h, page)).byEntity).toEqual({ huawei: 1, sco: 1, roskomnadzor: 2, telegram: 1, kaspersky: 1 });
    // Text right in a shadow root edited by the page: that root is read again, nothing counted twice.
    await page.evaluate(() => (document.querySelector('wire-note')!.shadowRoot!.lastChild as Text).appendData(' and Huawei'));
    await page.waitForFunction(() => CSS.highlights.get('kontekst-mention')!.size === 7, null, { timeout: 1000 });
    expect((await tabCounts(h, page)).byEntity).toEqual({ huawei: 2, sco: 1, roskomnadzor: 2, telegram: 1, kaspersky: 1 });
    // A web component the page adds later renders into a shadow root of its own: read too.
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('news-card')));
    await page.waitForFunction(() => CSS.highlights.get('kontekst-mention')!.size === 8, null, { timeout: 1000 });
    expect((await tabCounts(h, page)).byEntity).toEqual({ huawei: 2, sco: 2, roskomnadzor: 2, telegram: 1, kaspersky: 1 });
    await page.close();
  });

  it('finds names split across inline elements (big-inline data-expect)', async () => {
    const page = await open('/fixtures/big-inline.html');
    const cases = await page.evaluate(() =>
      [...document.querySelectorAll('[data-expect]')].map((el) => ({ id: el.id, expect: el.getAttribute('data-expect')! })),
    );
    const got = await rangeInfos(page);
    const counts = await tabCounts(h, page);
    // Range text drops a <br> and keeps &nbsp;/&shy;: compare without spaces and soft hyphens.
    const squash = (t: string) => t.replace(/[\s\u00ad]+/g, '');
    const byEntity: Record<string, number> = {};
    for (const c of cases) {
      const want = c.expect ? c.expect.split('|') : [];
      for (const s of want) byEntity[s.split(':')[0]!] = (byEntity[s.split(':')[0]!] ?? 0) + 1;
      const found = got.filter((g) => g.id === c.id).map((g) => squash(g.text));
      expect({ id: c.id, found }).toEqual({ id: c.id, found: want.map((s) => squash(s.slice(s.indexOf(':') + 1))) });
    }
    expect(got.filter((g) => !cases.some((c) => c.id === g.id))).toEqual([]);
    expect(counts.byEntity).toEqual(byEntity);
    await page.close();
  });
});

describe('a very long block', () => {
  it('is matched around the places the prefilter finds: the same mentions as reading it whole, the longest name too', async () => {
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.<br>\n'.repeat(400); // ~25,000 characters
    const parts = [
      'Huawei opened the forum.',
      'Delegates of the Shanghai Cooperation <a href="#">Organisation</a> met.',
      '<code>Huawei in code</code> is not read.',
      'The SCO Group sued again.',
      'Later the SCO met in Bishkek.',
      'Роскомнадзора тоже обсуждали.',
      '据华为公司消息。',
      // The longest name of the pack (181 characters), wrapped over two lines.
      'По Соглашению? Нет: в связи с Соглашением между Правительством Российской Федерации и Правительством Китайской Народной Республики о сотрудничестве в области обеспечения\n   международной информационной безопасности.',
    ];
    server.put('/long-block.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forum</title></head><body><div id="long">${parts.map((p) => filler + p).join('')}${filler}</div></body></html>`);
    const page = await open('/long-block.html');
    const got = await rangeInfos(page);
    const longest =
      'Соглашением между Правительством Российской Федерации и Правительством Китайской Народной Республики о сотрудничестве в области обеспечения\n   международной информационной безопасности';
    expect(got.map((g) => g.text)).toEqual(['Huawei', 'Shanghai Cooperation Organisation', 'SCO', 'Роскомнадзора', '华为', longest]);
    expect((await tabCounts(h, page)).total).toBe(6);
    await page.close();
  });

  it('next to long inline code: the code (which the prefilter passes over) is never read, the text around it is', async () => {
    const css = '.huawei-logo{background:url(sco.png)} /* Huawei SCO Roskomnadzor */\n'.repeat(2_000); // ~140,000 characters
    const json = JSON.stringify({ items: Array.from({ length: 2_000 }, (_, i) => ({ i, title: 'Huawei and the SCO' })) });
    server.put(
      '/inline-code.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Code</title></head><body><p>Huawei before.</p><style>${css}</style><p>Roskomnadzor between.</p><script type="application/json">${json}</script><div><style>.x{}</style>Huawei<style>${css}</style> after, with the Shanghai Cooperation Organisation.</div></body></html>`,
    );
    const page = await open('/inline-code.html');
    expect((await rangeInfos(page)).map((g) => g.text)).toEqual(['Huawei', 'Roskomnadzor', 'Huawei', 'Shanghai Cooperation Organisation']);
    expect((await tabCounts(h, page)).total).toBe(4);
    await page.close();
  });
});

describe('ambiguous names inside longer words', () => {
  it('are never read as names ("SCO" in a MOSCOW dateline, "CAC" in EDUCACIÓN), also where the page vouches for them', async () => {
    server.put(
      '/dateline.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wire</title></head><body><p>MOSCOW (AP) — Russia and China said on Monday that the summit in Beijing would go ahead.</p><h3>EDUCACIÓN FÍSICA</h3><p>MO<b>SCOW</b> again, and <i>DISCO</i>.</p><p>Later the SCO met in Bishkek.</p></body></html>`,
    );
    const page = await open('/dateline.html');
    expect((await rangeInfos(page)).map((g) => g.text)).toEqual(['SCO']);
    expect((await tabCounts(h, page)).total).toBe(1);
    await page.close();
  });
});

describe('the page is never modified', () => {
  /** Every node, in order, with its attributes or data: a split or merged text node shows too. */
  const serialise = (page: Page) =>
    page.evaluate(() => {
      const out: string[] = [];
      const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      for (let n: Node | null = w.currentNode; n; n = w.nextNode()) {
        if (n.nodeType === 1) {
          const el = n as Element;
          out.push(`<${el.localName} ${[...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).join(' ')}>`);
          if (el.shadowRoot) out.push(`#shadow ${el.shadowRoot.childNodes.length}`);
        } else out.push(`${n.nodeType}:${JSON.stringify(n.nodeValue)}`);
      }
      return out;
    });

  for (const path of ['/demo/article.html', '/corpus/gne-163-huawei.html', '/fixtures/big-inline.html']) {
    it(`${path}: same nodes and attributes with and without Kontekst; the UI host appears only with a popover`, async () => {
      const without = await plain.newPage();
      await without.goto(server.url(path));
      const reference = await serialise(without);
      await without.close();

      const page = await open(path);
      expect((await tabCounts(h, page)).total).toBeGreaterThan(0);
      const scanned = await serialise(page);
      expect(scanned).toEqual(reference);
      expect(await page.evaluate(() => document.querySelectorAll('kontekst-ui').length)).toBe(0);

      // Open a popover by clicking the first mention outside a link: only our one host is added.
      const point = await page.evaluate(() => {
        const r = [...(CSS.highlights.get('kontekst-mention') as unknown as Iterable<AbstractRange>)].find(
          (x) => !x.startContainer.parentElement?.closest('a'),
        )!;
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        live.startContainer.parentElement!.scrollIntoView({ block: 'center' });
        const rect = live.getClientRects()[0]!;
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      });
      await page.mouse.click(point.x, point.y);
      await page.waitForSelector('kontekst-ui', { state: 'attached', timeout: 5000 });
      const withPopover = await serialise(page);
      const hostAt = withPopover.findIndex((l) => l.startsWith('<kontekst-ui'));
      expect(hostAt).toBeGreaterThan(0);
      // The host's own children (none in the light DOM) are its shadow root's business.
      const rest = [...withPopover.slice(0, hostAt), ...withPopover.slice(hostAt + 2)];
      expect(withPopover[hostAt + 1]).toMatch(/^#shadow/);
      expect(rest).toEqual(reference);
      await page.close();
    });
  }

  it('reported no errors', () => {
    expect(ownErrors(h)).toEqual([]);
  });
});
