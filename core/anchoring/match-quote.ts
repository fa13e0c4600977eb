// Finds where a saved quote sits in a page's (possibly changed) text: the quote at the position
// hint, then exact occurrences chosen by context, then approximate matches scored by quote,
// context and position. Anything that does not score well enough is an orphan (null).
import search from 'approx-string-match';
import { foldText, foldedIndexAt, foldedIndexEndingAt, toOriginalRange, type FoldedText } from './normalize';
import { CONTEXT_LENGTH, type PassageSelectors } from './selectors';

export type AnchorMethod = 'exact-position' | 'exact-unique' | 'exact-context' | 'fuzzy';

export interface AnchorResult {
  /** Offsets in the original text given to `anchor`. */
  start: number;
  end: number;
  method: AnchorMethod;
  /** 0..1, how well quote, context and position agree. */
  score: number;
}

/** Share of the quote's length that may differ in an approximate match. */
export const MAX_ERROR_RATIO = 0.25;

// Tuned on scripts/bench/anchoring-node.ts: a deleted passage must come back null.
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;
/** Information length (CJK counted thrice) above which an exact quote stands without context. */
const EXACT_STANDALONE_INFO = 24;
/** Context agreement that confirms an exact occurrence of a short quote. */
const EXACT_MIN_CONTEXT = 0.5;
/** Context agreement an approximate match needs... */
const FUZZY_MIN_CONTEXT = 0.6;
/** ...unless it is long and nearly identical. */
const FUZZY_STANDALONE_INFO = 48;
const FUZZY_STANDALONE_QUOTE = 0.9;
/** ...and its first and last EDGE_LENGTH characters are found at its edges. */
const EDGE_LENGTH = 12;
const EDGE_MIN_SIMILARITY = 0.75;
/** Bracketing by context: each side may differ this much, the passage may stretch or shrink
 *  this much, and must still resemble the quote this much. */
const BRACKET_CONTEXT_ERRORS = 0.125;
const BRACKET_MAX_STRETCH = 1.6;
const BRACKET_MIN_QUOTE = 0.6;
/** Quotes longer than this are searched by pieces, then verified whole in a window. */
const LONG_QUOTE = 256;
const PIECE = 64;
/** Half-widths of the windows around the position hint searched before the whole page. */
const HINT_WINDOWS = [4096, 65536];
/** Exact occurrences scored at most (the ones nearest the hint), against pathological quotes. */
const MAX_EXACT_CANDIDATES = 2000;
const MAX_FUZZY_CANDIDATES = 200;
/** An approximate match this close in score to another place is too ambiguous to use. */
const AMBIGUITY_MARGIN = 0.08;
/** How far around a winning approximate match rivals are looked for. */
const RIVAL_REACH = 65536;

interface Query {
  quote: string;
  /** Numbers in the quote, in order. */
  numbers: string[];
  /** The quote repeats itself (list items): shifted approximate matches cannot be told apart. */
  repetitive: boolean;
  prefix: string;
  suffix: string;
  info: number;
  hint: number | undefined;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Scored extends Candidate {
  quoteSim: number;
  context: number;
  edges: number;
  numbersAgree: boolean;
  score: number;
}

// One-entry cache: a page anchors all its highlights against the same text.
let cached: { text: string; folded: FoldedText } | null = null;

function foldedPage(text: string): FoldedText {
  if (cached === null || cached.text !== text) cached = { text, folded: foldText(text) };
  return cached.folded;
}

function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

// A CJK character carries about as much as an English word's worth of letters.
function informationLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) n += isCjk(s.charCodeAt(i)) ? 3 : 1;
  return n;
}

