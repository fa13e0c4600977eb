// The background's request handling, driven as the entrypoint drives it: parsed messages, a fake-indexeddb
// database and the real bundled pack.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openKontekstDB, type DB } from '../../lib/db';
import { handleRequest, type BackgroundContext, type EntityCard, type HighlightList } from '../../lib/background-handlers';
import type { ReadResult } from '../../lib/highlight-store';
import { parseRequest, type Request } from '../../core/messages';
import type { HighlightRecord } from '../../core/annotations/record';
import { bundledPack } from '../../data/bundled-pack';

let n = 0;
const open: DB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function makeCtx(): BackgroundContext & { changed: ReturnType<typeof vi.fn>; database: () => Promise<DB> } {
  const name = `kontekst-bg-test-${++n}`;
  let p: Promise<DB> | null = null;
  const database = () =>
    (p ??= openKontekstDB(name).then((db) => {
      open.push(db);
      return db;
    }));
  const changed = vi.fn();
  return { db: database, database, pack: bundledPack, onHighlightsChanged: changed, changed };
}

/** Sends a message the way the entrypoint does: parsed first, so a malformed one never reaches a handler. */
async function send<T>(ctx: BackgroundContext, raw: unknown): Promise<T> {
  const req = parseRequest(raw);
  if (!req) throw new Error(`not a request: ${JSON.stringify(raw)}`);
  return (await handleRequest(ctx, req as Request)) as T;
}

const ARTICLE = 'https://www.example.com/world/moscow-beijing';
const saveMsg = (url: string, over: Record<string, unknown> = {}) => ({
  type: 'highlights/save',
  record: {
    url,
    originalUrl: url,
    canonical: null,
    title: 'Moscow weighs Beijing’s playbook',
    quote: { exact: 'Roskomnadzor met the Cyberspace Administration of China.', prefix: 'In April, ', suffix: ' Both sides' },
    position: { start: 120, end: 176 },
    scheme: 'kontekst-text/1',
    entityIds: ['roskomnadzor', 'cac'],
    ...over,
  },
});

describe('saving and finding a page’s highlights', () => {
  it('files a highlight under the normalised address and keeps the original one', async () => {
    const ctx = makeCtx();
    const original = `${ARTICLE}?utm_source=telegram&fbclid=abc&id=7#comments`;
    const r = await send<HighlightRecord>(ctx, saveMsg(original));
    expect(r.url).toBe(`${ARTICLE}?id=7`);
    expect(r.originalUrl).toBe(original);
    expect(r.site).toBe('example.com');
    expect(r.entityIds).toEqual(['roskomnadzor', 'cac']);
    expect(ctx.changed).toHaveBeenCalledTimes(1);
    for (const variant of [`${ARTICLE}?id=7`, `${ARTICLE}?id=7&utm_medium=x#top`, `${ARTICLE}?gclid=1&id=7`]) {
      const page = await send<ReadResult>(ctx, { type: 'highlights/for-page', url: variant });
      expect(page.records.map((x) => x.id), variant).toEqual([r.id]);
    }
    const other = await send<ReadResult>(ctx, { type: 'highlights/for-page', url: `${ARTICLE}?id=8` });
    expect(other.records).toEqual([]);
  });

  it('finds an AMP variant and a page whose canonical is on the same site', async () => {
    const ctx = makeCtx();
    const r = await send<HighlightRecord>(ctx, saveMsg('https://amp.example.com/world/amp/moscow-beijing'));
    expect(r.url).toBe(ARTICLE);
    const viaCanonical = await send<ReadResult>(ctx, {
      type: 'highlights/for-page',
      url: 'https://www.example.com/print?article=991',
      canonical: ARTICLE,
    });
    expect(viaCanonical.records.map((x) => x.id)).toEqual([r.id]);
    // A canonical on another site is a claim we cannot check: ignored.
    const r2 = await send<HighlightRecord>(ctx, saveMsg('https://copy.example.org/a', { canonical: ARTICLE }));
    expect(r2.url).toBe('https://copy.example.org/a');
  });

  it('refuses a save without a record or with an unsafe address, and writes nothing', async () => {
    const ctx = makeCtx();
    await expect(send(ctx, { type: 'highlights/save', record: null })).rejects.toThrow(/no record/);
    await expect(send(ctx, saveMsg('javascript:alert(1)'))).rejects.toThrow(/Cannot save/);
    expect((await send<ReadResult>(ctx, { type: 'highlights/list' })).records).toEqual([]);
    expect(ctx.changed).not.toHaveBeenCalled();
  });

  it('saves from several tabs at once all arrive', async () => {
    const ctx = makeCtx();
    const saves = Array.from({ length: 20 }, (_, i) =>
      send<HighlightRecord>(ctx, saveMsg(`${ARTICLE}?p=${i % 4}`, { position: { start: i * 300, end: i * 300 + 56 } })),
    );
    const saved = await Promise.all(saves);
    const list = await send<ReadResult>(ctx, { type: 'highlights/list' });
    expect(list.records.map((r) => r.id).sort()).toEqual(saved.map((r) => r.id).sort());
  });
});

