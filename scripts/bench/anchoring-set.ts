// Builds a set of re-anchoring cases from real pages: pick passages, save their selectors,
// then change the page the way news sites do (seeded, so every run sees the same set).
import { parseHTML } from 'linkedom';
import { describe, foldText, foldedIndexAt, foldedIndexEndingAt, type PassageSelectors } from '../../core/anchoring/index';
import { prng } from '../lib/prng';

export { prng };

export interface PageText {
  name: string;
  /** Concatenation of the body's text nodes, as the content script sees it. */
  text: string;
  /** Leaf block elements (p, li, div without blocks inside...) as ranges of `text`. */
  blocks: { start: number; end: number }[];
}

export interface AnchoringCase {
  id: string;
  page: string;
  selectors: PassageSelectors;
  /** The page text after the mutations. */
  mutated: string;
  /** Where the passage is in `mutated`, or null when it was deleted. */
  expected: { start: number; end: number } | null;
  mutations: string[];
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'HEAD', 'TITLE']);
const BLOCKS = new Set([
  'P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'TD', 'TH', 'DD', 'DT', 'FIGCAPTION',
  'PRE', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'UL', 'OL', 'TABLE', 'TR', 'FORM', 'MAIN',
]);

interface DomNode {
  nodeType: number;
  tagName?: string;
  data?: string;
  childNodes: ArrayLike<DomNode>;
  hasAttribute?: (name: string) => boolean;
}

/** Text and leaf blocks of an HTML page, read with linkedom. */
export function extractPageText(name: string, html: string): PageText {
  const { document } = parseHTML(html);
  const parts: string[] = [];
  const blocks: { start: number; end: number }[] = [];
  let offset = 0;
  const walk = (node: DomNode): boolean => {
    let containsBlock = false;
    for (let i = 0; i < node.childNodes.length; i += 1) {
      const child = node.childNodes[i] as DomNode;
      if (child.nodeType === 3) {
        const data = child.data ?? '';
        parts.push(data);
        offset += data.length;
      } else if (child.nodeType === 1) {
        const tag = (child.tagName ?? '').toUpperCase();
        if (SKIP.has(tag) || child.hasAttribute?.('hidden')) continue;
        const start = offset;
        const inner = walk(child);
        const isBlock = BLOCKS.has(tag);
        if (isBlock && !inner && offset > start) blocks.push({ start, end: offset });
        containsBlock = containsBlock || isBlock || inner;
      }
    }
    return containsBlock;
  };
  walk(document.body as unknown as DomNode);
  return { name, text: parts.join(''), blocks };
}


const OPEN = '\uE000';
const CLOSE = '\uE001';
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/g;

function isCjkText(s: string): boolean {
  const n = s.replace(/\s+/g, '').length;
  return n > 0 && (s.match(CJK)?.length ?? 0) / n > 0.3;
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

interface Piece {
  block: boolean;
  text: string;
}

// Alternating gaps and leaf blocks covering the whole page text.
function toPieces(page: PageText): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const b of page.blocks) {
    pieces.push({ block: false, text: page.text.slice(at, b.start) });
    pieces.push({ block: true, text: page.text.slice(b.start, b.end) });
    at = b.end;
  }
  pieces.push({ block: false, text: page.text.slice(at) });
  return pieces;
}

// Chooses a passage of 5-40 words (10-80 characters in CJK) inside one block, unique on the page.
function choosePassage(rand: Rand, page: PageText, foldedPage: string): { start: number; end: number } | null {
  const usable = page.blocks.filter((b) => {
    const t = page.text.slice(b.start, b.end);
    return isCjkText(t) ? t.replace(/\s+/g, '').length >= 14 : (t.match(/\S+/g)?.length ?? 0) >= 7;
  });
  if (usable.length === 0) return null;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const b = pick(rand, usable);
    const t = page.text.slice(b.start, b.end);
    let start: number;
    let end: number;
    if (isCjkText(t)) {
      const len = int(rand, 10, Math.min(80, t.length - 2));
      start = int(rand, 0, Math.max(0, t.length - len));
      end = start + len;
    } else {
      const words = [...t.matchAll(/\S+/g)].map((m) => ({ s: m.index, e: m.index + m[0].length }));
      const count = int(rand, 5, Math.min(40, words.length));
      const first = int(rand, 0, words.length - count);
      start = (words[first] as { s: number }).s;
      end = (words[first + count - 1] as { e: number }).e;
    }
    while (start < end && /\s/.test(t.charAt(start))) start += 1;
    while (end > start && /\s/.test(t.charAt(end - 1))) end -= 1;
    if (end - start < 8) continue;
    const folded = foldText(t.slice(start, end)).text;
    const first = foldedPage.indexOf(folded);
    if (first === -1 || foldedPage.indexOf(folded, first + 1) !== -1) continue;
    return { start: b.start + start, end: b.start + end };
  }
  return null;
}

