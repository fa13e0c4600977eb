// Finds many phrases in a text in one pass: a regex of the phrases' first two characters (and a
// word-start check) finds candidate positions natively, then a trie of folded phrases says which
// phrases really start there. Pure: no DOM.
//
// Two halves, so a page pays only the second:
// - `buildPhraseIndex` (folding every phrase, building the trie) produces plain JSON-safe data:
//   flat number arrays, the trie laid out breadth-first. It can run at build time.
// - `PhraseIndex` reads that data: typed arrays copied natively from the number arrays, two
//   first-character tables filled from short lists. No per-phrase or per-node JavaScript loop.
import { canonText, foldCode, foldText, isIgnorableCode, isSpaceCode, isWordCode } from './chars';

export interface PhraseInput<T> {
  text: string;
  caseSensitive: boolean;
  /** Occurrences start only at a word start (no letter or digit before), when the phrase starts with one. */
  wordStart: boolean;
  payload: T;
}

/** The index as plain data (JSON-safe when the payloads are). */
export interface PhraseIndexData<T> {
  /** First-character table, flattened `[code, flags, code, flags, ...]` (flags below). */
  first: number[];
  /**
   * Regex source (flag "g") matching where a phrase may start, word starts aside: a first
   * character of the table followed by a character that folds to the second character of a
   * phrase starting with it, or by a character a walk skips; a first character of a
   * one-character phrase; any first character at the text's end. (Behind a lookahead for any
   * first character.)
   */
  starts: string;
  /**
   * The trie with single-child chains merged (a radix trie), breadth-first: node 0 is the root.
   * Node n is reached by the folded characters `labels.slice(labelAt[n], labelAt[n + 1])` (the
   * root's label is empty); its children are nodes `kids[n]` to `kids[n + 1] - 1`, sorted by the
   * first character of their labels.
   */
  labels: string;
  labelAt: number[];
  kids: number[];
  /** Phrases ending at node n: `payloads[ends[n]]` to `payloads[ends[n + 1] - 1]`, in input order. */
  ends: number[];
  payloads: T[];
  /** Parallel to payloads: the case-kept canonical text of a case-sensitive phrase, else null. */
  canons: (string | null)[];
}

/** Flags of the first-character table. */
const START_AT_WORD = 1; // the phrase starts with a letter: only where no letter precedes
const START_ANYWHERE = 2; // CJK or punctuation first: anywhere
const ONE_CHAR = 4; // a one-character phrase starts with it: no second-character check

/** Every UTF-16 code by what foldCode makes of it, and those a walk skips (built once, at build time). */
let codeTable: { byFold: Map<number, number[]>; ignorable: number[] } | null = null;
function codes(): { byFold: Map<number, number[]>; ignorable: number[] } {
  if (!codeTable) {
    codeTable = { byFold: new Map(), ignorable: [] };
    for (let c = 0; c < 0x10000; c++) {
      const k = foldCode(c);
      let list = codeTable.byFold.get(k);
      if (!list) codeTable.byFold.set(k, (list = []));
      list.push(c);
      if (isIgnorableCode(c)) codeTable.ignorable.push(c);
    }
  }
  return codeTable;
}

/** A regex class of the codes `codes` (ranges where they run on). */
function classOf(codes: Iterable<number>): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out += j > i ? `${hex(sorted[i]!)}-${hex(sorted[j]!)}` : hex(sorted[i]!);
    i = j + 1;
  }
  return `[${out}]`;
}

/** The `starts` regex source (see PhraseIndexData) of a first-character table and the phrases' folded first pairs. */
function startsSource(first: ReadonlyMap<number, number>, pairs: ReadonlyMap<number, Set<number>>): string {
  /** Per set of characters that may come second: the first characters it may come after. */
  const bySeconds = new Map<string, number[]>();
  const ones: number[] = [];
  for (const [code, flags] of first) {
    if (flags & ONE_CHAR) {
      ones.push(code);
      continue;
    }
    // A character a walk skips may come second too.
    const { byFold, ignorable } = codes();
    const seconds = new Set<number>(ignorable);
    for (const f1 of pairs.get(foldCode(code)) ?? []) for (const c of byFold.get(f1) ?? [f1]) seconds.add(c);
    const key = classOf(seconds);
    const list = bySeconds.get(key);
    if (list) list.push(code);
    else bySeconds.set(key, [code]);
  }
  const alts = [...bySeconds].map(([seconds, firsts]) => classOf(firsts) + seconds).sort();
  if (ones.length) alts.push(classOf(ones));
  if (!first.size) return '(?!)';
  const any = classOf(first.keys());
  alts.push(`${any}(?![\\s\\S])`);
  // One class of every first character before the alternatives: irregexp tries them one by one
  // at each position otherwise (a window's search: 0.017 ms against 0.024, warm, corpus windows).
  return `(?=${any})(?:${alts.join('|')})`;
}

