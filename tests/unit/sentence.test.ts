import { describe, expect, it } from 'vitest';
import { sentenceAround } from '../../core/sentence';

function around(text: string, word: string): string {
  const i = text.indexOf(word);
  const r = sentenceAround(text, i, i + word.length);
  return text.slice(r.start, r.end);
}

describe('sentenceAround', () => {
  it('keeps the sentence with its full stop', () => {
    expect(around('First one. Huawei said no. Last.', 'Huawei')).toBe('Huawei said no.');
  });
  it('does not cut at abbreviations or decimals', () => {
    expect(around('The U.S. and Huawei spent 1.5 bn on it. Next.', 'Huawei')).toBe('The U.S. and Huawei spent 1.5 bn on it.');
  });
  it('stops at block separators and newlines', () => {
    expect(around('Headline\u0000Roskomnadzor blocked it\nNext block', 'Roskomnadzor')).toBe('Roskomnadzor blocked it');
  });
  it('handles Chinese full stops', () => {
    expect(around('前一句。华为表示反对。后一句。', '华为')).toBe('华为表示反对。');
  });
  it('handles Russian text', () => {
    expect(around('Первое. Роскомнадзор заблокировал сайт! Дальше.', 'Роскомнадзор')).toBe('Роскомнадзор заблокировал сайт!');
  });
});
