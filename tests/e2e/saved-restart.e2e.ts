// Saved highlights survive a schema upgrade from v1 and browser restarts, in real Chromium storage.
// The v1 database is written by hand from an extension page, the way the first release left it; the
// background's open connection must step aside for that (its versionchange handling is tested here too).
// (Swapping the unpacked extension's files between launches to fake an update makes Chromium hang the
// extension's APIs in about one launch of three, with or without our code: not usable in a test.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { highlightTexts, launch, waitForHighlights, type Harness } from '../../scripts/lib/browser';
import { startServer, type StaticServer } from '../../scripts/lib/server';
import type { HighlightRecord } from '../../core/annotations/record';
import type { HighlightList } from '../../lib/background-handlers';
import { PASSAGE, article, backgroundClient, saveSelection, select } from './saved-helpers';

let server: StaticServer;
let profile: string;
let h: Harness | null = null;
const errors: string[] = [];
const path = '/restart/article.html';

beforeAll(async () => {
  server = await startServer();
  server.put(path, article());
  profile = mkdtempSync(join(tmpdir(), 'kontekst-restart-'));
});
afterAll(async () => {
  await h?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function relaunch(): Promise<Harness> {
  if (h) {
    errors.push(...h.errors);
    await h.close();
  }
  h = await launch({ userDataDir: profile });
  return h;
}

/** A highlight as the first release stored it (schema v1: same record, fewer indexes, no footnotes). */
function v1Record(): HighlightRecord {
  return {
    id: '0b7e1f6a-3c1d-4e55-9a77-2f4c8d1e6b10',
    url: server.url(path),
    originalUrl: server.url(`${path}?utm_campaign=spring`),
    title: 'Partners on paper',
    site: '127.0.0.1',
    created: '2023-11-02T08:15:00.000Z',
    updated: '2023-11-03T10:00:00.000Z',
    text: PASSAGE,
    selectors: { quote: { type: 'TextQuoteSelector', exact: PASSAGE, prefix: 'visited Shenzhen. ', suffix: ' The answers' } },
    scheme: 'kontekst-text/1',
    entityIds: ['roskomnadzor', 'huawei'],
    note: 'Saved by the first release',
    tags: ['filtering'],
    colour: 'green',
  };
}

async function expectPainted(harness: Harness, texts: string[]): Promise<void> {
  const page = await harness.context.newPage();
  await page.goto(server.url(path));
  await waitForHighlights(page, texts.length, 'kontekst-saved');
  expect((await highlightTexts(page, 'kontekst-saved')).sort()).toEqual([...texts].sort());
  await page.close();
}

describe('saved highlights persist', () => {
  let added: HighlightRecord;

  it('a profile holds a schema v1 database (written by hand, the background stepping aside)', async () => {
    const first = await relaunch();
    const page = await first.context.newPage();
    await page.goto(first.extensionUrl('popup.html'));
    // The background has the v2 database open (written at install).
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'kontekst')?.version)).toBe(2);
    const result = await page.evaluate(async (record) => {
      const blockedDelete = await new Promise<boolean>((ok, fail) => {
        let blocked = false;
        const del = indexedDB.deleteDatabase('kontekst');
        del.onblocked = () => (blocked = true);
        del.onsuccess = () => ok(blocked);
        del.onerror = () => fail(del.error);
      });
      await new Promise<void>((ok, fail) => {
        const req = indexedDB.open('kontekst', 1);
        req.onupgradeneeded = () => {
          const db = req.result;
          db.createObjectStore('meta', { keyPath: 'key' });
          db.createObjectStore('entities', { keyPath: 'id' });
          db.createObjectStore('highlights', { keyPath: 'id' }).createIndex('url', 'url');
        };
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['meta', 'entities', 'highlights'], 'readwrite');
          tx.objectStore('meta').put({ key: 'pack', packVersion: '0.9.0', checksum: 'v1', entityCount: 1 });
          tx.objectStore('entities').put({ id: 'huawei', kind: 'company', names: { en: ['Huawei'] } });
          tx.objectStore('highlights').put(record);
          tx.oncomplete = () => {
            db.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
        req.onerror = () => fail(req.error);
      });
      return { blockedDelete, version: (await indexedDB.databases()).find((d) => d.name === 'kontekst')?.version };
    }, v1Record());
    // The background closed its connection when asked (else the delete would wait, "blocked").
    expect(result).toEqual({ blockedDelete: false, version: 1 });
    await page.close();
  });

  it('after a restart the v1 highlight is upgraded, listed, painted, and new saves work', async () => {
    const second = await relaunch();
    const bg = await backgroundClient(second);
    const list = await bg<HighlightList>({ type: 'highlights/list' });
    expect(list.records).toEqual([v1Record()]);
    expect(list.problems).toEqual([]);
    // The pack was rewritten from the bundle (the v1 store had one entity and no footnotes).
    const card = await bg<{ entity: { id: string }; footnotes: unknown[] }>({ type: 'entity/get', id: 'sco' });
    expect(card.entity.id).toBe('sco');
    expect(card.footnotes.length).toBeGreaterThan(0);
    await expectPainted(second, [PASSAGE]);
    const page = await second.context.newPage();
    await page.goto(server.url(path));
    await waitForHighlights(page, 1);
    await select(page, 'Experts at the Russian International Affairs Council');
    added = await saveSelection(second, page);
    await page.close();
  });

  it('after another restart both highlights are there', async () => {
    const third = await relaunch();
    const bg = await backgroundClient(third);
    const list = await bg<HighlightList>({ type: 'highlights/list' });
    const byId = (a: HighlightRecord, b: HighlightRecord) => a.id.localeCompare(b.id);
    expect(list.records.sort(byId)).toEqual([v1Record(), added].sort(byId));
    await expectPainted(third, [PASSAGE, 'Experts at the Russian International Affairs Council']);
  });

  it('logged no errors', () => {
    expect([...errors, ...(h?.errors ?? [])]).toEqual([]);
  });
});
