// The background's answers to typed requests. Kept apart from the entrypoint so tests can drive
// it with fake-indexeddb and WXT's fakeBrowser.
import type { Request } from '../core/messages';
import type { Entity, Footnote, Pack } from '../core/pack/schema';
import { normalizePageUrl } from '../core/sites/normalize-url';
import type { HighlightPatch, NewHighlightInput } from '../core/annotations/record';
import { ensurePack, type DB } from './db';
import {
  deleteHighlights,
  highlightsForPage,
  listHighlights,
  orphanIds,
  recordAnchoring,
  restoreHighlights,
  saveHighlight,
  updateStoredHighlight,
  type ReadResult,
} from './highlight-store';

/** The answer to highlights/list: every record, the damaged ones, and which ones their page could not place. */
export interface HighlightList extends ReadResult {
  /** Ids of highlights that were orphans the last time their page was open. */
  orphans: string[];
}

export interface EntityCard {
  entity: Entity;
  footnotes: Footnote[];
}

export interface PackInfo {
  packVersion: string;
  report: Pack['report'];
  entityCount: number;
}

export interface EntitySummary {
  id: string;
  kind: Entity['kind'];
  names: Entity['names'];
}

export interface BackgroundContext {
  db: () => Promise<DB>;
  pack: Pack;
  /** Sets a site rule (the popover's "Not on this site"); the entrypoint owns settings storage. */
  setSite?(url: string, enabled: boolean, scope: 'host' | 'site'): Promise<void>;
  /** Side effects the entrypoint owns (badge, tabs, notifying content scripts). */
  onMentions?(tabId: number | undefined, total: number, byEntity: Record<string, number>, enabled: boolean): void;
  onHighlightsChanged?(): void;
  openLibrary?(hash: string): void;
  /** Opens a page in a new tab; resolves to the tab's id. */
  openTab?(url: string): Promise<number | undefined>;
  /** Highlights to scroll to when a tab the library opened has loaded, by tab id. */
  pendingScroll?: Map<number, string>;
}

interface SaveRequestRecord extends NewHighlightInput {
  canonical?: string | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Checked once per connection (a service-worker start, or a reopen after the browser closed it),
// not on every request: the check is a read-write transaction.
const packChecked = new WeakMap<DB, Promise<unknown>>();

/** Reads the pack from IndexedDB, repairing it from the bundle first when needed. */
export async function readyDb(ctx: BackgroundContext): Promise<DB> {
  const db = await ctx.db();
  let check = packChecked.get(db);
  if (!check) {
    check = ensurePack(db, ctx.pack);
    packChecked.set(db, check);
    check.catch(() => packChecked.delete(db)); // a failed check is tried again next time
  }
  await check;
  return db;
}

export async function entityCard(db: DB, pack: Pack, id: string): Promise<EntityCard | null> {
  const entity = (await db.get('entities', id)) ?? pack.entities.find((e) => e.id === id);
  if (!entity) return null;
  const ns = new Set<number>();
  for (const p of [...entity.points, ...entity.tensions]) for (const n of p.footnotes) ns.add(n);
  const footnotes: Footnote[] = [];
  for (const n of [...ns].sort((a, b) => a - b)) {
    const f = (await db.get('footnotes', n)) ?? pack.footnotes.find((x) => x.n === n);
    if (f) footnotes.push(f);
  }
  return { entity, footnotes };
}

export async function handleRequest(ctx: BackgroundContext, req: Request, tabId?: number): Promise<unknown> {
  switch (req.type) {
    case 'pack/info':
      return { packVersion: ctx.pack.packVersion, report: ctx.pack.report, entityCount: ctx.pack.entities.length } satisfies PackInfo;
    case 'entity/get': {
      const card = await entityCard(await readyDb(ctx), ctx.pack, req.id);
      if (!card) throw new Error(`Kontekst has no topic "${req.id}".`);
      return card;
    }
    case 'entity/many': {
      const db = await readyDb(ctx);
      const cards = await Promise.all(req.ids.map((id) => entityCard(db, ctx.pack, id)));
      return cards.filter((c): c is EntityCard => c !== null);
    }
    case 'entity/list': {
      const db = await readyDb(ctx);
      const all = await db.getAll('entities');
      return (all.length ? all : ctx.pack.entities).map((e) => ({ id: e.id, kind: e.kind, names: e.names })) satisfies EntitySummary[];
    }
    case 'footnotes/get': {
      const db = await readyDb(ctx);
      const out: Footnote[] = [];
      for (const n of req.ns) {
        const f = await db.get('footnotes', n);
        if (f) out.push(f);
      }
      return out;
    }
    case 'highlights/for-page':
      return highlightsForPage(await ctx.db(), normalizePageUrl(req.url, { canonical: req.canonical ?? null }));
    case 'highlights/list': {
      const db = await ctx.db();
      const [list, orphans] = await Promise.all([listHighlights(db), orphanIds(db)]);
      return { ...list, orphans } satisfies HighlightList;
    }
    case 'highlights/save': {
      if (!isObject(req.record)) throw new Error('Cannot save this highlight: no record was given.');
      const { canonical, ...input } = req.record as unknown as SaveRequestRecord;
      const originalUrl = String(input.originalUrl ?? input.url ?? '');
      const record = await saveHighlight(await ctx.db(), {
        ...input,
        originalUrl,
        url: normalizePageUrl(originalUrl, { canonical: canonical ?? null }),
      });
      ctx.onHighlightsChanged?.();
      return record;
    }
    case 'highlights/update': {
      if (!isObject(req.patch)) throw new Error('Nothing to change.');
      const record = await updateStoredHighlight(await ctx.db(), req.id, req.patch as HighlightPatch);
      ctx.onHighlightsChanged?.();
      return record;
    }
    case 'highlights/delete': {
      const removed = await deleteHighlights(await ctx.db(), req.ids);
      ctx.onHighlightsChanged?.();
      return removed;
    }
    case 'highlights/restore': {
      const result = await restoreHighlights(await ctx.db(), req.records);
      ctx.onHighlightsChanged?.();
      return { added: result.added, updated: result.updated, unchanged: result.unchanged };
    }
    case 'highlights/anchored':
      await recordAnchoring(await ctx.db(), normalizePageUrl(req.url, { canonical: req.canonical ?? null }), req.orphans);
      return null;
    case 'page/mentions':
      ctx.onMentions?.(tabId, req.total, req.byEntity, req.enabled);
      return null;
    case 'site/set':
      await ctx.setSite?.(req.url, req.enabled, req.scope);
      return null;
    case 'page/open-highlight': {
      const tab = await ctx.openTab?.(req.url);
      if (tab !== undefined) ctx.pendingScroll?.set(tab, req.highlightId);
      return null;
    }
    case 'page/pending-highlight': {
      if (tabId === undefined) return null;
      const id = ctx.pendingScroll?.get(tabId) ?? null;
      ctx.pendingScroll?.delete(tabId);
      return id;
    }
    case 'library/open': {
      const hash = req.entityId ? `#topic=${encodeURIComponent(req.entityId)}` : req.highlightId ? `#highlight=${encodeURIComponent(req.highlightId)}` : '';
      ctx.openLibrary?.(hash);
      return null;
    }
  }
}
