// Kontekst's IndexedDB: opened only by the background and extension pages, never by a content
// script (there it would belong to the web page's origin).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Entity, Footnote, Pack } from '../core/pack/schema';

export const DB_NAME = 'kontekst';
/** v1: entities, meta, highlights(url). v2: + footnotes, highlight indexes by site/updated/entity. */
export const DB_VERSION = 2;

export interface PackMeta {
  key: 'pack';
  packVersion: string;
  checksum: string;
  entityCount: number;
  footnoteCount: number;
  writtenAt: number;
}

/** Where each highlight was last looked for: the ids the page could not place (orphans), by id. */
export interface AnchoringMeta {
  key: 'anchoring';
  orphans: Record<string, { url: string; at: string }>;
}

export interface StoredHighlight {
  id: string;
  url: string;
  site: string;
  updated: number | string;
  entityIds: string[];
  [k: string]: unknown;
}

export interface KontekstDB extends DBSchema {
  meta: { key: string; value: PackMeta | AnchoringMeta };
  entities: { key: string; value: Entity };
  footnotes: { key: number; value: Footnote };
  highlights: {
    key: string;
    value: StoredHighlight;
    indexes: { url: string; site: string; updated: number | string; entity: string };
  };
}

export type DB = IDBPDatabase<KontekstDB>;

export interface OpenOptions {
  /**
   * The connection is gone: closed for a newer version opened elsewhere (an update), or by the browser
   * (the user cleared site data). A caller that caches the connection drops it here and opens a new one.
   */
  onGone?(): void;
}

export function openKontekstDB(name = DB_NAME, opts: OpenOptions = {}): Promise<DB> {
  let connection: DB | null = null;
  const opened = openDB<KontekstDB>(name, DB_VERSION, {
    // Never hold up a newer version's upgrade (or a delete): close and let the caller reopen.
    blocking() {
      connection?.close();
      opts.onGone?.();
    },
    terminated() {
      opts.onGone?.();
    },
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('entities', { keyPath: 'id' });
        const h = db.createObjectStore('highlights', { keyPath: 'id' });
        h.createIndex('url', 'url');
      }
      if (oldVersion < 2) {
        db.createObjectStore('footnotes', { keyPath: 'n' });
        const h = tx.objectStore('highlights');
        h.createIndex('site', 'site');
        h.createIndex('updated', 'updated');
        h.createIndex('entity', 'entityIds', { multiEntry: true });
        // The v1 pack had no footnotes: force a rewrite from the bundle at the next start.
        void tx.objectStore('meta').delete('pack');
      }
    },
  });
  return opened.then((db) => (connection = db));
}

/** A cheap, stable fingerprint of the pack: a changed or half-written store won't match it. */
export function packChecksum(pack: Pack): string {
  const s = JSON.stringify(pack);
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = (h2 * 31 + c) >>> 0;
  }
  return `${s.length.toString(36)}-${h1.toString(36)}-${h2.toString(36)}`;
}

/**
 * Makes the stored pack equal to the bundled one. Rewrites it (in one transaction, so a crash
 * leaves the old pack or the new one, never a mix) when the version or checksum differs or the
 * store is damaged (counts don't match). Never touches highlights.
 */
export async function ensurePack(db: DB, pack: Pack): Promise<'current' | 'written'> {
  const checksum = packChecksum(pack);
  const tx = db.transaction(['meta', 'entities', 'footnotes'], 'readwrite');
  const stored = await tx.objectStore('meta').get('pack');
  const meta = stored?.key === 'pack' ? stored : undefined;
  const [entityCount, footnoteCount] = await Promise.all([
    tx.objectStore('entities').count(),
    tx.objectStore('footnotes').count(),
  ]);
  if (
    meta &&
    meta.checksum === checksum &&
    meta.packVersion === pack.packVersion &&
    entityCount === pack.entities.length &&
    footnoteCount === pack.footnotes.length
  ) {
    await tx.done;
    return 'current';
  }
  await inTransaction(tx, async () => {
    const entities = tx.objectStore('entities');
    const footnotes = tx.objectStore('footnotes');
    await Promise.all([entities.clear(), footnotes.clear()]);
    await Promise.all([
      ...pack.entities.map((e) => handled(entities.put(e))),
      ...pack.footnotes.map((f) => handled(footnotes.put(f))),
      tx.objectStore('meta').put({
        key: 'pack',
        packVersion: pack.packVersion,
        checksum,
        entityCount: pack.entities.length,
        footnoteCount: pack.footnotes.length,
        writtenAt: Date.now(),
      }),
    ]);
  });
  return 'written';
}

/** Requests made before a failing one reject when the transaction aborts: not an unhandled rejection. */
function handled<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined);
  return request;
}

/**
 * Runs `work` in `tx` and waits for the commit. A put that throws synchronously (a record without
 * its key, one that cannot be cloned) does not abort a transaction by itself: without the abort here
 * the writes made before it would commit, leaving a half-written store.
 */
export async function inTransaction<T>(tx: { abort(): void; done: Promise<void> }, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (err) {
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    await tx.done.catch(() => undefined);
    throw err;
  }
  await tx.done;
  return result;
}
