// @vitest-environment happy-dom
// RawTextOffsets maps offsets of root.textContent to text nodes by summing text node lengths:
// checked against a reference walk of every text node, on generated trees with comments, empty
// elements, empty text nodes and deep nesting. codeRanges finds the code text the prefilter skips.
import { describe, expect, it, vi } from 'vitest';
import { RawTextOffsets, blockOfText, codeRanges, gluedInNode } from '../../lib/scanner';
import { prng } from '../../scripts/lib/prng';

function buildTree(rnd: () => number, parent: Node, depth: number): void {
  const n = 1 + Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.4) parent.appendChild(document.createTextNode('x'.repeat(Math.floor(rnd() * 6))));
    else if (r < 0.5) parent.appendChild(document.createComment('comment text'));
    else if (depth < 6) {
      const el = document.createElement(rnd() < 0.5 ? 'span' : 'div');
      parent.appendChild(el);
      if (rnd() < 0.8) buildTree(rnd, el, depth + 1);
    }
  }
}

/** The text node at each offset, by walking every text node. */
function reference(root: Node): { node: Text; start: number }[] {
  const out: { node: Text; start: number }[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let pos = 0;
  for (let n = w.nextNode() as Text | null; n; n = w.nextNode() as Text | null) {
    for (let k = 0; k < n.data.length; k++) out.push({ node: n, start: pos });
    pos += n.data.length;
  }
  return out;
}

describe('RawTextOffsets', () => {
  it('finds the text node of every offset, in ascending order, as a full walk does', () => {
    const rnd = prng(11);
    for (let t = 0; t < 60; t++) {
      const root = document.createElement('div');
      buildTree(rnd, root, 0);
      const ref = reference(root);
      expect(ref.length).toBe((root.textContent ?? '').length);
      const offsets = new RawTextOffsets(root);
      for (let p = 0; p < ref.length; p += 1 + Math.floor(rnd() * 3)) {
        const at = offsets.nodeAt(p, () => false);
        expect(at?.node).toBe(ref[p]!.node);
        expect(at?.start).toBe(ref[p]!.start);
      }
      expect(offsets.nodeAt(ref.length, () => false)).toBeNull();
      expect(offsets.nodeAt(ref.length + 5, () => false)).toBeNull();
    }
  });

  it("reads no element's text: it sums the lengths of the text nodes it passes", () => {
    const root = document.createElement('div');
    const header = root.appendChild(document.createElement('header'));
    header.append('head');
    header.appendChild(document.createElement('b')).append('line');
    let deepest: HTMLElement = root;
    for (let i = 0; i < 8; i++) deepest = deepest.appendChild(document.createElement('div'));
    deepest.append('one', 'target');
    const length = (root.textContent ?? '').length;
    // The prototype that defines textContent (Node in browsers; happy-dom may differ).
    let proto: object | null = root;
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'textContent')) proto = Object.getPrototypeOf(proto) as object | null;
    const watch = vi.spyOn(proto as Node, 'textContent', 'get');
    try {
      const at = new RawTextOffsets(root).nodeAt(length - 2, () => false);
      expect(at?.node.data).toBe('target');
      expect(at?.start).toBe(length - 6);
      expect(watch).not.toHaveBeenCalled();
    } finally {
      watch.mockRestore();
    }
  });

  it('can stop for a yield and go on with the same offset', () => {
    const root = document.createElement('div');
    for (let i = 0; i < 2000; i++) root.appendChild(document.createElement('p')).append('ab');
    root.appendChild(document.createElement('p')).append('target');
    const offsets = new RawTextOffsets(root);
    // Stepping over 2000 subtrees: asked to yield once.
    let asked = 0;
    const first = offsets.nodeAt(4000, () => ++asked === 1);
    expect(first).toBeUndefined();
    expect(offsets.nodeAt(4000, () => false)?.node.data).toBe('target');
  });

  it('finds offsets inside and after an element of thousands of children', () => {
    const root = document.createElement('div');
    const big = root.appendChild(document.createElement('main'));
    for (let i = 0; i < 3000; i++) big.appendChild(document.createElement('p')).append(`p${i % 10}`);
    root.appendChild(document.createElement('footer')).append('end');
    const ref = reference(root);
    const offsets = new RawTextOffsets(root);
    for (const p of [5, 2999, 4500, ref.length - 2]) {
      const at = offsets.nodeAt(p, () => false);
      expect(at?.node).toBe(ref[p]!.node);
      expect(at?.start).toBe(ref[p]!.start);
    }
  });

  it('gives the nearest block of a text node', () => {
    const d = document.body.appendChild(document.createElement('div'));
    d.id = 'd';
    d.append('a ');
    const b = d.appendChild(document.createElement('b'));
    b.append('bold ');
    b.appendChild(document.createElement('i')).append('x');
    const x = document.querySelector('i')!.firstChild!;
    expect((blockOfText(x) as Element).id).toBe('d');
    expect((blockOfText(document.querySelector('#d')!.firstChild!) as Element).id).toBe('d');
  });
});

