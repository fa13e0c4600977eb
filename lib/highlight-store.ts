// Saved highlights in IndexedDB (background and extension pages only). Every write is one
// transaction, so saves from several tabs at once, imports and undo never lose a record.
import {
  newHighlight,
  updateHighlight,
  validateStoredRecord,
  type HighlightPatch,
  type HighlightRecord,
  type NewHighlightInput,
} from '../core/annotations/record';
import { mergeImported, type MergeResult } from '../core/annotations/merge';
import { inTransaction, type AnchoringMeta, type DB, type StoredHighlight } from './db';

export interface ReadResult {
  records: HighlightRecord[];
  /** Records that failed validation on read: reported, never allowed to break a list. */
  problems: { id?: string; problem: string }[];
}

function check(rows: unknown[]): ReadResult {
  const records: HighlightRecord[] = [];
  const problems: ReadResult['problems'] = [];
  for (const raw of rows) {
    const r = validateStoredRecord(raw);
    if (r.ok) records.push(r.record);
    else problems.push({ ...(r.id !== undefined ? { id: r.id } : {}), problem: r.problem });
  }
  return { records, problems };
}

const asStored = (r: HighlightRecord) => r as unknown as StoredHighlight;

export async function listHighlights(db: DB): Promise<ReadResult> {
  return check(await db.getAll('highlights'));
}

export async function highlightsForPage(db: DB, url: string): Promise<ReadResult> {
  return check(await db.getAllFromIndex('highlights', 'url', url));
}

export async function saveHighlight(db: DB, input: NewHighlightInput, now = Date.now(), id: string = crypto.randomUUID()): Promise<HighlightRecord> {
  const record = newHighlight(input, now, id);
  const tx = db.transaction('highlights', 'readwrite');
  // The same passage saved twice (a double click, two tabs) stays one highlight.
  const samePage = check(await tx.store.index('url').getAll(record.url)).records;
  const twin = samePage.find(
    (r) =>
      r.selectors.quote.exact === record.selectors.quote.exact &&
      r.selectors.position?.start === record.selectors.position?.start,
  );
  return inTransaction(tx, async () => {
    if (!twin) {
      await tx.store.put(asStored(record));
      return record;
    }
    // Saved again from a mention's popover: the passage now also stands for that topic.
    const missing = record.entityIds.filter((e) => !twin.entityIds.includes(e));
    if (!missing.length) return twin;
    const next = updateHighlight(twin, { entityIds: [...twin.entityIds, ...missing] }, now);
    await tx.store.put(asStored(next));
    return next;
  });
}

export async function updateStoredHighlight(db: DB, id: string, patch: HighlightPatch, now = Date.now()): Promise<HighlightRecord> {
  const tx = db.transaction('highlights', 'readwrite');
  const raw = await tx.store.get(id);
  const checked = raw ? validateStoredRecord(raw) : null;
  if (!checked?.ok) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(raw ? `Highlight ${id} is damaged and cannot be edited.` : `Highlight ${id} no longer exists.`);
  }
  const next = updateHighlight(checked.record, patch, now);
  if (next !== checked.record) await tx.store.put(asStored(next));
  await tx.done;
  return next;
}

/** Deletes and returns what was deleted, so the caller can offer undo. */
export async function deleteHighlights(db: DB, ids: string[]): Promise<unknown[]> {
  const tx = db.transaction('highlights', 'readwrite');
  return inTransaction(tx, async () => {
    const removed: unknown[] = [];
    for (const id of ids) {
      const raw = await tx.store.get(id);
      if (raw) {
        removed.push(raw);
        await tx.store.delete(id);
      }
    }
    return removed;
  });
}

/**
 * Puts validated records back (undo) or merges imported ones, in ONE transaction: a bad record
 * anywhere means nothing is written.
 */
export async function restoreHighlights(db: DB, raws: unknown[]): Promise<MergeResult> {
  const incoming: HighlightRecord[] = [];
  raws.forEach((raw, i) => {
    const r = validateStoredRecord(raw);
    if (!r.ok) throw new Error(`Record ${i + 1}${r.id ? ` (${r.id})` : ''} is not valid: ${r.problem}`);
    incoming.push(r.record);
  });
  const tx = db.transaction('highlights', 'readwrite');
  return inTransaction(tx, async () => {
    const existing = check(await tx.store.getAll()).records;
    const merged = mergeImported(existing, incoming);
    for (const r of merged.toPut) await tx.store.put(asStored(r));
    return merged;
  });
}

/**
 * Records where a page's highlights were last looked for: `orphans` could not be placed, the page's
 * other highlights were. The library lists orphans from this (they are never deleted silently).
 */
export async function recordAnchoring(db: DB, pageUrl: string, orphanIds: readonly string[], now = Date.now()): Promise<void> {
  const tx = db.transaction(['highlights', 'meta'], 'readwrite');
  await inTransaction(tx, async () => {
    const onPage = new Set(await tx.objectStore('highlights').index('url').getAllKeys(pageUrl));
    const stored = await tx.objectStore('meta').get('anchoring');
    const status: AnchoringMeta = stored?.key === 'anchoring' ? stored : { key: 'anchoring', orphans: {} };
    const lost = new Set(orphanIds.filter((id) => onPage.has(id)));
    let changed = false;
    for (const [id, at] of Object.entries(status.orphans)) {
      if (at.url === pageUrl && !onPage.has(id)) {
        delete status.orphans[id]; // deleted, or moved to another page by an import
        changed = true;
      }
    }
    for (const id of onPage) {
      if (lost.has(id) && status.orphans[id]?.url !== pageUrl) {
        status.orphans[id] = { url: pageUrl, at: new Date(now).toISOString() };
        changed = true;
      } else if (!lost.has(id) && id in status.orphans) {
        delete status.orphans[id];
        changed = true;
      }
    }
    if (changed) await tx.objectStore('meta').put(status);
  });
}

/** Ids of existing highlights that their page could not place the last time it was open. */
export async function orphanIds(db: DB): Promise<string[]> {
  const tx = db.transaction(['highlights', 'meta'], 'readonly');
  const stored = await tx.objectStore('meta').get('anchoring');
  const ids = stored?.key === 'anchoring' ? Object.keys(stored.orphans) : [];
  const exists = await Promise.all(ids.map((id) => tx.objectStore('highlights').getKey(id)));
  await tx.done;
  return ids.filter((_, i) => exists[i] !== undefined).sort();
}