function buildQuery(page: FoldedText, selectors: PassageSelectors): Query | null {
  const q = selectors.quote;
  const prefix = typeof q.prefix === 'string' ? q.prefix : '';
  const suffix = typeof q.suffix === 'string' ? q.suffix : '';
  // Fold quote and context together so whitespace runs across their edges fold as in the page.
  const joined = foldText(prefix + q.exact + suffix);
  let qs = foldedIndexAt(joined, prefix.length);
  let qe = foldedIndexEndingAt(joined, prefix.length + q.exact.length);
  const t = joined.text;
  while (qs < qe && t.charCodeAt(qs) === 0x20) qs += 1;
  while (qe > qs && t.charCodeAt(qe - 1) === 0x20) qe -= 1;
  if (qs >= qe) return null;
  const quote = t.slice(qs, qe);

  let hint: number | undefined;
  const pos = selectors.position;
  if (
    pos && typeof pos.start === 'number' && typeof pos.end === 'number' &&
    Number.isFinite(pos.start) && Number.isFinite(pos.end) && pos.start >= 0 && pos.end >= pos.start
  ) {
    hint = foldedIndexAt(page, Math.min(pos.start, page.originalLength));
    if (page.text.charCodeAt(hint) === 0x20) hint += 1;
  }
  return {
    quote,
    numbers: quote.match(NUMBER) ?? [],
    repetitive: isRepetitive(quote),
    prefix: t.slice(Math.max(0, qs - CONTEXT_LENGTH), qs),
    suffix: t.slice(qe, qe + CONTEXT_LENGTH),
    info: informationLength(quote),
    hint,
  };
}

// True when the quote's opening reappears, nearly intact, later in the quote ("Section 16 ...
// Section 17 ..."): then an approximate match can slide by one item and still look right.
function isRepetitive(quote: string): boolean {
  const k = Math.min(32, Math.floor(quote.length / 3));
  if (k < 6) return false;
  const head = quote.slice(0, k);
  return search(quote.slice(k), head, Math.floor(k / 8)).length > 0;
}

// Similarity of `pattern` to its best approximate occurrence in `window` (1 = found intact).
function similarity(window: string, pattern: string): number {
  if (window.length === 0) return 0;
  let best = pattern.length;
  for (const m of search(window, pattern, pattern.length)) best = Math.min(best, m.errors);
  return 1 - best / pattern.length;
}

const CONTEXT_SLACK = 4;
/** Context shorter than this (in non-space characters) says less, so its score leans to neutral. */
const FULL_CONTEXT = 16;

function damp(sim: number, context: string): number {
  let visible = 0;
  for (let i = 0; i < context.length; i += 1) if (context.charCodeAt(i) !== 0x20) visible += 1;
  return 0.5 + (sim - 0.5) * Math.min(1, visible / FULL_CONTEXT);
}

function contextScore(page: FoldedText, query: Query, start: number, end: number): number {
  const t = page.text;
  let p: number;
  if (query.prefix.length === 0) {
    // The quote began the page; neutral if it no longer does.
    p = t.slice(0, start).trim() === '' ? 1 : 0.5;
  } else {
    p = damp(similarity(t.slice(Math.max(0, start - query.prefix.length - CONTEXT_SLACK), start), query.prefix), query.prefix);
  }
  let s: number;
  if (query.suffix.length === 0) {
    s = t.slice(end).trim() === '' ? 1 : 0.5;
  } else {
    s = damp(similarity(t.slice(end, end + query.suffix.length + CONTEXT_SLACK), query.suffix), query.suffix);
  }
  return (p + s) / 2;
}

function scoreCandidate(page: FoldedText, query: Query, c: Candidate): Scored {
  const quoteSim = 1 - c.errors / query.quote.length;
  const context = contextScore(page, query, c.start, c.end);
  const position =
    query.hint === undefined ? 0.5 : 1 - Math.min(1, Math.abs(c.start - query.hint) / Math.max(1, page.text.length));
  const score =
    (WEIGHTS.quote * quoteSim + (WEIGHTS.prefix + WEIGHTS.suffix) * context + WEIGHTS.position * position) / WEIGHT_SUM;
  const edges = edgeAgreement(page.text, query.quote, c);
  return { ...c, quoteSim, context, edges, numbersAgree: numbersAgree(query, page.text.slice(c.start, c.end)), score };
}