describe('codeRanges', () => {
  /** Appends `<tag>text</tag>` to `parent`; returns the element. */
  const add = (parent: Node, tag: string, text = ''): HTMLElement => {
    const el = parent.appendChild(document.createElement(tag));
    if (text) el.append(text);
    return el;
  };

  it('gives the ranges of the raw text that long <style>, <script> and <noscript> elements hold, in order', () => {
    const root = document.createElement('div');
    const css = '.a{color:red} '.repeat(2_200); // 30,800 characters: the text is long enough to look
    const json = '{"title":"Huawei"} '.repeat(60);
    const noscript = 'x'.repeat(600);
    add(root, 'p', 'Huawei');
    add(root, 'style', css);
    const div = add(root, 'div');
    add(div, 'p', 'SCO');
    add(div, 'script', json).setAttribute('type', 'application/json');
    add(root, 'style', '.short{}');
    add(root, 'noscript', noscript);
    add(root, 'p', 'end');
    const raw = root.textContent ?? '';
    const ranges = codeRanges(root, raw);
    const at = (t: string): number[] => [raw.indexOf(t), raw.indexOf(t) + t.length];
    expect(ranges).toEqual([...at(css), ...at(json), ...at(noscript)]);
    // Short code is left to the search; so is everything on a page without long code, and all
    // code of a short text (searching it costs less than finding the code).
    expect(raw.slice(ranges[1], ranges[2])).toContain('SCO');
    const plain = document.createElement('div');
    add(plain, 'p', 'Huawei');
    add(plain, 'style', '.a{}');
    add(plain, 'p', 'x'.repeat(40_000));
    expect(codeRanges(plain, plain.textContent ?? '')).toEqual([]);
    const short = document.createElement('div');
    add(short, 'p', 'Huawei');
    add(short, 'style', '.b{} '.repeat(1_000));
    expect(codeRanges(short, short.textContent ?? '')).toEqual([]);
  });

  it('finds a code text repeated in the page at its own place, after the one before it', () => {
    const root = document.createElement('div');
    const css = 'p{margin:0} '.repeat(2_600);
    add(root, 'style', css);
    add(root, 'p', 'between');
    add(root, 'style', css);
    const raw = root.textContent ?? '';
    expect(codeRanges(root, raw)).toEqual([0, css.length, css.length + 7, 2 * css.length + 7]);
  });

  it('is not looked for in a long text with few "{": code, if any, is short there', () => {
    const root = document.createElement('div');
    add(root, 'p', 'x'.repeat(40_000));
    // 127 rules: 2,400 characters of CSS, cheaper to search than to find.
    add(root, 'style', '.rule-name{color:red}'.repeat(127));
    add(root, 'script', 'window.data = [' + '"item", '.repeat(400) + '];');
    expect(codeRanges(root, root.textContent ?? '')).toEqual([]);
    add(root, 'style', '.b{}');
    const raw = root.textContent ?? '';
    const css = '.rule-name{color:red}'.repeat(127);
    expect(codeRanges(root, raw)).toEqual([raw.indexOf(css), raw.indexOf(css) + css.length, raw.indexOf('window.data'), raw.indexOf('];') + 2]);
  });
});

describe('gluedInNode', () => {
  const both = { edges: 3, length: 3 };
  /** A text node of `data` starting at raw offset `start` of a raw text holding it there. */
  const glued = (data: string, start: number, place: number, word: { edges: number; length: number }, raw = ' '.repeat(start) + data): boolean =>
    gluedInNode({ node: document.createTextNode(data), start }, place, word, raw);

  it('rules out a match with a letter or digit at a needed edge in its own text node', () => {
    const data = 'MOSCOW (AP) — the SCO met';
    expect(glued(data, 100, 102, both)).toBe(true); // MO|SCO|W
    expect(glued(data, 100, 100 + data.indexOf('SCO met'), both)).toBe(false);
    expect(glued('EDUCACIÓN', 0, 3, both)).toBe(true);
    expect(glued('SCO2', 0, 0, both)).toBe(true);
  });

  it('decides nothing at the edges of the node, for edges not asked, for an unknown length, or on a changed page', () => {
    expect(glued('SCOW', 5, 5, { edges: 1, length: 3 })).toBe(false);
    expect(glued('MOSCO', 0, 2, { edges: 2, length: 3 })).toBe(false);
    expect(glued('MOSCOW', 0, 2, { edges: 0, length: 3 })).toBe(false);
    expect(glued('xSCO', 0, 1, { edges: 2, length: -1 })).toBe(false);
    expect(glued('SCOW', 0, 0, { edges: 2, length: -1 })).toBe(false);
    // The node no longer holds the place's character: the raw text is out of date.
    expect(glued('MOSCOW', 0, 2, both, 'MOXCOW')).toBe(false);
  });
});
