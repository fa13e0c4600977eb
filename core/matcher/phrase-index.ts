// Finds many phrases in a text in one pass: a first-character table (and a word-start check)
// finds candidate positions in a tight loop, then a trie of folded phrases says which phrases
// really start there. Pure: no DOM.
import { canonText, foldCode, foldText, isIgnorableCode, isSpaceCode, isWordCode } from './chars';

export interface PhraseInput<T> {
  text: string;
  caseSensitive: boolean;
  /** Occurrences start only at a word start (no letter or digit before), when the phrase starts with one. */
  wordStart: boolean;
  payload: T;
}

export interface PhraseHit<T> {
  end: number;
  payload: T;
}

interface Entry<T> {
  payload: T;
  /** Case-kept canonical text, for case-sensitive phrases only. */
  canon: string | null;
}

interface TrieNode<T> {
  next: Map<number, TrieNode<T>> | null;
  ends: Entry<T>[] | null;
}

const newNode = <T>(): TrieNode<T> => ({ next: null, ends: null });

/** Flags of the first-character table. */
const START_AT_WORD = 1; // the phrase starts with a letter: only where no letter precedes
const START_ANYWHERE = 2; // CJK or punctuation first: anywhere
const ONE_CHAR = 4; // a one-character phrase starts with it: no second-character check

/** Hash of a phrase's first two folded characters, for the second-character check. */
function pairHash(f0: number, f1: number): number {
  return ((f0 * 0x9e5) ^ f1) & 0xffff;
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

export class PhraseIndex<T> {
  /** For each UTF-16 code: may a phrase start with it, and does it need a word start. */
  private readonly first = new Uint8Array(65536);
  /** Non-zero where some phrase starts with a pair of folded characters of that hash. */
  private readonly pairs = new Uint8Array(65536);
  private readonly root: TrieNode<T> = newNode();
  readonly size: number;

  constructor(phrases: readonly PhraseInput<T>[]) {
    let size = 0;
    for (const p of phrases) {
      const key = foldText(p.text);
      if (!key) continue;
      const canon = canonText(p.text);
      let node = this.root;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        node.next ??= new Map();
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = newNode()));
        node = child;
      }
      (node.ends ??= []).push({ payload: p.payload, canon: p.caseSensitive ? canon : null });
      size++;
      const flag = p.wordStart && isWordCode(canon.charCodeAt(0)) ? START_AT_WORD : START_ANYWHERE;
      const one = key.length === 1 ? ONE_CHAR : 0;
      for (const f of caseForms(canon[0]!, p.caseSensitive)) this.first[f.charCodeAt(0)]! |= flag | one;
      if (key.length > 1) this.pairs[pairHash(key.charCodeAt(0), key.charCodeAt(1))] = 1;
    }
    this.size = size;
  }

  /**
   * The next position at or after `from` where a phrase may start: its first character can start
   * one and, for phrases that begin with a letter, no letter or digit comes right before. -1 if none.
   */
  nextCandidate(text: string, from: number): number {
    const first = this.first;
    const pairs = this.pairs;
    const len = text.length;
    for (let i = from; i < len; i++) {
      const c = text.charCodeAt(i);
      const f = first[c]!;
      if (f === 0) continue;
      if ((f & START_ANYWHERE) === 0 && i > 0 && isWordFast(text.charCodeAt(i - 1))) continue;
      if ((f & ONE_CHAR) === 0 && i + 1 < len) {
        const c1 = text.charCodeAt(i + 1);
        // A soft hyphen or zero-width character may follow: let the walk decide.
        if (pairs[pairHash(foldCode(c), foldCode(c1))] === 0 && !isIgnorableCode(c1)) continue;
      }
      return i;
    }
    return -1;
  }

  /**
   * Every phrase occurring at `start`, shortest first, appended to `out`. Space runs in the text
   * match one space in a phrase; soft hyphens and zero-width characters inside a name are skipped.
   */
  walk(text: string, start: number, out: PhraseHit<T>[]): void {
    let node = this.root;
    let i = start;
    const len = text.length;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (i > start && isIgnorableCode(c)) {
        i++;
        continue;
      }
      const f = foldCode(c);
      const child = node.next?.get(f);
      if (!child) return;
      node = child;
      i++;
      if (f === 32) while (i < len && (isSpaceCode(text.charCodeAt(i)) || isIgnorableCode(text.charCodeAt(i)))) i++;
      if (node.ends) {
        for (const e of node.ends) {
          if (e.canon !== null && canonText(text.slice(start, i)) !== e.canon) continue;
          out.push({ end: i, payload: e.payload });
        }
      }
    }
  }
}
