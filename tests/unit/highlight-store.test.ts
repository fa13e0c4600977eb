// Saved highlights in IndexedDB (fake-indexeddb): dedupe, concurrent saves, edits, undo, damaged records.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKontekstDB, type DB } from '../../lib/db';
import {
  deleteHighlights,
  highlightsForPage,
  listHighlights,
  orphanIds,
  recordAnchoring,
  restoreHighlights,
  saveHighlight,
  updateStoredHighlight,
} from '../../lib/highlight-store';
import type { NewHighlightInput } from '../../core/annotations/record';

let n = 0;
const open: DB[] = [];
async function freshDb(): Promise<DB> {
  const db = await openKontekstDB(`kontekst-store-test-${++n}`);
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const PAGE = 'https://www.example.com/news/article';
const input = (i: number, over: Partial<NewHighlightInput> = {}): NewHighlightInput => ({
  url: PAGE,
  originalUrl: `${PAGE}?utm_source=feed`,
  title: 'Moscow and Beijing',
  quote: { exact: `Sentence ${i} about Huawei and the SCO.`, prefix: 'Before. ', suffix: ' After.' },
  position: { start: i * 50, end: i * 50 + 30 },
  entityIds: ['huawei'],
  ...over,
});
const T0 = Date.parse('2024-05-01T09:30:00.000Z');

describe('saveHighlight', () => {
  it('stores a valid record with the given fields and defaults', async () => {
    const db = await freshDb();
    const r = await saveHighlight(db, input(1), T0);
    expect(r).toMatchObject({
      url: PAGE,
      originalUrl: `${PAGE}?utm_source=feed`,
      site: 'example.com',
      created: '2024-05-01T09:30:00.000Z',
      updated: '2024-05-01T09:30:00.000Z',
      text: 'Sentence 1 about Huawei and the SCO.',
      scheme: 'kontekst-text/1',
      entityIds: ['huawei'],
      note: '',
      tags: [],
      colour: 'yellow',
    });
    expect(r.selectors.position).toEqual({ type: 'TextPositionSelector', start: 50, end: 80 });
    expect(await db.get('highlights', r.id)).toEqual(r);
  });

  it('the same passage saved twice stays one highlight', async () => {
    const db = await freshDb();
    const a = await saveHighlight(db, input(1), T0);
    const b = await saveHighlight(db, input(1), T0 + 1000);
    expect(b.id).toBe(a.id);
    expect((await listHighlights(db)).records).toHaveLength(1);
    // Same words elsewhere on the page are another highlight.
    await saveHighlight(db, input(1, { position: { start: 900, end: 930 } }), T0);
    expect((await listHighlights(db)).records).toHaveLength(2);
  });

  it('saving the same passage from a mention adds that topic to the existing highlight', async () => {
    const db = await freshDb();
    const a = await saveHighlight(db, input(1, { entityIds: [] }), T0);
    const b = await saveHighlight(db, input(1, { entityIds: ['sco'] }), T0 + 5000);
    expect(b.id).toBe(a.id);
    expect(b.entityIds).toEqual(['sco']);
    expect(b.updated).toBe('2024-05-01T09:30:05.000Z');
    expect((await db.get('highlights', a.id))!.entityIds).toEqual(['sco']);
  });

  it('50 saves at once (several tabs) are all stored', async () => {
    const db = await freshDb();
    const saved = await Promise.all(Array.from({ length: 50 }, (_, i) => saveHighlight(db, input(i))));
    expect(new Set(saved.map((r) => r.id)).size).toBe(50);
    const { records, problems } = await listHighlights(db);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.id).sort()).toEqual(saved.map((r) => r.id).sort());
  });

  it('the same passage saved from two tabs at the same moment is stored once', async () => {
    const db = await freshDb();
    const [a, b] = await Promise.all([saveHighlight(db, input(7), T0), saveHighlight(db, input(7), T0)]);
    expect(a!.id).toBe(b!.id);
    expect(await db.count('highlights')).toBe(1);
  });

  it('rejects an invalid record and writes nothing', async () => {
    const db = await freshDb();
    await expect(saveHighlight(db, input(1, { url: 'javascript:alert(1)' }))).rejects.toThrow(/url/);
    await expect(saveHighlight(db, input(1, { quote: { exact: '' } }))).rejects.toThrow(/exact/);
    expect(await db.count('highlights')).toBe(0);
  });
});

describe('reading', () => {
  it('lists a page by its normalised url only', async () => {
    const db = await freshDb();
    await saveHighlight(db, input(1));
    await saveHighlight(db, input(2, { url: 'https://www.example.com/news/other' }));
    const page = await highlightsForPage(db, PAGE);
    expect(page.records.map((r) => r.text)).toEqual(['Sentence 1 about Huawei and the SCO.']);
  });

  it('reports a corrupted record and lists the rest', async () => {
    const db = await freshDb();
    const good = await Promise.all([1, 2, 3].map((i) => saveHighlight(db, input(i))));
    const damaged = { ...good[1]!, id: '11111111-1111-4111-8111-111111111111', selectors: { quote: { exact: 5 } } };
    await db.put('highlights', damaged as never);
    await db.put('highlights', { id: 'not-a-uuid', url: PAGE, site: 'example.com', updated: 'x', entityIds: [] });
    const all = await listHighlights(db);
    expect(all.records.map((r) => r.id).sort()).toEqual(good.map((r) => r.id).sort());
    expect(all.problems).toHaveLength(2);
    expect(all.problems.map((p) => p.id).sort()).toEqual(['11111111-1111-4111-8111-111111111111', 'not-a-uuid']);
    expect(all.problems.find((p) => p.id === 'not-a-uuid')!.problem).toMatch(/id/);
    const page = await highlightsForPage(db, PAGE);
    expect(page.records).toHaveLength(3);
    expect(page.problems).toHaveLength(2);
    // A damaged record on the same spot does not stop a new save there.
    expect((await saveHighlight(db, input(9))).text).toContain('Sentence 9');
  });
});

