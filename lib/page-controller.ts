// Everything the content script does on a page, started and stopped as a unit: the mention layer,
// hit-testing and hover intent, the popover (mounted on first interaction), keyboard navigation.
import type { Entity, Footnote } from '../core/pack/schema';
import type { PopoverProps, SavedState } from '../components/popover/Popover';
import type { ReportRef } from '../components/popover/Sources';
import { MentionLayer, compareMentions } from './mention-layer';
import type { MentionFinder, PageMention } from './scanner';
import type { AnchorSource, PopoverHost } from './popover-host';

export const ACTIVE_HIGHLIGHT = 'kontekst-active';
const HOVER_OPEN_MS = 220;
const HOVER_CLOSE_MS = 320;
// Shown in the source list until the background has answered (same text as data/report.json).
const REPORT_FALLBACK: ReportRef = {
  title: 'Russian Perspectives on China as an Actor in Cyberspace',
  authors: ['Eric Siyi Zhang', 'Rogier Creemers'],
  year: 2021,
  url: 'https://hdl.handle.net/1887/3721436',
};

export interface EntityCard {
  entity: Entity;
  footnotes: Footnote[];
}

/** What the controller needs from the outside world (the background, settings, saving). */
export interface ControllerServices {
  loadCard(id: string): Promise<EntityCard>;
  loadReport(): Promise<ReportRef>;
  createPopoverHost(): PopoverHost;
  /** Saves the sentence around a mention; resolves to the new highlight's id. */
  saveMention(m: PageMention, surface: string): Promise<string>;
  /** Adds a note and tags to a saved highlight. */
  annotate(id: string, note: string, tags: string[]): Promise<void>;
  disableSite(): Promise<void>;
  openLibrary(entityId: string): void;
  reportCounts(total: number, byEntity: Record<string, number>): void;
}

type OpenedBy = 'hover' | 'click' | 'keyboard';
type Point = { x: number; y: number };

interface OpenState {
  mention: PageMention;
  by: OpenedBy;
  point?: Point;
  returnFocus: Element | null;
  card: EntityCard | null;
  error?: string;
  saved: SavedState;
  /** The highlight saved from this popover, for its note and tags. */
  savedId?: string;
  /** One Popover instance per opening: focus and the related-topic trail start afresh. */
  key: number;
}

function liveRange(m: PageMention): Range {
  const r = document.createRange();
  r.setStart(m.range.startContainer, m.range.startOffset);
  r.setEnd(m.range.endContainer, m.range.endOffset);
  return r;
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number, o?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
};

