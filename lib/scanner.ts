// The DOM side of mention detection: reads a page's visible text, hands it to the pure matcher,
// maps offsets back to StaticRanges and keeps them current as the page changes. It never
// inserts, removes or changes the page's nodes or attributes.

import { isWordCode } from '../core/matcher/chars';
import { EDGE_END, EDGE_START, type PreparedWindows } from '../core/matcher/prefilter';

export interface FoundMention {
  entityId: string;
  start: number;
  end: number;
}

/** Places in a text, ascending, one at a time. */
export interface StartCursor {
  /** The next place; -1 when there are no more; -2 when `shouldYield()` said to pause (call again). */
  next(shouldYield?: () => boolean): number;
  /** For the last place: the entities it may name when it can only be an ambiguous name, else null. */
  ambiguousOnly?(): readonly string[] | null;
  /** For the last place, when it can only be an ambiguous name: see WordEdges. */
  wordEdges?(): WordEdges;
}

/**
 * The edges of a match (EDGE_START | EDGE_END, core/matcher/prefilter) that must not touch a
 * letter or digit for it to be a name, and the match's length in the raw text (-1: unknown).
 */
export interface WordEdges {
  edges: number;
  length: number;
}

/**
 * True when a place of `raw` cannot be an ambiguous name (see WordEdges): in its own text node
 * (`at`: the node and the raw offset of its start), a letter or digit touches an edge of the
 * match that the name's word boundary needs ("SCO" in "MOSCOW", "CAC" in "EDUCACIÓN"). Within
 * one text node the block's text has the same characters side by side, so the matcher would
 * reject it; at a node's edge nothing is known, nor where the node no longer holds the place's
 * character (the page changed since `raw` was read).
 */
export function gluedInNode(at: { node: Text; start: number }, place: number, word: WordEdges, raw: string): boolean {
  const data = at.node.data;
  const o = place - at.start;
  if (data.charCodeAt(o) !== raw.charCodeAt(place)) return false;
  if ((word.edges & EDGE_START) !== 0 && o > 0 && isWordCode(data.charCodeAt(o - 1))) return true;
  return (word.edges & EDGE_END) !== 0 && word.length > 0 && o + word.length < data.length && isWordCode(data.charCodeAt(o + word.length));
}

/** What the scanner needs of the matcher (core/matcher). */
export interface MentionFinder {
  /** Mentions in `text`; `pageEvidence` holds entities the rest of the page vouches for. */
  find(text: string, pageEvidence: ReadonlySet<string>): FoundMention[];
  /** Entities whose context evidence (or an unambiguous name) occurs in `text`. */
  evidence(text: string): Set<string>;
  /**
   * The prefilter (core/matcher/prefilter): places in a subtree's raw text (its text nodes joined
   * as they are) that may lie inside a name, or with `evidenceFor`, inside one of that entity's
   * evidence words. With it, only the blocks holding such a place are read and matched; without
   * it, every block is. `kept` (core/matcher/prefilter, PreparedWindows): what a scan of the same
   * text prepared, for the next ones.
   */
  starts?(rawText: string, evidenceFor?: string, kept?: PreparedWindows): StartCursor;
}

/**
 * A block: an element that is not inline, or a shadow root for the text right in it (no element
 * around it: a web component may render its text so).
 */
export type Block = Element | ShadowRoot;

/** The element a text node is read under: its parent, or the host of the shadow root it sits right in. */
export function elementOf(node: Node): Element | null {
  const parent = node.parentNode;
  if (!parent) return null;
  return parent.nodeType === 1 ? (parent as Element) : parent.nodeType === 11 ? ((parent as Partial<ShadowRoot>).host ?? null) : null;
}

export interface PageMention {
  entityId: string;
  range: StaticRange;
  block: Block;
  /** The text nodes the mention covers (one, or several when split by inline elements). */
  nodes: Text[];
}

// Elements whose text is never read: code, form fields, non-rendered content.
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'code', 'pre', 'kbd', 'samp', 'textarea', 'input',
  'select', 'option', 'button', 'svg', 'math', 'iframe', 'object', 'canvas', 'video', 'audio',
  'head', 'title', 'meta', 'link', 'kontekst-ui',
]);

// Inline elements: their text joins the surrounding block's, so names split by a link are found.
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'label',
  'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'nobr',
  'tt', 'big', 'strike', 'ruby', 'rb', 'rp', 'rt', 'output', 'meter', 'progress', 'acronym',
]);


