// The prefilter: regular expressions that find, in a page's raw text, every place where a name
// (or, apart, an evidence word) of the pack could start. The page's whole text is searched in
// native code (irregexp); only the few places found are read block by block and given to the
// matcher, which decides. Pure: no DOM.
//
// What it must never do is miss: every mention `findMentions` returns on a block's text starts
// where the names prefilter matches the page's raw text (its text nodes joined as they are, with
// no block separators or line breaks). So it looks for each phrase's *head*, its first HEAD_MAX
// characters, folded as the matcher folds (case unless the phrase is case-sensitive, ё/е, dash
// and apostrophe variants), where a space matches any run of spaces *or none* (a <br> or a block
// edge between two words leaves none in the raw text). Where the page's text holds characters the
// matcher skips inside a name (soft hyphen, zero-width characters), the search runs over a copy
// without them and maps its places back.
import { canonText, foldCode, foldText, isCjkCode, isIgnorableCode, isWordCode } from './chars';

/** Characters of a head: long enough to pass over common first words, short enough to compile fast. */
export const HEAD_MAX = 12;

export interface PrefilterPhrase {
  text: string;
  caseSensitive: boolean;
  /** For names: the entity named, and whether the name counts only with evidence. */
  entity?: string;
  ambiguous?: boolean;
  /** For names: the matcher wants a word boundary at the name's edges that are letters or digits. */
  wholeWord?: boolean;
}

/** `PrefilterData.edges`: no letter or digit may come right before the match... */
export const EDGE_START = 1;
/** ...or right after it. */
export const EDGE_END = 2;

/**
 * The anchors a source holds, by their first character: Latin letters in any case ('latin'),
 * Latin capitals and digits as they are ('latin-exact': acronyms, "Google", "2015..."), CJK
 * characters ('cjk', several sources), Cyrillic letters ('cyrillic').
 */
export type Script = 'latin' | 'latin-exact' | 'cjk' | 'cyrillic';

/**
 * Regex sources (flag "g"), each a bare trie of anchors, searched side by side (PrefilterScan).
 * Several small sources are cheaper than one big one: irregexp passes over a text fast only
 * with its Boyer-Moore lookahead, which needs few characters at each of the first positions of
 * every match (it tells them apart by their code modulo 128, and gives up past 16 of those).
 * Anchors are grouped so that each source keeps it: Cyrillic ones never occur in Latin or CJK
 * text; Latin ones in any case, apart from capitals and digits kept as they are; CJK ones, by
 * their first character, CJK_FIRSTS at a time. Measured on the corpus's texts in Chromium (warm
 * regex, median of 7): about 11.2 ms summed over the 34 pages, against 13.3 for one source of Latin
 * and CJK anchors behind a lookahead for their first characters (the previous layout); layouts
 * with one source of all CJK anchors, or of CJK and Latin ones, were 1.7-2.6x slower than this
 * one on the pages tried.
 */
export type PrefilterSources = {
  script: Script;
  source: string;
  /**
   * A character class every match of the source starts with (CJK sources: the CJK ranges
   * their first characters fall in). The source is searched only in a window where the class
   * matches, from there on: irregexp checks a class of a few ranges at every character of a
   * Latin page's text faster than it searches the CJK tries (their first characters, of all
   * codes modulo 128, leave its Boyer-Moore lookahead nothing to skip by), and the CJK sources
   * share one check. A class of characters and ranges, "[...]", not negated (PrefilterScan joins
   * its inside with others').
   */
  gate?: string;
}[];

export interface PrefilterData {
  /** Where a name may be. */
  names: PrefilterSources;
  /**
   * Matches of the names prefilter that can only be ambiguous names (each needs evidence), by
   * `matchKey`, with the entities they may name. A scanner can leave such a place unread while
   * the page holds no evidence for those entities.
   */
  ambiguous: Record<string, string[]>;
  /**
   * For keys of `ambiguous` whose every name starts (EDGE_START) or ends (EDGE_END) where the
   * match does, at a letter or digit the matcher wants a word boundary at: a match with a letter
   * or digit right there in the same text node ("SCO" in "MOSCOW") names nothing.
   */
  edges: Record<string, number>;
  /** Per entity id: where one of its evidence words may be (needed only while a name of it waits). */
  evidence: Record<string, PrefilterSources>;
}