// Sentences of the page itself: realistic insertions, and near-duplicates to tempt the matcher.
function sentencesOf(page: PageText): string[] {
  const out: string[] = [];
  for (const b of page.blocks) {
    const t = page.text.slice(b.start, b.end).replace(/\s+/g, ' ').trim();
    for (const s of t.split(/(?<=[.!?。！？])\s*/)) if (s.length >= 20 && s.length <= 240) out.push(s);
  }
  return out.length > 0 ? out : ['Updated: this article has been revised with new information.'];
}

function wordsOf(page: PageText): string[] {
  const words = page.text.match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  return words.length > 0 ? words.slice(0, 5000) : ['update'];
}

function passagePiece(pieces: Piece[]): number {
  return pieces.findIndex((p) => p.text.includes(OPEN) || p.text.includes(CLOSE));
}

// Whitespace positions of `text` within [from, to).
function spacesIn(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, text.length); i += 1) if (/\s/.test(text.charAt(i))) out.push(i);
  return out;
}

type Mutation = (rand: Rand, pieces: Piece[], ctx: { sentences: string[]; words: string[]; cjk: boolean }) => string | null;

const insertSentenceBefore: Mutation = (rand, pieces, ctx) => {
  const i = passagePiece(pieces);
  const piece = pieces[i] as Piece;
  const open = piece.text.indexOf(OPEN);
  const sentence = pick(rand, ctx.sentences);
  const where = rand();
  if (where < 0.35) {
    // New paragraph right before the passage's block.
    pieces.splice(i, 0, { block: true, text: sentence }, { block: false, text: '\n    ' });
    return 'insert-paragraph-before';
  }
  if (where < 0.55) {
    // Breaking-news banner at the top of the page: every offset moves.
    pieces.splice(1, 0, { block: true, text: sentence + ' ' + pick(rand, ctx.sentences) }, { block: false, text: '\n' });
    return 'insert-at-top';
  }
  // Inside the block, somewhere before the passage (sometimes right against it).
  const candidates = spacesIn(piece.text, 0, open);
  const at = candidates.length > 0 && rand() < 0.7 ? pick(rand, candidates) : open;
  const sep = ctx.cjk ? '' : ' ';
  piece.text = piece.text.slice(0, at) + sep + sentence + sep + piece.text.slice(at);
  return at === open ? 'insert-sentence-adjacent' : 'insert-sentence-before';
};

const editWordNearby: Mutation = (rand, pieces, ctx) => {
  const i = passagePiece(pieces);
  const piece = pieces[i] as Piece;
  const open = piece.text.indexOf(OPEN);
  const close = piece.text.indexOf(CLOSE);
  const replacement = pick(rand, ctx.words);
  const before = rand() < 0.5;
  const region = before ? [Math.max(0, open - 60), open] : [close + 1, Math.min(piece.text.length, close + 61)];
  const text = piece.text;
  const re = ctx.cjk ? /[\p{L}\p{N}]{1,2}/gu : /[\p{L}\p{N}]+/gu;
  const words = [...text.slice(region[0], region[1]).matchAll(re)];
  if (words.length === 0) return null;
  const w = pick(rand, words);
  const s = (region[0] as number) + (w.index as number);
  piece.text = text.slice(0, s) + (ctx.cjk ? replacement.slice(0, 2) : replacement) + text.slice(s + w[0].length);
  return before ? 'edit-word-before' : 'edit-word-after';
};

const WS = ['\n', '\n      ', '  ', '\u00a0', ' \n ', '\t'];

const reflowWhitespace: Mutation = (rand, pieces) => {
  for (const p of pieces) {
    if (!p.block) {
      // Block gaps: sometimes re-indented, sometimes gone (minified markup).
      if (rand() < 0.3) p.text = rand() < 0.2 ? '' : p.text.replace(/\s+/g, () => pick(rand, WS));
      continue;
    }
    p.text = p.text.replace(/\s+/g, (m) => (rand() < 0.3 ? pick(rand, WS) : m));
  }
  return 'reflow-whitespace';
};

const PUNCT: [RegExp, (rand: Rand) => string][] = [
  [/"([^"\n]{1,80})"/g, () => '\u201c$1\u201d'],
  [/[\u201c\u201d\u00ab\u00bb]/g, () => '"'],
  [/ - /g, (rand) => pick(rand, [' \u2014 ', ' \u2013 '])],
  [/ [\u2013\u2014] /g, () => ' - '],
  [/'/g, () => '\u2019'],
  [/\u2019/g, () => "'"],
  [/\.\.\./g, () => '\u2026'],
  [/\u2026/g, () => '...'],
  [/\u201c([^\u201d\n]{1,80})\u201d/g, () => '\u00ab$1\u00bb'],
  [/，/g, () => ','],
];