/** Separates blocks in the joined text: not a letter, not whitespace, so no name spans it. */
export const BLOCK_SEPARATOR = '\u0000';
/** Stands for a <br>: a line break inside a block, which a name may wrap across. */
export const LINE_BREAK = '\n';

export function isInlineName(localName: string): boolean {
  return INLINE_TAGS.has(localName);
}

/** True when the node sits inside something the scanner never reads (across shadow roots). */
export function hasSkippedAncestor(node: Node, ignore: ReadonlySet<Element>): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as Partial<ShadowRoot>).host ?? null) {
    if (n.nodeType === 1 && isSkipped(n as Element, ignore)) return true;
  }
  return false;
}

/** hidden, aria-hidden="true" or an editable area (cheap name lookups first: most elements have none). */
function hasSkipAttribute(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.hasAttribute('aria-hidden') && el.getAttribute('aria-hidden') === 'true') return true;
  return el.hasAttribute('contenteditable') && el.getAttribute('contenteditable') !== 'false';
}

export function isSkipped(el: Element, ignore: ReadonlySet<Element>): boolean {
  if (SKIP_TAGS.has(el.localName) || ignore.has(el)) return true;
  return el.hasAttributes() && hasSkipAttribute(el);
}

/** The text of a subtree, cut into block segments, with where each text node starts. */
export interface TextMap {
  text: string;
  nodes: Text[];
  starts: number[];
  /** For each node, where its text ends in `text` (its length when it was read). */
  ends: number[];
  /** For each node, the block whose segment it belongs to. */
  blocks: Block[];
  shadowRoots: ShadowRoot[];
}

/**
 * Walks `root` in document order, in slices: `step(deadline)` returns true when done. Text nodes
 * under the same block element, with no other block between them, form one segment; segments are
 * joined with BLOCK_SEPARATOR.
 */
export interface TextCollector {
  /** Walks until done or until `shouldYield()` says the slice is used up (checked every 256 nodes). */
  step(shouldYield?: () => boolean): boolean;
  result(): TextMap;
}

/**
 * A TextCollector of `root`. State in a closure, not in a class's fields: the first instance of a
 * class in a page costs a map transition per field (see prefilterScan).
 */
