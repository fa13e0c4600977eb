// @vitest-environment happy-dom
// RawTextOffsets maps offsets of root.textContent to text nodes by summing text node lengths:
// checked against a reference walk of every text node, on generated trees with comments, empty
// elements, empty text nodes and deep nesting. readRawText leaves out the text of long <style>
// elements, and RawTextOffsets passes over the text nodes it left out.
import { describe, expect, it, vi } from 'vitest';
import { type RawTextOffsets, rawTextOffsets, blockOfText, gluedInNode, readRawText } from '../../lib/scanner';
import { prng } from '../../scripts/lib/prng';
import './happy-dom-tree-walker';

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

/** A subtree's raw text read whole (nothing cut), as RawTextOffsets takes it. */
function whole(root: Node): { text: string; cut: Text[] } {
  return { text: root.textContent ?? '', cut: [] };
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

/** `offsets` maps raw offset `p` to the text node and start a full walk gives (`ref`). */
function expectAt(offsets: RawTextOffsets, ref: { node: Text; start: number }[], p: number): void {
  const at = offsets.nodeAt(p, () => false);
  expect(at?.node).toBe(ref[p]!.node);
  expect(at?.start).toBe(ref[p]!.start);
}

describe('RawTextOffsets', () => {
  it('finds the text node of every offset, in ascending order, as a full walk does', () => {
    const rnd = prng(11);
    for (let t = 0; t < 60; t++) {
      const root = document.createElement('div');
      buildTree(rnd, root, 0);
      const ref = reference(root);
      expect(ref.length).toBe((root.textContent ?? '').length);
      const offsets = rawTextOffsets(root, whole(root));
      for (let p = 0; p < ref.length; p += 1 + Math.floor(rnd() * 3)) {
        expectAt(offsets, ref, p);
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
    const offsets = rawTextOffsets(root, whole(root));
    const watch = vi.spyOn(proto as Node, 'textContent', 'get');
    try {
      const at = offsets.nodeAt(length - 2, () => false);
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
    for (let i = 0; i < 2000; i++) root.appendChild(document.createElement('p')).append('ab');
    const offsets = rawTextOffsets(root, whole(root));
    // Stepping over 2000 subtrees (nearer the start than the end): asked to yield once.
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
    const offsets = rawTextOffsets(root, whole(root));
    for (const p of [5, 2999, 4500, ref.length - 2]) {
      expectAt(offsets, ref, p);
    }
  });

  it('finds an offset near the end by walking back from the last node, not through the page', () => {
    const root = document.createElement('div');
    for (let i = 0; i < 2000; i++) root.appendChild(document.createElement('p')).append('ab');
    const footer = root.appendChild(document.createElement('footer'));
    footer.append('Google+');
    footer.appendChild(document.createElement('b')).append('tail');
    footer.appendChild(document.createComment('last node of all'));
    const offsets = rawTextOffsets(root, whole(root));
    const forward = vi.spyOn(TreeWalker.prototype, 'nextNode');
    const backward = vi.spyOn(TreeWalker.prototype, 'previousNode');
    try {
      const at = offsets.nodeAt(4000, () => false);
      expect(at?.node.data).toBe('Google+');
      expect(at?.start).toBe(4000);
      expect(forward).not.toHaveBeenCalled();
      expect(backward.mock.calls.length).toBeLessThan(5);
      // Further offsets go on forward from there.
      expect(offsets.nodeAt(4008, () => false)).toEqual({ node: footer.lastChild!.previousSibling!.firstChild, start: 4007 });
      expect(forward.mock.calls.length).toBeLessThan(3);
    } finally {
      forward.mockRestore();
      backward.mockRestore();
    }
  });

  it('finds sparse ascending offsets, with jumps both ways of the text, as a full walk does', () => {
    const rnd = prng(47);
    for (let t = 0; t < 80; t++) {
      const root = document.createElement('div');
      buildTree(rnd, root, 0);
      if (t % 2) root.appendChild(document.createTextNode('last'));
      const ref = reference(root);
      const offsets = rawTextOffsets(root, whole(root));
      // Few offsets, far apart: some nearer the end than the last node reached.
      for (let p = Math.floor(rnd() * ref.length * 0.7); p < ref.length; p += 1 + Math.floor(rnd() * ref.length * 0.4)) {
        expectAt(offsets, ref, p);
      }
      expect(offsets.nodeAt(ref.length, () => false)).toBeNull();
    }
  });

  it('can stop for a yield while walking back and go on with the same offset', () => {
    const root = document.createElement('div');
    for (let i = 0; i < 2000; i++) root.appendChild(document.createElement('p')).append('ab');
    const target = root.appendChild(document.createElement('p')).appendChild(document.createTextNode('target'));
    for (let i = 0; i < 1000; i++) root.appendChild(document.createElement('p')).append('ab');
    const offsets = rawTextOffsets(root, whole(root));
    let asked = 0;
    expect(offsets.nodeAt(4001, () => ++asked === 1)).toBeUndefined(); // 1000 nodes back from the end
    expect(asked).toBe(1);
    expect(offsets.nodeAt(4001, () => false)).toEqual({ node: target, start: 4000 });
    expect(offsets.nodeAt(6004, () => false)).toEqual({ node: root.lastChild!.firstChild, start: 6004 });
  });

  it('answers null, not a wrong node, when the nodes hold less text than was read', () => {
    const root = document.createElement('div');
    for (let i = 0; i < 10; i++) root.appendChild(document.createElement('p')).append('abc');
    // 100 characters read, 30 left: walking back from the end runs out of nodes at 70.
    const offsets = rawTextOffsets(root, { text: 'x'.repeat(100), cut: [] });
    expect(offsets.nodeAt(60, () => false)).toBeNull();
    expect(offsets.nodeAt(95, () => false)).toBeNull();
  });

  it('finds no node under a text node, from either end (a root is never one of its own nodes)', () => {
    const text = document.createElement('p').appendChild(document.createTextNode('Huawei'));
    expect(rawTextOffsets(text, whole(text)).nodeAt(1, () => false)).toBeNull();
    expect(rawTextOffsets(text, whole(text)).nodeAt(5, () => false)).toBeNull();
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

describe('readRawText', () => {
  /** Appends `<tag>text</tag>` to `parent`; returns the element. */
  const add = (parent: Node, tag: string, text = ''): HTMLElement => {
    const el = parent.appendChild(document.createElement(tag));
    if (text) el.append(text);
    return el;
  };
  /** The text of every text node of `root` but those in `cut`, joined; and each kept node's start. */
  const without = (root: Node, cut: readonly Text[]): { text: string; ref: { node: Text; start: number }[] } => {
    const skip = new Set(cut);
    const ref: { node: Text; start: number }[] = [];
    let text = '';
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode() as Text | null; n; n = w.nextNode() as Text | null) {
      if (skip.has(n)) continue;
      for (let k = 0; k < n.data.length; k++) ref.push({ node: n, start: text.length });
      text += n.data;
    }
    return { text, ref };
  };
  const css = (n: number): string => '.rule{color:red} '.repeat(n);

  it('leaves out the text of long <style> elements, and the offsets pass over it', () => {
    const root = document.createElement('div');
    add(root, 'p', 'Huawei before');
    const first = add(root, 'style', css(300)); // 5,100 characters
    const div = add(root, 'div');
    add(div, 'p', 'SCO');
    const inner = add(div, 'style', css(250)); // 4,250: 9,350 in all
    add(root, 'style', '.short{}'); // short: kept
    add(root, 'script', 'window.data = "Roskomnadzor";'.repeat(40)); // scripts are kept
    add(root, 'p', 'end');
    const raw = readRawText(root);
    expect(raw.cut).toEqual([first.firstChild, inner.firstChild]);
    const { text, ref } = without(root, raw.cut);
    expect(raw.text).toBe(text);
    expect(raw.text).not.toContain('.rule{');
    expect(raw.text).toContain('.short{}');
    expect(raw.text).toContain('window.data');
    const offsets = rawTextOffsets(root, raw);
    for (let p = 0; p < ref.length; p++) {
      expectAt(offsets, ref, p);
    }
    expect(offsets.nodeAt(ref.length, () => false)).toBeNull();
  });

  it('leaves out the long <style> of a shadow root (a web component inlines its CSS)', () => {
    const host = document.createElement('div');
    const sr = host.attachShadow({ mode: 'open' });
    add(sr, 'p', 'Huawei in the card');
    const style = add(sr, 'style', css(600));
    add(sr, 'p', 'Roskomnadzor after it');
    const raw = readRawText(sr);
    expect(raw.cut).toEqual([style.firstChild]);
    expect(raw.text).toBe('Huawei in the cardRoskomnadzor after it');
    expect(rawTextOffsets(sr, raw).nodeAt(raw.text.indexOf('Roskomnadzor'), () => false)?.node.data).toBe('Roskomnadzor after it');
  });

  it('reads the whole text where the long code is too little to be worth cutting', () => {
    const root = document.createElement('div');
    add(root, 'p', 'Huawei');
    add(root, 'style', css(400)); // 6,800 characters
    for (let i = 0; i < 20; i++) add(root, 'style', css(29)); // 493 each: short, however many
    add(root, 'p', 'end');
    const raw = readRawText(root);
    expect(raw.cut).toEqual([]);
    expect(raw.text).toBe(root.textContent);
  });

  it('leaves out a long <style> holding markup with all its text, and works on generated trees', () => {
    const rnd = prng(29);
    for (let t = 0; t < 30; t++) {
      const root = document.createElement('div');
      buildTree(rnd, root, 0);
      // Long styles at random places, one of them holding elements (a page's script may do that).
      const parents = [root, ...root.querySelectorAll('div, span')];
      for (let k = 0; k < 3; k++) {
        const parent = parents[Math.floor(rnd() * parents.length)]!;
        const style = document.createElement('style');
        style.append(css(200));
        if (k === 0) style.appendChild(document.createElement('b')).append(css(10));
        parent.insertBefore(style, parent.childNodes[Math.floor(rnd() * (parent.childNodes.length + 1))] ?? null);
      }
      const raw = readRawText(root);
      expect(raw.cut.length).toBe(4);
      const { text, ref } = without(root, raw.cut);
      expect(raw.text).toBe(text);
      const offsets = rawTextOffsets(root, raw);
      for (let p = 0; p < ref.length; p += 1 + Math.floor(rnd() * 3)) {
        expectAt(offsets, ref, p);
      }
      // Far apart, so some are found walking back over the cut nodes from the end.
      const sparse = rawTextOffsets(root, raw);
      for (let p = Math.floor(rnd() * ref.length * 0.3); p < ref.length; p += 1 + Math.floor(rnd() * ref.length * 0.4)) {
        expectAt(sparse, ref, p);
      }
    }
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