const changePunctuation: Mutation = (rand, pieces) => {
  let changed = false;
  for (const [re, to] of PUNCT) {
    if (rand() < 0.5) continue;
    for (const p of pieces) {
      const next = p.text.replace(re, to(rand));
      if (next !== p.text) changed = true;
      p.text = next;
    }
  }
  return changed ? 'change-punctuation' : null;
};

const editWordInside: Mutation = (rand, pieces, ctx) => {
  const piece = pieces[passagePiece(pieces)] as Piece;
  const open = piece.text.indexOf(OPEN);
  const close = piece.text.indexOf(CLOSE);
  const inner = piece.text.slice(open + 1, close);
  const re = ctx.cjk ? /[\p{L}\p{N}]{1,2}/gu : /[\p{L}\p{N}]+/gu;
  const words = [...inner.matchAll(re)];
  if (words.length < 3) return null;
  // Not the first or last word: the saved boundaries should stay meaningful.
  const w = words[int(rand, 1, words.length - 2)] as RegExpMatchArray;
  const s = open + 1 + (w.index as number);
  const e = s + w[0].length;
  const kind = rand();
  let replacement: string;
  let name: string;
  if (kind < 0.6) {
    replacement = ctx.cjk ? pick(rand, ctx.words).slice(0, w[0].length) : pick(rand, ctx.words);
    name = 'edit-word-inside';
  } else if (kind < 0.8) {
    replacement = ctx.cjk ? '' : '';
    name = 'delete-word-inside';
  } else {
    replacement = w[0] + (ctx.cjk ? pick(rand, ctx.words).slice(0, 2) : ' ' + pick(rand, ctx.words));
    name = 'insert-word-inside';
  }
  let text = piece.text.slice(0, s) + replacement + piece.text.slice(e);
  if (replacement === '' && !ctx.cjk) text = text.slice(0, s) + text.slice(s).replace(/^\s+/, '');
  piece.text = text;
  return name;
};

const moveParagraphs: Mutation = (rand, pieces) => {
  const blocks = pieces.map((p, i) => (p.block ? i : -1)).filter((i) => i >= 0);
  if (blocks.length < 3) return null;
  const i = passagePiece(pieces);
  const movePassage = rand() < 0.5;
  const from = movePassage ? i : pick(rand, blocks.filter((b) => b !== i));
  const [moved] = pieces.splice(from, 1);
  const [gap] = pieces.splice(from, 1);
  const targets = pieces.map((p, k) => (p.block ? k : -1)).filter((k) => k >= 0);
  const to = pick(rand, targets) + 1;
  pieces.splice(to, 0, gap ?? { block: false, text: '\n' }, moved as Piece);
  return movePassage ? 'move-passage-paragraph' : 'move-other-paragraph';
};

const deletePassage: Mutation = (rand, pieces) => {
  const i = passagePiece(pieces);
  const piece = pieces[i] as Piece;
  if (rand() < 0.5) {
    pieces.splice(i, 1);
    return 'delete-paragraph';
  }
  piece.text = piece.text.replace(/\uE000[\s\S]*\uE001/, '');
  return 'delete-passage';
};

const KEEPING: Mutation[] = [insertSentenceBefore, editWordNearby, reflowWhitespace, changePunctuation, editWordInside, moveParagraphs];

export interface SetOptions {
  pages: PageText[];
  count: number;
  seed: number;
  /** Share of cases whose passage is deleted (they must come back null). */
  deletedShare?: number;
}