export function textCollector(root: Node, ignore: ReadonlySet<Element> = new Set()): TextCollector {
  // A text-only walk, like the bare FLOOR walk: elements are never visited one by one. What the
  // scanner needs to know of an element (skipped? which block?) is worked out once, for the
  // parents of text nodes and their ancestors, and kept in this map.
  const info = new Map<Element, ElementInfo>();
  const parts: string[] = [];
  const map: TextMap = { text: '', nodes: [], starts: [], ends: [], blocks: [], shadowRoots: [] };
  let length = 0;
  let lastBlock: Block | null = null;
  /** A skipped text node came since the last kept one: the next one starts a new segment. */
  let skippedSince = false;
  /** Nodes right after a <br>: text there continues the block on a new line (a name may wrap). */
  const afterBreak = new Set<Node>();
  /** A live Range just before the next node, kept across slices: the page may remove that node. */
  let bookmark: Range | null = null;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const skipRoot = root.nodeType === Node.ELEMENT_NODE && isSkipped(root as Element, ignore);
  /** For text right in a shadow root given as root: read, that root its block. */
  const rootInfo: ElementInfo | null = (root as Partial<ShadowRoot>).host ? { skip: false, block: root as ShadowRoot } : null;
  // (A shadow root has no getElementsByTagName: text right in it has its <br>s too.)
  const breaks = byTagName(root, 'br');
  for (let i = 0; breaks && i < breaks.length; i++) {
    const next = breaks[i]!.nextSibling;
    if (next) afterBreak.add(next);
  }
  let current: Node | null = skipRoot ? null : walker.nextNode();

  /** Skip state and block of an element, from its parent's (memoised; the root is the base). */
  function infoOf(el: Element): ElementInfo {
    const known = info.get(el);
    if (known) return known;
    // Text nodes lie inside the root, so climbing parents reaches the root (or, in a shadow root,
    // runs out of parents) before it could leave the subtree.
    const parent = el === root ? null : el.parentElement;
    // (An element right in a shadow root given as root: inline, its text joins the text around it.)
    const up = parent ? infoOf(parent) : el.parentNode === root ? rootInfo : null;
    const name = el.localName;
    const inline = INLINE_TAGS.has(name);
    const result: ElementInfo = {
      skip: (up !== null && up.skip) || SKIP_TAGS.has(name) || ignore.has(el) || (el.hasAttributes() && hasSkipAttribute(el)),
      block: inline && up ? up.block : el,
    };
    if (!inline) {
      const sr = el.shadowRoot;
      if (sr && sr.mode === 'open') map.shadowRoots.push(sr);
    }
    info.set(el, result);
    return result;
  }

  /**
   * Where to go on after the page removed the next node (or an ancestor) between slices: the DOM
   * moved the bookmark to the removal point, so the walk goes on with what followed it.
   */
  function resume(): Node | null {
    const r = bookmark;
    if (!r) return null;
    const container = r.startContainer;
    let next: Node | null = container.childNodes[r.startOffset] ?? null;
    for (let n: Node | null = container; !next && n && n !== root; n = n.parentNode) next = n.nextSibling;
    if (!next || !root.contains(next)) return null;
    // Continue at the first text node at or after `next`.
    walker.currentNode = next;
    const first = next.nodeType === 3 ? next : walker.nextNode();
    lastBlock = null;
    return first;
  }

  function step(shouldYield: () => boolean = () => false): boolean {
    let node = current;
    if (node && bookmark && !root.contains(node)) node = resume();
    let lastParent: Element | null = null;
    let elInfo: ElementInfo | null = null;
    let n = 0;
    while (node) {
      if ((++n & 255) === 0 && shouldYield()) break;
      const parent = node.parentElement;
      const data = (node as Text).data;
      // (A text node without a parent element in a shadow root's tree sits right in the root.)
      if ((parent || rootInfo) && data.length > 0) {
        if (!parent) {
          elInfo = rootInfo;
          lastParent = null;
        } else if (parent !== lastParent) {
          elInfo = infoOf(parent);
          lastParent = parent;
        }
        if (elInfo!.skip) {
          skippedSince = true;
        } else {
          const block = elInfo!.block;
          let sep: '' | typeof LINE_BREAK | typeof BLOCK_SEPARATOR = BLOCK_SEPARATOR;
          if (block === lastBlock) {
            sep = skippedSince ? BLOCK_SEPARATOR : afterBreak.size && (afterBreak.has(node) || (parent !== null && afterBreak.has(parent))) ? LINE_BREAK : '';
          }
          if (length > 0 && sep) {
            parts.push(sep);
            length += 1;
          }
          lastBlock = block;
          skippedSince = false;
          map.nodes.push(node as Text);
          map.starts.push(length);
          map.blocks.push(block);
          parts.push(data);
          length += data.length;
          map.ends.push(length);
        }
      }
      node = walker.nextNode();
    }
    current = node;
    if (node) {
      bookmark ??= doc.createRange();
      bookmark.setStartBefore(node);
    } else bookmark = null;
    return node === null;
  }

  return {
    step,
    result: () => {
      map.text = parts.join('');
      return map;
    },
  };
}

interface ElementInfo {
  /** Inside something never read (code, form fields, hidden, our UI...). */
  skip: boolean;
  /** The nearest ancestor-or-self that is not an inline element: text there forms one segment. */
  block: Block;
}

/** The whole text map of a subtree in one go (small subtrees, tests, the detect CLI). */
export function collectText(root: Node, ignore?: ReadonlySet<Element>): TextMap {
  const c = textCollector(root, ignore);
  c.step();
  return c.result();
}

/** Text nodes stepped over between two checks of the slice's time (see RawTextOffsets). */
const NODES_PER_CHECK = 256;

/**
 * Maps offsets of a subtree's raw text (see readRawText: its text nodes joined as they are, less
 * those of `cut`) to text nodes. Offsets must come in ascending order. A TreeWalker that shows
 * only text nodes (filtered natively) sums their lengths up to the offset: no text is copied, and
 * a page's text nodes cost about as much as FLOOR's walk of them. An offset nearer the end of the
 * text than the last node reached is found from the end, walking back (the raw text's length says
 * where the last node ends): a place in a page's footer ("Google+") or far down its text is
 * reached without walking the whole page. (Stepping over whole subtrees by their textContent
 * length copied the text of every wrapper on the path again at each level: 476k characters read
 * to place one offset in a page of 70k.)
 */
