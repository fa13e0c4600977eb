// The library's Highlights tab: every saved highlight, grouped by page or by actor, searchable per
// keystroke (LibraryIndex), filterable, with notes and tags edited in place, delete with Undo, and
// export / import. Only the first results are rendered ("Show more"), so 10,000 highlights stay fast.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Component, type ComponentChildren } from 'preact';
import { LibraryIndex, matchRanges, type LibraryQuery } from '../../core/annotations/search';
import { normaliseTag, validateStoredRecord, type HighlightRecord } from '../../core/annotations/record';
import { displayHost } from '../../core/sites/decide';
import { ImportExport, type ImportExportServices } from './ImportExport';

export interface EntitySummary {
  id: string;
  kind: string;
  names: { en: string; ru: string; zh: string };
}

export interface HighlightList {
  records: HighlightRecord[];
  /** Stored records that failed validation: shown in a notice, never allowed to break the list. */
  problems: { id?: string; problem: string }[];
  /** Highlights their page could not place at the last visit (the page changed): kept and marked. */
  orphans?: string[];
}

export interface HighlightsServices extends ImportExportServices {
  listHighlights(): Promise<HighlightList>;
  updateHighlight(id: string, patch: { note?: string; tags?: string[] }): Promise<HighlightRecord>;
  /** Returns the deleted raw records, kept for Undo. */
  deleteHighlights(ids: string[]): Promise<unknown[]>;
  entityList(): Promise<EntitySummary[]>;
  /** Opens the highlight's page so that it scrolls to the highlight on arrival. */
  openPage?(record: HighlightRecord): void;
  /** Calls back when highlights may have changed elsewhere (another tab saved one); returns a stop function. */
  watchHighlights?(onChange: () => void): () => void;
}

export type Grouping = 'page' | 'entity';

/** Results rendered at first and added by each "Show more". */
export const PAGE_SIZE = 50;

interface Filters {
  entityId: string;
  site: string;
  tag: string;
  /** yyyy-mm-dd from <input type=date>, '' when unset. */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { entityId: '', site: '', tag: '', from: '', to: '' };

/** Start of a local calendar day (the reader thinks in their own days, not UTC ones). */
function dayStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : undefined;
}

function dayEnd(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1 : undefined;
}

