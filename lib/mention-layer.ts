// Keeps the page's mentions found, painted and current: a sliced first scan, then incremental
// rescans of what the page changes. Stops cleanly on abort (site switched off, extension updated).
import type { PreparedWindows } from '../core/matcher/prefilter';
import {
  BLOCK_SEPARATOR,
  type RawTextOffsets,
  rawTextOffsets,
  textCollector,
  blockOfText,
  elementOf,
  gluedInNode,
  hasSkippedAncestor,
  isInlineName,
  isRendered,
  unrenderedRoot,
  readRawText,
  toPageMentions,
  type Block,
  type FoundMention,
  type MentionFinder,
  type PageMention,
  type RawText,
  type StartCursor,
  type TextMap,
  type WordEdges,
} from './scanner';

export const MENTION_HIGHLIGHT = 'kontekst-mention';

const SLICE_MS = 8;
/** The matcher reads the page in pieces of about this many characters, cut between blocks. */
const CHUNK_CHARS = 32_768;
/**
 * The text matched around a place of the prefilter: the longest name (181 characters) and the
 * context of its confusables fit, with room for space runs.
 */
export const WINDOW_BEFORE = 160;
export const WINDOW_AFTER = 448;
/** A burst of page changes (live blog, SPA render) is rescanned once, this long after it starts. */
const FLUSH_DELAY_MS = 100;
/** How far beyond the viewport a box counts as rendered for the watch on hidden text (see watch). */
const RENDER_MARGIN = '1000000px';
/** Attributes that make an element skipped or read again (see isSkipped). */
const WATCHED_ATTRIBUTES = ['hidden', 'aria-hidden', 'contenteditable'];

export interface LayerOptions {
  /** Our own UI: never scanned, its mutations ignored. */
  ignore?: Set<Element>;
  /** Called (debounced by the caller if needed) when the set of mentions changes. */
  onChange?: (layer: MentionLayer) => void;
  /** Longest slice of main-thread work, in ms. */
  sliceMs?: number;
}

/** Yields to the event loop so input and paint can run between slices. */
function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((ok) => setTimeout(ok, 0));
}

/** Page evidence that vouches for every entity: shows which ambiguous names a text holds. */
class EveryEntity extends Set<string> {
  override has(): boolean {
    return true;
  }
}
const EVERY_ENTITY: ReadonlySet<string> = new EveryEntity();

/** A scan of a subtree whose raw text start() has read and begun to search. */
interface Begun {
  raw: RawText;
  cursor: StartCursor;
  /** The cursor's first answer (a place, or a pause). */
  first: number;
  /** The layer's change count when the text was read. */
  changes: number;
}

/** The mentions read from one block element. */
interface BlockState {
  /** Painted and counted. */
  shown: PageMention[];
  /** Ambiguous names ("SCO", "上合") the page has not vouched for yet. */
  waiting: PageMention[];
  /** In text that is not rendered; shown when it is (an IntersectionObserver watches its element). */
  hidden: PageMention[];
}

function parentOrHost(n: Node): Node | null {
  return n.parentNode ?? (n as Partial<ShadowRoot>).host ?? null;
}