/** Caret under a point, looking into open shadow roots (they are only searched when passed in). */
function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const d = document as CaretDoc;
  if (d.caretPositionFromPoint) {
    const roots: ShadowRoot[] = [];
    let el = document.elementFromPoint(x, y);
    while (el?.shadowRoot && roots.length < 8) {
      roots.push(el.shadowRoot);
      const inner = el.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    const p = roots.length ? d.caretPositionFromPoint(x, y, { shadowRoots: roots }) : d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

function containsPoint(rects: Iterable<DOMRect>, x: number, y: number, pad = 0): boolean {
  for (const r of rects) {
    if (x >= r.left - pad && x <= r.right + pad && y >= r.top - pad && y <= r.bottom + pad) return true;
  }
  return false;
}

function inTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  const s = (u: Point, v: Point, w: Point) => (u.x - w.x) * (v.y - w.y) - (v.x - w.x) * (u.y - w.y);
  const d1 = s(p, a, b);
  const d2 = s(p, b, c);
  const d3 = s(p, c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** True when `p` lies in the convex hull of `from` and `rect`: the path from a mention to its popover. */
function inGraceArea(p: Point, from: Point, rect: DOMRect): boolean {
  const c = [
    { x: rect.left, y: rect.top }, { x: rect.right, y: rect.top },
    { x: rect.right, y: rect.bottom }, { x: rect.left, y: rect.bottom },
  ];
  if (containsPoint([rect], p.x, p.y, 4)) return true;
  for (let i = 0; i < 4; i++) if (inTriangle(p, from, c[i]!, c[(i + 1) % 4]!)) return true;
  return false;
}

function rendered(m: PageMention): DOMRect | null {
  for (const r of liveRange(m).getClientRects()) if (r.width > 0 && r.height > 0) return r;
  return null;
}

export class PageController {
  private layer: MentionLayer | null = null;
  private popover: PopoverHost | null = null;
  private readonly cards = new Map<string, Promise<EntityCard>>();
  /** Cards that have arrived: an opening with one of these renders its content at once. */
  private readonly loaded = new Map<string, EntityCard>();
  private report: Promise<ReportRef> | null = null;
  private reportValue: ReportRef | null = null;
  private open: OpenState | null = null;
  private hovered: PageMention | null = null;
  private openTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private moveFrame = 0;
  private lastPointer: Point & { type: string; target: EventTarget | null } = { x: -1, y: -1, type: 'mouse', target: null };
  /** Last point over the hover-opened mention: the apex of the grace area towards the popover. */
  private leftFrom: Point | null = null;
  private cursor: PageMention | null = null;
  private openings = 0;
  private listeners = new AbortController();
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly activeHighlight = new Highlight();
  /** The first scan of the page is done (reported with the counts). */
  scanned = false;

  constructor(
    private readonly finder: MentionFinder,
    private readonly services: ControllerServices,
  ) {}

  get running(): boolean {
    return this.layer !== null;
  }

  get mentionLayer(): MentionLayer | null {
    return this.layer;
  }

  async start(): Promise<void> {
    if (this.layer) return;
    const ignore = new Set<Element>();
    if (this.popover) ignore.add(this.popover.host);
    const layer = new MentionLayer(document, this.finder, {
      ignore,
      onChange: () => {
        this.scheduleCounts();
        // The page removed the text the popover points at (a live update, an SPA navigation).
        if (this.open && !this.open.mention.range.startContainer.isConnected) this.close(this.focusInPopover());
        if (this.hovered && !this.hovered.range.startContainer.isConnected) this.setHovered(null);
      },
    });
    this.layer = layer;
    this.activeHighlight.priority = 1;
    this.listeners = new AbortController();
    // Capture on window: a page that stops propagation of its events cannot switch us off.
    const on = { capture: true, signal: this.listeners.signal };
    const passive = { ...on, passive: true };
    window.addEventListener('pointermove', (e) => this.onPointerMove(e), passive);
    window.addEventListener('pointerdown', (e) => this.onPointerDown(e), passive);
    window.addEventListener('click', (e) => this.onClick(e), on);
    window.addEventListener('keydown', (e) => this.onKeyDown(e), on);
    window.addEventListener('scroll', () => this.onScroll(), passive);
    document.documentElement.addEventListener('mouseleave', () => this.onHover(-1, -1, false), passive);
    await layer.start();
    if (this.layer !== layer) return;
    this.scanned = true;
    // Content for the popovers is fetched when the page is idle, so opening one takes a frame.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
    const prefetch = () => {
      if (this.layer !== layer) return;
      void this.reportRef();
      for (const id of Object.keys(layer.counts())) void this.card(id).catch(() => undefined);
    };
    if (idle) idle(prefetch, { timeout: 3000 });
    else setTimeout(prefetch, 500);
  }

  stop(): void {
    this.scanned = false;
    this.close(this.focusInPopover());
    this.layer?.stop();
    this.layer = null;
    this.listeners.abort();
    this.clearTimers();
    this.hovered = null;
    this.cursor = null;
    if (CSS.highlights.get(ACTIVE_HIGHLIGHT) === this.activeHighlight) CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    this.activeHighlight.clear();
    this.popover?.destroy();
    this.popover = null;
    this.services.reportCounts(0, {});
  }

  counts(): { total: number; byEntity: Record<string, number> } {
    const byEntity = this.layer?.counts() ?? {};
    return { total: this.layer?.size ?? 0, byEntity };
  }

  private scheduleCounts(): void {
    this.countsTimer ??= setTimeout(() => {
      this.countsTimer = null;
      const { total, byEntity } = this.counts();
      this.services.reportCounts(total, byEntity);
    }, 150);
  }

  private clearTimers(): void {
    for (const t of [this.openTimer, this.closeTimer, this.countsTimer]) if (t) clearTimeout(t);
    this.openTimer = this.closeTimer = this.countsTimer = null;
    cancelAnimationFrame(this.moveFrame);
    this.moveFrame = 0;
  }

  card(id: string): Promise<EntityCard> {
    let p = this.cards.get(id);
    if (!p) {
      p = this.services.loadCard(id);
      this.cards.set(id, p);
      p.then(
        (c) => this.loaded.set(id, c),
        () => this.cards.delete(id), // a failed load may be retried
      );
    }
    return p;
  }

  private reportRef(): Promise<ReportRef> {
    if (!this.report) {
      const p = this.services.loadReport();
      this.report = p;
      p.then(
        (r) => (this.reportValue = r),
        () => (this.report = null),
      );
    }
    return this.report;
  }

  // ---- hit-testing and hover intent ------------------------------------------------------------

  private mentionAtPoint(x: number, y: number): PageMention | null {
    const layer = this.layer;
    if (!layer || x < 0 || y < 0) return null;
    const caret = caretAt(x, y);
    if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
    const m = layer.mentionAt(caret.node, caret.offset);
    // The caret snaps to the nearest character: check the pointer is really over the text.
    if (!m || !containsPoint(liveRange(m).getClientRects(), x, y)) return null;
    return m;
  }

  private focusInPopover(): boolean {
    return !!this.popover && this.popover.contains(document.activeElement);
  }

  /** A popover the reader chose (click, keyboard, or interacted with) is not replaced by hovering. */
  private get pinned(): boolean {
    return !!this.open && (this.open.by !== 'hover' || this.focusInPopover());
  }

  private onPointerMove(e: PointerEvent): void {
    this.lastPointer = { x: e.clientX, y: e.clientY, type: e.pointerType, target: e.target };
    if (e.pointerType === 'touch') return;
    this.scheduleHover();
  }

  private scheduleHover(): void {
    if (this.moveFrame || this.lastPointer.x < 0) return;
    this.moveFrame = requestAnimationFrame(() => {
      this.moveFrame = 0;
      const { x, y, target } = this.lastPointer;
      const panel = this.popover?.panelRect();
      this.onHover(x, y, !!this.popover?.contains(target) || (!!panel && containsPoint([panel], x, y)));
    });
  }

  private onScroll(): void {
    // Text moves under a still pointer: re-check what it is over.
    if (this.lastPointer.type === 'mouse' && (this.hovered || this.open?.by === 'hover')) {
      this.lastPointer.target = null;
      this.scheduleHover();
    }
  }

  private onHover(x: number, y: number, overPopover: boolean): void {
    if (!this.layer) return;
    const open = this.open;
    if (overPopover) {
      this.cancelClose();
      this.leftFrom = null;
      this.setHovered(null);
      return;
    }
    const m = this.mentionAtPoint(x, y);
    if (open && m === open.mention) {
      this.cancelClose();
      this.leftFrom = { x, y };
      this.setHovered(m);
      return;
    }
    if (open?.by === 'hover' && !this.pinned) {
      // On the way from the mention to its popover, other mentions do not take over.
      const panel = this.popover?.panelRect();
      if (this.leftFrom && panel && inGraceArea({ x, y }, this.leftFrom, panel)) {
        this.setHovered(null);
        this.restartClose();
        return;
      }
      this.leftFrom = null;
      this.scheduleClose();
    }
    this.setHovered(m);
  }

  private setHovered(m: PageMention | null): void {
    if (m === this.hovered) return;
    this.hovered = m;
    this.clearOpenTimer();
    if (m && m !== this.open?.mention && !this.pinned) {
      void this.card(m.entityId).catch(() => undefined); // fetch during the intent delay
      void this.reportRef().catch(() => undefined);
      this.openTimer = setTimeout(() => {
        this.openTimer = null;
        if (this.hovered !== m || this.open?.mention === m || this.pinned) return;
        const { x, y } = this.lastPointer;
        void this.openFor(m, 'hover', { x, y });
      }, HOVER_OPEN_MS);
    }
    this.paintActive();
  }

  private onPointerDown(e: PointerEvent): void {
    this.lastPointer = { x: e.clientX, y: e.clientY, type: e.pointerType, target: e.target };
    // Pressing inside a hover popover keeps it open when the pointer leaves.
    if (this.open?.by === 'hover' && this.popover?.contains(e.target)) this.open.by = 'click';
  }

  private onClick(e: MouseEvent): void {
    if (this.popover?.contains(e.target)) return;
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed) return; // the end of a text selection, not a request for context
    const m = this.mentionAtPoint(e.clientX, e.clientY);
    if (!m) {
      if (this.open) this.close(false);
      return;
    }
    // Links keep working: a click on a mention inside a link follows the link.
    const inLink = (m.range.startContainer.parentElement as Element | null)?.closest('a[href]');
    if (inLink && this.lastPointer.type !== 'touch') return;
    if (inLink) e.preventDefault(); // first tap on a linked mention shows the popover
    if (this.open?.mention === m && this.open.by !== 'hover') return;
    if (this.open?.mention === m) {
      this.open.by = 'click';
      return;
    }
    void this.openFor(m, 'click', { x: e.clientX, y: e.clientY });
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.open && !this.popover?.contains(e.target)) this.close(true);
  }

  private clearOpenTimer(): void {
    if (this.openTimer) clearTimeout(this.openTimer);
    this.openTimer = null;
  }

  private scheduleClose(): void {
    if (this.closeTimer) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (this.open?.by === 'hover' && !this.pinned) this.close(false);
    }, HOVER_CLOSE_MS);
  }

  private restartClose(): void {
    this.cancelClose();
    this.scheduleClose();
  }

  private cancelClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  /** The active highlight, registered on first use (most pages are never hovered). */
  private active(): Highlight {
    if (CSS.highlights.get(ACTIVE_HIGHLIGHT) !== this.activeHighlight) CSS.highlights.set(ACTIVE_HIGHLIGHT, this.activeHighlight);
    return this.activeHighlight;
  }

  private paintActive(): void {
    if (!this.open && !this.hovered && this.activeHighlight.size === 0) return;
    this.active().clear();
    if (this.open) this.activeHighlight.add(this.open.mention.range);
    if (this.hovered) this.activeHighlight.add(this.hovered.range);
  }

  // ---- keyboard navigation -------------------------------------------------------------------

  /**
   * Moves to the next (or previous) mention, scrolls it into view and opens it with focus inside.
   * With no popover open it starts from what is on screen, so it follows the reader's scrolling.
   */
  step(direction: 1 | -1): PageMention | null {
    const list = this.layer?.mentions() ?? [];
    const n = list.length;
    if (!n) return null;
    let from = this.open?.mention ?? null;
    if (!from && this.cursor) {
      const r = rendered(this.cursor);
      if (r && r.bottom > 0 && r.top < innerHeight) from = this.cursor;
    }
    let i: number;
    if (from) {
      const at = list.indexOf(from);
      if (at >= 0) i = at + direction;
      else {
        // The page was rescanned since: continue from where that mention was.
        const after = list.findIndex((m) => compareMentions(m, from!) > 0);
        i = direction > 0 ? (after < 0 ? n : after) : (after < 0 ? n : after) - 1;
      }
    } else if (direction > 0) {
      i = list.findIndex((m) => (rendered(m)?.bottom ?? -1) > 0);
      if (i < 0) i = 0;
    } else {
      i = -1;
      for (let k = n - 1; k >= 0; k--) {
        const r = rendered(list[k]!);
        if (r && r.top < innerHeight) {
          i = k;
          break;
        }
      }
      if (i < 0) i = n - 1;
    }
    // Wrap around, skipping mentions that are not rendered (collapsed menus, hidden tabs).
    for (let tries = 0; tries < n; tries++, i += direction) {
      const m = list[((i % n) + n) % n]!;
      if (rendered(m)) return this.goto(m);
    }
    return null;
  }

  /** Opens the n-th mention of an entity (from the toolbar popup's list). */
  gotoEntity(entityId: string, index: number): PageMention | null {
    const ofEntity = (this.layer?.mentions() ?? []).filter((m) => m.entityId === entityId);
    const m = ofEntity[Math.min(index, ofEntity.length - 1)];
    return m ? this.goto(m) : null;
  }

  private goto(m: PageMention): PageMention {
    this.cursor = m;
    this.scrollTo(m);
    void this.openFor(m, 'keyboard');
    return m;
  }

  /** Brings a mention into view (inner scroll containers too), near the middle unless already well in view. */
  private scrollTo(m: PageMention): void {
    const comfortable = (r: DOMRect | null) => !!r && r.top >= innerHeight * 0.1 && r.bottom <= innerHeight * 0.75;
    if (comfortable(rendered(m))) return;
    const instant = { behavior: 'instant' as ScrollBehavior };
    m.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest', ...instant });
    const r = rendered(m);
    // A paragraph taller than the screen: centre the mention itself.
    if (r && (r.top < 0 || r.bottom > innerHeight)) window.scrollBy({ top: r.top - innerHeight / 3, ...instant });
  }

  // ---- the popover ---------------------------------------------------------------------------

  private ensurePopover(): PopoverHost {
    this.popover ??= this.services.createPopoverHost();
    return this.popover;
  }

  private surface(m: PageMention): string {
    return liveRange(m).toString().replace(/\s+/g, ' ');
  }

  async openFor(m: PageMention, by: OpenedBy, point?: Point): Promise<void> {
    if (!this.layer) return;
    const host = this.ensurePopover();
    this.cancelClose();
    this.clearOpenTimer();
    const previous = this.open;
    const active = document.activeElement;
    const returnFocus = by === 'hover' ? null : host.contains(active) ? previous?.returnFocus ?? null : active;
    const state: OpenState = {
      mention: m, by, point, returnFocus, card: this.loaded.get(m.entityId) ?? null, saved: 'idle', key: ++this.openings,
    };
    this.open = state;
    this.leftFrom = point ?? null;
    this.paintActive();
    const anchor: AnchorSource = {
      rects: () => Array.from(liveRange(m).getClientRects()),
      contextElement: m.range.startContainer.parentElement,
      point,
    };
    // Synchronous when the card is cached (prefetched when idle or during the hover delay).
    host.show(anchor, this.props(state), state.key);
    if (!this.reportValue) void this.reportRef().then(() => this.render(state), () => undefined);
    if (state.card) return;
    try {
      state.card = await this.card(m.entityId);
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err);
    }
    this.render(state);
  }

  private render(state: OpenState): void {
    if (this.open === state) this.popover?.update(this.props(state), state.key);
  }

  private props(state: OpenState): PopoverProps {
    const footnotes = new Map<number, Footnote>();
    for (const f of state.card?.footnotes ?? []) footnotes.set(f.n, f);
    return {
      entity: state.card?.entity ?? null,
      loading: !state.card && !state.error,
      error: state.error,
      surface: this.surface(state.mention),
      footnotes: (n) => footnotes.get(n),
      resolveEntity: (id) =>
        this.card(id).then((c) => {
          for (const f of c.footnotes) if (!footnotes.has(f.n)) footnotes.set(f.n, f);
          return c.entity;
        }),
      report: this.reportValue ?? REPORT_FALLBACK,
      savedState: state.saved,
      initialFocus: state.by !== 'hover',
      onClose: () => this.close(true),
      onRetry: () => {
        state.error = undefined;
        void this.openFor(state.mention, state.by, state.point);
      },
      onSave: () => void this.save(state),
      onDisableSite: () => {
        this.close(true);
        this.services.disableSite().catch(() => undefined);
      },
      onOpenLibrary: (id) => this.services.openLibrary(id),
      onAnnotate: (note, tags) =>
        state.savedId ? this.services.annotate(state.savedId, note, tags) : Promise.reject(new Error('Nothing saved yet.')),
    };
  }

  private async save(state: OpenState): Promise<void> {
    if (state.saved === 'saving' || state.saved === 'saved') return;
    state.saved = 'saving';
    this.render(state);
    try {
      state.savedId = await this.services.saveMention(state.mention, this.surface(state.mention));
      state.saved = 'saved';
    } catch {
      state.saved = 'error';
    }
    this.render(state);
  }

  /** Emphasises a range for a moment (a saved highlight the reader was sent to). */
  flash(range: AbstractRange): void {
    this.active().add(range);
    setTimeout(() => {
      this.activeHighlight.delete(range);
      this.paintActive();
    }, 1600);
  }

  close(restoreFocus: boolean): void {
    const state = this.open;
    this.open = null;
    this.leftFrom = null;
    this.cancelClose();
    this.popover?.hide();
    this.paintActive();
    const back = state?.returnFocus;
    if (restoreFocus && back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
  }
}
