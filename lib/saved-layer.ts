// Saved highlights on the page: re-anchored from their selectors (exact quote, position hint,
// then fuzzy) and painted under kontekst-saved. What cannot be placed is an orphan, kept and
// listed, and tried again when the page's text changes (late-loading articles).
import { anchor } from '../core/anchoring';
import type { HighlightRecord } from '../core/annotations/record';
import { BLOCK_SEPARATOR, collectText, toPageMentions, type TextMap } from './scanner';

export const SAVED_HIGHLIGHT = 'kontekst-saved';

/** The page text as anchoring sees it: blocks separated by newlines (same offsets as the map). */
export function anchoringText(map: TextMap): string {
  return map.text.split(BLOCK_SEPARATOR).join('\n');
}

/** Page-text offset of a DOM boundary point (a selection's start or end). */
export function offsetOf(map: TextMap, node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const i = nodeIndex(map).get(node as Text) ?? -1;
    return i < 0 ? null : map.starts[i]! + offset;
  }
  // An element boundary: the first text node at or after it (nodes are in document order).
  const probe = (node.ownerDocument ?? document).createRange();
  probe.setStart(node, offset);
  let lo = 0;
  let hi = map.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let cmp: number;
    try {
      cmp = probe.comparePoint(map.nodes[mid]!, 0);
    } catch {
      cmp = 1; // a node in another tree (shadow root): treat as after
    }
    if (cmp >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo < map.nodes.length ? map.starts[lo]! : map.text.length;
}

// Built once per map: a selection's mentions each ask for their offsets.
const indexes = new WeakMap<TextMap, Map<Text, number>>();
function nodeIndex(map: TextMap): Map<Text, number> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map(map.nodes.map((n, i) => [n, i]));
    indexes.set(map, index);
  }
  return index;
}

export interface PlacedHighlight {
  record: HighlightRecord;
  range: StaticRange;
  /** The page text the range covered when placed: if it no longer does, the page changed under it. */
  text: string;
}

/** Shortest time between two re-anchorings caused by page changes (live blogs change often). */
const RETRY_INTERVAL_MS = 400;

function liveText(r: StaticRange): string | null {
  const { startContainer: sc, endContainer: ec } = r;
  if (!sc.isConnected || !ec.isConnected) return null;
  const length = (n: Node) => (n.nodeType === Node.TEXT_NODE ? (n as Text).data.length : n.childNodes.length);
  if (r.startOffset > length(sc) || r.endOffset > length(ec)) return null;
  try {
    const range = (sc.ownerDocument ?? document).createRange();
    range.setStart(sc, r.startOffset);
    range.setEnd(ec, r.endOffset);
    return range.toString();
  } catch {
    return null;
  }
}

export class SavedLayer {
  private readonly highlight = new Highlight();
  placed: PlacedHighlight[] = [];
  orphans: HighlightRecord[] = [];

  constructor(private readonly root: () => Node) {
    this.highlight.priority = 2;
  }

  /** Places every record; returns the ids that could not be placed. */
  place(records: HighlightRecord[]): string[] {
    if (records.length === 0) {
      // Most pages have no saved highlights: no second walk over their text.
      this.placed = [];
      this.orphans = [];
      this.highlight.clear();
      return [];
    }
    const map = collectText(this.root());
    const text = anchoringText(map);
    const placed: PlacedHighlight[] = [];
    const orphans: HighlightRecord[] = [];
    for (const record of records) {
      const hit = text ? anchor(text, record.selectors) : null;
      const range = hit ? toPageMentions(map, [{ entityId: record.id, start: hit.start, end: hit.end }])[0]?.range : undefined;
      const covered = range ? liveText(range) : null;
      if (range && covered !== null) placed.push({ record, range, text: covered });
      else orphans.push(record);
    }
    this.placed = placed;
    this.orphans = orphans;
    this.highlight.clear();
    for (const p of placed) this.highlight.add(p.range);
    if (placed.length) CSS.highlights.set(SAVED_HIGHLIGHT, this.highlight);
    return orphans.map((o) => o.id);
  }

  /** Tries the orphans again (the page's text changed). True when any was placed. */
  retryOrphans(): boolean {
    if (!this.orphans.length) return false;
    const before = this.orphans.length;
    this.place([...this.placed.map((p) => p.record), ...this.orphans]);
    return this.orphans.length < before;
  }

  /** True when a placed highlight's text left the page or changed (SPA render, edited paragraph). */
  hasStale(): boolean {
    return this.placed.some((p) => liveText(p.range) !== p.text);
  }

  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRetry = 0;

  /**
   * The page's text changed: places orphans (late-loading text) and moves highlights whose text moved,
   * at most every RETRY_INTERVAL_MS. Calls `onOrphansChanged` when the list of orphans changed.
   */
  pageChanged(onOrphansChanged: () => void): void {
    if (this.retryTimer || (!this.orphans.length && !this.hasStale())) return;
    const run = () => {
      this.retryTimer = null;
      this.lastRetry = performance.now();
      const before = this.orphans.map((o) => o.id).join();
      this.place([...this.placed.map((p) => p.record), ...this.orphans]);
      if (this.orphans.map((o) => o.id).join() !== before) onOrphansChanged();
    };
    const wait = this.lastRetry + RETRY_INTERVAL_MS - performance.now();
    if (wait <= 0) run();
    else this.retryTimer = setTimeout(run, wait);
  }

  rangeOf(id: string): StaticRange | null {
    return this.placed.find((p) => p.record.id === id)?.range ?? null;
  }

  clear(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.placed = [];
    this.orphans = [];
    this.highlight.clear();
    if (CSS.highlights.get(SAVED_HIGHLIGHT) === this.highlight) CSS.highlights.delete(SAVED_HIGHLIGHT);
  }
}