/** The characters the matcher skips inside a name, as a regex class. */
const IGNORABLE_RANGES = '\\u00ad\\u200b-\\u200d\\u2060\\ufeff';
export const IGNORABLE_CLASS = `[${IGNORABLE_RANGES}]`;
const IGNORABLES = new RegExp(IGNORABLE_CLASS, 'g');
/** Any run of spaces, or none (\s is isSpaceCode's set plus U+FEFF, which the matcher skips anyway). */
const SPACES = '\\s*';
/** Every character foldCode writes as "-" / "'". */
const DASHES = '[\\-\\u2010-\\u2015\\u2212\\ufe63\\uff0d]';
const APOSTROPHES = "['\\u2018\\u2019\\u02bc\\uff07]";
/** CJK anchors per source, by distinct first character (see PrefilterSources). */
const CJK_FIRSTS = 13;
/** The ranges of characters isCjkCode accepts: a CJK source's gate holds those of its first characters. */
const CJK_RANGES: [number, number][] = [[0x2e80, 0x2fdf], [0x3005, 0x3007], [0x3040, 0x31ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xff66, 0xff9f]];

/** The class of the CJK ranges that hold the codes `firsts` (see PrefilterSources.gate). */
function cjkGate(firsts: readonly number[]): string {
  const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
  const ranges = CJK_RANGES.filter(([a, b]) => firsts.some((c) => c >= a && c <= b));
  return `[${ranges.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]`;
}

function escapeChar(ch: string): string {
  return /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(ch) ? `\\${ch}` : ch;
}

/** A regex atom for one character of a head: every character the matcher folds to the same. */
function atomFor(ch: string, caseSensitive: boolean): string {
  const c = ch.charCodeAt(0);
  const f = foldCode(c);
  if (f === 32) return SPACES;
  if (f === 45) return DASHES;
  if (f === 39) return APOSTROPHES;
  const forms = new Set<string>();
  if (caseSensitive) {
    forms.add(ch);
    // canonText keeps case but writes ё as е: the page may have either.
    if (ch === 'е') forms.add('ё');
    if (ch === 'Е') forms.add('Ё');
  } else {
    forms.add(String.fromCharCode(f));
    for (const v of [ch, ch.toLowerCase(), ch.toUpperCase(), String.fromCharCode(f).toUpperCase()]) {
      if (v.length === 1 && foldCode(v.charCodeAt(0)) === f) forms.add(v);
    }
    if (f === 0x435) for (const v of ['е', 'Е', 'ё', 'Ё']) forms.add(v);
  }
  const list = [...forms].sort();
  return list.length === 1 ? escapeChar(list[0]!) : `[${list.map(escapeChar).join('')}]`;
}

/** Letters from rare to common in running text (English, Russian): a rarer anchor start is found at fewer places. */
const RARITY = 'zqxjkvbpygfwmucldhrsnioate' + 'ъёфэщцюшжхйчбзгьыяупдмклвртсниаео';
/** An anchor is at least this long (or the whole phrase, if shorter): short ones match too often. */
const ANCHOR_MIN = 7;

function rarity(ch: string, caseSensitive: boolean): number {
  // Capitals of a case-sensitive phrase are rarer than any lower-case letter.
  if (caseSensitive && ch !== ch.toLowerCase()) return -1;
  const r = RARITY.indexOf(ch.toLowerCase());
  if (r >= 0) return r;
  return /\d/.test(ch) ? RARITY.indexOf('p') : RARITY.length;
}

/**
 * The anchor of a phrase: the part of it the prefilter looks for, at most `max` characters of its
 * (canonical or folded) text from a letter of its first word chosen to be rare in running text,
 * with at least ANCHOR_MIN characters from there (Latin and Cyrillic; CJK phrases are anchored at
 * their start). A
 * match is a place *inside* a possible mention, which is all the scanner needs to find its block.
 */
export function anchorOf(text: string, caseSensitive: boolean, max = HEAD_MAX): string {
  return anchorIn(text, caseSensitive, max).anchor;
}