function acceptable(query: Query, s: Scored): boolean {
  if (s.errors === 0) return s.context >= EXACT_MIN_CONTEXT || query.info >= EXACT_STANDALONE_INFO;
  if (query.repetitive || s.quoteSim < 1 - MAX_ERROR_RATIO || !s.numbersAgree) return false;
  if (s.context >= FUZZY_MIN_CONTEXT) return true;
  // Without context, the quote's own first and last words must mark the edges: a match whose
  // errors pile up at one edge is a partial copy of the text (a teaser, a second caption).
  return query.info >= FUZZY_STANDALONE_INFO && s.quoteSim >= FUZZY_STANDALONE_QUOTE && s.edges >= EDGE_MIN_SIMILARITY;
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

// Numbers carry the meaning of a sentence and are what tells look-alike items apart ("Section
// 12" vs "Section 2"): an approximate match may change one number, not most of them.
function numbersAgree(query: Query, found: string): boolean {
  if (query.numbers.length < 2) return true;
  const left: string[] = found.match(NUMBER) ?? [];
  let kept = 0;
  for (const n of query.numbers) {
    const i = left.indexOf(n);
    if (i !== -1) {
      kept += 1;
      left.splice(i, 1);
    }
  }
  return kept * 2 >= query.numbers.length;
}

// How well the quote's first and last few characters match at the candidate's edges (the worse).
function edgeAgreement(text: string, quote: string, c: Candidate): number {
  if (c.errors === 0) return 1;
  const k = Math.min(EDGE_LENGTH, Math.floor(quote.length / 4));
  if (k < 4) return 1;
  const head = similarity(text.slice(Math.max(0, c.start - 2), c.start + k + 2), quote.slice(0, k));
  const tail = similarity(text.slice(Math.max(0, c.end - k - 2), c.end + 2), quote.slice(quote.length - k));
  return Math.min(head, tail);
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

// Best acceptable candidate, or null when none is, or when two distinct places tie.
function pickBest(query: Query, scored: Scored[]): Scored | 'ambiguous' | null {
  const ok = scored.filter((s) => acceptable(query, s)).sort((a, b) => b.score - a.score);
  const best = ok[0];
  if (!best) return null;
  const rival = ok.find((s) => !samePlace(s, best));
  if (rival && best.score - rival.score < 1e-6) return 'ambiguous';
  return best;
}

// Two reports of one place: the search gives each equally good end its own match.
function samePlace(a: Candidate, b: Candidate): boolean {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared > 0.5 * Math.min(a.end - a.start, b.end - b.start);
}

function exactCandidates(page: FoldedText, query: Query): Candidate[] {
  const { text } = page;
  const { quote } = query;
  const found: Candidate[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    found.push({ start: i, end: i + quote.length, errors: 0 });
  }
  if (found.length > MAX_EXACT_CANDIDATES) {
    const hint = query.hint ?? 0;
    found.sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint));
    found.length = MAX_EXACT_CANDIDATES;
  }
  return found;
}

// Approximate matches of `pattern` within text[from, to), in page offsets.
function approx(text: string, pattern: string, from: number, to: number, maxErrors: number): Candidate[] {
  const matches = search(text.slice(from, to), pattern, maxErrors);
  const out: Candidate[] = [];
  for (const m of matches) {
    const c = { start: from + m.start, end: from + m.end, errors: m.errors };
    const last = out[out.length - 1];
    if (last && samePlace(last, c)) continue;
    out.push(c);
    if (out.length >= MAX_FUZZY_CANDIDATES) break;
  }
  return out;
}

