// Focus helpers that work inside a shadow root, where document.activeElement is only the host.

const CANDIDATES = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Keyboard-reachable elements inside `root`, in document order (we never use positive tabindex). */
export function tabbables(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(CANDIDATES)).filter((el) => {
    if (el.getAttribute('tabindex') === '-1' || el.hidden || el.closest('[hidden],[inert]')) return false;
    // Content of a closed <details> cannot take focus; its own <summary> can.
    const closed = el.closest('details:not([open])');
    if (closed && !(el.tagName === 'SUMMARY' && el.parentElement === closed)) return false;
    return true;
  });
}

/** The focused element as seen from `node`'s own tree (document or shadow root). */
export function activeElementFor(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return root.activeElement ?? null;
}

/**
 * Next element for Tab / Shift+Tab within `root`, wrapping at either end. Starting from an element
 * outside the list (the heading, or nothing), picks the neighbour in document order.
 */
export function nextTabbable(root: Element, from: Element | null, backwards: boolean): HTMLElement | undefined {
  const list = tabbables(root);
  if (list.length === 0) return undefined;
  const first = list[0]!;
  const last = list[list.length - 1]!;
  if (!from || !root.contains(from)) return backwards ? last : first;
  const index = list.indexOf(from as HTMLElement);
  if (index >= 0) {
    if (backwards) return index === 0 ? last : list[index - 1];
    return index === list.length - 1 ? first : list[index + 1];
  }
  const follows = (el: Element) => (from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  if (backwards) return [...list].reverse().find((el) => !follows(el)) ?? last;
  return list.find(follows) ?? first;
}