/** The anchor (see anchorOf), where it starts in the phrase's canonical or folded text `t`, and `t`. */
function anchorIn(text: string, caseSensitive: boolean, max: number): { anchor: string; at: number; t: string } {
  const t = caseSensitive ? canonText(text) : foldText(text);
  let best = 0;
  if (!isCjkCode(t.charCodeAt(0))) {
    let bestScore = Infinity;
    // Within the first word only: a later word of a name is often a common word ("experts",
    // "information", "government") that would make the anchor match everywhere.
    for (let k = 0; k < t.length && (k === 0 || t.length - k >= ANCHOR_MIN); k++) {
      const ch = t[k]!;
      if (!/[\p{L}\p{N}]/u.test(ch)) break;
      const score = rarity(ch, caseSensitive);
      if (score < bestScore) {
        bestScore = score;
        best = k;
      }
    }
  }
  return { anchor: t.slice(best, best + max).trimEnd(), at: best, t };
}

interface TrieNode {
  kids: Map<string, TrieNode>;
  end: boolean;
}

function toSource(node: TrieNode): string {
  const alts = [...node.kids.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([atom, kid]) => atom + toSource(kid));
  if (alts.length === 0) return '';
  const body = alts.length === 1 && !node.end ? alts[0]! : `(?:${alts.join('|')})`;
  return node.end ? `${body}?` : body;
}

/** The key of a match (or an anchor): folded, without spaces and ignorable characters. */
export function matchKey(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isIgnorableCode(c)) continue;
    const f = foldCode(c);
    if (f !== 32) out += String.fromCharCode(f);
  }
  return out;
}

/** Builds the trie of anchors (a shorter one ends a longer one's branch); returns its root. */
function buildTrie(heads: readonly string[][]): TrieNode {
  const root: TrieNode = { kids: new Map(), end: false };
  for (const atoms of [...heads].sort((x, y) => x.length - y.length)) {
    let node = root;
    for (const atom of atoms) {
      // A shorter head already ends here: a match of it is enough to look closer.
      if (node.end) break;
      let kid = node.kids.get(atom);
      if (!kid) node.kids.set(atom, (kid = { kids: new Map(), end: false }));
      node = kid;
    }
    node.end = true;
    node.kids.clear();
  }
  return root;
}

/** How many atoms of `atoms` the trie's match takes (where the branch ends). */
function matchedDepth(root: TrieNode, atoms: readonly string[]): number {
  let node = root;
  let d = 0;
  while (!node.end) {
    const kid = node.kids.get(atoms[d]!);
    if (!kid) return atoms.length;
    node = kid;
    d++;
  }
  return d;
}

/** The group of an anchor (see Script): by its first character, and the first atom made of it. */
function scriptOf(ch: string, atom: string): Script {
  const c = ch.charCodeAt(0);
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if (isCjkCode(c)) return 'cjk';
  return atom.startsWith('[') ? 'latin' : 'latin-exact';
}

interface Item {
  atoms: string[];
  chars: string[];
  p: PrefilterPhrase;
  /** Where the anchor starts in the phrase's text, and whether it runs to the phrase's end. */
  at: number;
  toEnd: boolean;
  t: string;
}

/** The word edges (EDGE_START | EDGE_END) the match of `depth` atoms shares with the name `item`. */
function edgesOf(item: Item, depth: number): number {
  if (item.p.wholeWord === false) return 0;
  const { t } = item;
  const start = item.at === 0 && isWordCode(t.charCodeAt(0)) ? EDGE_START : 0;
  const end = item.toEnd && depth === item.atoms.length && isWordCode(t.charCodeAt(t.length - 1)) ? EDGE_END : 0;
  return start | end;
}

