// Everything the content script does on a page, started and stopped as a unit: the mention layer,
// hit-testing and hover intent, the popover (mounted on first interaction), keyboard navigation.
import type { Entity, Footnote } from '../core/pack/schema';
import type { PopoverProps, SavedState } from '../components/popover/Popover';
import type { ReportRef } from '../components/popover/Sources';
import { MentionLayer, compareMentions } from './mention-layer';
import type { MentionFinder, PageMention } from './scanner';
import type { PopoverHost } from './popover-host';

export const ACTIVE_HIGHLIGHT = 'kontekst-active';
const HOVER_OPEN_MS = 220;
const HOVER_CLOSE_MS = 320;

export interface EntityCard {
  entity: Entity;
  footnotes: Footnote[];
}

/** What the controller needs from the outside world (the background, settings, saving). */
export interface ControllerServices {
  loadCard(id: string): Promise<EntityCard>;
  loadReport(): Promise<ReportRef>;
  createPopoverHost(): PopoverHost;
  saveMention(m: PageMention, surface: string): Promise<void>;
  disableSite(): Promise<void>;
  openLibrary(entityId: string): void;
  reportCounts(total: number, byEntity: Record<string, number>): void;
}

type OpenedBy = 'hover' | 'click' | 'keyboard';

interface OpenState {
  mention: PageMention;
  by: OpenedBy;
  point?: { x: number; y: number };
  returnFocus: Element | null;
  card: EntityCard | null;
  error?: string;
  saved: SavedState;
}