export class MentionLayer {
  private readonly byBlock = new Map<Block, BlockState>();
  private readonly byNode = new Map<Text, PageMention[]>();
  private readonly hiddenByElement = new Map<Element, Set<PageMention>>();
  /**
   * Places in text that is not rendered, left unread: per element watched (the place's parent),
   * the blocks to read once it is rendered. (Hidden menus and link lists can hold many places;
   * reading and matching them before anyone can see them is wasted on most pages.)
   */
  private readonly unreadByElement = new Map<Element, Set<Node>>();
  /** Blocks to read again at the next flush (their unread hidden text became rendered). */
  private readonly toRescan = new Set<Node>();
  /** The element each hidden mention waits on (its text node may move before it is dropped). */
  private readonly hiddenOn = new Map<PageMention, Element>();
  private readonly pageEvidence = new Set<string>();
  /**
   * The mention highlight, made and put in CSS.highlights with the first mention painted (most
   * pages have none, and a page's first registration costs a fraction of a millisecond).
   */
  private highlight: Highlight | null = null;
  private observer: MutationObserver | null = null;
  private renderObserver: IntersectionObserver | null = null;
  /** Per element the observer watches (see unrenderedRoot), the unrendered elements waiting on it; and back. */
  private readonly waitersOn = new Map<Element, Set<Element>>();
  private readonly watchedFor = new Map<Element, Element>();
  private pending: MutationRecord[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** A scan or rescan is running; changes meanwhile wait for the next flush. */
  private busy = false;
  private stopped = false;
  private waitingCount = 0;
  private deadline = 0;
  private readonly ignore: Set<Element>;
  private readonly budget: number;
  private readonly observedRoots = new Set<Node>();
  /**
   * With the prefilter, page evidence is read only for entities with an ambiguous name waiting:
   * these entities' evidence has been looked for in the whole page (and is looked for in every
   * rescan until it is found).
   */
  private readonly evidenceSought = new Set<string>();
  /**
   * Entities with places the scans left unread: places that can only be ambiguous names of them
   * while nothing on the page vouched for them ("Google" on a page that never mentions Russia).
   * They are looked for again once evidence for one of them shows up (readDeferred).
   */
  private readonly deferred = new Set<string>();
  /** The places deferred by the scan of one raw text (start's, of the body): found again for free. */
  private deferredIn: { raw: RawText; places: { place: number; entities: readonly string[]; word?: WordEdges }[] } | null = null;
  /** Raw texts read (see rawText), with the change count they were read at. */
  private readonly raws = new Map<Node, { raw: RawText; changes: number }>();
  /** What the prefilter's scans of a raw text prepared, for its next scans (see places). */
  private readonly prepared = new WeakMap<RawText, PreparedWindows>();
  /** Mutation records received so far. */
  private changes = 0;
  /** A scan of deferred blocks is running: nothing is deferred again. */
  private deferOff = false;

  constructor(
    private readonly doc: Document,
    private readonly finder: MentionFinder,
    private readonly opts: LayerOptions = {},
  ) {
    this.ignore = opts.ignore ?? new Set();
    this.budget = opts.sliceMs ?? SLICE_MS;
  }

  /** Scans the page in slices, paints, then follows changes. Resolves when the first scan is done. */
  async start(): Promise<void> {
    this.busy = true;
    // The whole document is observed, so a replaced <body> (or <html>) is seen; our UI host is
    // skipped. (The document itself, not its element: no wrapper made for <html>, 0.025 ms.)
    this.observe(this.doc);
    const root = this.doc.body ?? this.doc.documentElement;
    // With the prefilter, page evidence (the title's too) is read only when a name needs it.
    if (this.finder.starts) {
      // Most pages hold no place where a name could be: they are done after one native text
      // read and a few native searches, without going further into the scan.
      this.startSlice();
      const raw = this.readRaw(root);
      const changes = this.changes;
      this.raws.set(root, { raw, changes });
      // A big page's text alone can use up the slice (2 MB: about 12 ms): the search waits.
      if (this.sliceUsed() && (await this.pause())) return;
      const cursor = this.places(raw);
      let first = cursor.next(() => this.sliceUsed());
      // Places that can only be ambiguous names are left for later (nothing vouches for any yet).
      for (let only = cursor.ambiguousOnly?.(); first >= 0 && only; only = cursor.ambiguousOnly?.()) {
        this.defer(raw, first, only, cursor.wordEdges?.());
        first = cursor.next(() => this.sliceUsed());
      }
      if (first !== -1) await this.scan([root], { raw, cursor, first, changes });
      if (this.stopped || (this.deferred.size > 0 && !(await this.readDeferred([root], raw)))) return;
    } else {
      this.addEvidence(this.doc.title);
      await this.scan([root]);
    }
    if (this.stopped) return;
    this.raws.clear();
    this.busy = false;
    this.opts.onChange?.(this);
    if (this.pending.length || this.toRescan.size) this.scheduleFlush();
    // The text walk meets shadow hosts only through their light-DOM text; hosts without any are
    // found by this element walk, in a task of its own after the scan (the page paints first).
    setTimeout(() => void this.discoverShadowRoots(root), 0);
  }

  /** Walks every element of `root` in slices for open shadow roots not scanned yet. */
  private async discoverShadowRoots(root: Node): Promise<void> {
    if (this.stopped) return;
    this.startSlice();
    const found = await this.shadowRootsIn([root]);
    if (!found?.length || this.stopped) return;
    for (const sr of found) this.observe(sr);
    this.busy = true;
    await this.scan(found);
    if (this.stopped || !(await this.readDeferred(found))) return;
    this.busy = false;
    this.opts.onChange?.(this);
    if (this.pending.length || this.toRescan.size) this.scheduleFlush();
  }

  /**
   * The open shadow roots not scanned yet of the elements `roots` and their descendants, walked in
   * slices; null when stopped meanwhile.
   */
  private async shadowRootsIn(roots: Node[]): Promise<ShadowRoot[] | null> {
    const found: ShadowRoot[] = [];
    let n = 0;
    for (const root of roots) {
      if (root.nodeType !== 1) continue;
      const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      for (let el: Element | null = root as Element; el; el = walker.nextNode() as Element | null) {
        const sr = el.shadowRoot;
        if (sr && sr.mode === 'open' && !this.observedRoots.has(sr) && !this.ignore.has(el)) found.push(sr);
        if ((++n & 1023) === 0 && this.sliceUsed() && (await this.pause())) return null;
      }
    }
    return found;
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    this.renderObserver?.disconnect();
    this.renderObserver = null;
    this.pending = [];
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.highlight && CSS.highlights.get(MENTION_HIGHLIGHT) === this.highlight) CSS.highlights.delete(MENTION_HIGHLIGHT);
    this.highlight?.clear();
    this.highlight = null;
    this.byBlock.clear();
    this.byNode.clear();
    this.hiddenByElement.clear();
    this.unreadByElement.clear();
    this.toRescan.clear();
    this.hiddenOn.clear();
    this.waitersOn.clear();
    this.watchedFor.clear();
    this.deferred.clear();
    this.raws.clear();
  }