function sourcesFor(
  phrases: readonly PrefilterPhrase[],
  headMax: number,
  ambiguous?: Record<string, string[]>,
  edges?: Record<string, number>,
): PrefilterSources {
  const byScript = new Map<Script, Item[]>();
  for (const p of phrases) {
    const { anchor, at, t } = anchorIn(p.text, p.caseSensitive, headMax);
    if (!anchor) continue;
    const chars = [...anchor];
    const atoms = chars.map((ch) => atomFor(ch, p.caseSensitive));
    const script = scriptOf(anchor, atoms[0]!);
    let items = byScript.get(script);
    if (!items) byScript.set(script, (items = []));
    items.push({ atoms, chars, p, at, toEnd: at + anchor.length >= t.trimEnd().length, t: t.trimEnd() });
  }
  /** The sources' anchors: one group per script, CJK ones split by first character. */
  const groups: { script: Script; items: Item[]; gate?: string }[] = [];
  for (const script of ['latin-exact', 'latin', 'cjk', 'cyrillic'] as const) {
    const items = byScript.get(script);
    if (!items) continue;
    if (script !== 'cjk') {
      groups.push({ script, items });
      continue;
    }
    // By code modulo 128, as the Boyer-Moore lookahead tells them apart: each source's first
    // characters then fall in few of its classes (sorted by code instead: 8 % slower over the corpus).
    const firsts = [...new Set(items.map((i) => i.chars[0]!.charCodeAt(0)))].sort((x, y) => (x & 127) - (y & 127) || x - y);
    const gate = cjkGate(firsts);
    for (let k = 0; k < firsts.length; k += CJK_FIRSTS) {
      const some = new Set(firsts.slice(k, k + CJK_FIRSTS));
      groups.push({ script, items: items.filter((i) => some.has(i.chars[0]!.charCodeAt(0))), gate });
    }
  }
  const out: PrefilterSources = [];
  /** Per match key: the entities its names may be, whether every one of them is ambiguous, the edges all share. */
  const keys = new Map<string, { entities: Set<string>; allAmbiguous: boolean; edges: number }>();
  for (const g of groups) {
    const root = buildTrie(g.items.map((i) => i.atoms));
    for (const item of g.items) {
      const { atoms, chars, p } = item;
      if (p.entity === undefined) continue;
      const depth = matchedDepth(root, atoms);
      const key = matchKey(chars.slice(0, depth).join(''));
      const k = keys.get(key) ?? { entities: new Set<string>(), allAmbiguous: true, edges: EDGE_START | EDGE_END };
      k.entities.add(p.entity);
      if (!p.ambiguous) k.allAmbiguous = false;
      k.edges &= edgesOf(item, depth);
      keys.set(key, k);
    }
    out.push(g.gate ? { script: g.script, source: toSource(root), gate: g.gate } : { script: g.script, source: toSource(root) });
  }
  if (ambiguous) {
    for (const [key, k] of [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!k.allAmbiguous) continue;
      ambiguous[key] = [...k.entities].sort();
      if (edges && k.edges) edges[key] = k.edges;
    }
  }
  return out;
}