function toQuery(text: string, f: Filters): LibraryQuery {
  return {
    text,
    ...(f.entityId ? { entityIds: [f.entityId] } : {}),
    ...(f.site ? { sites: [f.site] } : {}),
    ...(f.tag ? { tags: [f.tag] } : {}),
    ...(dayStart(f.from) !== undefined ? { from: dayStart(f.from) } : {}),
    ...(dayEnd(f.to) !== undefined ? { to: dayEnd(f.to) } : {}),
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function shortQuote(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

const dayCache = new Map<string, string>();
/** Cached: formatting dates was a visible share of each search keystroke. */
function formatDay(iso: string): string {
  const d = new Date(iso);
  const key = `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
  let shown = dayCache.get(key);
  if (shown === undefined) {
    shown = DATE_FORMAT.format(d);
    dayCache.set(key, shown);
  }
  return shown;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function countBy(records: Iterable<HighlightRecord>, keys: (r: HighlightRecord) => readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of records) for (const k of keys(r)) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Text with the query's terms marked; every piece rendered as text. */
function Marked({ text, query }: { text: string; query: string }) {
  if (!query.trim()) return <>{text}</>;
  const ranges = matchRanges(text, query);
  if (!ranges.length) return <>{text}</>;
  const parts: ComponentChildren[] = [];
  let at = 0;
  ranges.forEach(([s, e], i) => {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(<mark key={i}>{text.slice(s, e)}</mark>);
    at = e;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

function NoteEditor({ record, query, onSave }: { record: HighlightRecord; query: string; onSave(id: string, note: string): Promise<void> }) {
  // The textarea exists only while editing: 50 idle textareas made every search keystroke slow.
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(record.note);
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState('');
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const focusButton = useRef(false);
  const id = `note-${record.id}`;

  useEffect(() => {
    if (editing) areaRef.current?.focus();
    else if (focusButton.current) {
      focusButton.current = false;
      buttonRef.current?.focus();
    }
  }, [editing]);

  const close = (returnFocus: boolean) => {
    focusButton.current = returnFocus;
    setEditing(false);
  };

  const save = async (returnFocus: boolean) => {
    if (draft === record.note) {
      setState('idle');
      close(returnFocus);
      return;
    }
    setState('saving');
    try {
      await onSave(record.id, draft);
      setState('saved');
      close(returnFocus);
    } catch (e) {
      // Stay in the field so the reader's text is not lost.
      setError(message(e));
      setState('error');
    }
  };

  const stateText =
    state === 'saving' ? 'Saving…' : state === 'saved' ? 'Note saved' : state === 'dirty' ? 'Not saved yet' : state === 'error' ? `Not saved: ${error}` : '';

  return (
    <div class="hl-note">
      {editing ? (
        <>
          <label for={id}>Note</label>
          <textarea
            id={id}
            ref={areaRef}
            value={draft}
            rows={Math.min(10, Math.max(3, draft.split('\n').length + 1))}
            aria-describedby={`${id}-hint ${id}-state`}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
              setState('dirty');
            }}
            onBlur={() => void save(false)}
            onKeyDown={(e) => {
              if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
                e.preventDefault();
                void save(true);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                setDraft(record.note);
                setState('idle');
                close(true);
              }
            }}
          />
          <span id={`${id}-hint`} class="lib-hint">
            Saved when you leave the field or press Ctrl+Enter. Esc cancels.
          </span>
        </>
      ) : (
        <>
          {record.note && (
            <p class="hl-note-text">
              <Marked text={record.note} query={query} />
            </p>
          )}
          <button
            type="button"
            ref={buttonRef}
            class="hl-small"
            onClick={() => {
              setDraft(record.note);
              setState('idle');
              setEditing(true);
            }}
          >
            {record.note ? 'Edit note' : 'Add note'}
          </button>
        </>
      )}
      <span id={`${id}-state`} class={`hl-save-state is-${state}`} role="status">
        {stateText}
      </span>
    </div>
  );
}

function TagEditor({ record, onSave }: { record: HighlightRecord; onSave(id: string, tags: string[]): Promise<void> }) {
  const [adding, setAdding] = useState(false);
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const id = `tags-${record.id}`;

  useEffect(() => {
    if (adding) inputRef.current?.focus();
  }, [adding]);

  const save = async (tags: string[]) => {
    setError('');
    try {
      await onSave(record.id, tags);
      return true;
    } catch (e) {
      setError(message(e));
      return false;
    }
  };

  const add = async () => {
    const fresh = [...new Set(input.split(',').map(normaliseTag))].filter((t) => t && !record.tags.includes(t));
    if (!fresh.length) {
      setInput('');
      return;
    }
    if (await save([...record.tags, ...fresh])) setInput('');
  };

  return (
    <div class="hl-tags">
      <span id={`${id}-l`} class="hl-tags-label">
        Tags
      </span>
      {record.tags.length > 0 && (
        <ul aria-labelledby={`${id}-l`}>
          {record.tags.map((t) => (
            <li key={t} class="hl-tag">
              <span>#{t}</span>
              <button
                type="button"
                aria-label={`Remove tag ${t}`}
                onClick={() => void save(record.tags.filter((x) => x !== t)).then(() => addRef.current?.focus())}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <input
          ref={inputRef}
          id={id}
          type="text"
          value={input}
          aria-label="Add a tag"
          aria-describedby={`${id}-hint`}
          placeholder="tag, another tag"
          maxLength={400}
          onInput={(e) => setInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setInput('');
              setAdding(false);
              setTimeout(() => addRef.current?.focus());
            }
          }}
          onBlur={() => {
            void (input.trim() ? add() : Promise.resolve()).then(() => setAdding(false));
          }}
        />
      ) : (
        <button type="button" ref={addRef} class="hl-small" onClick={() => setAdding(true)}>
          Add tag
        </button>
      )}
      {adding && (
        <span id={`${id}-hint`} class="lib-sr-only">
          Enter adds; separate several tags with commas.
        </span>
      )}
      {error && (
        <span class="lib-error" role="alert">
          Tags not saved: {error}
        </span>
      )}
    </div>
  );
}

interface CardProps {
  record: HighlightRecord;
  query: string;
  showPage: boolean;
  selected: boolean;
  orphan: boolean;
  entityName(id: string): string;
  onSaveNote(id: string, note: string): Promise<void>;
  onSaveTags(id: string, tags: string[]): Promise<void>;
  onDelete(id: string): void;
  onOpenPage?(record: HighlightRecord): void;
}

function HighlightCardBody({ record: r, query, showPage, selected, orphan, entityName, onSaveNote, onSaveTags, onDelete, onOpenPage }: CardProps) {
  const title = r.title || r.url;
  return (
    <article id={`hl-${r.id}`} class={`hl-card hl-${r.colour}${selected ? ' is-selected' : ''}`} tabIndex={-1} aria-current={selected ? 'true' : undefined}>
      {orphan && (
        <p class="hl-orphan">
          <span class="hl-orphan-badge">Not found on the page</span> The page changed since this was saved; the
          passage is kept here.
        </p>
      )}
      {showPage && (
        <p class="hl-page">
          <span class="hl-page-title">
            <Marked text={title} query={query} />
          </span>
          {r.site && <span class="hl-site"> · {displayHost(r.site)}</span>}
        </p>
      )}
      <blockquote class="hl-quote">
        <Marked text={r.text} query={query} />
      </blockquote>
      <p class="hl-meta">
        Saved <time dateTime={r.created}>{formatDay(r.created)}</time>
        {r.updated.slice(0, 10) !== r.created.slice(0, 10) && (
          <>
            {' '}· edited <time dateTime={r.updated}>{formatDay(r.updated)}</time>
          </>
        )}
        {r.entityIds.length > 0 && (
          <>
            {' '}·{' '}
            <span class="hl-actors">
              {r.entityIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <a href={`#topic=${encodeURIComponent(id)}`}>{entityName(id)}</a>
                </span>
              ))}
            </span>
          </>
        )}
      </p>
      <div class="hl-controls">
        <NoteEditor record={r} query={query} onSave={onSaveNote} />
        <TagEditor record={r} onSave={onSaveTags} />
        <div class="hl-actions">
        <a
          href={r.originalUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Open page: ${shortQuote(title)}`}
          onClick={(e) => {
            // Opened through the background, so the page scrolls to this highlight on arrival.
            if (!onOpenPage || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            onOpenPage(r);
          }}
        >
          Open page
        </a>
        <button type="button" class="hl-delete hl-small" aria-label={`Delete highlight: ${shortQuote(r.text)}`} onClick={() => onDelete(r.id)}>
          Delete
        </button>
        </div>
      </div>
    </article>
  );
}

/**
 * Re-renders a card only when its own props change, so a keystroke in the search box redraws the
 * list without rebuilding every unchanged card. (Not preact/compat's memo: importing compat would
 * switch the whole page to React event semantics.)
 */
class HighlightCard extends Component<CardProps> {
  override shouldComponentUpdate(next: CardProps): boolean {
    const prev = this.props as unknown as Record<string, unknown>;
    const incoming = next as unknown as Record<string, unknown>;
    return Object.keys(incoming).some((k) => prev[k] !== incoming[k]);
  }
  override render() {
    return <HighlightCardBody {...this.props} />;
  }
}

interface Group {
  key: string;
  heading: string;
  sub?: string;
  url?: string;
  records: HighlightRecord[];
}

function groupByPage(records: readonly HighlightRecord[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of records) {
    let g = groups.get(r.url);
    if (!g) {
      g = { key: `p:${r.url}`, heading: r.title || r.url, sub: r.site ? displayHost(r.site) : 'local file', url: r.originalUrl, records: [] };
      groups.set(r.url, g);
    }
    g.records.push(r);
  }
  return [...groups.values()];
}

function groupByEntity(records: readonly HighlightRecord[], entityName: (id: string) => string): Group[] {
  const groups = new Map<string, Group>();
  const none: Group = { key: 'e:', heading: 'No linked actor', records: [] };
  for (const r of records) {
    if (!r.entityIds.length) none.records.push(r);
    for (const id of r.entityIds) {
      let g = groups.get(id);
      if (!g) {
        g = { key: `e:${id}`, heading: entityName(id), records: [] };
        groups.set(id, g);
      }
      g.records.push(r);
    }
  }
  const sorted = [...groups.values()].sort((a, b) => a.heading.localeCompare(b.heading, 'en', { sensitivity: 'base' }));
  return none.records.length ? [...sorted, none] : sorted;
}

interface Deleted {
  raws: unknown[];
  text: string;
}

export interface HighlightsViewProps {
  services: HighlightsServices;
  /** False while another tab is shown: keyboard shortcuts then belong to that tab. */
  active?: boolean;
  /** A highlight to select and scroll to (#highlight=<id>). */
  focusId?: string;
}

export function HighlightsView({ services, active = true, focusId }: HighlightsViewProps) {
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [loadError, setLoadError] = useState('');
  const [problems, setProblems] = useState<HighlightList['problems']>([]);
  const [orphans, setOrphans] = useState<ReadonlySet<string>>(new Set());
  const [entities, setEntities] = useState<Map<string, EntitySummary>>(new Map());
  const lib = useRef<{ index: LibraryIndex; records: Map<string, HighlightRecord> } | null>(null);
  const [version, setVersion] = useState(0);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [grouping, setGrouping] = useState<Grouping>('page');
  const [shown, setShown] = useState(PAGE_SIZE);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [missing, setMissing] = useState<string | undefined>(undefined);
  const [undo, setUndo] = useState<Deleted[]>([]);
  const [toast, setToast] = useState<{ text: string; canUndo: boolean } | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const loads = useRef(0);

  const load = useCallback(async () => {
    const seq = ++loads.current;
    try {
      const [list, ents] = await Promise.all([services.listHighlights(), services.entityList().catch(() => [] as EntitySummary[])]);
      if (seq !== loads.current) return;
      const names = new Map(ents.map((e) => [e.id, e]));
      const index = new LibraryIndex(list.records, {
        entityTerms: (id) => {
          const e = names.get(id);
          return e ? [e.names.en, e.names.ru, e.names.zh] : [id];
        },
      });
      lib.current = { index, records: new Map(list.records.map((r) => [r.id, r])) };
      setEntities(names);
      setProblems(list.problems);
      setOrphans(new Set(list.orphans ?? []));
      setStatus('ready');
      setVersion((v) => v + 1);
    } catch (e) {
      if (seq !== loads.current) return;
      setLoadError(message(e));
      setStatus('failed');
    }
  }, [services]);

  useEffect(() => {
    void load();
    return services.watchHighlights?.(() => void load());
  }, [load, services]);

  const entityName = useCallback((id: string) => entities.get(id)?.names.en ?? id, [entities]);

  const total = lib.current?.records.size ?? 0;
  const facets = useMemo(() => {
    const records = lib.current ? [...lib.current.records.values()] : [];
    return {
      sites: countBy(records, (r) => [r.site]),
      tags: countBy(records, (r) => r.tags),
      entityIds: countBy(records, (r) => r.entityIds),
    };
  }, [version]);

  const result = useMemo(
    () => (lib.current ? lib.current.index.search({ ...toQuery(query, filters), limit: shown }) : { hits: [], total: 0 }),
    [version, query, filters, shown],
  );
  const records = useMemo(() => result.hits.map((h) => h.record), [result]);
  const groups = useMemo(
    () => (grouping === 'page' ? groupByPage(records) : groupByEntity(records, entityName)),
    [records, grouping, entityName],
  );
  const filtering = query.trim() !== '' || Object.values(filters).some((v) => v !== '');

  // #highlight=<id>: show it even if the search or filters hide it, then scroll to it.
  useEffect(() => {
    if (!focusId || status !== 'ready' || !lib.current) return;
    if (!lib.current.records.has(focusId)) {
      setMissing(focusId);
      setSelected(undefined);
      return;
    }
    setMissing(undefined);
    let q = query;
    let f = filters;
    let pos = lib.current.index.search(toQuery(q, f)).hits.findIndex((h) => h.record.id === focusId);
    if (pos < 0) {
      q = '';
      f = NO_FILTERS;
      setQuery(q);
      setFilters(f);
      pos = lib.current.index.search(toQuery(q, f)).hits.findIndex((h) => h.record.id === focusId);
    }
    setShown(Math.max(PAGE_SIZE, Math.ceil((pos + 1) / PAGE_SIZE) * PAGE_SIZE));
    setSelected(focusId);
    pendingFocus.current = focusId;
  }, [focusId, status]);

  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = document.getElementById(id === 'list' ? 'hl-results-h' : `hl-${id}`);
    if (!el) return;
    pendingFocus.current = null;
    el.focus();
    el.scrollIntoView?.({ block: id === 'list' ? 'nearest' : 'center' });
  });

  const putRecords = (list: HighlightRecord[]) => {
    if (!lib.current) return;
    for (const r of list) {
      lib.current.records.set(r.id, r);
      lib.current.index.put(r);
    }
    setVersion((v) => v + 1);
  };

  const onSaveNote = useCallback(async (id: string, note: string) => {
    putRecords([await services.updateHighlight(id, { note })]);
  }, [services]);

  const onSaveTags = useCallback(async (id: string, tags: string[]) => {
    putRecords([await services.updateHighlight(id, { tags })]);
  }, [services]);

  // The delete handler reads the current order through a ref, so the cards' props stay stable.
  const order = useRef<string[]>([]);
  order.current = groups.flatMap((g) => g.records.map((r) => r.id));

  const onDelete = useCallback(
    async (id: string) => {
      const at = order.current.indexOf(id);
      const next = order.current.slice(at + 1).find((x) => x !== id) ?? order.current.slice(0, at).reverse().find((x) => x !== id);
      const text = lib.current?.records.get(id)?.text ?? '';
      try {
        const raws = await services.deleteHighlights([id]);
        if (lib.current) {
          lib.current.records.delete(id);
          lib.current.index.remove(id);
        }
        setVersion((v) => v + 1);
        setUndo((u) => [...u, { raws, text }]);
        setToast({ text: `Deleted “${shortQuote(text, 50)}”.`, canUndo: true });
        pendingFocus.current = next ?? 'list';
      } catch (e) {
        setToast({ text: `Could not delete: ${message(e)}`, canUndo: false });
      }
    },
    [services],
  );

  const undoLast = useCallback(async () => {
    const last = undo[undo.length - 1];
    if (!last) return;
    try {
      await services.restoreHighlights(last.raws);
      const back = last.raws.flatMap((raw) => {
        const checked = validateStoredRecord(raw);
        return checked.ok ? [checked.record] : [];
      });
      putRecords(back);
      setUndo((u) => u.slice(0, -1));
      setToast({ text: `Restored “${shortQuote(last.text, 50)}”.`, canUndo: false });
      if (back[0]) pendingFocus.current = back[0].id;
    } catch (e) {
      setToast({ text: `Could not undo: ${message(e)}`, canUndo: true });
    }
  }, [undo, services]);

  // Ctrl+Z / Cmd+Z undoes the last delete, except where the browser's own text undo belongs.
  // Registered once and read through a ref, so it works from the first moment after a delete.
  const keyState = useRef({ active, canUndo: false, undoLast });
  keyState.current = { active, canUndo: undo.length > 0, undoLast };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { active: on, canUndo, undoLast: run } = keyState.current;
      if (!on || !canUndo) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z' && !isEditable(e.target)) {
        e.preventDefault();
        void run();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const setFilter = (key: keyof Filters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setShown(PAGE_SIZE);
  };

  const clearAll = () => {
    setQuery('');
    setFilters(NO_FILTERS);
    setShown(PAGE_SIZE);
    document.getElementById('hl-q')?.focus();
  };

  const allRecords = useCallback(() => (lib.current ? [...lib.current.records.values()] : []), []);
  const matching = useCallback(
    () => (lib.current ? lib.current.index.search(toQuery(query, filters)).hits.map((h) => h.record) : []),
    [query, filters],
  );

  const sortedEntities = [...facets.entityIds.keys()].sort((a, b) => entityName(a).localeCompare(entityName(b), 'en'));
  const sortedSites = [...facets.sites.keys()].sort((a, b) => displayHost(a).localeCompare(displayHost(b), 'en'));
  const sortedTags = [...facets.tags.keys()].sort((a, b) => a.localeCompare(b));

  if (status === 'loading') {
    return (
      <p class="lib-muted" role="status">
        Loading your highlights…
      </p>
    );
  }
  if (status === 'failed') {
    return (
      <div class="lib-error-box" role="alert">
        <p>Your highlights could not be loaded: {loadError}</p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <div class="hl-view">
      {problems.length > 0 && (
        <div class="lib-notice" role="alert">
          <p>
            <strong>{count(problems.length, 'saved highlight')} could not be read</strong> and {problems.length === 1 ? 'is' : 'are'} not
            listed. The rest of your library is fine.
          </p>
          <details>
            <summary>Details</summary>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {p.id ? <code>{p.id}</code> : 'A record without an id'}: {p.problem}
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
      {missing && (
        <p class="lib-notice" role="status">
          The highlight this link points to is no longer in your library.
        </p>
      )}

      {total === 0 ? (
        <section class="hl-empty" aria-labelledby="hl-empty-h">
          <h2 id="hl-empty-h">No saved highlights yet</h2>
          <p>Keep the passages that matter and find them again here. To save your first highlight:</p>
          <ol>
            <li>On a news page, select a sentence.</li>
            <li>
              Right-click and choose <strong>Save highlight with Kontekst</strong>, or press <kbd>Alt</kbd>+<kbd>Shift</kbd>+
              <kbd>S</kbd>. In a Kontekst popover, <strong>Save highlight</strong> does the same.
            </li>
            <li>Come back here to add notes and tags, search, and export.</li>
          </ol>
          <p>Moving from another browser? Import the JSON-LD file you exported there.</p>
        </section>
      ) : (
        <>
          <form class="hl-toolbar" role="search" aria-label="Search and filter highlights" onSubmit={(e) => e.preventDefault()}>
            <div class="hl-search">
              <label for="hl-q">Search highlights</label>
              <input
                id="hl-q"
                type="search"
                value={query}
                autoComplete="off"
                spellcheck={false}
                aria-describedby="hl-q-hint"
                onInput={(e) => {
                  setQuery(e.currentTarget.value);
                  setShown(PAGE_SIZE);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Escape' && query) {
                    e.preventDefault();
                    setQuery('');
                    setShown(PAGE_SIZE);
                  }
                }}
              />
              <p id="hl-q-hint" class="lib-hint">
                Searches quotes, notes, page titles and actor names in any language. Use "quotes" for a phrase.
              </p>
            </div>
            <fieldset class="hl-filters">
              <legend>Filters</legend>
              <label>
                Actor
                <select value={filters.entityId} onChange={(e) => setFilter('entityId', e.currentTarget.value)}>
                  <option value="">All actors</option>
                  {sortedEntities.map((id) => (
                    <option key={id} value={id}>
                      {entityName(id)} ({facets.entityIds.get(id)})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Site
                <select value={filters.site} onChange={(e) => setFilter('site', e.currentTarget.value)}>
                  <option value="">All sites</option>
                  {sortedSites.map((s) => (
                    <option key={s} value={s}>
                      {s ? displayHost(s) : 'Local files'} ({facets.sites.get(s)})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Tag
                <select value={filters.tag} onChange={(e) => setFilter('tag', e.currentTarget.value)}>
                  <option value="">All tags</option>
                  {sortedTags.map((t) => (
                    <option key={t} value={t}>
                      #{t} ({facets.tags.get(t)})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Saved from
                <input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => setFilter('from', e.currentTarget.value)} />
              </label>
              <label>
                Saved until
                <input type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => setFilter('to', e.currentTarget.value)} />
              </label>
              {filtering && (
                <button type="button" class="hl-clear" onClick={clearAll}>
                  Clear search and filters
                </button>
              )}
            </fieldset>
            <fieldset class="hl-grouping">
              <legend>Group by</legend>
              <label>
                <input type="radio" name="hl-group" value="page" checked={grouping === 'page'} onChange={() => setGrouping('page')} />
                Page
              </label>
              <label>
                <input type="radio" name="hl-group" value="entity" checked={grouping === 'entity'} onChange={() => setGrouping('entity')} />
                Actor
              </label>
            </fieldset>
          </form>

          <div class="hl-results">
            <h2 id="hl-results-h" tabIndex={-1} class="hl-results-h">
              Highlights
            </h2>
            <p class="hl-count" role="status" aria-live="polite">
              {filtering ? `${count(result.total, 'highlight')} of ${total.toLocaleString('en')} match.` : `${count(total, 'highlight')}.`}
              {result.total > records.length ? ` Showing the first ${records.length.toLocaleString('en')}.` : ''}
            </p>
            {result.total === 0 ? (
              <div class="hl-none">
                <p>
                  No highlights match{query.trim() ? ` “${query.trim()}”` : ''}
                  {filtering && Object.values(filters).some((v) => v) ? ' with these filters' : ''}.
                </p>
                <button type="button" onClick={clearAll}>
                  Clear search and filters
                </button>
              </div>
            ) : (
              groups.map((g, i) => (
                <section key={g.key} class="hl-group" aria-labelledby={`hl-g-${i}`}>
                  <header class="hl-group-head">
                    <h3 id={`hl-g-${i}`}>
                      {g.heading} <span class="hl-group-count">({g.records.length})</span>
                    </h3>
                    {g.sub && <span class="hl-site">{g.sub}</span>}
                  </header>
                  {g.records.map((r) => (
                    <HighlightCard
                      key={r.id}
                      record={r}
                      query={query}
                      showPage={grouping === 'entity'}
                      selected={r.id === selected}
                      orphan={orphans.has(r.id)}
                      entityName={entityName}
                      onSaveNote={onSaveNote}
                      onSaveTags={onSaveTags}
                      onDelete={onDelete}
                      onOpenPage={services.openPage}
                    />
                  ))}
                </section>
              ))
            )}
            {result.total > records.length && (
              <button type="button" class="hl-more" onClick={() => setShown((n) => n + PAGE_SIZE)}>
                Show more ({(result.total - records.length).toLocaleString('en')} not shown)
              </button>
            )}
          </div>
        </>
      )}

      <ImportExport
        services={services}
        all={allRecords}
        total={total}
        {...(filtering ? { matching, matchingCount: result.total } : {})}
        entityName={(id) => entities.get(id)?.names.en}
        onImported={() => void load()}
      />

      <div class="lib-toast" role="status" aria-live="polite">
        {toast && (
          <div class="lib-toast-inner">
            <span>{toast.text}</span>
            {toast.canUndo && undo.length > 0 && (
              <button type="button" onClick={() => void undoLast()} aria-keyshortcuts="Control+Z">
                Undo
              </button>
            )}
            <button type="button" aria-label="Dismiss" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