export interface RawTextOffsets {
  /**
   * The text node holding `offset` and where that node starts; null past the last node; undefined
   * when `shouldYield()` said the slice is used up (call again with the same offset).
   */
  nodeAt(offset: number, shouldYield: () => boolean): { node: Text; start: number } | null | undefined;
}

/**
 * RawTextOffsets of `root`'s raw text `raw` (its length, and the text nodes left out of it). State
 * in a closure, not in a class's fields: the first instance of a class in a page costs a map
 * transition per field (see prefilterScan).
 */
export function rawTextOffsets(root: Node, raw: Pick<RawText, 'text' | 'cut'>): RawTextOffsets {
  const doc = root.ownerDocument ?? (root as Document);
  // CDATA sections (XML documents) are text in textContent too.
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION);
  const cut = raw.cut;
  /** The raw text's length: offsets from there on are past the last node. */
  let total = raw.text.length;
  /** The last text node reached, and the raw offsets where it starts and ends. */
  let node: Text | null = null;
  let start = 0;
  let end = 0;
  /** Walking forward: the next node of `cut` to pass over. Walking back: the one after it. */
  let cutAt = 0;
  /** Walking back from the end to an offset (a walk cut short by the slice goes on that way). */
  let back = false;

  function nodeAt(offset: number, shouldYield: () => boolean): { node: Text; start: number } | null | undefined {
    if (offset >= total) return null;
    if (back || (offset >= end && total - offset < offset - end)) return walkBack(offset, shouldYield);
    // Locals in the loop: it runs once per text node, mostly in cold code.
    let cutNext = cutAt < cut.length ? cut[cutAt]! : null;
    let n0 = node;
    let s0 = start;
    let e0 = end;
    for (let n = 1; !n0 || offset >= e0; n++) {
      const next = walker.nextNode() as Text | null;
      if (!next) {
        n0 = null;
        break;
      }
      if (next === cutNext) {
        cutNext = ++cutAt < cut.length ? cut[cutAt]! : null;
        continue;
      }
      n0 = next;
      s0 = e0;
      e0 += next.length;
      if (n % NODES_PER_CHECK === 0 && offset >= e0 && shouldYield()) break;
    }
    node = n0;
    start = s0;
    end = e0;
    if (!n0) return null;
    return offset < e0 ? { node: n0, start: s0 } : undefined;
  }

  /** nodeAt walking back from the end of the text; the walk forward goes on from the node found. */
  function walkBack(offset: number, shouldYield: () => boolean): { node: Text; start: number } | null | undefined {
    /** The root's last node in document order, when it is a text node (previousNode passes it). */
    let last: Node | null = null;
    if (!back) {
      back = true;
      cutAt = cut.length;
      last = root;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
      // (The root itself is never one of its nodes, as walking forward.)
      if (last === root || (last.nodeType !== 3 && last.nodeType !== 4)) last = null;
      node = null;
      start = total;
    }
    let cutBefore = cutAt > 0 ? cut[cutAt - 1]! : null;
    for (let n = 1; !node || offset < start; n++) {
      const prev = (last ?? walker.previousNode()) as Text | null;
      last = null;
      if (!prev) {
        // The nodes hold less text than was read: the page changed since (the caller checks).
        node = null;
        break;
      }
      if (prev === cutBefore) {
        cutBefore = --cutAt > 0 ? cut[cutAt - 1]! : null;
        continue;
      }
      node = prev;
      start -= prev.length;
      if (n % NODES_PER_CHECK === 0 && offset < start && shouldYield()) break;
    }
    if (!node) {
      total = 0; // every offset is past the end from now on
      return null;
    }
    if (offset < start) return undefined;
    back = false;
    end = start + node.length;
    return { node, start };
  }

  return { nodeAt };
}

/** A <style> element with at least this many characters is left out of the raw text... */
const STYLE_MIN = 512;
/**
 * ...when the subtree's long <style> elements hold this many in all. Below that, searching their
 * text along with the rest costs less than reading the text around them (a Range per element).
 */
const CUT_MIN = 8192;

/**
 * A raw text this long or longer, with this many characters per element or more, is looked
 * through for long text nodes that are not rendered (a display:none block of 174k characters of
 * keywords on one corpus page): counting the elements costs a native walk, finding the text nodes
 * a walk in JavaScript, so only pages made of few, long text nodes pay for it.
 */
const HIDDEN_SCAN_MIN = 65_536;
const HIDDEN_SCAN_CHARS_PER_ELEMENT = 150;
/** A text node this long that is not rendered is left out of the raw text until it is. */
const HIDDEN_TEXT_MIN = 16_384;

