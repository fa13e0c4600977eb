// Kontekst's IndexedDB schema, its v1 -> v2 upgrade and the pack store's self-repair, on fake-indexeddb.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { DB_VERSION, ensurePack, openKontekstDB, packChecksum, type DB, type PackMeta } from '../../lib/db';
import { listHighlights, saveHighlight } from '../../lib/highlight-store';
import type { Pack } from '../../core/pack/schema';

let n = 0;
const open: DB[] = [];
/** A fresh database name per test: fake-indexeddb is one global factory. */
const freshName = () => `kontekst-test-db-${++n}`;
async function openDb(name: string): Promise<DB> {
  const db = await openKontekstDB(name);
  open.push(db);
  return db;
}
const packMeta = async (db: DB) => (await db.get('meta', 'pack')) as PackMeta | undefined;
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A small pack: ensurePack stores what it is given, so shape matters, not content. */
function makePack(version = '1.0.0', entityIds = ['huawei', 'roskomnadzor', 'sco'], footnotes = [1, 2, 3, 4]): Pack {
  return {
    packVersion: version,
    report: { title: 'Test report' },
    entities: entityIds.map((id) => ({ id, kind: 'organisation', names: { en: [id] }, points: [], tensions: [] })),
    footnotes: footnotes.map((k) => ({ n: k, text: `Footnote ${k} of ${version}` })),
  } as unknown as Pack;
}

const highlightInput = (i: number) => ({
  url: 'https://www.example.com/news/a',
  title: 'An article',
  quote: { exact: `Passage number ${i} about Huawei.`, prefix: 'before ', suffix: ' after' },
  position: { start: i * 100, end: i * 100 + 30 },
  entityIds: ['huawei'],
});

describe('schema', () => {
  it('a fresh install gets every store and index of v2', async () => {
    const db = await openDb(freshName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['entities', 'footnotes', 'highlights', 'meta']);
    const tx = db.transaction('highlights');
    expect([...tx.store.indexNames].sort()).toEqual(['entity', 'site', 'updated', 'url']);
    expect(tx.store.index('entity').multiEntry).toBe(true);
    await tx.done;
  });

  it('upgrades a v1 database, keeping every highlight and adding the indexes and footnotes store', async () => {
    const name = freshName();
    // v1 as the first release wrote it, by hand.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('entities', { keyPath: 'id' });
        db.createObjectStore('highlights', { keyPath: 'id' }).createIndex('url', 'url');
      },
    });
    const v1Pack = makePack('0.9.0');
    await v1.put('meta', { key: 'pack', packVersion: '0.9.0', checksum: packChecksum(v1Pack), entityCount: 3 });
    for (const e of v1Pack.entities) await v1.put('entities', e);
    const users = Array.from({ length: 25 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      url: `https://www.example.com/news/${i % 5}`,
      originalUrl: `https://www.example.com/news/${i % 5}?utm_source=x`,
      title: `Article ${i % 5}`,
      site: 'example.com',
      created: '2023-04-01T10:00:00.000Z',
      updated: `2023-04-0${1 + (i % 9)}T10:00:00.000Z`,
      text: `User passage ${i}`,
      selectors: { quote: { type: 'TextQuoteSelector', exact: `User passage ${i}`, prefix: '', suffix: '' } },
      scheme: 'kontekst-text/1',
      entityIds: i % 2 ? ['huawei', 'sco'] : [],
      note: i === 3 ? 'my note' : '',
      tags: [],
      colour: 'yellow',
    }));
    for (const h of users) await v1.put('highlights', h);
    v1.close();

    const db = await openDb(name);
    expect(db.version).toBe(2);
    const after = await db.getAll('highlights');
    expect(after).toEqual(users); // byte for byte
    expect((await listHighlights(db)).records).toHaveLength(25);
    expect(await db.countFromIndex('highlights', 'url', 'https://www.example.com/news/1')).toBe(5);
    expect(await db.countFromIndex('highlights', 'site', 'example.com')).toBe(25);
    expect(await db.countFromIndex('highlights', 'entity', 'sco')).toBe(12);
    expect(await db.count('footnotes')).toBe(0);
    // The v1 pack meta is dropped so the next start writes the v2 pack (with footnotes).
    expect(await db.get('meta', 'pack')).toBeUndefined();
    expect(await ensurePack(db, makePack('1.0.0'))).toBe('written');
    expect(await db.count('footnotes')).toBe(4);
    expect(await db.getAll('highlights')).toEqual(users);
  });

  it('data written before a close is there when the database is opened again (a browser restart)', async () => {
    const name = freshName();
    const first = await openKontekstDB(name);
    await ensurePack(first, makePack());
    const saved = await saveHighlight(first, highlightInput(1));
    first.close();
    const again = await openDb(name);
    expect(await again.get('highlights', saved.id)).toEqual(saved);
    expect(await ensurePack(again, makePack())).toBe('current');
  });
});