// Long patterns are slow and error-prone for bit-parallel search, so find pieces of the quote,
// infer where the whole would start, then verify the whole quote around each guess.
function approxLong(
  text: string,
  quote: string,
  from: number,
  to: number,
  maxErrors: number,
  hint: number | undefined,
): Candidate[] {
  const L = quote.length;
  const pieceOffsets = [0, Math.floor((L - PIECE) / 2), L - PIECE];
  // In repetitive text the pieces match everywhere; the old position is worth verifying too.
  const starts: number[] = hint !== undefined && hint >= from && hint < to ? [hint] : [];
  for (const off of pieceOffsets) {
    const piece = quote.slice(off, off + PIECE);
    for (const m of approx(text, piece, from, to, Math.floor(PIECE * MAX_ERROR_RATIO)).slice(0, 20)) {
      starts.push(m.start - off);
    }
  }
  starts.sort((a, b) => a - b);
  const guesses: number[] = [];
  for (const s of starts) {
    const last = guesses[guesses.length - 1];
    if (last === undefined || s - last > maxErrors) guesses.push(s);
  }
  const out: Candidate[] = [];
  for (const g of guesses.slice(0, 20)) {
    const vs = Math.max(0, g - maxErrors);
    const ve = Math.min(text.length, g + L + maxErrors);
    for (const c of approx(text, quote, vs, ve, maxErrors)) {
      // Guesses overlap in repetitive text: keep the better of two overlapping verifications.
      const clash = out.findIndex((o) => overlaps(o, c));
      if (clash === -1) out.push(c);
      else if (c.errors < (out[clash] as Candidate).errors) out[clash] = c;
    }
  }
  return out;
}

function fuzzyCandidates(text: string, query: Query, from: number, to: number): Candidate[] {
  const L = query.quote.length;
  const maxErrors = Math.floor(L * MAX_ERROR_RATIO);
  if (maxErrors < 1) return [];
  if (L > LONG_QUOTE) return approxLong(text, query.quote, from, to, maxErrors, query.hint);
  return approx(text, query.quote, from, to, maxErrors);
}

// Best approximate match in page[from, to), unless a second place matches nearly as well:
// the search reports only the fewest-error matches, so the winner is blanked out and the
// search run again. Two close places (a list of near-identical items) make an orphan.
function bestFuzzy(page: FoldedText, query: Query, from: number, to: number): Scored | 'ambiguous' | null {
  const scored = fuzzyCandidates(page.text, query, from, to).map((c) => scoreCandidate(page, query, c));
  const best = pickBest(query, scored);
  if (best === null || best === 'ambiguous') return best;
  const t = page.text;
  const masked = t.slice(0, best.start) + '\u0000'.repeat(best.end - best.start) + t.slice(best.end);
  // Rivals are looked for beyond the window the winner came from (a moved paragraph).
  const rivalFrom = Math.max(0, Math.min(from, best.start - RIVAL_REACH));
  const rivalTo = Math.min(t.length, Math.max(to, best.end + RIVAL_REACH));
  for (const c of fuzzyCandidates(masked, query, rivalFrom, rivalTo)) {
    if (overlaps(c, best)) continue;
    const rival = scoreCandidate(page, query, c);
    if (!acceptable(query, rival)) continue;
    // Near-identical text elsewhere (list items, captions, teasers): 32 characters of context
    // cannot be trusted to tell the copies apart once the quote itself has changed.
    if (best.score - rival.score < AMBIGUITY_MARGIN || best.quoteSim - rival.quoteSim < 0.03) return 'ambiguous';
  }
  return refineEdges(t, query.quote, best);
}

// Edit distance between `quote` and text[s, end) for every s in [from, end), by one DP over
// the reversed strings (anchored at `end`). Returns distances indexed by end - s.
function distancesEndingAt(text: string, quote: string, from: number, end: number): Int32Array {
  const m = quote.length;
  const width = end - from;
  let prev = new Int32Array(width + 1);
  let cur = new Int32Array(width + 1);
  for (let j = 0; j <= width; j += 1) prev[j] = j;
  for (let i = 1; i <= m; i += 1) {
    const qc = quote.charCodeAt(m - i);
    cur[0] = i;
    for (let j = 1; j <= width; j += 1) {
      const cost = text.charCodeAt(end - j) === qc ? 0 : 1;
      const v = Math.min((prev[j - 1] as number) + cost, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
      cur[j] = v;
    }
    [prev, cur] = [cur, prev];
  }
  return prev;
}

function levenshtein(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) prev[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    cur[0] = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const cost = b.charCodeAt(j - 1) === ac ? 0 : 1;
      cur[j] = Math.min((prev[j - 1] as number) + cost, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

function visibleLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) !== 0x20) n += 1;
  return n;
}

