// Keeps the page's mentions found, painted and current: a sliced first scan, then incremental
// rescans of what the page changes. Stops cleanly on abort (site switched off, extension updated).
import {
  TextCollector,
  collectText,
  hasSkippedAncestor,
  isInlineName,
  toPageMentions,
  type MentionFinder,
  type PageMention,
  type TextMap,
} from './scanner';

export const MENTION_HIGHLIGHT = 'kontekst-mention';

const INLINE_PARENT_STOP = new Set(['body', 'html']);
const SLICE_MS = 8;

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

export class MentionLayer {
  private readonly byBlock = new Map<Element, PageMention[]>();
  private readonly byNode = new Map<Text, PageMention[]>();
  private readonly pageEvidence = new Set<string>();
  private readonly highlight = new Highlight();
  private observer: MutationObserver | null = null;
  private pending: MutationRecord[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private scanning = false;
  private stopped = false;
  private readonly ignore: Set<Element>;
  private readonly observedRoots = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly finder: MentionFinder,
    private readonly opts: LayerOptions = {},
  ) {
    this.ignore = opts.ignore ?? new Set();
  }

  /** Scans the page in slices, paints, then follows changes. Resolves when the first scan is done. */
  async start(): Promise<void> {
    this.highlight.priority = 0;
    CSS.highlights.set(MENTION_HIGHLIGHT, this.highlight);
    this.scanning = true;
    const root = this.doc.body ?? this.doc.documentElement;
    this.observe(root);
    const budget = this.opts.sliceMs ?? SLICE_MS;
    const collector = new TextCollector(root, this.ignore);
    for (;;) {
      const t0 = performance.now();
      const done = collector.step(() => performance.now() - t0 > budget);
      if (done) break;
      await yieldToMain();
      if (this.stopped) return;
    }
    const map = collector.result();
    await yieldToMain();
    if (this.stopped) return;
    this.apply(map);
    // Open shadow roots are scanned (and followed) as their own trees.
    for (const sr of map.shadowRoots) this.scanShadowRoot(sr);
    this.scanning = false;
    this.opts.onChange?.(this);
    if (this.pending.length) this.scheduleFlush();
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (CSS.highlights.get(MENTION_HIGHLIGHT) === this.highlight) CSS.highlights.delete(MENTION_HIGHLIGHT);
    this.highlight.clear();
    this.byBlock.clear();
    this.byNode.clear();
  }

  get size(): number {
    return this.highlight.size;
  }

  /** All mentions in document order. */
  mentions(): PageMention[] {
    const all: PageMention[] = [];
    for (const list of this.byBlock.values()) all.push(...list);
    return all.sort(compareMentions);
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const list of this.byBlock.values()) for (const m of list) out[m.entityId] = (out[m.entityId] ?? 0) + 1;
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

  private scanShadowRoot(sr: ShadowRoot): void {
    this.observe(sr);
    const map = collectText(sr, this.ignore);
    this.apply(map);
    for (const inner of map.shadowRoots) this.scanShadowRoot(inner);
  }

  private observe(root: Node): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    this.observer ??= new MutationObserver((records) => {
      for (const r of records) this.pending.push(r);
      if (!this.scanning) this.scheduleFlush();
    });
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  private scheduleFlush(): void {
    // Batches a burst of changes (live blogs, SPA renders) into one rescan.
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, 120);
  }

  private isIgnored(node: Node): boolean {
    for (const el of this.ignore) if (el === node || el.contains(node)) return true;
    return false;
  }

  /** The nearest ancestor-or-self that is not an inline element. */
  private blockOf(node: Node): Node {
    let n: Node | null = node.nodeType === 1 ? node : node.parentNode;
    while (n && n.nodeType === 1) {
      const el = n as Element;
      const name = el.localName;
      if (INLINE_PARENT_STOP.has(name) || !isInlineName(name)) return el;
      n = el.parentNode;
    }
    return n ?? node;
  }

  private flush(): void {
    if (this.stopped) return;
    const records = this.pending;
    this.pending = [];
    const roots = new Set<Node>();
    for (const r of records) {
      if (this.isIgnored(r.target)) continue;
      if (r.type === 'characterData') {
        roots.add(this.blockOf(r.target));
        continue;
      }
      for (const added of r.addedNodes) {
        // A new block is scanned on its own; new inline text changes its parent block's text.
        if (added.nodeType === 1 && !isInlineName((added as Element).localName)) roots.add(added);
        else roots.add(this.blockOf(r.target));
      }
      for (const removed of r.removedNodes) {
        if (removed.nodeType !== 1 || isInlineName((removed as Element).localName)) roots.add(this.blockOf(r.target));
      }
    }
    // Mentions in removed subtrees go with them.
    for (const block of [...this.byBlock.keys()]) if (!block.isConnected) this.dropBlock(block);
    const list = [...roots].filter((n) => n.isConnected && !hasSkippedAncestor(n, this.ignore));
    const outer = list.filter((n) => !list.some((o) => o !== n && o.contains(n)));
    for (const root of outer) {
      for (const block of [...this.byBlock.keys()]) if (root === block || root.contains(block)) this.dropBlock(block);
      const map = collectText(root, this.ignore);
      this.apply(map);
      for (const sr of map.shadowRoots) this.scanShadowRoot(sr);
    }
    this.opts.onChange?.(this);
  }

  private dropBlock(block: Element): void {
    const list = this.byBlock.get(block);
    if (!list) return;
    for (const m of list) {
      this.highlight.delete(m.range);
      for (const n of m.nodes) {
        const at = this.byNode.get(n);
        if (!at) continue;
        const rest = at.filter((x) => x !== m);
        if (rest.length) this.byNode.set(n, rest);
        else this.byNode.delete(n);
      }
    }
    this.byBlock.delete(block);
  }

  private apply(map: TextMap): void {
    if (!map.text) return;
    for (const id of this.finder.evidence(map.text)) this.pageEvidence.add(id);
    const found = this.finder.find(map.text, this.pageEvidence);
    for (const m of toPageMentions(map, found)) {
      let list = this.byBlock.get(m.block);
      if (!list) this.byBlock.set(m.block, (list = []));
      list.push(m);
      for (const n of m.nodes) {
        const at = this.byNode.get(n);
        if (at) at.push(m);
        else this.byNode.set(n, [m]);
      }
      this.highlight.add(m.range);
    }
  }
}

export function compareMentions(a: PageMention, b: PageMention): number {
  if (a.range.startContainer === b.range.startContainer) return a.range.startOffset - b.range.startOffset;
  const pos = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
  return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
