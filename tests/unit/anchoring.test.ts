import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import {
  ANCHORING_SCHEME,
  anchor,
  describe,
  foldText,
  foldedIndexAt,
  toOriginalRange,
  type PassageSelectors,
} from '../../core/anchoring/index';
import { buildAnchoringSet, evaluateAnchoring, extractPageText, prng } from '../../scripts/bench/anchoring-set';

const ARTICLE = [
  'Moscow has long treated Chinese technology with a mixture of admiration and suspicion.',
  'In 2019 Huawei signed an agreement with MTS to develop 5G networks in Russia, a deal that officials presented as proof of a strategic partnership.',
  'Russian experts, however, warned that dependence on Chinese equipment could become a vulnerability in the long run.',
  'Roskomnadzor, the media regulator, has meanwhile borrowed several ideas from the Great Firewall.',
  'The Wuxi declaration of 2015 formalised cooperation on information security between the two states.',
].join('\n\n');

/** Describes the first occurrence of `passage` in `text`. */
function select(text: string, passage: string): ReturnType<typeof describe> {
  const start = text.indexOf(passage);
  if (start < 0) throw new Error(`not in text: ${passage}`);
  return describe(text, start, start + passage.length);
}

function found(text: string, selectors: PassageSelectors): string | null {
  const r = anchor(text, selectors);
  return r ? text.slice(r.start, r.end) : null;
}

group('foldText and offset mapping', () => {
  it('collapses whitespace runs, nbsp and invisible characters, and maps back to the original', () => {
    const text = 'Hello\n\n   WORLD\u00a0 and\u200b soft\u00adware';
    const f = foldText(text);
    expect(f.text).toBe('hello world and software');
    const s = f.text.indexOf('world');
    expect(text.slice(f.starts[s], f.ends[s + 4])).toBe('WORLD');
    // The soft hyphen inside "soft-ware" is covered by the mapped range.
    const w = f.text.indexOf('software');
    const range = toOriginalRange(f, w, w + 'software'.length);
    expect(text.slice(range!.start, range!.end)).toBe('soft\u00adware');
  });

  it('unifies quotes, dashes, apostrophes and fullwidth forms one unit for one unit', () => {
    const f = foldText('\u201cIt\u2019s\u201d \u2014 \u00abда\u00bb \uff08\u4e2d\uff09');
    expect(f.text).toBe('"it\'s" - "да" (\u4e2d)');
    expect(f.starts.length).toBe(f.text.length);
  });

  it('keeps astral characters whole and maps every unit in order', () => {
    const text = 'a \ud83d\ude00  b';
    const f = foldText(text);
    expect(f.text).toBe('a \ud83d\ude00 b');
    for (let i = 1; i < f.starts.length; i += 1) expect(f.starts[i]).toBeGreaterThan(f.starts[i - 1] as number);
  });

  it('trims whitespace at the edges of a mapped range and finds folded offsets', () => {
    const text = 'one   two   three';
    const f = foldText(text);
    const r = toOriginalRange(f, 3, 8); // " two " in folded text
    expect(text.slice(r!.start, r!.end)).toBe('two');
    expect(toOriginalRange(f, 3, 4)).toBeNull();
    expect(foldedIndexAt(f, 6)).toBe(4); // original "two" starts at 6, folded at 4
    expect(foldedIndexAt(f, 4)).toBe(4); // inside a whitespace run: the next unit
  });
});

group('describe', () => {
  it('records the quote, ~32 characters of context and the position', () => {
    const sel = select(ARTICLE, 'Huawei signed an agreement with MTS');
    expect(sel.quote).toMatchObject({ type: 'TextQuoteSelector', exact: 'Huawei signed an agreement with MTS' });
    expect(sel.quote.prefix.endsWith('In 2019 ')).toBe(true);
    // 32 visible characters; the paragraph break counts as one.
    expect(sel.quote.prefix.replace(/\s+/g, ' ').length).toBe(32);
    expect(sel.quote.suffix.startsWith(' to develop')).toBe(true);
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start: ARTICLE.indexOf('Huawei signed'), end: ARTICLE.indexOf('Huawei signed') + 35 });
    expect(ANCHORING_SCHEME).toBe('kontekst-text/1');
  });

  it('counts a whitespace run once so indentation does not eat the context', () => {
    const text = 'The headline of the day is here.' + '\n' + ' '.repeat(200) + 'Body text starts';
    const sel = select(text, 'Body text');
    expect(sel.quote.prefix).toContain('headline of the day is here.');
  });

  it('does not cut a surrogate pair at the edge of the context', () => {
    const text = '\ud83d\ude00'.repeat(40) + 'quote' + '\ud83d\ude00'.repeat(40);
    const sel = select(text, 'quote');
    expect(sel.quote.prefix.charCodeAt(0)).toBe(0xd83d);
    expect(sel.quote.suffix.charCodeAt(sel.quote.suffix.length - 1)).toBe(0xde00);
  });

  it('throws on an empty or out-of-range selection', () => {
    expect(() => describe('abc', 2, 2)).toThrow(RangeError);
    expect(() => describe('abc', -1, 2)).toThrow(RangeError);
    expect(() => describe('abc', 1, 9)).toThrow(RangeError);
    expect(() => describe('abc', 2, 1)).toThrow(RangeError);
  });
});