// Places where the saved prefix and suffix still stand, nearly intact, around text of about the
// quote's length that still resembles it. Only for short quotes with full context on both sides.
function bestBracketed(page: FoldedText, query: Query): Scored | null {
  const { prefix, suffix, quote } = query;
  const L = quote.length;
  if (L > LONG_QUOTE || query.repetitive) return null;
  if (visibleLength(prefix) < FULL_CONTEXT || visibleLength(suffix) < FULL_CONTEXT) return null;
  const t = page.text;
  const found: Scored[] = [];
  for (const p of approxRounds(t, prefix, Math.floor(prefix.length * BRACKET_CONTEXT_ERRORS), 2)) {
    const reach = Math.min(t.length, p.end + Math.ceil(L * BRACKET_MAX_STRETCH) + suffix.length + CONTEXT_SLACK);
    const s = approx(t, suffix, p.end, reach, Math.floor(suffix.length * BRACKET_CONTEXT_ERRORS))[0];
    if (!s) continue;
    const range = toFoldedTrimmed(t, p.end, s.start);
    if (!range) continue;
    const gap = t.slice(range.start, range.end);
    if (gap.length < L / BRACKET_MAX_STRETCH || gap.length > L * BRACKET_MAX_STRETCH) continue;
    const errors = levenshtein(quote, gap);
    const quoteSim = 1 - errors / Math.max(L, gap.length);
    if (quoteSim < BRACKET_MIN_QUOTE) continue;
    const context = 1 - (p.errors / prefix.length + s.errors / suffix.length) / 2;
    const score = (WEIGHTS.quote * quoteSim + (WEIGHTS.prefix + WEIGHTS.suffix) * context) / WEIGHT_SUM;
    if (!numbersAgree(query, gap)) continue;
    found.push({ start: range.start, end: range.end, errors, quoteSim, context, edges: 1, numbersAgree: true, score });
  }
  // Two bracketed places (a repeated list or template) is no answer at all.
  const same = (a: Scored, b: Scored): boolean => Math.abs(a.start - b.start) <= CONTEXT_SLACK && Math.abs(a.end - b.end) <= CONTEXT_SLACK;
  const distinct = found.filter((f, i) => !found.slice(0, i).some((g) => same(f, g)));
  const only = distinct.length === 1 ? (distinct[0] as Scored) : null;
  // The context's own errors can leave a few stray characters inside the gap.
  return only && refineEdges(t, quote, only, 2 * CONTEXT_SLACK);
}

// Approximate matches over `rounds` searches, each with the previous matches blanked out:
// the search reports only the fewest-error matches, and the runners-up matter here.
function approxRounds(text: string, pattern: string, maxErrors: number, rounds: number): Candidate[] {
  const all: Candidate[] = [];
  let t = text;
  for (let r = 0; r < rounds; r += 1) {
    const found = approx(t, pattern, 0, t.length, maxErrors).slice(0, 50);
    if (found.length === 0) break;
    all.push(...found);
    const parts: string[] = [];
    let at = 0;
    for (const f of found) {
      parts.push(t.slice(at, f.start), '\u0000'.repeat(f.end - f.start));
      at = f.end;
    }
    parts.push(t.slice(at));
    t = parts.join('');
  }
  return all;
}

function toFoldedTrimmed(t: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && t.charCodeAt(s) === 0x20) s += 1;
  while (e > s && t.charCodeAt(e - 1) === 0x20) e -= 1;
  return s < e ? { start: s, end: e } : null;
}

/** Edges this far from the search's own are considered when tidying a short match. */
const EDGE_SLACK = 3;