/** Every character that folds to the same as `ch` and so can start the phrase. */
function caseForms(ch: string, caseSensitive: boolean): string[] {
  if (caseSensitive) return [ch];
  const forms = new Set<string>([ch]);
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower.length === 1) forms.add(lower);
  if (upper.length === 1) forms.add(upper);
  if (foldCode(ch.charCodeAt(0)) === 0x435) for (const f of ['е', 'Е', 'ё', 'Ё']) forms.add(f);
  return [...forms];
}

/** Word-character test by table, filled on first use of each code (the hot loop's only lookup). */
const wordTable = new Uint8Array(65536); // 0 unknown, 1 word, 2 not a word character
export function isWordFast(c: number): boolean {
  let v = wordTable[c]!;
  if (v === 0) wordTable[c] = v = isWordCode(c) ? 1 : 2;
  return v === 1;
}

/** Folds the phrases and lays their trie out flat. The costly half: run it once, ideally at build time. */
export function buildPhraseIndex<T>(inputs: readonly PhraseInput<T>[]): PhraseIndexData<T> {
  const first = new Map<number, number>();
  /** Per folded first character of a phrase: the folded second characters after it. */
  const pairs = new Map<number, Set<number>>();
  const items: { key: string; n: number }[] = [];
  const canons: (string | null)[] = [];
  inputs.forEach((p, n) => {
    const key = foldText(p.text);
    canons.push(null);
    if (!key) return;
    const canon = canonText(p.text);
    canons[n] = p.caseSensitive ? canon : null;
    items.push({ key, n });
    const flag = p.wordStart && isWordCode(canon.charCodeAt(0)) ? START_AT_WORD : START_ANYWHERE;
    const one = key.length === 1 ? ONE_CHAR : 0;
    for (const f of caseForms(canon[0]!, p.caseSensitive)) {
      const code = f.charCodeAt(0);
      first.set(code, (first.get(code) ?? 0) | flag | one);
    }
    if (key.length > 1) {
      const f0 = key.charCodeAt(0);
      let seconds = pairs.get(f0);
      if (!seconds) pairs.set(f0, (seconds = new Set()));
      seconds.add(key.charCodeAt(1));
    }
  });
  // Sorted by UTF-16 code units (stable: equal keys keep input order), a key comes before every
  // key it is a prefix of, and the keys under any trie node are one run.
  items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const out: PhraseIndexData<T> = {
    first: [...first].sort((a, b) => a[0] - b[0]).flat(),
    starts: startsSource(first, pairs),
    labels: '',
    labelAt: [],
    kids: [],
    ends: [],
    payloads: [],
    canons: [],
  };
  // Breadth-first over runs of keys: node = the run of keys sharing its path (depth characters).
  // A node is kept where a key ends or the keys branch, so single-child chains merge into labels;
  // the children of each node get consecutive numbers, in code order.
  const queue: { lo: number; hi: number; depth: number; label: string }[] = [{ lo: 0, hi: items.length, depth: 0, label: '' }];
  let nextId = 1;
  for (let q = 0; q < queue.length; q++) {
    const { lo, hi, depth, label } = queue[q]!;
    out.labelAt.push(out.labels.length);
    out.labels += label;
    out.kids.push(nextId);
    out.ends.push(out.payloads.length);
    let i = lo;
    for (; i < hi && items[i]!.key.length === depth; i++) {
      const n = items[i]!.n;
      out.payloads.push(inputs[n]!.payload);
      out.canons.push(canons[n]!);
    }
    while (i < hi) {
      const a = items[i]!.key;
      const c = a.charCodeAt(depth);
      let j = i + 1;
      while (j < hi && items[j]!.key.charCodeAt(depth) === c) j++;
      // The run's common prefix: that of its first and last keys.
      const b = items[j - 1]!.key;
      const max = Math.min(a.length, b.length);
      let end = depth + 1;
      while (end < max && a.charCodeAt(end) === b.charCodeAt(end)) end++;
      queue.push({ lo: i, hi: j, depth: end, label: a.slice(depth, end) });
      nextId++;
      i = j;
    }
  }
  out.labelAt.push(out.labels.length);
  out.kids.push(nextId);
  out.ends.push(out.payloads.length);
  return out;
}

/** Reads an index built by `buildPhraseIndex`: cheap, no loop over the phrases or the trie. */
export class PhraseIndex<T> {
  /** For each UTF-16 code: may a phrase start with it, and does it need a word start. */
  private readonly first = new Uint8Array(65536);
  /** Where a phrase may start, word starts aside (PhraseIndexData.starts). */
  private readonly starts: RegExp;
  /** Root child by first folded character, plus one (0: none): most walks end at the root. */
  private readonly rootKids = new Uint16Array(65536);
  private readonly labels: string;
  private readonly labelAt: Int32Array;
  private readonly kids: Int32Array;
  private readonly ends: Int32Array;
  private readonly canons: readonly (string | null)[];
  /** Payloads of the phrases; `walk` reports their numbers. */
  readonly payloads: readonly T[];

