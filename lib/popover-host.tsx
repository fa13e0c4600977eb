// The one element Kontekst adds to a page: a host in the top layer with a shadow root, so page
// z-index, overflow, transforms, rem sizes and hostile CSS can neither hide, clip nor restyle it.
import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
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

function virtualElement(anchor: AnchorSource): VirtualElement {
  const pick = (): DOMRect => {
    const rects = anchor.rects().filter((r) => r.width > 0 || r.height > 0);
    if (!rects.length) return new DOMRect(0, 0, 0, 0);
    const p = anchor.point;
    if (p) {
      const under = rects.find((r) => p.y >= r.top - 2 && p.y <= r.bottom + 2 && p.x >= r.left - 2 && p.x <= r.right + 2);
      if (under) return under;
    }
    return rects[0]!;
  };
  return {
    getBoundingClientRect: pick,
    getClientRects: () => anchor.rects(),
    contextElement: anchor.contextElement ?? undefined,
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

  /** True when an event's target is inside our UI. */
  contains(node: EventTarget | null): boolean {
    return node instanceof Node && (node === this.host || this.host.contains(node) || this.shadow.contains(node));
  }

  panelRect(): DOMRect | null {
    return this.isOpen ? this.panel.getBoundingClientRect() : null;
  }

  show(anchor: AnchorSource, props: PopoverProps): void {
    render(<Popover {...props} />, this.panel);
    if (!this.isOpen) {
      if (!this.host.isConnected) this.doc.documentElement.append(this.host);
      this.host.showPopover();
      this.isOpen = true;
    }
    this.cleanup?.();
    const reference = virtualElement(anchor);
    const update = () => {
      void computePosition(reference, this.panel, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ padding: 8, fallbackAxisSideDirection: 'end' }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight, availableWidth }) => {
              this.panel.style.setProperty('--kontekst-max-height', `${Math.max(160, Math.floor(availableHeight))}px`);
              this.panel.style.maxWidth = `${Math.max(200, Math.floor(availableWidth))}px`;
            },
          }),
          // After sizing, keep it fully inside the viewport even when there is no room.
          shift({ padding: 8, crossAxis: true }),
        ],
      }).then(({ x, y }) => {
        this.panel.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    };
    this.cleanup = autoUpdate(reference, this.panel, update, { animationFrame: false });
  }

  /** Re-renders with new props at the same place (loading → content, saved state...). */
  update(props: PopoverProps): void {
    if (this.isOpen) render(<Popover {...props} />, this.panel);
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
