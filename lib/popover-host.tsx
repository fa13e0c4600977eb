// The one element Kontekst adds to a page: a host in the top layer with a shadow root, so page
// z-index, overflow, transforms, rem sizes and hostile CSS can neither hide, clip nor restyle it.
import { render } from 'preact';
import {
  autoUpdate, computePosition, offset, shift, size, type Middleware, type Placement, type VirtualElement,
} from '@floating-ui/dom';
import { Popover, type PopoverProps } from '../components/popover/Popover';
import { popoverCss } from '../components/popover/popover.css';

export const HOST_TAG = 'kontekst-ui';

// Host rules are !important: inside a shadow tree, important :host declarations beat the page's
// important ones (`* { all: unset !important }`), while normal ones would lose to them.
const HOST_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 auto auto 0 !important;
  width: 0 !important;
  height: 0 !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  display: block !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
  pointer-events: none !important;
  z-index: 2147483647 !important;
  contain: none !important;
}
:host(:not(:popover-open)) { display: none !important; }
.kx-anchor { position: fixed; left: 0; top: 0; pointer-events: auto; }
`;

export interface AnchorSource {
  /** Live client rects of the mention (a Range's getClientRects). */
  rects(): DOMRect[];
  /** Element whose scrolling containers move the mention (for autoUpdate). */
  contextElement: Element | null;
  /** Pointer position when opened by hover or tap: picks the line box under it. */
  point?: { x: number; y: number };
}

const GAP = 6;
const PAD = 8;
const MAX_HEIGHT = 520;

/** One rect per line: a Range reports a rect per text node and per inline element it covers. */
export function lineBoxes(rects: readonly DOMRect[]): DOMRect[] {
  const sorted = rects.filter((r) => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top || a.left - b.left);
  const lines: DOMRect[] = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && r.top < last.bottom - Math.min(r.height, last.height) / 2) {
      const left = Math.min(last.left, r.left);
      const top = Math.min(last.top, r.top);
      lines[lines.length - 1] = new DOMRect(left, top, Math.max(last.right, r.right) - left, Math.max(last.bottom, r.bottom) - top);
    } else {
      lines.push(r);
    }
  }
  return lines;
}

function virtualElement(anchor: AnchorSource): VirtualElement {
  // The line under the pointer is chosen once, so the popover stays on it while the page scrolls.
  let line = -1;
  const pick = (): DOMRect => {
    const lines = lineBoxes(anchor.rects());
    if (!lines.length) return new DOMRect(0, 0, 0, 0);
    if (line < 0) {
      line = 0;
      const p = anchor.point;
      if (p) {
        let best = Infinity;
        lines.forEach((r, i) => {
          const dy = p.y < r.top ? r.top - p.y : p.y > r.bottom ? p.y - r.bottom : 0;
          const dx = p.x < r.left ? r.left - p.x : p.x > r.right ? p.x - r.right : 0;
          if (dy * 4 + dx < best) {
            best = dy * 4 + dx;
            line = i;
          }
        });
      }
    }
    return lines[Math.min(line, lines.length - 1)]!;
  };
  return {
    getBoundingClientRect: pick,
    getClientRects: () => [pick()],
    contextElement: anchor.contextElement ?? undefined,
  };
}

function viewportHeight(): number {
  const h = document.documentElement.clientHeight;
  return h > 0 ? Math.min(h, innerHeight) : innerHeight;
}

/**
 * Below the mention when the popover fits there, else above when it fits there, else on the side
 * with more room (then sized to it). Decided from the content's natural height, not the height
 * the last placement squeezed it to.
 */
function chooseSide(naturalHeight: () => number): Middleware {
  return {
    name: 'kontekstSide',
    fn({ placement, rects }) {
      const below = viewportHeight() - (rects.reference.y + rects.reference.height) - GAP - PAD;
      const above = rects.reference.y - GAP - PAD;
      const need = naturalHeight();
      const want: Placement = need <= below || (need > above && below >= above) ? 'bottom-start' : 'top-start';
      return want === placement ? {} : { reset: { placement: want } };
    },
  };
}

export class PopoverHost {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly panel: HTMLDivElement;
  private cleanup: (() => void) | null = null;
  private isOpen = false;

  constructor(private readonly doc: Document) {
    this.host = doc.createElement(HOST_TAG);
    this.host.setAttribute('popover', 'manual');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HOST_CSS + popoverCss);
    this.shadow.adoptedStyleSheets = [sheet];
    this.panel = doc.createElement('div');
    this.panel.className = 'kx-anchor';
    this.shadow.append(this.panel);
    // Outside <body>, so frameworks that own the body never meet it.
    doc.documentElement.append(this.host);
  }

  get open(): boolean {
    return this.isOpen;
  }

  /** True when an event's target (or the focused element) is inside our UI. */
  contains(node: EventTarget | null): boolean {
    return node instanceof Node && (node === this.host || this.host.contains(node) || this.shadow.contains(node));
  }

  panelRect(): DOMRect | null {
    return this.isOpen ? this.panel.getBoundingClientRect() : null;
  }

  /** Height the popover would take with no size limit (capped by its own maximum). */
  private naturalHeight(): number {
    const pop = this.panel.firstElementChild as HTMLElement | null;
    const body = pop?.querySelector<HTMLElement>('.kx-body');
    const cap = Math.min(MAX_HEIGHT, viewportHeight() - 2 * PAD);
    if (!pop || !body) return Math.min(cap, this.panel.offsetHeight);
    return Math.min(cap, pop.offsetHeight - body.clientHeight + body.scrollHeight);
  }

  /** Shows the popover for an anchor; `key` changes per opening, so each starts afresh (focus, trail). */
  show(anchor: AnchorSource, props: PopoverProps, key?: number | string): void {
    if (!this.isOpen) {
      if (!this.host.isConnected) this.doc.documentElement.append(this.host);
      // Shown before rendering: an element in a hidden popover cannot take focus.
      this.host.showPopover();
      this.isOpen = true;
    }
    render(<Popover key={key} {...props} />, this.panel);
    this.cleanup?.();
    const reference = virtualElement(anchor);
    const update = () => {
      if (!this.isOpen) return;
      void computePosition(reference, this.panel, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          chooseSide(() => this.naturalHeight()),
          offset(GAP),
          shift({ padding: PAD }),
          size({
            padding: PAD,
            apply: ({ availableHeight, availableWidth }) => {
              const h = Math.max(120, Math.floor(Math.min(MAX_HEIGHT, availableHeight)));
              this.panel.style.setProperty('--kontekst-max-height', `${h}px`);
              this.panel.style.maxWidth = `${Math.max(200, Math.floor(availableWidth))}px`;
            },
          }),
          // After sizing, keep it fully inside the viewport even when there is no room.
          shift({ padding: PAD, crossAxis: true }),
        ],
      }).then(({ x, y }) => {
        this.panel.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    };
    this.cleanup = autoUpdate(reference, this.panel, update, { animationFrame: false });
  }

  /** Re-renders with new props at the same place (loading → content, saved state...). */
  update(props: PopoverProps, key?: number | string): void {
    if (this.isOpen) render(<Popover key={key} {...props} />, this.panel);
  }

  hide(): void {
    this.cleanup?.();
    this.cleanup = null;
    if (!this.isOpen) return;
    render(null, this.panel);
    this.isOpen = false;
    if (this.host.matches(':popover-open')) this.host.hidePopover();
  }

  destroy(): void {
    this.hide();
    this.host.remove();
  }
}
