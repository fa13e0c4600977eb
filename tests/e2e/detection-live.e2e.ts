// Living pages in Chromium: live blogs, SPA navigation, late article bodies and edits by the page
// are rescanned incrementally (the ranges already found stay the same objects), removed text takes
// its ranges with it, and switching Kontekst off for the site stops everything.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightTexts, launch, type Harness } from '../../scripts/lib/browser';
import { stressPage } from '../../scripts/bench/stress-page';
import { startServer, type StaticServer } from '../../scripts/lib/server';
import { highlightSize, openSettled, ownErrors, rangeInfos, setPaused, settle, sleep, tabCounts } from './detection-helpers';

let h: Harness;
let server: StaticServer;
/** Mentions in long.html's <main>. */
const LONG_MENTIONS = 2_000;

const LAB = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lab</title></head><body><main>
<h1>Lab page</h1>
<p id="a">Roskomnadzor opened the session.</p>
<p id="b">Nothing to see in this paragraph.</p>
<p id="split">The regulator Roskomnadzor wrote again.</p>
<section id="sec"><p id="s1">Huawei answered.</p><p id="s2">Huawei <em>and</em> Roskomnadzor agreed.</p></section>
<div id="outer">Huawei before <p id="inner">Roskomnadzor inside</p> Huawei after</div>
<p id="sco">The SCO met.</p>
<div id="css" style="display: none"><p id="css-p">Huawei is not rendered yet.</p></div>
<div id="feed"></div>
</main></body></html>`;
// Before any change: a, split, s1, s2 ×2, outer ×2, inner = 8 ("SCO" alone waits for evidence).
const LAB_START = 8;

beforeAll(async () => {
  server = await startServer();
  server.put('/lab.html', LAB);
  server.put(
    '/unrendered.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unrendered</title></head><body><main>
<p id="mixed">Huawei is here; <span id="later" style="display: none">Roskomnadzor waits unseen</span> and Kaspersky too.</p>
<p id="first"><span id="hid1" style="display: none">Roskomnadzor first,</span> then Huawei.</p>
<nav id="menu" style="display: none"><a id="m1">Huawei</a> <a id="m2">Kaspersky</a></nav>
<div id="box" style="display: none"><p>Inside, <span id="dc" style="display: contents">Roskomnadzor</span> has no box of its own; <span id="inner" style="display: none">Huawei</span> stays hidden.</p></div>
</main></body></html>`,
  );
  // A block of keywords hidden with display:none (SEO text), long enough to be left out of the search.
  const filler = 'keyword list, '.repeat(3_000);
  server.put(
    '/hidden-long.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hidden keywords</title></head><body><main>
<p id="shown">Huawei is in the article.</p>
<div id="seo" style="display: none">${filler}Roskomnadzor ${filler}华为 ${filler}</div>
<p id="tail">Kaspersky closes it.</p>
</main></body></html>`,
  );
  // A long <main> (many scan slices: each of its many mentions has its block read) with a footer after it.
  server.put('/long.html', stressPage({ paragraphs: 16_000, mentions: LONG_MENTIONS }).html.replace('</main>', '</main><footer><p id="after">Roskomnadzor in the footer.</p></footer>'));
  h = await launch();
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  return openSettled(h, server, path, 300);
}

/** Waits (polling every 20 ms) until the highlight holds `n` ranges; fails after `ms`. */
async function expectSize(page: Page, n: number, ms = 1000): Promise<void> {
  try {
    await page.waitForFunction((k) => (CSS.highlights.get('kontekst-mention')?.size ?? 0) === k, n, { timeout: ms, polling: 20 });
  } catch {
    throw new Error(`expected ${n} highlighted ranges within ${ms} ms, have ${await highlightSize(page)}`);
  }
}

/** Keeps the current ranges in the page (main world) to check identity later. */
function keepRanges(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { kept: AbstractRange[] };
    w.kept = [...(CSS.highlights.get('kontekst-mention') as unknown as Iterable<AbstractRange>)];
    return w.kept.length;
  });
}

/** How many of the kept ranges are still in the highlight, as the same objects. */
function keptStillThere(page: Page): Promise<number> {
  return page.evaluate(() => {
    const hl = CSS.highlights.get('kontekst-mention') as unknown as Set<AbstractRange>;
    return (window as unknown as { kept: AbstractRange[] }).kept.filter((r) => hl.has(r)).length;
  });
}

/** Every range still points at text on the page. */
function allConnected(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...(CSS.highlights.get('kontekst-mention') as unknown as Iterable<AbstractRange>)].every(
      (r) => r.startContainer.isConnected && r.endContainer.isConnected,
    ),
  );
}

describe('fixture pages that change', () => {
  it('live blog: each entry is highlighted as it arrives, none rescanned', async () => {
    const page = await h.context.newPage();
    // In the page: when each entry is inserted, and when the highlight first reaches each size.
    await page.addInitScript(() => {
      const t = { inserted: [] as number[], reached: {} as Record<number, number> };
      (window as unknown as { times: typeof t }).times = t;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (/^entry-[1-9]/.test((n as Element).id ?? '')) t.inserted.push(performance.now());
      }).observe(document, { childList: true, subtree: true });
      const poll = setInterval(() => {
        const size = CSS.highlights.get('kontekst-mention')?.size ?? 0;
        t.reached[size] ??= performance.now();
        if (size >= 6) clearInterval(poll);
      }, 5);
    });
    await page.goto(server.url('/fixtures/append.html'));
    await page.waitForSelector('html[data-append-done]');
    await expectSize(page, 6);
    expect(await highlightTexts(page)).toEqual(Array(6).fill('Roskomnadzor'));
    const times = await page.evaluate(() => (window as unknown as { times: { inserted: number[]; reached: Record<number, number> } }).times);
    expect(times.inserted).toHaveLength(5);
    // Entry i (1..5) makes the count i + 1; under load two entries may land in one batch, so the
    // time is when the count first reached at least that.
    const firstAtLeast = (size: number) =>
      Math.min(...Object.entries(times.reached).filter(([s]) => Number(s) >= size).map(([, t]) => t));
    const delays = times.inserted.map((at, i) => firstAtLeast(i + 2) - at);
    for (const d of delays) expect(d).toBeLessThan(1000);
    expect((await tabCounts(h, page)).byEntity).toEqual({ roskomnadzor: 6 });
    await page.close();
  });

  it('SPA: the replaced story takes its ranges with it, the new one is found', async () => {
    const page = await h.context.newPage();
    await page.goto(server.url('/fixtures/spa.html'));
    await page.waitForSelector('html[data-spa-done]');
    await page.waitForFunction(() => location.search === '?story=2');
    await expectSize(page, 2);
    expect(await highlightTexts(page)).toEqual(['SCO', 'Huawei']);
    expect(await allConnected(page)).toBe(true);
    expect((await tabCounts(h, page)).byEntity).toEqual({ sco: 1, huawei: 1 });
    await page.close();
  });

  it('late article body: found within a second of its insertion', async () => {
    const page = await h.context.newPage();
    await page.goto(server.url('/fixtures/late.html'));
    await page.waitForSelector('html[data-late-done]', { timeout: 5000 });
    await expectSize(page, 3);
    expect(await highlightTexts(page)).toEqual(['Cyberspace Administration of China', 'Roskomnadzor', 'Wuxi declaration']);
    await page.close();
  });
});

it('the page removing the part being read between two slices does not end the first scan', async () => {
  const page = await h.context.newPage();
  // In the first frame after the scan started (the scan yields to rendering between slices, and
  // its first slice ends inside the long <main>), the page removes <main>.
  await page.addInitScript(() => {
    const frame = () => {
      if (!CSS.highlights.has('kontekst-mention')) return requestAnimationFrame(frame);
      document.documentElement.dataset.removedAt = String(CSS.highlights.get('kontekst-mention')!.size);
      document.querySelector('main')!.remove();
    };
    requestAnimationFrame(frame);
  });
  await page.goto(server.url('/long.html'));
  await page.waitForFunction(() => !document.querySelector('main'));
  await settle(page, 300);
  // Removed before the first scan had painted all of <main>'s mentions: the removal came between slices.
  expect(Number(await page.evaluate(() => document.documentElement.dataset.removedAt))).toBeLessThan(LONG_MENTIONS);
  expect(await rangeInfos(page)).toEqual([{ text: 'Roskomnadzor', path: 'html>body>footer>p', id: 'after' }]);
  expect(await allConnected(page)).toBe(true);
  expect((await tabCounts(h, page)).total).toBe(1);
  await page.close();
});

it('an ambiguous name left unread for want of evidence is read when an SPA retitles the page with some', async () => {
  server.put('/retitle.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News</title></head><body><p id="sco">The SCO met in Bishkek.</p><p id="hw">Huawei too.</p></body></html>');
  const page = await open('/retitle.html');
  expect((await rangeInfos(page)).map((r) => `${r.id}:${r.text}`)).toEqual(['hw:Huawei']);
  await page.evaluate(() => {
    document.title = 'Shanghai Cooperation Organisation summit';
  });
  await page.waitForFunction(() => (CSS.highlights.get('kontekst-mention')?.size ?? 0) === 2, null, { timeout: 1000, polling: 20 });
  expect((await rangeInfos(page)).map((r) => `${r.id}:${r.text}`)).toEqual(['sco:SCO', 'hw:Huawei']);
  expect((await tabCounts(h, page)).total).toBe(2);
  await page.close();
});

it('names in text that is not rendered show when it is: in a hidden part of a read paragraph, before a shown name, in a hidden menu, in a box-less element', async () => {
  const page = await open('/unrendered.html');
  const ids = async (): Promise<string[]> => (await rangeInfos(page)).map((r) => `${r.id}:${r.text}`);
  expect(await ids()).toEqual(['mixed:Huawei', 'mixed:Kaspersky', 'first:Huawei']);
  expect((await tabCounts(h, page)).total).toBe(3);
  // #dc has display: contents: it never has a box, so what is watched is #box, whose display:none
  // hides it; #inner is hidden by itself too, and shows only once it is shown.
  for (const [id, size] of [['later', 4], ['hid1', 5], ['menu', 7], ['box', 8], ['inner', 9]] as const) {
    await page.evaluate((id) => {
      document.getElementById(id)!.style.display = '';
    }, id);
    await expectSize(page, size);
  }
  expect(await ids()).toEqual([
    'mixed:Huawei',
    'later:Roskomnadzor',
    'mixed:Kaspersky',
    'hid1:Roskomnadzor',
    'first:Huawei',
    'm1:Huawei',
    'm2:Kaspersky',
    'dc:Roskomnadzor',
    'inner:Huawei',
  ]);
  expect((await tabCounts(h, page)).total).toBe(9);
  await page.close();
});

it('reads a long hidden block of text once it is shown', async () => {
  const page = await open('/hidden-long.html');
  const ids = async (): Promise<string[]> => (await rangeInfos(page)).map((r) => `${r.id}:${r.text}`);
  expect(await ids()).toEqual(['shown:Huawei', 'tail:Kaspersky']);
  await page.evaluate(() => {
    document.getElementById('seo')!.style.display = '';
  });
  await expectSize(page, 4);
  expect(await ids()).toEqual(['shown:Huawei', 'seo:Roskomnadzor', 'seo:华为', 'tail:Kaspersky']);
  expect((await tabCounts(h, page)).total).toBe(4);
  await page.close();
});

describe('incremental rescans', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open('/lab.html');
  });
  afterAll(async () => {
    await page.close();
  });

  it('starts with the expected mentions (the ambiguous "SCO" waits, display:none text is not shown)', async () => {
    expect(await highlightSize(page)).toBe(LAB_START);
    expect((await rangeInfos(page)).map((r) => `${r.id}:${r.text}`)).toEqual([
      'a:Roskomnadzor',
      'split:Roskomnadzor',
      's1:Huawei',
      's2:Huawei',
      's2:Roskomnadzor',
      'outer:Huawei',
      'inner:Roskomnadzor',
      'outer:Huawei',
    ]);
    expect((await tabCounts(h, page)).total).toBe(LAB_START);
  });

  it('a comment added or edited right under the document (observed as a whole) leaves the mentions as they are', async () => {
    expect(await keepRanges(page)).toBe(LAB_START);
    await page.evaluate(() => {
      const c = document.appendChild(document.createComment('a'));
      c.data = 'Huawei in a comment';
      document.insertBefore(document.createComment('b'), document.documentElement);
    });
    await sleep(300);
    expect(await highlightSize(page)).toBe(LAB_START);
    expect(await keptStillThere(page)).toBe(LAB_START);
  });

  it('an appended paragraph is found within a second; the ranges already there are the same objects', async () => {
    expect(await keepRanges(page)).toBe(LAB_START);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'new-1';
      p.append('Update: ', Object.assign(document.createElement('a'), { textContent: 'Kaspersky' }), ' Lab responded.');
      document.getElementById('feed')!.append(p);
    });
    await expectSize(page, LAB_START + 1);
    expect(await keptStillThere(page)).toBe(LAB_START);
    expect((await rangeInfos(page)).filter((r) => r.id === 'new-1').map((r) => r.text)).toEqual(['Kaspersky Lab']);
  });

  it('text edited in a block without mentions is read again', async () => {
    await keepRanges(page);
    await page.evaluate(() => {
      (document.getElementById('b')!.firstChild as Text).data = 'Now Huawei is here.';
    });
    await expectSize(page, LAB_START + 2);
    expect(await keptStillThere(page)).toBe(LAB_START + 1);
    await page.evaluate(() => {
      (document.getElementById('b')!.firstChild as Text).data = 'Nothing again.';
    });
    await expectSize(page, LAB_START + 1);
    expect(await allConnected(page)).toBe(true);
  });

  it('a name whose text node the page splits stays one mention', async () => {
    await page.evaluate(() => {
      const t = document.getElementById('split')!.firstChild as Text;
      t.splitText(t.data.indexOf('Roskomnadzor') + 6); // "Roskom" | "nadzor wrote again."
    });
    await sleep(300);
    expect(await highlightSize(page)).toBe(LAB_START + 1);
    expect((await rangeInfos(page)).filter((r) => r.id === 'split').map((r) => r.text)).toEqual(['Roskomnadzor']);
  });

  it('an ancestor that becomes hidden, aria-hidden or editable drops its mentions; they return when it stops', async () => {
    for (const [name, value] of [['hidden', ''], ['aria-hidden', 'true'], ['contenteditable', 'true']] as const) {
      await page.evaluate(([n, v]) => document.getElementById('sec')!.setAttribute(n!, v!), [name, value]);
      await expectSize(page, LAB_START + 1 - 3);
      expect((await rangeInfos(page)).some((r) => r.id === 's1' || r.id === 's2')).toBe(false);
      await page.evaluate((n) => document.getElementById('sec')!.removeAttribute(n), name);
      await expectSize(page, LAB_START + 1);
    }
    expect((await tabCounts(h, page)).total).toBe(LAB_START + 1);
  });

  it('nested blocks: edits inside or around an inner block leave no duplicate or stale range', async () => {
    await page.evaluate(() => {
      (document.getElementById('inner')!.firstChild as Text).data = 'Kaspersky Lab inside';
    });
    await sleep(300);
    await expectSize(page, LAB_START + 1);
    await page.evaluate(() => {
      (document.getElementById('outer')!.lastChild as Text).data = ' nothing after';
    });
    await expectSize(page, LAB_START);
    expect((await rangeInfos(page)).filter((r) => r.id === 'outer' || r.id === 'inner').map((r) => `${r.id}:${r.text}`)).toEqual([
      'outer:Huawei',
      'inner:Kaspersky Lab',
    ]);
    expect(await allConnected(page)).toBe(true);
  });

  it('removed nodes take their ranges with them', async () => {
    await page.evaluate(() => {
      document.getElementById('s1')!.remove();
      document.querySelector('#s2 em')!.remove(); // inline removal: "Huawei  Roskomnadzor agreed."
    });
    await expectSize(page, LAB_START - 1);
    expect(await allConnected(page)).toBe(true);
    expect((await tabCounts(h, page)).total).toBe(LAB_START - 1);
  });

  it('an ambiguous name is confirmed by evidence that arrives later', async () => {
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'The Shanghai Cooperation Organisation published a statement.';
      document.getElementById('feed')!.append(p);
    });
    await expectSize(page, LAB_START + 1);
    expect((await rangeInfos(page)).filter((r) => r.id === 'sco').map((r) => r.text)).toEqual(['SCO']);
  });

  it('text that becomes rendered (display:none removed) is shown and counted', async () => {
    await page.evaluate(() => {
      document.getElementById('css')!.style.display = 'block';
    });
    await expectSize(page, LAB_START + 2);
    expect((await rangeInfos(page)).some((r) => r.id === 'css-p')).toBe(true);
    expect((await tabCounts(h, page)).total).toBe(LAB_START + 2);
  });

  it('switched off: highlights go within 500 ms and changes are not read; switched on: read again', async () => {
    await setPaused(h, true);
    await page.waitForFunction(() => (CSS.highlights.get('kontekst-mention')?.size ?? 0) === 0, null, { timeout: 500, polling: 20 });
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'While off: Roskomnadzor and Huawei.';
      document.getElementById('feed')!.append(p);
    });
    await sleep(400);
    expect(await highlightSize(page)).toBe(0);
    expect((await tabCounts(h, page)).total).toBe(0);
    await setPaused(h, false);
    await expectSize(page, LAB_START + 4, 2000);
    expect((await tabCounts(h, page)).enabled).toBe(true);
  });
});

it('reported no errors', () => {
  expect(ownErrors(h)).toEqual([]);
});