// The bit-parallel search extends a match as far as equal cost allows ("r A -dropping" for
// "A jaw-dropping"); among equally good edges, prefer ones that agree with the quote's ends.
function refineEdges(text: string, quote: string, c: Scored, slack = EDGE_SLACK): Scored {
  const L = quote.length;
  if (L > LONG_QUOTE) return c;
  let best = { start: c.start, end: c.end, errors: Number.POSITIVE_INFINITY, fit: -1 };
  const first = quote.charCodeAt(0);
  const last = quote.charCodeAt(L - 1);
  for (let e = Math.max(c.start + 1, c.end - slack); e <= Math.min(text.length, c.end + slack); e += 1) {
    const from = Math.max(0, c.start - slack);
    const d = distancesEndingAt(text, quote, from, e);
    for (let s = from; s <= Math.min(e - 1, c.start + slack); s += 1) {
      const errors = d[e - s] as number;
      const fit = (text.charCodeAt(s) === first ? 1 : 0) + (text.charCodeAt(e - 1) === last ? 1 : 0);
      const closer = Math.abs(s - c.start) + Math.abs(e - c.end) < Math.abs(best.start - c.start) + Math.abs(best.end - c.end);
      if (errors < best.errors || (errors === best.errors && (fit > best.fit || (fit === best.fit && closer)))) {
        best = { start: s, end: e, errors, fit };
      }
    }
  }
  if (best.errors > c.errors) return c;
  return { ...c, start: best.start, end: best.end, errors: best.errors };
}

function result(page: FoldedText, s: Scored, method: AnchorMethod): AnchorResult | null {
  const range = toOriginalRange(page, s.start, s.end);
  if (!range) return null;
  return { ...range, method, score: Math.round(s.score * 1000) / 1000 };
}

function isSelectors(value: unknown): value is PassageSelectors {
  if (typeof value !== 'object' || value === null) return false;
  const quote = (value as { quote?: unknown }).quote;
  return typeof quote === 'object' && quote !== null && typeof (quote as { exact?: unknown }).exact === 'string';
}

/**
 * Places a saved passage in `text`, or returns null (an orphan) when no place scores
 * well enough. Offsets are in `text`; the range never starts or ends with whitespace.
 */
export function anchor(text: string, selectors: PassageSelectors): AnchorResult | null {
  if (typeof text !== 'string' || text.length === 0 || !isSelectors(selectors)) return null;
  const page = foldedPage(text);
  const query = buildQuery(page, selectors);
  if (!query) return null;
  const { quote, hint } = query;

  // 1. The quote is still where it was.
  if (hint !== undefined && page.text.startsWith(quote, hint)) {
    const s = scoreCandidate(page, query, { start: hint, end: hint + quote.length, errors: 0 });
    if (acceptable(query, s)) return result(page, s, 'exact-position');
  }

  // 2. Exact occurrences elsewhere, the context and the hint deciding between them.
  const exact = exactCandidates(page, query).map((c) => scoreCandidate(page, query, c));
  const bestExact = pickBest(query, exact);
  // Identical copies in identical surroundings, and no position to choose by.
  if (bestExact === 'ambiguous') return null;
  if (bestExact) return result(page, bestExact, exact.length === 1 ? 'exact-unique' : 'exact-context');

  // 3. Approximate matches: near the hint first, then the whole page.
  const n = page.text.length;
  if (hint !== undefined) {
    for (const half of HINT_WINDOWS) {
      const margin = Math.max(half, 2 * quote.length);
      if (n <= 2 * margin + quote.length) break;
      const near = bestFuzzy(page, query, Math.max(0, hint - margin), Math.min(n, hint + quote.length + margin));
      if (near === 'ambiguous') return null;
      if (near) return result(page, near, 'fuzzy');
    }
  }
  const best = bestFuzzy(page, query, 0, n);
  // Near-identical places (a list of look-alike items): better an orphan than a guess.
  if (best === 'ambiguous') return null;
  if (best) return result(page, best, 'fuzzy');

  // 4. The words changed too much, but the context on both sides is intact around a
  //    passage of about the same length.
  const bracketed = bestBracketed(page, query);
  if (bracketed) return result(page, bracketed, 'fuzzy');
  return null;
}
