// Real corpus pages (EN, ZH, RU, big ones) in Chromium against the matcher run in Node on the same
// page (linkedom + scripts/lib/text-blocks.ts, as `npm run detect` does): the same mentions in
// the same blocks, in order, except text Chromium does not render (display:none), which is
// neither shown nor counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher, type Matcher } from '../../core/matcher';
import { detectHtml } from '../../scripts/detect';
import { launch, type Harness } from '../../scripts/lib/browser';
import { loadNodePack } from '../../scripts/lib/node-pack';
import { CORPUS_DIR, startServer, type StaticServer } from '../../scripts/lib/server';
import { openSettled, ownErrors, rangeInfos, tabCounts } from './detection-helpers';

let h: Harness;
let server: StaticServer;
let matcher: Matcher;

beforeAll(async () => {
  server = await startServer();
  matcher = compileMatcher(loadNodePack().entities);
  h = await launch();
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  return openSettled(h, server, path);
}

// EN, ZH (with a 174,000-character display:none keyword block), RU, and big pages.
const CORPUS = ['rd-wordpress.html', 'rd-yahoo-4.html', 'gne-163-huawei.html', 'gne-guancha-2.html', 'gne-njxfhn.html', 'fu-lenta.html', 'rd-yahoo-2.html'];

describe('corpus pages: Chromium highlights what the matcher finds in Node, minus text that is not rendered', () => {
  for (const file of CORPUS) {
    it(file, async () => {
      const html = readFileSync(join(CORPUS_DIR, file), 'utf8');
      const node = detectHtml(matcher, html);
      const page = await open(`/corpus/${file}`);
      const got = await rangeInfos(page);
      // Which of the blocks Node found mentions in have a box in Chromium.
      const paths = [...new Set(node.map((m) => m.path!))];
      const rendered = await page.evaluate(
        (ps) => ps.map((p) => document.querySelector(p)?.checkVisibility() ?? null),
        paths,
      );
      const isRendered = new Map(paths.map((p, i) => [p, rendered[i]]));
      // Every block Node read exists in Chromium's DOM (same parse).
      expect(paths.filter((p) => isRendered.get(p) === null)).toEqual([]);
      const visible = node.filter((m) => isRendered.get(m.path!));
      expect(got.map((g) => `${g.path} ${g.text}`)).toEqual(visible.map((m) => `${m.path} ${m.text}`));
      const counts = await tabCounts(h, page);
      const byEntity: Record<string, number> = {};
      for (const m of visible) byEntity[m.entity] = (byEntity[m.entity] ?? 0) + 1;
      expect(counts.byEntity).toEqual(byEntity);
      if (file === 'gne-njxfhn.html') {
        // All 11 of its names are in a display:none keyword block: none is shown or counted.
        expect(node.length).toBe(11);
        expect(visible).toEqual([]);
      }
      if (file === 'gne-163-huawei.html') expect(visible.length).toBeGreaterThan(20);
      await page.close();
    });
  }
});

it('reported no errors of its own', () => {
  expect(ownErrors(h)).toEqual([]);
});