  get size(): number {
    return this.highlight?.size ?? 0;
  }

  /** All painted mentions in document order. */
  mentions(): PageMention[] {
    const all: PageMention[] = [];
    for (const s of this.byBlock.values()) all.push(...s.shown);
    return all.sort(compareMentions);
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.byBlock.values()) for (const m of s.shown) out[m.entityId] = (out[m.entityId] ?? 0) + 1;
    return out;
  }

  /** The mention covering a caret position (from caretPositionFromPoint), if any. */
  mentionAt(node: Node, offset: number): PageMention | null {
    const list = this.byNode.get(node as Text);
    if (!list) return null;
    for (const m of list) {
      const r = m.range;
      const afterStart = node !== r.startContainer || offset >= r.startOffset;
      const beforeEnd = node !== r.endContainer || offset <= r.endOffset;
      if (afterStart && beforeEnd) return m;
    }
    return null;
  }

  // ---- slicing -------------------------------------------------------------------------------

  private startSlice(): void {
    this.deadline = performance.now() + this.budget;
  }

  private sliceUsed(): boolean {
    return performance.now() > this.deadline;
  }

  /** Yields to the page; true when the layer was stopped meanwhile. */
  private async pause(): Promise<boolean> {
    await yieldToMain();
    this.startSlice();
    return this.stopped;
  }

  // ---- scanning ------------------------------------------------------------------------------

  private addEvidence(text: string): boolean {
    if (!text) return false;
    const before = this.pageEvidence.size;
    for (const id of this.finder.evidence(text)) this.pageEvidence.add(id);
    return this.pageEvidence.size > before;
  }

  /** Reads, matches and paints the subtrees `roots` (and the open shadow roots found in them). */
  private async scan(roots: Node[], begun?: Begun): Promise<void> {
    this.startSlice();
    const queue = [...roots];
    for (let i = 0; i < queue.length; i++) {
      const root = queue[i]!;
      const shadowRoots = this.finder.starts ? await this.scanCandidates(root, i === 0 ? begun : undefined) : await this.scanWhole(root);
      if (!shadowRoots) return;
      // Open shadow roots are scanned (and followed) as their own trees.
      for (const sr of shadowRoots) {
        if (queue.includes(sr)) continue;
        this.observe(sr);
        queue.push(sr);
      }
    }
    if (this.finder.starts && !(await this.readEvidence(queue))) return;
    this.promoteWaiting();
  }

  /** Reads and matches every block of `root`; returns the shadow roots met, null when stopped. */
  private async scanWhole(root: Node, skip: ReadonlySet<Element> = this.ignore): Promise<ShadowRoot[] | null> {
    const collector = textCollector(root, skip);
    while (!collector.step(() => this.sliceUsed())) {
      if (await this.pause()) return null;
    }
    const map = collector.result();
    if (!(await this.match(map))) return null;
    return map.shadowRoots;
  }

  /**
   * The fast way to the same result: the prefilter searches the subtree's raw text (native reads,
   * see readRawText, and native regex searches), and only the blocks holding a place where a
   * name may start are read and matched. Most blocks of most pages have none, so most of a page
   * is never walked in JavaScript. Returns the shadow roots met, null when stopped.
   */
  private async scanCandidates(root: Node, begun?: Begun): Promise<ShadowRoot[] | null> {
    const raw = begun?.raw ?? (await this.rawText(root));
    if (raw === false) return null;
    // Changes the page made after its text was read shift every offset after them.
    const changesAtRead = begun ? begun.changes : this.changes;
    const shadowRoots: ShadowRoot[] = [];
    if (!raw.text) return shadowRoots;
    const cursor = begun?.cursor ?? this.places(raw);
    if (begun?.first === -2 && (await this.pause())) return null;
    const offsets = rawTextOffsets(root, raw);
    /** Blocks read (a later, outer block leaves them out) and the text nodes read with them. */
    const read = new Set<Element>(this.ignore);
    const covered = new Set<Text>();
    const skipped = new Set<Node>();
    const shouldYield = (): boolean => this.sliceUsed();
    /** A place read ahead (by start, or while gathering a block's places), for the next turn. */
    let carried = begun && begun.first >= 0 ? begun.first : -1;
    for (;;) {
      const p = carried >= 0 ? carried : await this.nextPlace(cursor);
      carried = -1;
      if (p === false) return null;
      if (p < 0) break;
      const only = this.deferOff ? null : (cursor.ambiguousOnly?.() ?? null);
      const word = only ? cursor.wordEdges?.() : undefined;
      if (only && !only.some((e) => this.pageEvidence.has(e))) {
        this.defer(raw, p, only, word);
        continue;
      }
      const at = await this.nodeAt(offsets, p);
      if (at === false) return null;
      if (at === null) break;
      // The page changed what was read (between slices): read the rest the slow, sure way.
      if (this.changes !== changesAtRead || at.node.data.charCodeAt(p - at.start) !== raw.text.charCodeAt(p)) {
        return this.scanWhole(root, read);
      }
      // An ambiguous name glued to a word in its own text node is none ("SCO" in "MOSCOW").
      if (word && gluedInNode(at, p, word, raw.text)) continue;
      const node = at.node;
      const parent = elementOf(node);
      if (covered.has(node) || !parent) continue;
      const block = blockOfText(node);
      if (read.has(block as Element) || skipped.has(block)) continue;
      // Text that is not rendered (display:none, a closed <details>) is read when it is; a
      // hidden list's further places are passed over at once.
      if (this.unreadByElement.get(parent)?.has(block)) continue;
      if (hasSkippedAncestor(block, this.ignore)) {
        skipped.add(block);
        continue;
      }
      if (!isRendered(parent)) {
        this.waitOn(this.unreadByElement, parent, block);
        continue;
      }
      const collector = textCollector(block, read);
      while (!collector.step(shouldYield)) {
        if (await this.pause()) return null;
      }
      const map = collector.result();
      if (block.nodeType === 1) read.add(block as Element);
      for (const n of map.nodes) covered.add(n);
      shadowRoots.push(...map.shadowRoots);
      // Gather the block's other places, then match around them only: the matcher's first
      // run is slow JavaScript, so it reads a few hundred characters, not the whole block.
      const index = new Map<Text, number>();
      map.nodes.forEach((n, i) => index.set(n, i));
      const anchors: number[] = [];
      const add = (node: Text, rawOffset: number): void => {
        const i = index.get(node);
        if (i !== undefined) anchors.push(map.starts[i]! + rawOffset);
      };
      add(node, p - at.start);
      for (;;) {
        const q = await this.nextPlace(cursor);
        if (q === false) return null;
        if (q < 0) break;
        const next = await this.nodeAt(offsets, q);
        if (next === false) return null;
        if (this.changes !== changesAtRead) {
          // The page changed while this paused: the block as read is matched whole, the rest of
          // the page read the slow, sure way.
          if (!(await this.match(map))) return null;
          return this.scanWhole(root, read);
        }
        if (next === null) break;
        if (!block.contains(next.node)) {
          carried = q;
          break;
        }
        add(next.node, q - next.start);
      }
      if (!(await this.matchAround(map, anchors))) return null;
      if (this.sliceUsed() && (await this.pause())) return null;
    }
    return shadowRoots;
  }

  /**
   * A subtree's raw text (see readRawText: native reads, long on a big page, so it starts a slice
   * when this one is used up). Kept while the page reports no change, so the evidence passes of
   * several entities read a big page once. False when stopped.
   */
  private async rawText(root: Node): Promise<RawText | false> {
    const kept = this.raws.get(root);
    if (kept && kept.changes === this.changes) return kept.raw;
    if (this.sliceUsed() && (await this.pause())) return false;
    const raw = this.readRaw(root);
    this.raws.set(root, { raw, changes: this.changes });
    return raw;
  }

  /** readRawText, and long text left out because it is not rendered is read when it is. */
  private readRaw(root: Node): RawText {
    const raw = readRawText(root);
    for (const node of raw.hidden) {
      const parent = elementOf(node);
      if (parent) this.waitOn(this.unreadByElement, parent, blockOfText(node));
    }
    return raw;
  }

  /**
   * The prefilter's places in a raw text (or the title): names, or evidence words of
   * `evidenceFor`. A raw text's scans share what they prepare (see PreparedWindows).
   */
  private places(raw: RawText | string, evidenceFor?: string): StartCursor {
    if (typeof raw === 'string') return this.finder.starts!(raw, evidenceFor);
    let kept = this.prepared.get(raw);
    if (!kept) this.prepared.set(raw, (kept = new Map()));
    return this.finder.starts!(raw.text, evidenceFor, kept);
  }

  /** The cursor's next place (-1: no more), pausing as asked; false when stopped. */
  private async nextPlace(cursor: StartCursor): Promise<number | false> {
    for (;;) {
      const p = cursor.next(() => this.sliceUsed());
      if (p !== -2) return p;
      if (await this.pause()) return false;
    }
  }

  /** The text node holding a raw offset (see RawTextOffsets), pausing as needed; false when stopped. */
  private async nodeAt(offsets: RawTextOffsets, offset: number): Promise<{ node: Text; start: number } | null | false> {
    const shouldYield = (): boolean => this.sliceUsed();
    let at = offsets.nodeAt(offset, shouldYield);
    while (at === undefined) {
      if (await this.pause()) return false;
      at = offsets.nodeAt(offset, shouldYield);
    }
    return at;
  }

  /** Leaves a place of `raw` unread: it can only be an ambiguous name of `entities`. */
  private defer(raw: RawText, place: number, entities: readonly string[], word?: WordEdges): void {
    for (const e of entities) this.deferred.add(e);
    if (this.deferredIn?.raw !== raw) this.deferredIn = { raw, places: [] };
    this.deferredIn.places.push({ place, entities, word });
  }

  /**
   * Reads what was left unread for entities the page now vouches for, or whose evidence words
   * the prefilter finds in the title or in `roots` (just scanned; `raw`: the first root's text
   * if known): their places are found again in the whole page and their blocks read as a
   * rescan, so nothing is counted twice. False when stopped.
   */
  private async readDeferred(roots: Node[], raw?: RawText): Promise<boolean> {
    if (this.deferred.size === 0 || !this.finder.starts) return true;
    let texts: (RawText | string)[] | null = null;
    const live = new Set<string>();
    for (const e of this.deferred) {
      if (this.pageEvidence.has(e)) {
        live.add(e);
        continue;
      }
      if (!texts) {
        texts = [this.doc.title];
        for (const r of roots) {
          if (!r.isConnected) continue;
          const t = r === roots[0] && raw !== undefined ? raw : await this.rawText(r);
          if (t === false) return false;
          texts.push(t);
        }
      }
      if (texts.some((t) => t !== '' && this.places(t, e).next() >= 0)) live.add(e);
    }
    if (live.size === 0) return true;
    for (const e of live) this.deferred.delete(e);
    // The blocks of those places, in every tree read. Right after start's scan of the body, the
    // places it deferred are known.
    const blocks = new Set<Node>();
    const known = this.deferredIn;
    this.deferredIn = null;
    // (Only if the page has not changed since start read its text.)
    if (known && raw === known.raw && roots.length === 1 && this.observedRoots.size === 1 && this.changes === 0) {
      const offsets = rawTextOffsets(roots[0]!, known.raw);
      for (const { place, entities, word } of known.places) {
        if (!entities.some((e) => live.has(e))) continue;
        const at = await this.nodeAt(offsets, place);
        if (at === false) return false;
        if (at === null) break;
        if (word && gluedInNode(at, place, word, known.raw.text)) continue;
        if (elementOf(at.node)) blocks.add(blockOfText(at.node));
      }
    } else {
      for (const root of this.trees()) {
        if (!root.isConnected) continue;
        const text = root === roots[0] && raw !== undefined ? raw : await this.rawText(root);
        if (text === false) return false;
        const cursor = this.places(text);
        const offsets = rawTextOffsets(root, text);
        for (;;) {
          const p = await this.nextPlace(cursor);
          if (p === false) return false;
          if (p < 0) break;
          const only = cursor.ambiguousOnly?.();
          if (!only || !only.some((e) => live.has(e))) continue;
          const word = cursor.wordEdges?.();
          const at = await this.nodeAt(offsets, p);
          if (at === false) return false;
          if (at === null) break;
          if (word && gluedInNode(at, p, word, text.text)) continue;
          if (elementOf(at.node)) blocks.add(blockOfText(at.node));
        }
      }
    }
    const outer = new Set([...blocks].filter((b) => !MentionLayer.hasAncestorIn(b, blocks) && !hasSkippedAncestor(b, this.ignore)));
    if (outer.size === 0) return true;
    for (const block of [...this.byBlock.keys()]) {
      if (outer.has(block) || MentionLayer.hasAncestorIn(block, outer)) this.dropBlock(block);
    }
    this.deferOff = true;
    try {
      await this.scan([...outer]);
    } finally {
      this.deferOff = false;
    }
    return !this.stopped;
  }

  /** Every tree read: the body and the open shadow roots (text outside <body> is never read). */
  private trees(): Node[] {
    return [...this.observedRoots].map((r) => (r === this.doc ? (this.doc.body ?? this.doc.documentElement ?? r) : r));
  }

  /** Entities with an ambiguous name waiting for evidence. */
  private waitingEntities(): Set<string> {
    const ids = new Set<string>();
    if (this.waitingCount === 0) return ids;
    for (const state of this.byBlock.values()) for (const m of state.waiting) ids.add(m.entityId);
    return ids;
  }

  /**
   * Page evidence for the entities whose ambiguous names wait, read only where their evidence
   * prefilter finds a place, and only until the entity is vouched for: from the whole page the
   * first time one of its names waits, then from every subtree rescanned. False when stopped.
   */
  private async readEvidence(scanned: Node[]): Promise<boolean> {
    const waiting = this.waitingEntities();
    for (const id of this.evidenceSought) if (!this.pageEvidence.has(id)) waiting.add(id);
    for (const id of waiting) {
      if (this.pageEvidence.has(id)) continue;
      let roots = scanned;
      if (!this.evidenceSought.has(id)) {
        if (this.evidenceSought.size === 0) this.addEvidence(this.doc.title);
        this.evidenceSought.add(id);
        roots = this.trees();
      }
      for (const root of roots) {
        if (this.pageEvidence.has(id)) break;
        if (!(await this.readEvidenceIn(root, id))) return false;
      }
    }
    return true;
  }

  /** Reads the blocks of `root` where an evidence word of `id` may be, until `id` is vouched for. */
  private async readEvidenceIn(root: Node, id: string): Promise<boolean> {
    if (!root.isConnected) return true;
    const raw = await this.rawText(root);
    if (raw === false) return false;
    const cursor = this.places(raw, id);
    const offsets = rawTextOffsets(root, raw);
    /** Blocks met: null once read whole (or skipped); a long block's map, read around each place. */
    const blocks = new Map<Node, { map: TextMap; index: Map<Text, number> } | null>();
    const shouldYield = (): boolean => this.sliceUsed();
    while (!this.pageEvidence.has(id)) {
      const p = await this.nextPlace(cursor);
      if (p === false) return false;
      if (p < 0) break;
      const at = await this.nodeAt(offsets, p);
      if (at === false) return false;
      if (at === null) break;
      if (!elementOf(at.node)) continue;
      const block = blockOfText(at.node);
      let entry = blocks.get(block);
      if (entry === null) continue;
      if (entry === undefined) {
        blocks.set(block, null);
        if (hasSkippedAncestor(block, this.ignore)) continue;
        const collector = textCollector(block, this.ignore);
        while (!collector.step(shouldYield)) {
          if (await this.pause()) return false;
        }
        const map = collector.result();
        entry = { map, index: new Map(map.nodes.map((n, i) => [n, i])) };
        blocks.set(block, entry);
      }
      if (entry) {
        const i = entry.index.get(at.node);
        if (i !== undefined) {
          const o = entry.map.starts[i]! + (p - at.start);
          this.addEvidence(entry.map.text.slice(Math.max(0, o - WINDOW_BEFORE), o + WINDOW_AFTER));
        }
      }
      if (this.sliceUsed() && (await this.pause())) return false;
    }
    return true;
  }

  /**
   * Runs the matcher over a map's text in chunks cut at block separators, yielding between them.
   * Evidence accumulates chunk by chunk; ambiguous names it has not confirmed yet wait and are
   * promoted once the whole text (or a later change) vouches for them, so the result equals one
   * call on the whole page. False when stopped.
   */
  private async match(map: TextMap): Promise<boolean> {
    const text = map.text;
    const visible = new Map<Element, boolean>();
    let from = 0;
    while (from < text.length) {
      let to = Math.min(text.length, from + CHUNK_CHARS);
      if (to < text.length) {
        const sep = text.indexOf(BLOCK_SEPARATOR, to);
        to = sep < 0 ? text.length : sep;
      }
      this.matchChunk(map, from, to, visible);
      from = to + 1;
      if (from < text.length && this.sliceUsed() && (await this.pause())) return false;
    }
    return true;
  }

  /**
   * Matches a block only around the places the prefilter found in it (`anchors`, offsets into the
   * map's text, ascending): names are short, so a window of text around each is enough (a long
   * forum post or a text dump in one element costs no more than a paragraph), and only a mention
   * holding an anchor counts (one cut by a window's edge cannot). False when stopped.
   */
  private async matchAround(map: TextMap, anchors: number[]): Promise<boolean> {
    const visible = new Map<Element, boolean>();
    const len = map.text.length;
    const holdsAnchor = (m: FoundMention): boolean => anchors.some((a) => a >= m.start && a < m.end);
    for (let i = 0; i < anchors.length; ) {
      const from = Math.max(0, anchors[i]! - WINDOW_BEFORE);
      let to = Math.min(len, anchors[i]! + WINDOW_AFTER);
      for (i++; i < anchors.length && anchors[i]! - WINDOW_BEFORE <= to; i++) to = Math.min(len, anchors[i]! + WINDOW_AFTER);
      this.matchChunk(map, from, to, visible, holdsAnchor);
      if (i < anchors.length && this.sliceUsed() && (await this.pause())) return false;
    }
    return true;
  }

  /** Matches `map.text` from `from` to `to`: paints what counts, keeps ambiguous names waiting. */
  private matchChunk(map: TextMap, from: number, to: number, visible: Map<Element, boolean>, keep?: (m: FoundMention) => boolean): void {
    const text = map.text;
    const chunk = from === 0 && to === text.length ? text : text.slice(from, to);
    this.addEvidence(chunk);
    // Same string three times: the matcher scans it once (it caches its last scan).
    const found = this.finder.find(chunk, this.pageEvidence);
    const candidates = this.finder.find(chunk, EVERY_ENTITY);
    const accepted: FoundMention[] = [];
    const waiting: FoundMention[] = [];
    let k = 0;
    for (const c of candidates) {
      const f = found[k];
      const shifted = { entityId: c.entityId, start: c.start + from, end: c.end + from };
      const isFound = f !== undefined && f.start === c.start && f.end === c.end;
      if (isFound) k++;
      if (keep && !keep(shifted)) continue;
      if (isFound) accepted.push(shifted);
      else waiting.push(shifted);
    }
    for (const m of toPageMentions(map, accepted)) this.place(m, visible);
    for (const m of toPageMentions(map, waiting)) this.stateOf(m.block).waiting.push(m);
    this.waitingCount += waiting.length;
  }

  private stateOf(block: Block): BlockState {
    let s = this.byBlock.get(block);
    if (!s) this.byBlock.set(block, (s = { shown: [], waiting: [], hidden: [] }));
    return s;
  }

  /** Paints a mention, or keeps it hidden until its text is rendered. */
  private place(m: PageMention, visible?: Map<Element, boolean>): void {
    const el = elementOf(m.range.startContainer);
    let rendered = true;
    if (el) {
      rendered = visible?.get(el) ?? isRendered(el);
      visible?.set(el, rendered);
    }
    const state = this.stateOf(m.block);
    if (rendered || !el) {
      state.shown.push(m);
      for (const n of m.nodes) {
        const at = this.byNode.get(n);
        if (at) at.push(m);
        else this.byNode.set(n, [m]);
      }
      if (!this.highlight) {
        this.highlight = new Highlight();
        this.highlight.priority = 0;
        CSS.highlights.set(MENTION_HIGHLIGHT, this.highlight);
      }
      this.highlight.add(m.range);
      return;
    }
    state.hidden.push(m);
    this.hiddenOn.set(m, el);
    this.waitOn(this.hiddenByElement, el, m);
  }

  /**
   * Files `item` (a hidden mention, or the block of an unread place) under `el`, which is not
   * rendered, and watches `el` for when it is.
   */
  private waitOn<T>(byElement: Map<Element, Set<T>>, el: Element, item: T): void {
    let set = byElement.get(el);
    if (!set) {
      byElement.set(el, (set = new Set()));
      this.watch(el);
    }
    set.add(item);
  }

  /**
   * Watches an element that is not rendered for when it is: an element that gets a box anywhere
   * on the page starts to intersect a viewport widened by RENDER_MARGIN. (A ResizeObserver misses
   * an inline element: its size is 0 by definition, rendered or not.) The element observed is the
   * root of the unrendered subtree holding `el` (unrenderedRoot), which gets a box when it is shown
   * even where `el` has none of its own (display: contents).
   */
  private watch(el: Element): void {
    const root = unrenderedRoot(el, (up) => this.waitersOn.has(up));
    this.watchedFor.set(el, root);
    const waiters = this.waitersOn.get(root);
    if (waiters) {
      waiters.add(el);
      return;
    }
    this.waitersOn.set(root, new Set([el]));
    this.renderObserver ??= new IntersectionObserver((entries) => this.onRendered(entries), { rootMargin: RENDER_MARGIN });
    this.renderObserver.observe(root);
  }

  /** Stops watching `el` when no hidden mention or unread place waits on it. */
  private unwatch(el: Element): void {
    if (this.hiddenByElement.has(el) || this.unreadByElement.has(el)) return;
    const root = this.watchedFor.get(el);
    if (!root) return;
    this.watchedFor.delete(el);
    const waiters = this.waitersOn.get(root);
    waiters?.delete(el);
    if (waiters?.size) return;
    this.waitersOn.delete(root);
    this.renderObserver?.unobserve(root);
  }

  private onRendered(entries: IntersectionObserverEntry[]): void {
    if (this.stopped) return;
    let changed = false;
    const shown: Element[] = [];
    for (const e of entries) {
      const waiters = this.waitersOn.get(e.target);
      if (!waiters || !isRendered(e.target)) continue;
      this.waitersOn.delete(e.target);
      this.renderObserver?.unobserve(e.target);
      for (const el of waiters) {
        this.watchedFor.delete(el);
        shown.push(el);
      }
    }
    for (const el of shown) {
      const set = this.hiddenByElement.get(el);
      const unread = this.unreadByElement.get(el);
      if (!set && !unread) continue;
      // Still not rendered (under another hidden element inside the one shown): watched anew.
      if (!isRendered(el)) {
        this.watch(el);
        continue;
      }
      this.hiddenByElement.delete(el);
      this.unreadByElement.delete(el);
      if (unread) {
        for (const block of unread) this.toRescan.add(block);
        this.scheduleFlush();
      }
      if (!set) continue;
      for (const m of set) {
        this.hiddenOn.delete(m);
        const state = this.byBlock.get(m.block);
        const at = state ? state.hidden.indexOf(m) : -1;
        if (!state || at < 0) continue;
        state.hidden.splice(at, 1);
        if (m.nodes.every((n) => n.isConnected)) this.place(m);
        changed = true;
      }
    }
    if (changed) this.opts.onChange?.(this);
  }

  /** Ambiguous names the page now vouches for become mentions. */
  private promoteWaiting(): void {
    if (this.waitingCount === 0) return;
    const visible = new Map<Element, boolean>();
    for (const state of this.byBlock.values()) {
      if (!state.waiting.length) continue;
      const keep: PageMention[] = [];
      for (const m of state.waiting) {
        if (!this.pageEvidence.has(m.entityId)) keep.push(m);
        else if (m.nodes.every((n) => n.isConnected)) this.place(m, visible);
      }
      this.waitingCount -= state.waiting.length - keep.length;
      state.waiting = keep;
    }
  }

  // ---- following changes ---------------------------------------------------------------------

  private observe(root: Node): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    this.observer ??= new MutationObserver((records) => {
      this.changes += records.length;
      for (const r of records) this.pending.push(r);
      if (!this.busy) this.scheduleFlush();
    });
    this.observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  }

  private scheduleFlush(): void {
    if (this.stopped) return;
    // Batches a burst of changes (live blogs, SPA renders) into one rescan.
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, FLUSH_DELAY_MS);
  }

  private isIgnored(node: Node): boolean {
    for (const el of this.ignore) if (el === node || el.contains(node)) return true;
    return false;
  }

  /** What to read again after the changes in `records`: blocks, new subtrees, shadow roots. */
  private changedRoots(records: MutationRecord[]): Set<Node> {
    const roots = new Set<Node>();
    // Right under the document (a comment, a doctype) there is no text: nothing to read.
    const addBlockOf = (node: Node): void => {
      const block = blockOfText(node);
      if (block.nodeType !== 9) roots.add(block);
    };
    for (const r of records) {
      const target = r.target;
      if (this.isIgnored(target)) continue;
      if (target.nodeName === 'TITLE' || target.parentNode?.nodeName === 'TITLE') {
        // An SPA renamed the page: its title is evidence too.
        this.addEvidence(this.doc.title);
        continue;
      }
      if (r.type === 'characterData' || r.type === 'attributes') {
        addBlockOf(target);
        continue;
      }
      let textChanged = false;
      for (const added of r.addedNodes) {
        // A new block is read on its own; new inline content changes its parent block's text.
        if (added.nodeType === 1 && !isInlineName((added as Element).localName)) roots.add(added);
        else if (added.nodeType === 1 || added.nodeType === 3) textChanged = true;
      }
      for (const removed of r.removedNodes) {
        if (removed.nodeType === 3 || (removed.nodeType === 1 && isInlineName((removed as Element).localName))) textChanged = true;
      }
      if (textChanged) addBlockOf(target);
    }
    return roots;
  }

  /** Some ancestor of `node` (not itself; across shadow roots to their hosts) is in `set`. */
  private static hasAncestorIn(node: Node, set: ReadonlySet<Node>): boolean {
    for (let p = parentOrHost(node); p; p = parentOrHost(p)) if (set.has(p)) return true;
    return false;
  }

  private async flush(): Promise<void> {
    if (this.stopped || this.busy) return;
    this.busy = true;
    const records = this.pending;
    this.pending = [];
    const roots = this.changedRoots(records);
    for (const block of this.toRescan) roots.add(block);
    this.toRescan.clear();
    // Mentions in removed subtrees go with them, and so do unread places there.
    for (const block of [...this.byBlock.keys()]) if (!block.isConnected) this.dropBlock(block);
    for (const el of [...this.unreadByElement.keys()]) {
      if (el.isConnected) continue;
      this.unreadByElement.delete(el);
      this.unwatch(el);
    }
    const connected = new Set([...roots].filter((n) => n.isConnected));
    const outer = new Set([...connected].filter((n) => !MentionLayer.hasAncestorIn(n, connected)));
    // Everything read again is dropped first, including what became hidden or editable.
    for (const block of [...this.byBlock.keys()]) {
      if (outer.has(block) || MentionLayer.hasAncestorIn(block, outer)) this.dropBlock(block);
    }
    const toScan: Node[] = [...outer].filter((n) => !hasSkippedAncestor(n, this.ignore));
    // Web components the page added render into shadow roots of their own, which the text walk
    // meets only through light-DOM text: their elements are walked for them.
    this.startSlice();
    const shadowRoots = await this.shadowRootsIn(toScan);
    if (!shadowRoots) return;
    for (const sr of shadowRoots) {
      this.observe(sr);
      toScan.push(sr);
    }
    await this.scan(toScan);
    if (this.stopped || !(await this.readDeferred(toScan))) return;
    this.raws.clear();
    this.busy = false;
    this.opts.onChange?.(this);
    if (this.pending.length || this.toRescan.size) this.scheduleFlush();
  }

  private dropBlock(block: Block): void {
    const state = this.byBlock.get(block);
    if (!state) return;
    for (const m of state.shown) {
      this.highlight?.delete(m.range);
      for (const n of m.nodes) {
        const at = this.byNode.get(n);
        if (!at) continue;
        const rest = at.filter((x) => x !== m);
        if (rest.length) this.byNode.set(n, rest);
        else this.byNode.delete(n);
      }
    }
    for (const m of state.hidden) {
      const el = this.hiddenOn.get(m);
      this.hiddenOn.delete(m);
      const set = el && this.hiddenByElement.get(el);
      if (!el || !set) continue;
      set.delete(m);
      if (set.size === 0) {
        this.hiddenByElement.delete(el);
        this.unwatch(el);
      }
    }
    this.waitingCount -= state.waiting.length;
    this.byBlock.delete(block);
  }
}

export function compareMentions(a: PageMention, b: PageMention): number {
  if (a.range.startContainer === b.range.startContainer) return a.range.startOffset - b.range.startOffset;
  const pos = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
  return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