function liveRange(m: PageMention): Range {
  const r = document.createRange();
  r.setStart(m.range.startContainer, m.range.startOffset);
  r.setEnd(m.range.endContainer, m.range.endOffset);
  return r;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const d = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

function containsPoint(rects: DOMRectList | DOMRect[], x: number, y: number): boolean {
  for (const r of rects) if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  return false;
}

export class PageController {
  private layer: MentionLayer | null = null;
  private popover: PopoverHost | null = null;
  private readonly cards = new Map<string, Promise<EntityCard>>();
  private report: Promise<ReportRef> | null = null;
  private open: OpenState | null = null;
  private hovered: PageMention | null = null;
  private openTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private moveFrame = 0;
  private lastPointer = { x: 0, y: 0, type: 'mouse' };
  private cursor = -1;
  private listeners = new AbortController();
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly activeHighlight = new Highlight();

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
    const layer = new MentionLayer(document, this.finder, { ignore, onChange: () => this.scheduleCounts() });
    this.layer = layer;
    this.activeHighlight.priority = 1;
    CSS.highlights.set(ACTIVE_HIGHLIGHT, this.activeHighlight);
    this.listeners = new AbortController();
    const signal = this.listeners.signal;
    document.addEventListener('pointermove', (e) => this.onPointerMove(e), { passive: true, signal });
    document.addEventListener('click', (e) => this.onClick(e), { signal });
    document.addEventListener('pointerdown', (e) => this.onPointerDown(e), { passive: true, signal });
    document.addEventListener('keydown', (e) => this.onKeyDown(e), { signal });
    await layer.start();
    if (this.layer !== layer) return;
    // Content for the popovers is fetched when the page is idle, so opening one takes a frame.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
    const prefetch = () => {
      if (this.layer !== layer) return;
      for (const id of Object.keys(layer.counts())) void this.card(id).catch(() => undefined);
    };
    if (idle) idle(prefetch, { timeout: 3000 });
    else setTimeout(prefetch, 500);
  }

  stop(): void {
    this.close(false);
    this.layer?.stop();
    this.layer = null;
    this.listeners.abort();
    this.clearTimers();
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
  }

  card(id: string): Promise<EntityCard> {
    let p = this.cards.get(id);
    if (!p) {
      p = this.services.loadCard(id);
      this.cards.set(id, p);
      p.catch(() => this.cards.delete(id)); // a failed load may be retried
    }
    return p;
  }

  private reportRef(): Promise<ReportRef> {
    this.report ??= this.services.loadReport();
    return this.report;
  }

  // ---- hit-testing -------------------------------------------------------------------------

  private mentionAtPoint(x: number, y: number): PageMention | null {
    const layer = this.layer;
    if (!layer) return null;
    const caret = caretAt(x, y);
    if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
    const m = layer.mentionAt(caret.node, caret.offset);
    // The caret snaps to the nearest character: check the pointer is really over the text.
    if (!m || !containsPoint(liveRange(m).getClientRects(), x, y)) return null;
    return m;
  }

  private onPointerMove(e: PointerEvent): void {
    this.lastPointer = { x: e.clientX, y: e.clientY, type: e.pointerType };
    if (e.pointerType === 'touch') return;
    if (this.moveFrame) return;
    this.moveFrame = requestAnimationFrame(() => {
      this.moveFrame = 0;
      this.onHover(this.lastPointer.x, this.lastPointer.y, this.popover?.contains(e.target) ?? false);
    });
  }

  private onHover(x: number, y: number, overPopover: boolean): void {
    if (overPopover) {
      this.cancelClose();
      return;
    }
    const m = this.mentionAtPoint(x, y);
    if (m !== this.hovered) {
      this.hovered = m;
      if (this.openTimer) clearTimeout(this.openTimer);
      this.openTimer = null;
      if (m) {
        void this.card(m.entityId).catch(() => undefined); // fetch during the intent delay
        this.openTimer = setTimeout(() => {
          this.openTimer = null;
          if (this.hovered === m && this.open?.mention !== m) void this.openFor(m, 'hover', { x, y });
        }, HOVER_OPEN_MS);
      }
      this.paintActive();
    }
    if (m && this.open?.mention === m) this.cancelClose();
    else if (this.open && this.open.by === 'hover' && !m) this.scheduleClose();
  }

  private onPointerDown(e: PointerEvent): void {
    this.lastPointer = { x: e.clientX, y: e.clientY, type: e.pointerType };
  }

  private onClick(e: MouseEvent): void {
    if (this.popover?.contains(e.target)) return;
    const m = this.mentionAtPoint(e.clientX, e.clientY);
    if (!m) {
      if (this.open) this.close(false);
      return;
    }
    // Links keep working: a click on a mention inside a link follows the link.
    const inLink = (m.range.startContainer.parentElement as Element | null)?.closest('a[href]');
    if (inLink && this.lastPointer.type !== 'touch') return;
    if (inLink) e.preventDefault(); // first tap on a linked mention shows the popover
    void this.openFor(m, 'click', { x: e.clientX, y: e.clientY });
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.open && !this.popover?.contains(e.target)) this.close(true);
  }

  private scheduleClose(): void {
    if (this.closeTimer) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (this.open?.by === 'hover') this.close(false);
    }, HOVER_CLOSE_MS);
  }

  private cancelClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  private paintActive(): void {
    this.activeHighlight.clear();
    const m = this.open?.mention ?? this.hovered;
    if (m) this.activeHighlight.add(m.range);
  }

  // ---- keyboard navigation -------------------------------------------------------------------

  /** Moves to the next (or previous) mention, scrolls it into view and opens it with focus inside. */
  step(direction: 1 | -1): PageMention | null {
    const list = this.layer?.mentions() ?? [];
    if (!list.length) return null;
    const current = this.open?.mention;
    let i = current ? list.findIndex((m) => m === current) : -1;
    if (i < 0 && current) i = list.findIndex((m) => compareMentions(m, current) > 0) - (direction > 0 ? 1 : 0);
    if (i < 0 && this.cursor >= 0) i = Math.min(this.cursor, list.length - 1);
    const next = i < 0 ? (direction > 0 ? 0 : list.length - 1) : (i + direction + list.length) % list.length;
    return this.goto(list[next]!, next);
  }

  /** Opens the n-th mention of an entity (from the toolbar popup's list). */
  gotoEntity(entityId: string, index: number): PageMention | null {
    const list = this.layer?.mentions() ?? [];
    const ofEntity = list.filter((m) => m.entityId === entityId);
    const m = ofEntity[Math.min(index, ofEntity.length - 1)];
    return m ? this.goto(m, list.indexOf(m)) : null;
  }

  private goto(m: PageMention, index: number): PageMention {
    this.cursor = index;
    const el = m.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    void this.openFor(m, 'keyboard');
    return m;
  }

  // ---- the popover ---------------------------------------------------------------------------

  private ensurePopover(): PopoverHost | null {
    if (!this.popover && this.services) {
      this.popover = this.services.createPopoverHost();
    }
    return this.popover;
  }

  private surface(m: PageMention): string {
    return liveRange(m).toString();
  }

  async openFor(m: PageMention, by: OpenedBy, point?: { x: number; y: number }): Promise<void> {
    const host = this.ensurePopover();
    if (!host) return;
    this.cancelClose();
    const keepFocus = this.open?.returnFocus ?? null;
    const returnFocus = by === 'hover' ? null : keepFocus ?? document.activeElement;
    this.open = { mention: m, by, point, returnFocus, card: null, saved: 'idle' };
    this.paintActive();
    const state = this.open;
    const anchor = {
      rects: () => Array.from(liveRange(m).getClientRects()),
      contextElement: m.range.startContainer.parentElement,
      point,
    };
    const cached = this.cards.get(m.entityId);
    // Render at once (from cache when we have it), then again when the content arrives.
    host.show(anchor, await this.props(state, !cached));
    try {
      state.card = await this.card(m.entityId);
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err);
    }
    if (this.open === state) this.popover?.update(await this.props(state, false));
  }

  private async props(state: OpenState, loading: boolean): Promise<PopoverProps> {
    const report = await this.reportRef().catch(() => ({ title: 'Russian Perspectives on China as an Actor in Cyberspace', authors: ['Eric Siyi Zhang', 'Rogier Creemers'], year: 2021, url: 'https://hdl.handle.net/1887/3721436' }));
    const footnotes = new Map<number, Footnote>();
    for (const f of state.card?.footnotes ?? []) footnotes.set(f.n, f);
    const extra = new Map<number, Footnote>();
    return {
      entity: state.card?.entity ?? null,
      loading: loading && !state.card && !state.error,
      error: state.error,
      surface: this.surface(state.mention),
      footnotes: (n) => footnotes.get(n) ?? extra.get(n),
      resolveEntity: (id) =>
        this.card(id).then((c) => {
          for (const f of c.footnotes) extra.set(f.n, f);
          return c.entity;
        }),
      report,
      savedState: state.saved,
      initialFocus: state.by !== 'hover',
      onClose: () => this.close(true),
      onRetry: () => {
        state.error = undefined;
        void this.openFor(state.mention, state.by, state.point);
      },
      onSave: () => void this.save(state),
      onDisableSite: () => void this.services.disableSite(),
      onOpenLibrary: (id) => this.services.openLibrary(id),
    };
  }

  private async save(state: OpenState): Promise<void> {
    state.saved = 'saving';
    this.popover?.update(await this.props(state, false));
    try {
      await this.services.saveMention(state.mention, this.surface(state.mention));
      state.saved = 'saved';
    } catch {
      state.saved = 'error';
    }
    if (this.open === state) this.popover?.update(await this.props(state, false));
  }

  close(restoreFocus: boolean): void {
    const state = this.open;
    this.open = null;
    this.popover?.hide();
    this.paintActive();
    if (restoreFocus && state?.returnFocus instanceof HTMLElement) state.returnFocus.focus({ preventScroll: true });
  }
}