/** A subtree's raw text (see readRawText). */
export interface RawText {
  /** Its text nodes joined as they are, without those of its long <style> elements and long hidden text. */
  text: string;
  /** The text nodes left out, in document order (RawTextOffsets passes over them). */
  cut: Text[];
  /** Those of them left out because they are not rendered (not <style> text): to read once they are. */
  hidden: Text[];
}

/** checkVisibility(): the element has a box of its own and is rendered (true where the browser lacks it). */
function visibleBox(el: Element): boolean {
  return (el as Element & { checkVisibility?: () => boolean }).checkVisibility?.() ?? true;
}

/**
 * Rendered (has a box): not under display:none, a closed <details>, content-visibility:hidden. An
 * element with display: contents has no box of its own, but its text has one if its parent (or
 * shadow host) is rendered: checkVisibility says false for it all the same.
 */
export function isRendered(el: Element): boolean {
  if (visibleBox(el)) return true;
  // Under a parent that is not rendered, nothing is. Asked first: an element inside a
  // display:none subtree has no style computed, and computing it for getComputedStyle cost 0.2 ms
  // on a page with 78k characters of CSS; the subtree's root has its style.
  const up = elementOf(el);
  if (up === null || !isRendered(up)) return false;
  return el.ownerDocument.defaultView?.getComputedStyle(el).display === 'contents';
}

/**
 * The element to watch for when `el`, not rendered, is: the outermost element of the unrendered
 * subtree holding it (the one whose parent has a box), or below it the first that is not
 * display: contents (an element without a box of its own never intersects anything, so an
 * IntersectionObserver on it would never fire). `stopAt` says an ancestor is already such a root.
 */
export function unrenderedRoot(el: Element, stopAt: (up: Element) => boolean = () => false): Element {
  const chain = [el];
  for (let up = elementOf(el); up && !visibleBox(up); up = elementOf(up)) {
    if (stopAt(up)) return up;
    chain.push(up);
  }
  // From the outermost down: the ones without a box of their own are passed over.
  for (let i = chain.length - 1; i > 0; i--) {
    const c = chain[i]!;
    if (c.ownerDocument.defaultView?.getComputedStyle(c).display !== 'contents') return c;
  }
  return el;
}

/** The text of an element with one text node (a <style>, as a rule) or none: that node, else null. */
function onlyText(el: Element): Text | null {
  const only = el.firstChild;
  return only && only === el.lastChild && only.nodeType === 3 ? (only as Text) : null;
}

/**
 * The elements named `name` in `root`, in document order: a native walk on its fast path for one
 * tag name (a shadow root, which has no getElementsByTagName, goes through querySelectorAll).
 */
function byTagName(root: Node, name: string): ArrayLike<Element> | null {
  const r = root as Partial<Element> & Partial<ParentNode>;
  return r.getElementsByTagName ? r.getElementsByTagName(name) : (r.querySelectorAll?.(name) ?? null);
}

/** The long <style> elements of `root` (outermost, in document order), or null if too little to cut. */
function longStyles(root: Node): Element[] | null {
  // One tag name. (Looking for <script> too, with a selector list or a second walk, cost about 2 %
  // of the scan over the corpus, whose pages have their scripts removed; a script's text is
  // searched with the rest, and a place there is passed over.)
  const list = byTagName(root, 'style');
  if (!list) return null;
  let out: Element[] | null = null;
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const el = list[i]!;
    const length = onlyText(el)?.length ?? el.textContent?.length ?? 0;
    // A <style> that a script put inside another goes with it.
    if (length < STYLE_MIN || (out && out[out.length - 1]!.contains(el))) continue;
    (out ??= []).push(el);
    total += length;
  }
  return out && total >= CUT_MIN ? out : null;
}

/**
 * The raw text of `root`: its textContent, natively read, less the text of its long <style>
 * elements, which the scanner never reads, and of long text nodes that are not rendered (read
 * once they are: see RawText.hidden). CSS inside the body (CSS-in-JS, markup that makes the
 * parser move the head's styles there) can be most of a page's textContent (531k of one corpus
 * page's 590k characters): copying it and searching it cost more than the rest of the scan. Where
 * it is long enough, the text around it is read with a Range, piece by piece.
 */