describe('list, update, delete, restore', () => {
  it('an export → wipe → import round trip gives identical records', async () => {
    const ctx = makeCtx();
    for (let i = 0; i < 5; i++) await send(ctx, saveMsg(`${ARTICLE}?p=${i}`));
    const first = (await send<ReadResult>(ctx, { type: 'highlights/list' })).records;
    await send(ctx, { type: 'highlights/update', id: first[0]!.id, patch: { note: 'Check footnote 12', tags: ['ru'], colour: 'pink' } });
    const before = (await send<ReadResult>(ctx, { type: 'highlights/list' })).records;
    const removed = await send<unknown[]>(ctx, { type: 'highlights/delete', ids: before.map((r) => r.id) });
    expect(removed).toHaveLength(5);
    expect((await send<ReadResult>(ctx, { type: 'highlights/list' })).records).toEqual([]);
    const counts = await send(ctx, { type: 'highlights/restore', records: JSON.parse(JSON.stringify(before)) });
    expect(counts).toEqual({ added: 5, updated: 0, unchanged: 0 });
    const byId = (a: HighlightRecord, b: HighlightRecord) => a.id.localeCompare(b.id);
    expect((await send<ReadResult>(ctx, { type: 'highlights/list' })).records.sort(byId)).toEqual([...before].sort(byId));
  });

  it('lists the good records and reports a damaged one', async () => {
    const ctx = makeCtx();
    const r = await send<HighlightRecord>(ctx, saveMsg(ARTICLE));
    const db = await ctx.database();
    await db.put('highlights', { id: 'broken', url: ARTICLE, site: 'example.com', updated: 1, entityIds: [] });
    const list = await send<ReadResult>(ctx, { type: 'highlights/list' });
    expect(list.records.map((x) => x.id)).toEqual([r.id]);
    expect(list.problems).toEqual([{ id: 'broken', problem: expect.any(String) }]);
    const page = await send<ReadResult>(ctx, { type: 'highlights/for-page', url: ARTICLE });
    expect(page.records).toHaveLength(1);
  });

  it('reports an edit of a missing highlight as an error', async () => {
    const ctx = makeCtx();
    await expect(
      send(ctx, { type: 'highlights/update', id: '44444444-4444-4444-8444-444444444444', patch: { note: 'x' } }),
    ).rejects.toThrow(/no longer exists/);
    await expect(send(ctx, { type: 'highlights/update', id: '44444444-4444-4444-8444-444444444444', patch: 3 })).rejects.toThrow(/Nothing/);
  });
});

describe('orphans', () => {
  it('a page’s report of what it could not place shows in highlights/list', async () => {
    const ctx = makeCtx();
    const a = await send<HighlightRecord>(ctx, saveMsg(`${ARTICLE}?utm_source=x`));
    const b = await send<HighlightRecord>(ctx, saveMsg(ARTICLE, { position: { start: 900, end: 956 } }));
    await send(ctx, { type: 'highlights/anchored', url: `${ARTICLE}#comments`, canonical: null, orphans: [b.id] });
    const list = await send<HighlightList>(ctx, { type: 'highlights/list' });
    expect(list.orphans).toEqual([b.id]);
    expect(list.records.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    await send(ctx, { type: 'highlights/anchored', url: ARTICLE, orphans: [] });
    expect((await send<HighlightList>(ctx, { type: 'highlights/list' })).orphans).toEqual([]);
  });
});

describe('topics from the pack', () => {
  it('answers entity/get with the entity and its footnotes, writing the pack on first use', async () => {
    const ctx = makeCtx();
    const id = bundledPack.entities[0]!.id;
    const card = await send<EntityCard>(ctx, { type: 'entity/get', id });
    expect(card.entity).toEqual(bundledPack.entities[0]);
    const cited = new Set([...card.entity.points, ...card.entity.tensions].flatMap((p) => p.footnotes));
    expect(card.footnotes.map((f) => f.n)).toEqual([...cited].sort((a, b) => a - b));
    const db = await ctx.database();
    expect(await db.count('entities')).toBe(bundledPack.entities.length);
    await expect(send(ctx, { type: 'entity/get', id: 'no-such-topic' })).rejects.toThrow(/no topic/);
  });

  it('repairs a damaged pack store at the next start and leaves highlights alone', async () => {
    const ctx = makeCtx();
    const saved = await send<HighlightRecord>(ctx, saveMsg(ARTICLE));
    await send(ctx, { type: 'entity/list' });
    const db = await ctx.database();
    await db.clear('footnotes');
    await db.delete('entities', bundledPack.entities[1]!.id);
    // The next start: the service worker opens a new connection, whose first request checks the pack.
    const restarted: BackgroundContext = { ...ctx, db: () => openKontekstDB(db.name) };
    const list = await send<{ id: string }[]>(restarted, { type: 'entity/list' });
    expect(list).toHaveLength(bundledPack.entities.length);
    expect(await db.count('footnotes')).toBe(bundledPack.footnotes.length);
    expect(await db.get('highlights', saved.id)).toEqual(saved);
  });
});

describe('messages', () => {
  it('rejects malformed requests before any handler', () => {
    expect(parseRequest({ type: 'highlights/list', extra: 1 })).toBeNull();
    expect(parseRequest({ type: 'highlights/delete', ids: [''] })).toBeNull();
    expect(parseRequest({ type: 'highlights/for-page', url: 'x'.repeat(9000) })).toBeNull();
    expect(parseRequest({ type: 'nope' })).toBeNull();
    expect(parseRequest({ type: 'highlights/list' })).toEqual({ type: 'highlights/list' });
  });
});
