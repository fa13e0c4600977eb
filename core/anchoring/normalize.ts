// A folded view of a page's text for matching, with a map back to the original offsets.
// Folding is 1:1 per UTF-16 unit except that a whitespace run becomes one space and
// invisible format characters vanish, so every folded unit knows its original span.

export interface FoldedText {
  /** Folded text: whitespace runs collapsed to ' ', case and punctuation variants unified. */
  readonly text: string;
  /** starts[i] is the original offset where folded unit i begins. */
  readonly starts: Int32Array;
  /** ends[i] is the original offset (exclusive) where folded unit i ends. */
  readonly ends: Int32Array;
  /** Length of the original string. */
  readonly originalLength: number;
}

const SPACE = 0x20;

// Characters a page change can add or remove without changing what a reader sees.
function isInvisible(c: number): boolean {
  return c === 0x00ad || c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff;
}

function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

const lowerCache = new Map<number, number>();

// Folds one UTF-16 unit to a canonical unit (same length, so offsets stay 1:1).
function foldUnit(c: number): number {
  if (c < 0x80) {
    if (c >= 0x41 && c <= 0x5a) return c + 32;
    if (c === 0x60) return 0x27; // backtick used as an apostrophe
    return c;
  }
  switch (c) {
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x00ab: case 0x00bb:
    case 0x2033: case 0x301d: case 0x301e: case 0x301f: case 0x300c: case 0x300d:
    case 0x300e: case 0x300f:
      return 0x22; // “ ” „ ‟ « » ″ 〝 〞 「 」 『 』 -> "
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x00b4:
    case 0x2039: case 0x203a: case 0x02bc:
      return 0x27; // ‘ ’ ‚ ‛ ′ ´ ‹ › ʼ -> '
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xfe58: case 0xfe63:
      return 0x2d; // hyphens, en/em dashes, minus -> -
    case 0x3001:
      return 0x2c; // 、 -> ,
    case 0x3002:
      return 0x2e; // 。 -> .
    default:
      break;
  }
  // Fullwidth ASCII forms (，！？（）) -> ASCII, then folded again for case.
  if (c >= 0xff01 && c <= 0xff5e) return foldUnit(c - 0xfee0);
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogate halves: leave astral characters alone
  let lower = lowerCache.get(c);
  if (lower === undefined) {
    const s = String.fromCharCode(c).toLowerCase();
    lower = s.length === 1 ? s.charCodeAt(0) : c;
    lowerCache.set(c, lower);
  }
  return lower;
}

/** Folds `text` for matching and records where each folded unit came from. */
export function foldText(text: string): FoldedText {
  const n = text.length;
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  const out = new Uint16Array(n);
  let len = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isInvisible(c)) {
      i += 1;
      continue;
    }
    if (isWhitespace(c)) {
      const runStart = i;
      i += 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (!isWhitespace(d) && !isInvisible(d)) break;
        i += 1;
      }
      out[len] = SPACE;
      starts[len] = runStart;
      ends[len] = i;
      len += 1;
      continue;
    }
    out[len] = foldUnit(c);
    starts[len] = i;
    ends[len] = i + 1;
    len += 1;
    i += 1;
  }
  return {
    text: unitsToString(out, len),
    starts: starts.subarray(0, len),
    ends: ends.subarray(0, len),
    originalLength: n,
  };
}

// String.fromCharCode.apply has an argument-count limit, so convert in slices.
function unitsToString(units: Uint16Array, len: number): string {
  const parts: string[] = [];
  const step = 8192;
  for (let i = 0; i < len; i += step) {
    parts.push(String.fromCharCode.apply(null, Array.from(units.subarray(i, Math.min(len, i + step)))));
  }
  return parts.join('');
}

/** Index of the first folded unit that begins at or after original offset `offset`. */
export function foldedIndexAt(folded: FoldedText, offset: number): number {
  const { starts } = folded;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of folded units that end at or before original offset `offset`. */
export function foldedIndexEndingAt(folded: FoldedText, offset: number): number {
  const { ends } = folded;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ends[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Maps folded range [start, end) back to the original string, leaving out
 * whitespace at either edge. Returns null for an empty or all-whitespace range.
 */
export function toOriginalRange(folded: FoldedText, start: number, end: number): { start: number; end: number } | null {
  const t = folded.text;
  let s = Math.max(0, start);
  let e = Math.min(t.length, end);
  while (s < e && t.charCodeAt(s) === SPACE) s += 1;
  while (e > s && t.charCodeAt(e - 1) === SPACE) e -= 1;
  if (s >= e) return null;
  return { start: folded.starts[s] as number, end: folded.ends[e - 1] as number };
}