export function readRawText(root: Node): RawText {
  const styles = longStyles(root);
  const raw = styles ? readAround(root, styles) : { text: root.textContent ?? '', cut: [], hidden: [] };
  return raw.text.length >= HIDDEN_SCAN_MIN && fewLongTextNodes(root, raw.text.length) ? withoutHiddenText(root, raw) : raw;
}

/** The text of `root` around `styles` (outermost, in document order), read with a Range. */
function readAround(root: Node, styles: Element[]): RawText {
  const doc = root.ownerDocument ?? (root as Document);
  const range = doc.createRange();
  range.setStart(root, 0);
  const parts: string[] = [];
  const cut: Text[] = [];
  for (const el of styles) {
    range.setEndBefore(el);
    parts.push(range.toString());
    range.setStartAfter(el);
    const only = onlyText(el);
    if (only) {
      cut.push(only);
      continue;
    }
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) cut.push(n as Text);
  }
  range.setEnd(root, root.childNodes.length);
  parts.push(range.toString());
  return { text: parts.join(''), cut, hidden: [] };
}

/** Many characters per element: the text is in few, long text nodes. */
function fewLongTextNodes(root: Node, length: number): boolean {
  const elements = byTagName(root, '*')?.length ?? 0;
  return length >= HIDDEN_SCAN_CHARS_PER_ELEMENT * Math.max(1, elements);
}

/** `raw` less its long text nodes that are not rendered (found by a walk of the text nodes). */
function withoutHiddenText(root: Node, raw: RawText): RawText {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION);
  const cut: Text[] = [];
  const hidden: Text[] = [];
  const parts: string[] = [];
  let k = 0;
  let at = 0;
  let from = 0;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (n === raw.cut[k]) {
      cut.push(n);
      k++;
      continue;
    }
    const length = n.length;
    // (The parent only of a long node: a wrapper made for every text node's parent cost 0.05 ms on
    // a page of 318 nodes.)
    const parent = length >= HIDDEN_TEXT_MIN ? n.parentElement : null;
    if (parent && !isRendered(parent)) {
      parts.push(raw.text.slice(from, at));
      from = at + length;
      cut.push(n);
      hidden.push(n);
    }
    at += length;
  }
  if (!hidden.length) return raw;
  parts.push(raw.text.slice(from));
  return { text: parts.join(''), cut, hidden };
}

/** The nearest ancestor of a text node that is not an inline element (body and html stop the climb). */
export function blockOfText(node: Node): Node {
  let n: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (n && n.nodeType === 1) {
    const el = n as Element;
    const name = el.localName;
    if (name === 'body' || name === 'html' || !INLINE_TAGS.has(name)) return el;
    n = el.parentNode;
  }
  return n ?? node;
}

/** Index of the last node starting at or before `offset`. */
function nodeIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The page still holds, in nodes si..ei, the text the map read for [start, end). */
function unchanged(map: TextMap, si: number, ei: number, start: number, end: number): boolean {
  for (let k = si; k <= ei; k++) {
    const node = map.nodes[k]!;
    const from = map.starts[k]!;
    const a = Math.max(start, from);
    const b = Math.min(end, map.ends[k]!);
    if (!node.isConnected) return false;
    if (a < b && node.data.slice(a - from, b - from) !== map.text.slice(a, b)) return false;
  }
  return true;
}

/**
 * Maps matcher offsets on a TextMap back to StaticRanges over the page's text nodes. Offsets
 * whose text the page has changed or removed since it was read are left out.
 */
export function toPageMentions(map: TextMap, found: FoundMention[]): PageMention[] {
  const out: PageMention[] = [];
  for (const m of found) {
    const si = nodeIndexAt(map.starts, m.start);
    const ei = nodeIndexAt(map.starts, m.end - 1);
    const sNode = map.nodes[si];
    const eNode = map.nodes[ei];
    if (!sNode || !eNode) continue;
    const startOffset = m.start - map.starts[si]!;
    const endOffset = m.end - map.starts[ei]!;
    if (startOffset > sNode.data.length || endOffset > eNode.data.length) continue;
    if (!unchanged(map, si, ei, m.start, m.end)) continue;
    out.push({
      entityId: m.entityId,
      block: map.blocks[si]!,
      nodes: si === ei ? [sNode] : map.nodes.slice(si, ei + 1),
      range: new StaticRange({ startContainer: sNode, startOffset, endContainer: eNode, endOffset }),
    });
  }
  return out;
}
