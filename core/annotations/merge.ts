// Folds imported highlights into the library so duplicates merge instead of doubling.
//
// Decisions:
// - Same id: the copy with the later `updated` wins whole. Tags are NOT unioned: a tag the reader
//   removed on the newer copy must stay removed, and a union would bring it back on every sync.
//   On a tie the library's copy stays (an import never overwrites without evidence it is newer).
// - Different id, same page + same quote + same position (or both without a position): the same
//   highlight saved twice (two browsers). The newer content wins, but it keeps the library's id
//   (other records and open tabs refer to it) and the earlier `created`.
import type { HighlightRecord } from './record';

export interface MergeResult {
  /** Records to write (new or replacing a library record with the same id). */
  toPut: HighlightRecord[];
  added: number;
  updated: number;
  /** Incoming records that changed nothing; added + updated + unchanged === incoming.length. */
  unchanged: number;
}

/** Identity of a highlight apart from its id: page, quoted passage, place in the page. */
export function highlightKey(r: HighlightRecord): string {
  const p = r.selectors.position;
  return `${r.url}\u0000${r.selectors.quote.exact}\u0000${p ? `${p.start}:${p.end}` : '-'}`;
}

export function sameRecord(a: HighlightRecord, b: HighlightRecord): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function mergeImported(existing: readonly HighlightRecord[], incoming: readonly HighlightRecord[]): MergeResult {
  // Current state as the merge proceeds, so duplicates inside the import also merge.
  const byId = new Map<string, HighlightRecord>();
  const byKey = new Map<string, string>(); // key -> id
  for (const r of existing) {
    byId.set(r.id, r);
    byKey.set(highlightKey(r), r.id);
  }
  const existingIds = new Set(byId.keys());
  const pending = new Map<string, HighlightRecord>(); // id -> record to put
  let unchanged = 0;

  for (const inc of incoming) {
    const targetId = byId.has(inc.id) ? inc.id : byKey.get(highlightKey(inc));
    const current = targetId !== undefined ? byId.get(targetId) : undefined;
    if (!current) {
      byId.set(inc.id, inc);
      byKey.set(highlightKey(inc), inc.id);
      pending.set(inc.id, inc);
      continue;
    }
    let merged: HighlightRecord;
    if (current.id === inc.id) {
      if (!(inc.updated > current.updated) || sameRecord(inc, current)) {
        unchanged++;
        continue;
      }
      merged = inc;
    } else {
      const created = inc.created < current.created ? inc.created : current.created;
      const base = inc.updated > current.updated ? inc : current;
      merged = { ...base, id: current.id, created, updated: base.updated < created ? created : base.updated };
      if (sameRecord(merged, current)) {
        unchanged++;
        continue;
      }
    }
    // The key can change only when a same-id record moved (different url/quote); keep the index true.
    byKey.delete(highlightKey(current));
    byKey.set(highlightKey(merged), merged.id);
    byId.set(merged.id, merged);
    if (pending.has(merged.id)) unchanged++; // already counted when first queued in this import
    pending.set(merged.id, merged);
  }

  let added = 0;
  let updated = 0;
  for (const id of pending.keys()) {
    if (existingIds.has(id)) updated++;
    else added++;
  }
  return { toPut: [...pending.values()], added, updated, unchanged };
}
