// @vitest-environment happy-dom
// TextCollector reads a shadow root's text like a block's: text right in the root (a web component
// may render it so, with no element around it) is read, its <br>s make line breaks, and an inline
// element at the root's top level joins the text around it.
import { describe, expect, it } from 'vitest';
import { BLOCK_SEPARATOR, LINE_BREAK, blockOfText, collectText, elementOf } from '../../lib/scanner';

function shadowWith(...children: (string | Node)[]): ShadowRoot {
  const host = document.body.appendChild(document.createElement('wire-note'));
  const root = host.attachShadow({ mode: 'open' });
  root.append(...children);
  return root;
}

describe('TextCollector in a shadow root', () => {
  it('reads text right in the root, one block with the root, lines cut by <br>', () => {
    const root = shadowWith('Telegram', document.createElement('br'), 'Kaspersky Lab');
    const map = collectText(root);
    expect(map.text).toBe(`Telegram${LINE_BREAK}Kaspersky Lab`);
    expect(map.blocks).toEqual([root, root]);
    expect(blockOfText(root.firstChild!)).toBe(root);
    expect(elementOf(root.firstChild!)).toBe(root.host);
  });

  it('joins an inline element at the top with the text around it; a block element is a block of its own', () => {
    const b = document.createElement('b');
    b.textContent = 'Cooperation';
    const p = document.createElement('p');
    p.textContent = 'Huawei';
    const root = shadowWith('the Shanghai ', b, ' Organisation', p);
    const map = collectText(root);
    expect(map.text).toBe(`the Shanghai Cooperation Organisation${BLOCK_SEPARATOR}Huawei`);
    expect(map.blocks).toEqual([root, root, root, p]);
  });

  it('skips what it skips elsewhere, and reads nothing of the root when given the host', () => {
    const code = document.createElement('code');
    code.textContent = 'Huawei';
    const root = shadowWith('Roskomnadzor ', code);
    expect(collectText(root).text).toBe('Roskomnadzor ');
    expect(collectText(root.host).text).toBe('');
    expect(elementOf(document.createTextNode('loose'))).toBeNull();
  });
});