group('anchor', () => {
  const passage = 'Russian experts, however, warned that dependence on Chinese equipment could become a vulnerability';
  const sel = select(ARTICLE, passage);

  it('finds an unchanged passage at its position', () => {
    const r = anchor(ARTICLE, sel);
    expect(r).toMatchObject({ start: sel.position.start, end: sel.position.end, method: 'exact-position' });
    expect(r!.score).toBeGreaterThan(0.95);
  });

  it('follows insertions before the passage', () => {
    const text = 'BREAKING: a new paragraph was added at the top of the story.\n\n' + ARTICLE;
    const r = anchor(text, sel);
    expect(r?.method).toBe('exact-unique');
    expect(text.slice(r!.start, r!.end)).toBe(passage);
  });

  it('finds a passage with a word inserted, replaced or deleted inside', () => {
    const inserted = ARTICLE.replace('warned that', 'warned repeatedly that');
    expect(found(inserted, sel)).toBe(passage.replace('warned that', 'warned repeatedly that'));
    const replaced = ARTICLE.replace('Chinese equipment', 'foreign equipment');
    expect(found(replaced, sel)).toBe(passage.replace('Chinese', 'foreign'));
    const deleted = ARTICLE.replace(' however,', '');
    expect(found(deleted, sel)).toBe(passage.replace(' however,', ''));
    expect(anchor(deleted, sel)?.method).toBe('fuzzy');
  });

  it('ignores reflowed whitespace and maps offsets back to the reflowed text', () => {
    const reflowed = ARTICLE.replace(/ /g, (m, i: number) => (i % 3 === 0 ? '\n      ' : i % 3 === 1 ? '\u00a0' : '  '));
    const r = anchor(reflowed, sel);
    expect(r?.method).toMatch(/^exact-/);
    const got = reflowed.slice(r!.start, r!.end);
    expect(got.replace(/\s+/g, ' ')).toBe(passage);
    expect(got.startsWith('Russian')).toBe(true);
    expect(got.endsWith('vulnerability')).toBe(true);
  });

  it('finds a passage whose paragraph moved', () => {
    const paragraphs = ARTICLE.split('\n\n');
    const moved = [paragraphs[2], paragraphs[0], paragraphs[1], paragraphs[4], paragraphs[3]].join('\n\n');
    expect(found(moved, sel)).toBe(passage);
    const movedAndEdited = moved.replace('could become', 'may become');
    expect(found(movedAndEdited, sel)).toBe(passage.replace('could', 'may'));
  });

  it('treats typographic and straight quotes, dashes and guillemets alike', () => {
    const text = 'He said: \u201cThe partnership \u2014 for now \u2014 is stable,\u201d and left the room early.';
    const s = select(text, '\u201cThe partnership \u2014 for now \u2014 is stable,\u201d');
    const plain = 'He said: "The partnership - for now - is stable," and left the room early.';
    const r = anchor(plain, s);
    expect(r?.method).toMatch(/^exact-/);
    expect(plain.slice(r!.start, r!.end)).toBe('"The partnership - for now - is stable,"');
    const ru = 'Он сказал: \u00abпартнёрство \u2013 пока \u2013 стабильно\u00bb, и ушёл.';
    const ruSel = select(ru, '\u00abпартнёрство \u2013 пока \u2013 стабильно\u00bb');
    expect(found('Он сказал: \u201eпартнёрство - пока - стабильно\u201c, и ушёл.', ruSel)).toBe('\u201eпартнёрство - пока - стабильно\u201c');
  });

  it('lets the context choose between duplicates of the quote', () => {
    const text =
      'Huawei equipment was tested in Moscow last spring by the operator. ' +
      'Engineers said that Huawei equipment was installed in Kazan without delays.';
    const second = text.lastIndexOf('Huawei equipment');
    const s = describe(text, second, second + 'Huawei equipment'.length);
    const shifted = 'A sentence added at the start moves every offset. ' + text;
    const r = anchor(shifted, { quote: s.quote });
    expect(r?.method).toBe('exact-context');
    expect(r!.start).toBe(shifted.lastIndexOf('Huawei equipment'));
    const first = describe(text, 0, 'Huawei equipment'.length);
    expect(anchor(shifted, { quote: first.quote })!.start).toBe(shifted.indexOf('Huawei equipment'));
  });

  it('lets the position decide between duplicates with the same context', () => {
    const item = 'Read more about Roskomnadzor. ';
    const text = item.repeat(5);
    const at = item.length * 3;
    const s = describe(text, at, at + item.length - 1);
    expect(anchor(text, s)?.start).toBe(at);
    // Without a position, five identical places are no answer.
    expect(anchor(text, { quote: s.quote })).toBeNull();
  });

  it('anchors Cyrillic text through edits', () => {
    const ru =
      'Роскомнадзор заблокировал несколько сервисов. Эксперты отмечают, что китайский опыт регулирования интернета ' +
      'внимательно изучается в Москве. Министерство не комментирует эти сообщения.';
    const p = 'китайский опыт регулирования интернета внимательно изучается в Москве';
    const s = select(ru, p);
    const edited = 'Обновлено. ' + ru.replace('внимательно', 'очень внимательно').replace(/ /g, '\n ');
    const got = found(edited, s);
    expect(got?.replace(/\s+/g, ' ')).toBe('китайский опыт регулирования интернета очень внимательно изучается в Москве');
  });

  it('anchors Chinese text through edits and punctuation changes', () => {
    const zh = '中俄两国在网络安全领域的合作不断深化。双方签署了关于国际信息安全的合作协议，强调网络主权原则。专家认为这一趋势将持续。';
    const p = '双方签署了关于国际信息安全的合作协议，强调网络主权原则';
    const s = select(zh, p);
    const edited = '最新消息：会议在北京举行。' + zh.replace('合作协议，', '合作文件,').replace('。专家', '。\n\n专家');
    expect(found(edited, s)).toBe('双方签署了关于国际信息安全的合作文件,强调网络主权原则');
  });

  it('returns null when the passage was deleted, even with similar passages elsewhere', () => {
    const text = [
      'Huawei shares rose 3% on Monday after the Russian contract was announced in Moscow.',
      'Analysts in Beijing were cautious about the long-term prospects of the deal.',
      'ZTE shares rose 5% on Tuesday after the Kazakh contract was announced in Astana.',
      'Huawei shares fell 2% on Friday after the Indian contract was cancelled in Delhi.',
    ].join(' ');
    const p = 'Huawei shares rose 3% on Monday after the Russian contract was announced in Moscow.';
    const s = select(text, p);
    const deleted = text.replace(p + ' ', '');
    expect(anchor(deleted, s)).toBeNull();
    expect(anchor(deleted, { quote: s.quote })).toBeNull();
    // The same text is still found while it is there, slightly edited.
    expect(found(text.replace('rose 3%', 'rose 4%'), s)).toBe(p.replace('3%', '4%'));
  });

  it('returns null rather than a neighbour in a list of look-alike items', () => {
    const list = Array.from({ length: 24 }, (_, i) => `Section ${i + 1} with additional text`).join('\n  ');
    const start = list.indexOf('Section 12 ');
    const end = list.indexOf('Section 15 ') + 'Section 15 with additional'.length;
    const s = describe(list, start, end);
    const deleted = list.slice(0, start) + list.slice(list.indexOf('Section 16 '));
    expect(anchor(deleted, s)).toBeNull();
    const edited = list.replace('Section 13 with additional', 'Section 13 with extra');
    const r = anchor(edited, s);
    // Either found in place or an orphan; never another item.
    if (r) expect(edited.slice(r.start, r.end).startsWith('Section 12 ')).toBe(true);
  });

  it('needs context for a short quote', () => {
    const text = 'Officials praised Huawei at the forum. Later, critics blamed Huawei for the outage.';
    const at = text.lastIndexOf('Huawei');
    const s = describe(text, at, at + 6);
    expect(anchor(text, s)?.start).toBe(at);
    // Context gone on both sides, and the word appears elsewhere: do not guess.
    const rewritten = 'Officials praised Huawei at the forum. The outage was attributed to Huawei by nobody at all.';
    expect(anchor(rewritten, s)).toBeNull();
  });

  it('rejects empty and invalid selectors without throwing', () => {
    const bad = [
      { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } },
      { quote: { type: 'TextQuoteSelector', exact: '  \n\u00a0 ', prefix: 'a', suffix: 'b' } },
      { quote: { type: 'TextQuoteSelector', exact: 'not on the page at all, anywhere', prefix: '', suffix: '' } },
      {},
      null,
      { quote: { type: 'TextQuoteSelector', exact: 42 } },
    ];
    for (const b of bad) expect(anchor(ARTICLE, b as unknown as PassageSelectors)).toBeNull();
    expect(anchor('', sel)).toBeNull();
  });

  it('ignores a broken position hint but still anchors by the quote', () => {
    for (const position of [
      { type: 'TextPositionSelector' as const, start: Number.NaN, end: 5 },
      { type: 'TextPositionSelector' as const, start: -10, end: -2 },
      { type: 'TextPositionSelector' as const, start: 50, end: 10 },
      { type: 'TextPositionSelector' as const, start: 1e9, end: 1e9 + 5 },
    ]) {
      expect(found(ARTICLE, { quote: sel.quote, position })).toBe(passage);
    }
  });

  it('anchors a 3,000-character quote quickly, with edits inside', () => {
    const rand = prng(3);
    const words = ARTICLE.split(/\s+/);
    const long: string[] = [];
    for (let size = 0; size < 12_000; size += 8) long.push((words[Math.floor(rand() * words.length)] as string) + (rand() < 0.08 ? '.' : ''));
    const text = long.join(' ');
    const start = text.indexOf(' ', 4000) + 1;
    const s = describe(text, start, start + 3000);
    const edited = text.slice(0, start + 1500) + ' (this sentence was added later) ' + text.slice(start + 1500).replace('become', 'turn into');
    const r = anchor(edited, s);
    expect(r).not.toBeNull();
    expect(Math.abs(r!.start - start)).toBeLessThanOrEqual(2);
    expect(Math.abs(r!.end - (start + 3000 + 33))).toBeLessThanOrEqual(12);
  });

  // How long this takes is measured by the benchmark (scripts/bench/anchoring-node.ts), not here.
  it('works on a 2 MB page, whether the passage is found or deleted', () => {
    const rand = prng(7);
    const vocabulary = ARTICLE.split(/\s+/);
    const parts: string[] = [];
    let size = 0;
    while (size < 2_000_000) {
      const w = vocabulary[Math.floor(rand() * vocabulary.length)] as string;
      parts.push(w);
      size += w.length + 1;
    }
    const big = parts.join(' ');
    const start = big.indexOf(' ', 1_000_000) + 1;
    const end = big.indexOf(' ', start + 120);
    const s = describe(big, start, end);
    const shifted = 'x'.repeat(3000) + big.slice(0, start + 40) + 'EDIT' + big.slice(start + 44);
    const r = anchor(shifted, s);
    expect(r && Math.abs(r.start - (start + 3000))).toBeLessThanOrEqual(2);
    const gone = big.slice(0, start) + big.slice(end);
    expect(anchor(gone, s)).toBeNull();
  });
});

group('re-anchoring on mutated real pages', () => {
  it('re-anchors at least 95% of a seeded set and never places a passage wrongly', () => {
    const corpus = resolve(__dirname, '../../../shared/corpus/pages');
    const names = ['rd-heise', 'fu-lenta', 'gne-xinhuanet', 'rd-lemonde-1', 'n4k-chinadaily'];
    const pages = names.map((n) => extractPageText(n, readFileSync(resolve(corpus, `${n}.html`), 'utf8')));
    const cases = buildAnchoringSet({ pages, count: 120, seed: 2 });
    const ev = evaluateAnchoring(cases, anchor);
    expect(cases.length).toBe(120);
    expect(ev.deleted).toBeGreaterThanOrEqual(10);
    expect(ev.falsePositives).toBe(0);
    expect(ev.wrong).toBe(0);
    expect(ev.anchored / ev.present).toBeGreaterThanOrEqual(0.95);
  });
});