/** Builds the prefilters for the pack's names and evidence words (at build time). */
export function buildPrefilter(
  names: readonly PrefilterPhrase[],
  evidence: ReadonlyMap<string, readonly PrefilterPhrase[]>,
  headMax = HEAD_MAX,
): PrefilterData {
  const byEntity: Record<string, PrefilterSources> = {};
  for (const [id, phrases] of [...evidence.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    byEntity[id] = sourcesFor(phrases, headMax);
  }
  const ambiguous: Record<string, string[]> = {};
  const edges: Record<string, number> = {};
  return { names: sourcesFor(names, headMax, ambiguous, edges), ambiguous, edges, evidence: byEntity };
}

/** A window as searched (see prefilterScan's prepared). */
interface PreparedWindow {
  first: number;
  window: string;
  shifts: number[] | null;
}
/**
 * The windows of one text as its scans searched them, kept by the caller for further scans of
 * the same text (a page's evidence scans search the text its names scan searched).
 */
export type PreparedWindows = Map<string, PreparedWindow>;

/** `PrefilterScan.next` stopped because `shouldYield` asked it to: call it again. */
export const PREFILTER_PAUSED = -2;
/** The text is searched in windows of this many characters (each regex call is bounded by one)... */
const WINDOW = 65_536;
/** ...each reaching this far into the next, so an anchor that starts near its end is matched whole. */
const OVERLAP = 256;

/**
 * The places of `text` where an anchor matches, ascending and without repeats, one at a time. The
 * text is searched window by window, the sources side by side (each call of `next` is at most one
 * native search per source in one window), so a caller can stop or pause between places.
 */
export interface PrefilterScan {
  /**
   * The next place; -1 when there is none; PREFILTER_PAUSED when `shouldYield` (asked between
   * windows) said the time is up.
   */
  next(shouldYield?: () => boolean): number;
  /**
   * The entities the place `next` returned last can name, when it can only be an ambiguous name
   * (one that counts with evidence alone); null otherwise.
   */
  ambiguousOnly(): readonly string[] | null;
  /**
   * For the place `next` returned last, when it can only be an ambiguous name: the edges of its
   * match that must not touch a letter or digit (EDGE_START | EDGE_END, see PrefilterData.edges),
   * and the match's length in the text (-1 when not known: the window held ignorable characters).
   */
  wordEdges(): { edges: number; length: number };
  /** All remaining places (tests, Node tools). */
  rest(): number[];
}

/**
 * A PrefilterScan of `text` for `sources`. `keys`: `PrefilterData.ambiguous` and `edges`, for
 * `ambiguousOnly` and `wordEdges`. `kept`: the windows of `text` as other scans of it prepared
 * them, read and added to.
 *
 * State in a closure, not in the fields of a class: the first instance of a class in a page costs
 * V8 a map transition per field (about 0.025 ms for this scan's twenty, on every page, as its
 * first scan is the page's), the closure's variables one context.
 */
export function prefilterScan(
  sources: PrefilterSources,
  text: string,
  keys?: Readonly<Pick<PrefilterData, 'ambiguous' | 'edges'>> | null,
  kept?: PreparedWindows,
): PrefilterScan {
  const count = sources.length;
  // A RegExp of its own per scan (V8 shares the compiled code of equal sources).
  const regexes: RegExp[] = [];
  /** Per source: the regex searching the current window (null: nothing more there), its next place, the text of its current match. */
  const active: (RegExp | null)[] = [];
  const heads: number[] = [];
  const matched: string[] = [];
  /** The sources' gates (see PrefilterSources.gate), by class; their regexes (flag "g") made when first searched. */
  const gates = new Map<string, RegExp | null>();
  /**
   * One class of the ignorable characters and of every gate's: a window is searched once for the
   * first of them. Before it, the window holds neither, so the search for ignorable characters and
   * each gate's start from there. (One class of a few ranges is searched faster by irregexp than
   * each apart: on a Latin page's two-byte text, 0.13 ms for both against 0.07 for the ignorable
   * characters and 0.17 for the CJK gate, rd-nytimes-4, warm.) `specialKey`: its class, as `kept`
   * keys its windows by.
   */
  let specialKey = IGNORABLE_RANGES;
  for (let i = 0; i < count; i++) {
    const s = sources[i]!;
    regexes.push(new RegExp(s.source, 'g'));
    active.push(null);
    heads.push(Infinity);
    matched.push('');
    if (!s.gate || gates.has(s.gate)) continue;
    gates.set(s.gate, null);
    specialKey += s.gate.slice(1, -1);
  }
  const special = new RegExp(`[${specialKey}]`);
  /** The text searched: the window, or a copy of it without ignorable characters (not named `window`: that is the page's global). */
  let searched = '';
  /**
   * For a copy: per ignorable character left out, its offset in the window minus the number left
   * out before it (ascending), to map the copy's offsets back; null when the window is searched.
   */
  let shifts: number[] | null = null;
  let windowStart = 0;
  let windowEnd = 0;
  let pausedAt = -1;
  /** The text matched at the place `next` returned last, and whether it was matched in a copy. */
  let lastText = '';
  let lastStripped = false;
  /** The last text whose key was asked for, and its key (a page repeats a name: "Google" fifty times). */
  let keyedText = '';
  let key = '';

  function openWindow(): boolean {
    const len = text.length;
    const start = windowEnd;
    if (start >= len) return false;
    const end = Math.min(len, start + WINDOW);
    windowStart = start;
    windowEnd = end;
    const w = prepared(start, end);
    const first = w.first;
    searched = w.window;
    shifts = w.shifts;
    /** It is a gate's character: with one gate, where that gate first matches. */
    const gateFirst = first >= 0 && !isIgnorableCode(searched.charCodeAt(first));
    /** Where each gate first matches in the window (-1: nowhere), once per window. */
    const gated = gates.size ? new Map<string, number>() : null;
    for (let i = 0; i < count; i++) {
      const re = regexes[i]!;
      const gate = sources[i]!.gate;
      let from = 0;
      if (gate && gated) {
        let at = gated.get(gate);
        if (at === undefined) {
          at = first < 0 ? -1 : gateFirst && gates.size === 1 ? first : gateAt(gate, first);
          gated.set(gate, at);
        }
        if (at < 0) {
          active[i] = null;
          heads[i] = Infinity;
          continue;
        }
        from = at;
      }
      re.lastIndex = from;
      active[i] = re;
      heads[i] = advance(i);
    }
    return true;
  }

  /**
   * The window from `start` to `end` (and OVERLAP beyond) as searched: itself, or a copy without
   * its ignorable characters; and where its first ignorable or gate character is (see special).
   * Kept in `kept`, by start and special class, when given.
   */
  function prepared(start: number, end: number): PreparedWindow {
    const keptKey = kept ? `${start} ${specialKey}` : '';
    const known = kept?.get(keptKey);
    if (known) return known;
    const w = start === 0 && end === text.length ? text : text.slice(start, Math.min(text.length, end + OVERLAP));
    const first = w.search(special);
    let strip = first >= 0;
    if (strip && !isIgnorableCode(w.charCodeAt(first))) {
      IGNORABLES.lastIndex = first + 1;
      strip = IGNORABLES.test(w);
    }
    let out: PreparedWindow = { first, window: w, shifts: null };
    if (strip) {
      const found: number[] = [];
      IGNORABLES.lastIndex = first;
      for (let m = IGNORABLES.exec(w); m; m = IGNORABLES.exec(w)) found.push(m.index - found.length);
      out = { first, window: w.replace(IGNORABLES, ''), shifts: found };
    }
    kept?.set(keptKey, out);
    return out;
  }

  /** Where `gate` first matches in the searched text, from `from` on; -1 when nowhere. */
  function gateAt(gate: string, from: number): number {
    let re = gates.get(gate);
    if (!re) gates.set(gate, (re = new RegExp(gate, 'g')));
    re.lastIndex = from;
    return re.exec(searched)?.index ?? -1;
  }

  function advance(i: number): number {
    const re = active[i];
    if (!re) return Infinity;
    const m = re.exec(searched);
    const at = m ? inWindow(m.index) : Infinity;
    if (at >= windowEnd - windowStart) {
      active[i] = null;
      return Infinity;
    }
    re.lastIndex = m!.index + 1;
    matched[i] = m![0];
    return windowStart + at;
  }

  /** The window offset of an offset of the text searched (see shifts). */
  function inWindow(offset: number): number {
    if (!shifts) return offset;
    let lo = 0;
    let hi = shifts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (shifts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  }

  function next(shouldYield?: () => boolean): number {
    for (;;) {
      let min = Infinity;
      for (let i = 0; i < count; i++) if (heads[i]! < min) min = heads[i]!;
      if (min !== Infinity) {
        let found = 0;
        for (let i = 0; i < count; i++) {
          if (heads[i] !== min) continue;
          found++;
          lastText = matched[i]!;
          lastStripped = shifts !== null;
          heads[i] = advance(i);
        }
        if (found > 1) lastText = '';
        return min;
      }
      if (windowEnd > 0 && pausedAt !== windowEnd && shouldYield?.()) {
        pausedAt = windowEnd;
        return PREFILTER_PAUSED;
      }
      if (!openWindow()) return -1;
    }
  }

  /** matchKey of the last place's text, worked out once per text. */
  function lastKey(): string {
    if (keyedText !== lastText) {
      keyedText = lastText;
      key = matchKey(lastText);
    }
    return key;
  }

  return {
    next,
    ambiguousOnly: () => (keys && lastText ? (keys.ambiguous[lastKey()] ?? null) : null),
    wordEdges: () => ({ edges: keys && lastText ? (keys.edges[lastKey()] ?? 0) : 0, length: lastStripped ? -1 : lastText.length }),
    rest: () => {
      const out: number[] = [];
      for (let p = next(); p >= 0; p = next()) out.push(p);
      return out;
    },
  };
}

/**
 * The places of `text` where a name may be (with what `ambiguousOnly` needs), or, with
 * `evidenceFor`, where an evidence word of that entity may be. `kept`: the caller's PreparedWindows
 * of `text`, for its next scans.
 */
export function placesIn(data: PrefilterData, text: string, evidenceFor?: string, kept?: PreparedWindows): PrefilterScan {
  return evidenceFor ? prefilterScan(data.evidence[evidenceFor] ?? [], text, null, kept) : prefilterScan(data.names, text, data, kept);
}
