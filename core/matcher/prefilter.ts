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
// edge between two words leaves none in the raw text). When the page's text holds characters the
// matcher skips inside a name (soft hyphen, zero-width characters), `prefilterRegExp` allows them
// between any two head characters.
import { canonText, foldCode, foldText, isCjkCode } from './chars';

/** Characters of a head: long enough to pass over common first words, short enough to compile fast. */
export const HEAD_MAX = 10;

export interface PrefilterPhrase {
  text: string;
  caseSensitive: boolean;
}

/**
 * Regex sources (flag "g"), one per script of the heads' first characters (Latin and others,
 * Cyrillic, CJK): each a trie of alternatives, behind a first-character lookahead where that
 * helps. irregexp runs three such passes faster than one regex of them all, which tries ~100
 * alternatives at every position of the text.
 */
export type PrefilterSources = string[];

export interface PrefilterData {
  /** Where a name may start. */
  names: PrefilterSources;
  /** Where an evidence word may start (only needed while an ambiguous name waits for one). */
  evidence: PrefilterSources;
}

/** The characters the matcher skips inside a name, as a regex class. */
export const IGNORABLE_CLASS = '[\\u00ad\\u200b-\\u200d\\u2060\\ufeff]';
/** Tests whether a text holds any character the matcher skips inside a name. */
export const HAS_IGNORABLE = new RegExp(IGNORABLE_CLASS);
/** Every character isSpaceCode accepts, any number of them (none too). */
/** Any run of spaces, or none (\s is isSpaceCode's set plus U+FEFF, which the matcher skips anyway). */
const SPACES = '\\s*';
/** Every character foldCode writes as "-" / "'". */
const DASHES = '[\\-\\u2010-\\u2015\\u2212\\ufe63\\uff0d]';
const APOSTROPHES = "['\\u2018\\u2019\\u02bc\\uff07]";

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

/** The head of a phrase: its first HEAD_MAX characters, case kept or folded. */
export function headOf(text: string, caseSensitive: boolean, max = HEAD_MAX): string {
  const t = caseSensitive ? canonText(text) : foldText(text);
  return t.slice(0, max).trimEnd();
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

function trieSource(heads: readonly string[][]): string {
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
  return toSource(root);
}

/** The characters a regex atom (one character or a class) stands for, as class contents. */
function classBody(atom: string): string {
  return atom.startsWith('[') ? atom.slice(1, -1) : atom;
}

type Script = 'latin' | 'cyrillic' | 'cjk';

function scriptOf(ch: string): Script {
  const c = ch.charCodeAt(0);
  if (isCjkCode(c)) return 'cjk';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  return 'latin';
}

function sourcesFor(phrases: readonly PrefilterPhrase[], headMax: number): PrefilterSources {
  const groups = new Map<Script, { heads: string[][]; firsts: Set<string>; allUnified: boolean }>();
  for (const p of phrases) {
    const head = headOf(p.text, p.caseSensitive, headMax);
    if (!head) continue;
    const atoms = [...head].map((ch) => atomFor(ch, p.caseSensitive));
    const script = scriptOf(head);
    let g = groups.get(script);
    if (!g) groups.set(script, (g = { heads: [], firsts: new Set(), allUnified: true }));
    g.heads.push(atoms);
    g.firsts.add(classBody(atoms[0]!));
    const c = head.charCodeAt(0);
    if (c < 0x4e00 || c > 0x9fff) g.allUnified = false;
  }
  const out: string[] = [];
  for (const script of ['latin', 'cyrillic', 'cjk'] as const) {
    const g = groups.get(script);
    if (!g) continue;
    const trie = trieSource(g.heads);
    // Measured on the corpus: Latin heads gain from a lookahead of their first characters; CJK
    // from one range check; Cyrillic runs fastest bare (irregexp skips ahead on its own).
    if (script === 'latin') out.push(`(?=[${[...g.firsts].join('')}])${trie}`);
    else if (script === 'cjk') out.push(`(?=${g.allUnified ? '[\\u4e00-\\u9fff]' : `[${[...g.firsts].join('')}]`})${trie}`);
    else out.push(trie);
  }
  return out;
}

/** Builds the prefilters for the pack's names and evidence words (at build time). */
export function buildPrefilter(
  names: readonly PrefilterPhrase[],
  evidence: readonly PrefilterPhrase[],
  headMax = HEAD_MAX,
): PrefilterData {
  return { names: sourcesFor(names, headMax), evidence: sourcesFor(evidence, headMax) };
}

/** A token of a prefilter source: group syntax, or an atom (class, \\s*, escape, character). */
const TOKEN = /\(\?[:=]|\)\??|\||\[(?:\\.|[^\]\\])*\]|\\s\*|\\u[0-9a-fA-F]{4}|\\.|[^]/g;

/** The same prefilter, allowing the ignorable characters after every head character. */
export function tolerantSource(source: string): string {
  const sep = `${IGNORABLE_CLASS}*`;
  return source.replace(TOKEN, (t) => (t === '|' || t.startsWith('(?') || t.startsWith(')') ? t : t + sep));
}

/**
 * The places of `text` where a head matches, ascending and without repeats, one at a time: the
 * sources' regexes run lazily side by side (each call of `next` is at most a native search per
 * regex), so a caller can stop or pause between places.
 */
export class PrefilterScan {
  private readonly regexes: RegExp[];
  private readonly heads: number[];

  constructor(
    sources: PrefilterSources,
    private readonly text: string,
  ) {
    const tolerant = HAS_IGNORABLE.test(text);
    // A RegExp of its own per scan (V8 shares the compiled code of equal sources).
    this.regexes = sources.map((s) => new RegExp(tolerant ? tolerantSource(s) : s, 'g'));
    this.heads = this.regexes.map((re) => this.advance(re));
  }

  private advance(re: RegExp): number {
    const m = re.exec(this.text);
    if (!m) return Infinity;
    // Heads may overlap: look again from the next character.
    re.lastIndex = m.index + 1;
    return m.index;
  }

  /** The next place, or -1 when there is none. */
  next(): number {
    const heads = this.heads;
    let min = Infinity;
    for (const h of heads) if (h < min) min = h;
    if (min === Infinity) return -1;
    for (let i = 0; i < heads.length; i++) if (heads[i] === min) heads[i] = this.advance(this.regexes[i]!);
    return min;
  }

  /** All remaining places (tests, Node tools). */
  rest(): number[] {
    const out: number[] = [];
    for (let p = this.next(); p >= 0; p = this.next()) out.push(p);
    return out;
  }
}