/** Builds `count` cases spread over the pages. */
export function buildAnchoringSet({ pages, count, seed, deletedShare = 0.15 }: SetOptions): AnchoringCase[] {
  const rand = prng(seed);
  const prepared = pages.map((page) => ({
    page,
    folded: foldText(page.text).text,
    sentences: sentencesOf(page),
    words: wordsOf(page),
  }));
  const cases: AnchoringCase[] = [];
  let attempts = 0;
  while (cases.length < count && attempts < count * 20) {
    attempts += 1;
    const p = prepared[cases.length % prepared.length];
    if (!p) break;
    const passage = choosePassage(rand, p.page, p.folded);
    if (!passage) continue;
    const selectors = describe(p.page.text, passage.start, passage.end);
    const marked = {
      ...p.page,
      text: p.page.text.slice(0, passage.start) + OPEN + p.page.text.slice(passage.start, passage.end) + CLOSE + p.page.text.slice(passage.end),
      blocks: p.page.blocks.map((b) => ({
        start: b.start + (b.start > passage.start ? 1 : 0) + (b.start >= passage.end ? 1 : 0),
        end: b.end + (b.end > passage.start ? 1 : 0) + (b.end >= passage.end ? 1 : 0),
      })),
    };
    const pieces = toPieces(marked);
    const cjk = isCjkText(selectors.quote.exact);
    const ctx = { sentences: p.sentences, words: p.words, cjk };
    const mutations: string[] = [];
    const deleted = rand() < deletedShare;
    const n = int(rand, 1, 3);
    for (let k = 0; k < n; k += 1) {
      const name = pick(rand, KEEPING)(rand, pieces, ctx);
      if (name) mutations.push(name);
    }
    if (deleted) mutations.push(deletePassage(rand, pieces, ctx) as string);
    if (mutations.length === 0) continue;
    const joined = pieces.map((x) => x.text).join('');
    const open = joined.indexOf(OPEN);
    const close = joined.indexOf(CLOSE);
    const mutated = joined.replace(OPEN, '').replace(CLOSE, '');
    let expected: { start: number; end: number } | null = null;
    // Insertions are the page's own sentences: one may copy the passage whole, which
    // makes a deleted passage present and a kept one ambiguous. Such cases are left out.
    const quote = foldText(selectors.quote.exact).text.trim();
    const foldedMutated = foldText(mutated).text;
    const first = foldedMutated.indexOf(quote);
    if (!deleted) {
      if (open === -1 || close === -1) continue;
      expected = { start: open, end: close - 1 };
      // An intact copy anywhere but the passage itself is a right answer too: leave it out.
      const f = foldText(mutated);
      const passage = { start: foldedIndexAt(f, expected.start), end: foldedIndexEndingAt(f, expected.end) };
      let copyElsewhere = false;
      for (let at = first; at !== -1; at = foldedMutated.indexOf(quote, at + 1)) {
        if (at + quote.length <= passage.start || at >= passage.end) copyElsewhere = true;
      }
      if (copyElsewhere) continue;
    } else if (first !== -1) {
      continue;
    }
    cases.push({ id: `${p.page.name}#${cases.length}`, page: p.page.name, selectors, mutated, expected, mutations });
  }
  return cases;
}

/** Pages used by the benchmark, chosen for languages and layouts. */
export const BENCH_PAGES = [
  'rd-guardian-1', 'rd-bbc-1', 'rd-nytimes-3', 'rd-cnn', 'rd-lemonde-1', 'rd-aktualne',
  'fu-lenta', 'gne-huanqiu', 'gne-xinhuanet', 'n4k-chinadaily', 'rd-heise',
];

export interface Evaluation {
  present: number;
  anchored: number;
  orphaned: number;
  /** Placed somewhere else than the passage (present) or anywhere (deleted). */
  wrong: number;
  deleted: number;
  falsePositives: number;
  /** Anchored with both edges exactly where the passage is. */
  exactEdges: number;
  byMethod: Record<string, number>;
  failures: { id: string; mutations: string[]; got: { start: number; end: number } | null; expected: { start: number; end: number } | null }[];
  msPerAnchor: number;
}

function overlapShare(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

/** Runs `anchor` on every case; a placement counts as right when it overlaps the passage by half or more. */
export function evaluateAnchoring(
  cases: AnchoringCase[],
  anchorFn: (text: string, selectors: PassageSelectors) => { start: number; end: number; method: string } | null,
): Evaluation {
  const ev: Evaluation = {
    present: 0, anchored: 0, orphaned: 0, wrong: 0, deleted: 0, falsePositives: 0, exactEdges: 0,
    byMethod: {}, failures: [], msPerAnchor: 0,
  };
  let ms = 0;
  for (const c of cases) {
    const t0 = performance.now();
    const got = anchorFn(c.mutated, c.selectors);
    ms += performance.now() - t0;
    if (got) ev.byMethod[got.method] = (ev.byMethod[got.method] ?? 0) + 1;
    const range = got ? { start: got.start, end: got.end } : null;
    if (c.expected === null) {
      ev.deleted += 1;
      if (range) {
        ev.falsePositives += 1;
        ev.wrong += 1;
        ev.failures.push({ id: c.id, mutations: c.mutations, got: range, expected: null });
      }
      continue;
    }
    ev.present += 1;
    if (!range) {
      ev.orphaned += 1;
      ev.failures.push({ id: c.id, mutations: c.mutations, got: null, expected: c.expected });
    } else if (overlapShare(range, c.expected) >= 0.5) {
      ev.anchored += 1;
      if (range.start === c.expected.start && range.end === c.expected.end) ev.exactEdges += 1;
    } else {
      ev.wrong += 1;
      ev.failures.push({ id: c.id, mutations: c.mutations, got: range, expected: c.expected });
    }
  }
  ev.msPerAnchor = cases.length > 0 ? ms / cases.length : 0;
  return ev;
}