  constructor(data: PhraseIndexData<T>) {
    const first = this.first;
    const list = data.first;
    for (let i = 0; i < list.length; i += 2) first[list[i]!] = list[i + 1]!;
    this.starts = new RegExp(data.starts, 'g');
    this.labels = data.labels;
    this.labelAt = new Int32Array(data.labelAt);
    this.kids = new Int32Array(data.kids);
    this.ends = new Int32Array(data.ends);
    this.payloads = data.payloads;
    this.canons = data.canons;
    const nodes = this.labelAt.length - 1;
    if (
      nodes < 1 || nodes >= 65535 || this.kids.length !== nodes + 1 || this.ends.length !== nodes + 1 ||
      this.canons.length !== this.payloads.length || this.kids[0] !== 1
    ) {
      throw new Error('PhraseIndex: inconsistent data');
    }
    for (let n = 1; n < this.kids[1]!; n++) this.rootKids[this.labels.charCodeAt(this.labelAt[n]!)] = n + 1;
  }

  /** Number of phrases indexed. */
  get size(): number {
    return this.payloads.length;
  }

  /**
   * The next position at or after `from` where a phrase may start: its first two characters can
   * start one (a soft hyphen or zero-width character may come between: the walk decides) and,
   * for phrases that begin with a letter, no letter or digit comes right before. -1 if none.
   * Searched natively: on a page's first scan this JavaScript runs cold, and a loop over every
   * character cost most of a window's match.
   */
  nextCandidate(text: string, from: number): number {
    const re = this.starts;
    const first = this.first;
    re.lastIndex = from;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const i = m.index;
      if ((first[text.charCodeAt(i)]! & START_ANYWHERE) === 0 && i > 0 && isWordFast(text.charCodeAt(i - 1))) {
        re.lastIndex = i + 1;
        continue;
      }
      return i;
    }
    return -1;
  }

  /** The child of `node` whose label starts with folded character `f`, or -1. */
  private child(node: number, f: number): number {
    if (node === 0) return this.rootKids[f]! - 1;
    const labels = this.labels;
    const labelAt = this.labelAt;
    let lo = this.kids[node]!;
    let hi = this.kids[node + 1]!;
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) if (labels.charCodeAt(labelAt[lo]!) === f) return lo;
      return -1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = labels.charCodeAt(labelAt[mid]!);
      if (c === f) return mid;
      if (c < f) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /**
   * Every phrase occurring at `start`, shortest first: the k-th one's end offset written to
   * `ends[k]` and its number (index in `payloads`) to `found[k]`; returns how many. (Scratch arrays
   * reused across calls: setting `length` costs more than the walk.) Space runs in the text match
   * one space in a phrase; soft hyphens and zero-width characters inside a name are skipped.
   */
  walk(text: string, start: number, ends: number[], found: number[]): number {
    const labels = this.labels;
    const labelAt = this.labelAt;
    const phraseEnds = this.ends;
    const canons = this.canons;
    const len = text.length;
    let node = 0;
    let i = start;
    let n = 0;
    while (i < len) {
      let c = text.charCodeAt(i);
      if (i > start && isIgnorableCode(c)) {
        i++;
        continue;
      }
      let f = foldCode(c);
      const child = this.child(node, f);
      if (child < 0) return n;
      node = child;
      i++;
      if (f === 32) while (i < len && (isSpaceCode(text.charCodeAt(i)) || isIgnorableCode(text.charCodeAt(i)))) i++;
      // The rest of the node's label, character by character like the first.
      const labelEnd = labelAt[node + 1]!;
      for (let k = labelAt[node]! + 1; k < labelEnd; ) {
        if (i >= len) return n;
        c = text.charCodeAt(i);
        if (isIgnorableCode(c)) {
          i++;
          continue;
        }
        f = foldCode(c);
        if (f !== labels.charCodeAt(k)) return n;
        i++;
        k++;
        if (f === 32) while (i < len && (isSpaceCode(text.charCodeAt(i)) || isIgnorableCode(text.charCodeAt(i)))) i++;
      }
      const to = phraseEnds[node + 1]!;
      for (let e = phraseEnds[node]!; e < to; e++) {
        const canon = canons[e]!;
        if (canon !== null && canonText(text.slice(start, i)) !== canon) continue;
        ends[n] = i;
        found[n++] = e;
      }
    }
    return n;
  }
}