describe('ensurePack', () => {
  it('writes the pack on first use and is a no-op while it is current', async () => {
    const db = await openDb(freshName());
    const pack = makePack();
    expect(await ensurePack(db, pack)).toBe('written');
    const meta = await db.get('meta', 'pack');
    expect(meta).toMatchObject({ packVersion: '1.0.0', checksum: packChecksum(pack), entityCount: 3, footnoteCount: 4 });
    expect((await db.getAllKeys('entities')).sort()).toEqual(['huawei', 'roskomnadzor', 'sco']);
    expect(await ensurePack(db, pack)).toBe('current');
    // 'current' wrote nothing: the meta record is the same one.
    expect(await db.get('meta', 'pack')).toEqual(meta);
  });

  it('repairs a store that lost entities or footnotes', async () => {
    const db = await openDb(freshName());
    const pack = makePack();
    await ensurePack(db, pack);
    await db.delete('entities', 'sco');
    await db.delete('footnotes', 2);
    expect(await ensurePack(db, pack)).toBe('written');
    expect((await db.getAllKeys('entities')).sort()).toEqual(['huawei', 'roskomnadzor', 'sco']);
    expect(await db.getAllKeys('footnotes')).toEqual([1, 2, 3, 4]);
  });

  it('rewrites a half-written store whose checksum is stale, and drops entities the pack no longer has', async () => {
    const db = await openDb(freshName());
    const pack = makePack();
    await ensurePack(db, pack);
    await db.put('entities', { ...pack.entities[0]!, id: 'leftover' });
    await db.put('meta', { ...(await packMeta(db))!, checksum: 'stale', entityCount: 4 });
    expect(await ensurePack(db, pack)).toBe('written');
    expect((await db.getAllKeys('entities')).sort()).toEqual(['huawei', 'roskomnadzor', 'sco']);
    expect((await packMeta(db))!.checksum).toBe(packChecksum(pack));
  });

  it('replaces the entities with a newer pack and never touches highlights', async () => {
    const db = await openDb(freshName());
    await ensurePack(db, makePack('1.0.0'));
    const saved = await Promise.all([1, 2, 3].map((i) => saveHighlight(db, highlightInput(i))));
    const newer = makePack('1.1.0', ['huawei', 'sco', 'itu'], [1, 2]);
    expect(await ensurePack(db, newer)).toBe('written');
    expect((await db.getAllKeys('entities')).sort()).toEqual(['huawei', 'itu', 'sco']);
    expect(await db.get('footnotes', 1)).toEqual(newer.footnotes[0]);
    expect(await db.count('footnotes')).toBe(2);
    expect((await db.getAll('highlights')).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...saved].sort((a, b) => a.id.localeCompare(b.id)),
    );
    // Repair with highlights present leaves them alone too.
    await db.clear('entities');
    expect(await ensurePack(db, newer)).toBe('written');
    expect(await db.count('highlights')).toBe(3);
  });

  it('a pack write that fails part-way leaves the old pack whole (one transaction)', async () => {
    const db = await openDb(freshName());
    const good = makePack('1.0.0');
    await ensurePack(db, good);
    // An entity without its key path makes the put throw inside the transaction.
    const broken = makePack('2.0.0', ['huawei', 'sco']);
    (broken.entities as unknown as Record<string, unknown>[]).push({ kind: 'organisation' });
    await expect(ensurePack(db, broken)).rejects.toThrow();
    expect((await db.getAllKeys('entities')).sort()).toEqual(['huawei', 'roskomnadzor', 'sco']);
    expect((await packMeta(db))!.packVersion).toBe('1.0.0');
    expect(await ensurePack(db, good)).toBe('current');
  });

  it('two starts racing (onInstalled and a first request) end with one consistent pack', async () => {
    const db = await openDb(freshName());
    const pack = makePack();
    const results = await Promise.all([ensurePack(db, pack), ensurePack(db, pack), ensurePack(db, pack)]);
    expect(results.filter((r) => r === 'written')).toHaveLength(1);
    expect(await db.count('entities')).toBe(3);
  });
});

describe('connection lifecycle', () => {
  it('closes for a newer version opened elsewhere and says so, so the background reopens', async () => {
    const name = freshName();
    const gone = vi.fn();
    const db = await openKontekstDB(name, { onGone: gone });
    const newer = await openDB(name, DB_VERSION + 1); // would wait forever if the old connection stayed open
    expect(gone).toHaveBeenCalledTimes(1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    await expect(db.count('highlights')).rejects.toThrow();
  });
});

describe('cleanup', () => {
  it('databases can be deleted (the test names do not leak state)', async () => {
    const name = freshName();
    (await openKontekstDB(name)).close();
    await deleteDB(name);
    const db = await openDb(name);
    expect(await db.count('highlights')).toBe(0);
  });
});
