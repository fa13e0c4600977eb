// happy-dom 21's TreeWalker.previousNode() returns null once it has to climb out of a previous
// sibling's subtree (a shadowed variable: capricorn86/happy-dom#2152, open, fix PRs #2162 and
// #2225 not merged). Chromium follows the DOM standard; so do tests that import this file: it
// puts the standard's algorithm (https://dom.spec.whatwg.org/#dom-treewalker-previousnode) in
// place of happy-dom's, only where happy-dom still gets the bug's case wrong.

const SKIP = 3;
const REJECT = 2;
const ACCEPT = 1;

function filtered(walker: TreeWalker, node: Node): number {
  if (!((walker.whatToShow >>> (node.nodeType - 1)) & 1)) return SKIP;
  const f = walker.filter;
  if (!f) return ACCEPT;
  return typeof f === 'function' ? f(node) : f.acceptNode(node);
}

function previousNode(this: TreeWalker): Node | null {
  let node = this.currentNode;
  while (node !== this.root) {
    let sibling = node.previousSibling;
    while (sibling) {
      node = sibling;
      let result = filtered(this, node);
      while (result !== REJECT && node.lastChild) {
        node = node.lastChild;
        result = filtered(this, node);
      }
      if (result === ACCEPT) {
        this.currentNode = node;
        return node;
      }
      sibling = node.previousSibling;
    }
    if (node === this.root || !node.parentNode) return null;
    node = node.parentNode;
    if (filtered(this, node) === ACCEPT) {
      this.currentNode = node;
      return node;
    }
  }
  return null;
}

function broken(): boolean {
  const root = document.createElement('div');
  root.appendChild(document.createElement('p')).append('a');
  root.appendChild(document.createElement('span')).appendChild(document.createElement('b'));
  root.append('z');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  walker.currentNode = root.lastChild!; // "z": the answer is "a"
  return walker.previousNode() === null;
}

if (broken()) TreeWalker.prototype.previousNode = previousNode;
