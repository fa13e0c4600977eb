// Library search over saved highlights: substring full text (so Chinese needs no word breaks),
// folded for case, diacritics and ё/е, plus filters by actor, site, tag and date.
// Each record's haystack is folded once, on add; a keystroke is then one indexOf per term per
// record, and a query that extends the previous one only re-checks the previous hits.
import type { HighlightRecord } from './record';

const PUNCT_FOLD: Record<string, string> = {};
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') PUNCT_FOLD[c] = '-';
for (const c of '«»\u201c\u201d\u201e\u201f\u2033') PUNCT_FOLD[c] = '"';
for (const c of '\u2018\u2019\u201a\u201b\u2032`´') PUNCT_FOLD[c] = "'";
const PUNCT_RE = /[\u2010-\u2015\u2212«»\u201c-\u201f\u2033\u2018-\u201b\u2032`´]/g;
// eslint-disable-next-line no-control-regex -- control characters in page text fold to spaces
const SPACES_RE = /[\s\u0000-\u001f\u200b]+/g;
/** Anything but single plain spaces: cheaper to test than to replace. */
// eslint-disable-next-line no-control-regex -- same set as SPACES_RE
const SPACE_WORK_RE = /[^\S ]| {2}|[\u0000-\u001f\u200b]/;
// Combining diacritics only: Indic vowel signs and kana voicing marks are letters' parts, not accents.
// eslint-disable-next-line no-misleading-character-class -- a class of lone combining marks is the point
const MARKS_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;

/** Whole-string fold: lowercase, compatibility forms (fullwidth, ligatures), marks removed, ё→е. */
export function foldForSearch(text: string): string {
  let s = text.toLowerCase();
  // Fast path: ASCII needs only lowercasing and whitespace folding.
  if (/[\u0080-\uffff]/.test(s)) {
    // й is a letter of its own in Russian; keep it from losing its breve with the other marks.
    const hasShortI = s.includes('й');
    if (hasShortI) s = s.replace(/й/g, '\ue000');
    s = s.normalize('NFKD');
    s = s.replace(MARKS_RE, '');
    if (hasShortI) s = s.replace(/\ue000/g, 'й');
    s = s.replace(PUNCT_RE, (c) => PUNCT_FOLD[c] ?? c).toLowerCase(); // NFKD can surface capitals
  }
  return SPACE_WORK_RE.test(s) ? s.replace(SPACES_RE, ' ') : s;
}

/** Terms of a query: words, or "a quoted phrase" kept whole. Folded, empty ones dropped. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  let m: RegExpExecArray | null;
  const folded = foldForSearch(query);
  while ((m = re.exec(folded))) {
    const term = (m[1] ?? m[2] ?? '').trim();
    if (term) terms.push(term);
  }
  return [...new Set(terms)];
}

export type LibrarySort = 'relevance' | 'newest' | 'oldest';

export interface LibraryQuery {
  text?: string;
  /** Highlights linked to all of these actors. */
  entityIds?: readonly string[];
  /** Highlights from any of these sites (registrable domains). */
  sites?: readonly string[];
  /** Highlights carrying all of these tags. */
  tags?: readonly string[];
  /** Saved at or after / at or before (epoch ms or ISO). */
  from?: number | string;
  to?: number | string;
  /** Default: relevance when there is text, newest otherwise. */
  sort?: LibrarySort;
  /** Return at most this many hits (total still counts them all). */
  limit?: number;
}

export interface LibraryHit {
  record: HighlightRecord;
  score: number;
}

export interface LibraryResult {
  hits: LibraryHit[];
  total: number;
}

export interface LibraryIndexOptions {
  /** Names and aliases of an actor, so "roskomnadzor" finds a Russian passage tagged with it. */
  entityTerms?: (id: string) => readonly string[];
}

interface Entry {
  record: HighlightRecord;
  /** folded title \u0001 text \u0001 note \u0001 actor names */
  hay: string;
  titleEnd: number;
  textEnd: number;
  noteEnd: number;
  createdMs: number;
}

const SEP = '\u0001';
const FIELD_WEIGHT = { title: 4, text: 3, note: 2.5, entity: 1.5 } as const;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(hay: string, at: number): boolean {
  const c = hay.charCodeAt(at);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39); // haystacks are lowercased
  return WORD_CHAR.test(hay[at]!);
}

function toMs(v: number | string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const ms = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(ms) ? ms : fallback;
}

export class LibraryIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly entityTerms: ((id: string) => readonly string[]) | undefined;
  private readonly foldedEntityTerms = new Map<string, string>();
  private version = 0;
  /** Entries newest first, kept in order on put/remove: matches come out dated, so sorting is cheap. */
  private ordered: Entry[] = [];
  /** Last query's filter key, terms and matching entries, for narrowing while the reader types. */
  private last: { version: number; filterKey: string; terms: string[]; matches: Entry[] } | null = null;

  constructor(records: Iterable<HighlightRecord> = [], opts: LibraryIndexOptions = {}) {
    this.entityTerms = opts.entityTerms;
    for (const r of records) this.entries.set(r.id, this.entry(r));
    this.ordered = [...this.entries.values()].sort((a, b) => b.createdMs - a.createdMs);
    this.version++;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds or replaces (same id) a record. */
  put(record: HighlightRecord): void {
    const old = this.entries.get(record.id);
    if (old) this.unorder(old);
    const entry = this.entry(record);
    this.entries.set(record.id, entry);
    this.ordered.splice(this.firstOlderThan(entry.createdMs), 0, entry);
    this.version++;
  }

  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    this.unorder(entry);
    this.version++;
    return true;
  }

  /** Index of the first entry created strictly before ms (binary search over newest-first order). */
  private firstOlderThan(ms: number): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ordered[mid]!.createdMs >= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private unorder(entry: Entry): void {
    for (let k = this.firstOlderThan(entry.createdMs) - 1; k >= 0; k--) {
      if (this.ordered[k] === entry) {
        this.ordered.splice(k, 1);
        return;
      }
      if (this.ordered[k]!.createdMs !== entry.createdMs) break;
    }
  }

  get(id: string): HighlightRecord | undefined {
    return this.entries.get(id)?.record;
  }

  private entry(record: HighlightRecord): Entry {
    const title = foldForSearch(record.title);
    const text = foldForSearch(record.text);
    const note = foldForSearch(record.note);
    const names = this.entityTerms ? record.entityIds.map((id) => this.entityNames(id)).join(' ') : '';
    const titleEnd = title.length;
    const textEnd = titleEnd + 1 + text.length;
    const noteEnd = textEnd + 1 + note.length;
    return { record, hay: title + SEP + text + SEP + note + SEP + names, titleEnd, textEnd, noteEnd, createdMs: Date.parse(record.created) };
  }

  private entityNames(id: string): string {
    let folded = this.foldedEntityTerms.get(id);
    if (folded === undefined) {
      folded = foldForSearch(this.entityTerms!(id).join(' '));
      this.foldedEntityTerms.set(id, folded);
    }
    return folded;
  }

  search(query: LibraryQuery = {}): LibraryResult {
    const terms = queryTerms(query.text ?? '');
    const from = toMs(query.from, -Infinity);
    const to = toMs(query.to, Infinity);
    const sites = query.sites?.length ? new Set(query.sites) : null;
    const tags = query.tags ?? [];
    const entityIds = query.entityIds ?? [];
    const filterKey = JSON.stringify([from, to, query.sites ?? [], tags, entityIds]);

    // A refinement (every old term still inside some new term, same filters) can only lose hits.
    const last = this.last;
    const narrowing =
      last !== null &&
      last.version === this.version &&
      last.filterKey === filterKey &&
      last.terms.every((old) => terms.some((t) => t.includes(old)));
    const pool: readonly Entry[] = narrowing ? last.matches : this.ordered;

    const matches: Entry[] = [];
    for (let k = 0; k < pool.length; k++) {
      const e = pool[k]!;
      if (!narrowing) {
        const r = e.record;
        if (e.createdMs < from || e.createdMs > to) continue;
        if (sites && !sites.has(r.site)) continue;
        if (tags.length && !tags.every((t) => r.tags.includes(t))) continue;
        if (entityIds.length && !entityIds.every((id) => r.entityIds.includes(id))) continue;
      }
      let all = true;
      for (const t of terms) {
        if (e.hay.indexOf(t) === -1) {
          all = false;
          break;
        }
      }
      if (all) matches.push(e);
    }
    this.last = { version: this.version, filterKey, terms, matches };

    const sort = query.sort ?? (terms.length ? 'relevance' : 'newest');
    // matches are newest first already; sorts below are stable, so equal scores stay newest first.
    const hits: LibraryHit[] = new Array(matches.length);
    for (let k = 0; k < matches.length; k++) {
      const e = matches[sort === 'oldest' ? matches.length - 1 - k : k]!;
      hits[k] = { record: e.record, score: terms.length ? this.score(e, terms) : 0 };
    }
    if (sort === 'relevance') hits.sort((a, b) => b.score - a.score);
    const limit = query.limit ?? hits.length;
    return { hits: limit < hits.length ? hits.slice(0, limit) : hits, total: hits.length };
  }

  /** Best place each term is found: field weight, ×1.5 at a word start, +1 as a whole word, + repeats. */
  private score(e: Entry, terms: readonly string[]): number {
    let total = 0;
    for (const t of terms) {
      let best = 0;
      let count = 0;
      for (let at = e.hay.indexOf(t); at !== -1 && count < 5; at = e.hay.indexOf(t, at + t.length)) {
        count++;
        const field = at < e.titleEnd ? FIELD_WEIGHT.title : at < e.textEnd ? FIELD_WEIGHT.text : at < e.noteEnd ? FIELD_WEIGHT.note : FIELD_WEIGHT.entity;
        const startsWord = at === 0 || !isWordChar(e.hay, at - 1);
        const endsWord = at + t.length >= e.hay.length || !isWordChar(e.hay, at + t.length);
        const s = field * (startsWord ? 1.5 : 1) + (startsWord && endsWord ? 1 : 0);
        if (s > best) best = s;
      }
      total += best + 0.2 * (count - 1);
    }
    return total;
  }

  /** Counts of sites, tags and actors among hits, for the filter panel. */
  facets(hits: readonly LibraryHit[]): { sites: Map<string, number>; tags: Map<string, number>; entityIds: Map<string, number> } {
    const sites = new Map<string, number>();
    const tags = new Map<string, number>();
    const entityIds = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const { record } of hits) {
      bump(sites, record.site);
      record.tags.forEach((t) => bump(tags, t));
      record.entityIds.forEach((id) => bump(entityIds, id));
    }
    return { sites, tags, entityIds };
  }
}

/**
 * Where the query's terms occur in an original (unfolded) string, as [start, end) ranges merged and
 * sorted, so a result list can mark them. Folds per code point to keep the offset map.
 */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  const terms = queryTerms(query);
  if (!terms.length) return [];
  let folded = '';
  const origin: number[] = []; // folded index -> original index
  let i = 0;
  for (const ch of text) {
    const f = foldForSearch(ch);
    for (let k = 0; k < f.length; k++) {
      if (f[k] === ' ' && folded.endsWith(' ')) continue;
      folded += f[k];
      origin.push(i);
    }
    i += ch.length;
  }
  origin.push(text.length);
  const ranges: Array<[number, number]> = [];
  for (const t of terms) {
    for (let at = folded.indexOf(t); at !== -1; at = folded.indexOf(t, at + t.length)) {
      const endOrig = origin[at + t.length] ?? text.length;
      // Extend over trailing combining marks of the last matched letter.
      let end = endOrig;
      while (end < text.length && /\p{M}/u.test(text[end]!)) end++;
      ranges.push([origin[at]!, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
