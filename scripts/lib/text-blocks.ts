// Cuts a parsed HTML document (linkedom in Node) into the text blocks a scanner would read: the
// text of a block element and its inline descendants joined, so a name split by a link is one
// string. Uses only childNodes/localName/getAttribute, which linkedom implements (its TreeWalker
// has no nextSibling/parentNode).

// Never read: code, form fields, non-rendered content (same list as lib/scanner.ts).
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'code', 'pre', 'kbd', 'samp', 'textarea', 'input',
  'select', 'option', 'button', 'svg', 'math', 'iframe', 'object', 'canvas', 'video', 'audio',
  'head', 'title', 'meta', 'link',
]);

// Inline: their text joins the surrounding block's.
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'label',
  'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'nobr',
  'tt', 'big', 'strike', 'ruby', 'rb', 'rp', 'rt', 'output', 'meter', 'progress', 'acronym', 'br',
]);

export interface TextBlock {
  text: string;
  /** The block element whose text this is. */
  element: Element;
}

function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName)) return true;
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce !== 'false';
}

/**
 * The blocks under `root`, in document order. Text before and after a nested block belongs to two
 * separate blocks of the same element, so no name is found across a block boundary.
 */
export function textBlocks(root: Element): TextBlock[] {
  const out: TextBlock[] = [];
  const visit = (block: Element): void => {
    let parts: string[] = [];
    const flush = (): void => {
      const text = parts.join('');
      if (text.trim()) out.push({ text, element: block });
      parts = [];
    };
    const walk = (el: Element): void => {
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) {
          parts.push((n as Text).data);
        } else if (n.nodeType === 1) {
          const child = n as Element;
          if (isSkipped(child)) {
            flush();
          } else if (child.localName === 'br') {
            parts.push('\n');
          } else if (INLINE_TAGS.has(child.localName)) {
            walk(child);
          } else {
            flush();
            visit(child);
          }
        }
      }
    };
    walk(block);
    flush();
  };
  if (!isSkipped(root)) visit(root);
  return out;
}

/** A CSS path from <html> to `el`: tag names, with :nth-of-type where a tag repeats among siblings. */
export function cssPath(el: Element): string {
  const steps: string[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) {
    const tag = e.localName;
    const parent: Element | null = e.parentElement;
    let step = tag;
    if (parent) {
      let index = 0;
      let count = 0;
      for (let s: Element | null = parent.firstElementChild; s; s = s.nextElementSibling) {
        if (s.localName === tag) {
          count++;
          if (s === e) index = count;
        }
      }
      if (count > 1) step += `:nth-of-type(${index})`;
    }
    steps.push(step);
  }
  return steps.reverse().join('>');
}