describe('update, delete, restore', () => {
  it('updates note, tags and colour and bumps updated; a no-op keeps the record', async () => {
    const db = await freshDb();
    const r = await saveHighlight(db, input(1), T0);
    const next = await updateStoredHighlight(db, r.id, { note: 'Key quote', tags: ['#Sanctions', 'sanctions', 'Export'], colour: 'blue' }, T0 + 60_000);
    expect(next).toMatchObject({ note: 'Key quote', tags: ['sanctions', 'export'], colour: 'blue', updated: '2024-05-01T09:31:00.000Z' });
    expect(await db.get('highlights', r.id)).toEqual(next);
    const same = await updateStoredHighlight(db, r.id, { note: 'Key quote' }, T0 + 120_000);
    expect(same.updated).toBe('2024-05-01T09:31:00.000Z');
  });

  it('refuses to edit a missing or damaged record, and an invalid patch writes nothing', async () => {
    const db = await freshDb();
    await expect(updateStoredHighlight(db, '22222222-2222-4222-8222-222222222222', { note: 'x' })).rejects.toThrow(/no longer exists/);
    const r = await saveHighlight(db, input(1));
    await db.put('highlights', { ...r, created: 'yesterday' } as never);
    await expect(updateStoredHighlight(db, r.id, { note: 'x' })).rejects.toThrow(/damaged/);
    const ok = await saveHighlight(db, input(2));
    await expect(updateStoredHighlight(db, ok.id, { colour: 'orange' as never })).rejects.toThrow(/colour/);
    expect(await db.get('highlights', ok.id)).toEqual(ok);
  });

  it('delete returns what it removed and restore puts it back identically (undo)', async () => {
    const db = await freshDb();
    const saved = await Promise.all([1, 2, 3, 4].map((i) => saveHighlight(db, input(i))));
    const removed = await deleteHighlights(db, [saved[0]!.id, saved[2]!.id, '33333333-3333-4333-8333-333333333333']);
    expect(removed).toHaveLength(2);
    expect(await db.count('highlights')).toBe(2);
    const result = await restoreHighlights(db, removed);
    expect({ added: result.added, updated: result.updated, unchanged: result.unchanged }).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect((await listHighlights(db)).records.sort(byId)).toEqual([...saved].sort(byId));
  });

  it('restore is all or nothing: one invalid record means nothing is written', async () => {
    const db = await freshDb();
    const a = await saveHighlight(db, input(1));
    await deleteHighlights(db, [a.id]);
    await expect(restoreHighlights(db, [a, { ...a, id: 'x' }])).rejects.toThrow(/Record 2 \(x\)/);
    expect(await db.count('highlights')).toBe(0);
  });

  it('restoring an older copy does not overwrite a newer edit; a newer copy does', async () => {
    const db = await freshDb();
    const r = await saveHighlight(db, input(1), T0);
    const edited = await updateStoredHighlight(db, r.id, { note: 'newer' }, T0 + 10_000);
    expect((await restoreHighlights(db, [r])).unchanged).toBe(1);
    expect((await db.get('highlights', r.id))!.note).toBe('newer');
    const newest = { ...edited, note: 'newest', updated: '2024-05-01T10:00:00.000Z' };
    expect((await restoreHighlights(db, [newest])).updated).toBe(1);
    expect((await db.get('highlights', r.id))!.note).toBe('newest');
  });
});

describe('anchoring status (orphans for the library)', () => {
  it('remembers which highlights their page could not place, until they are placed again', async () => {
    const db = await freshDb();
    const [a, b] = await Promise.all([1, 2].map((i) => saveHighlight(db, input(i))));
    const other = await saveHighlight(db, input(3, { url: 'https://www.example.com/news/other' }));
    expect(await orphanIds(db)).toEqual([]);
    await recordAnchoring(db, PAGE, [a!.id, other.id]); // another page's id is not this page's to judge
    expect(await orphanIds(db)).toEqual([a!.id]);
    await recordAnchoring(db, PAGE, [b!.id]);
    expect(await orphanIds(db)).toEqual([b!.id]);
    await recordAnchoring(db, PAGE, []);
    expect(await orphanIds(db)).toEqual([]);
  });

  it('forgets deleted highlights', async () => {
    const db = await freshDb();
    const a = await saveHighlight(db, input(1));
    await recordAnchoring(db, PAGE, [a.id]);
    await deleteHighlights(db, [a.id]);
    expect(await orphanIds(db)).toEqual([]);
    await recordAnchoring(db, PAGE, []);
    expect(await db.get('meta', 'anchoring')).toEqual({ key: 'anchoring', orphans: {} });
  });
});
