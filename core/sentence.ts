// The sentence around a span of page text: what "Save highlight" on a mention keeps.
// Sentence breaks come from Intl.Segmenter (ICU's rules: "U.S. and", "1.5", 。 and ！ handled).

// eslint-disable-next-line no-control-regex -- the scanner's block separator is U+0000
const BREAK = /[\n\u0000]/;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** [start, end) of the sentence containing text[start, end), trimmed; never crosses a block. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let blockStart = start;
  while (blockStart > 0 && !BREAK.test(text[blockStart - 1]!)) blockStart--;
  let blockEnd = end;
  while (blockEnd < text.length && !BREAK.test(text[blockEnd]!)) blockEnd++;
  const block = text.slice(blockStart, blockEnd);
  let s = blockStart;
  let e = blockEnd;
  for (const seg of segmenter.segment(block)) {
    const segStart = blockStart + seg.index;
    const segEnd = segStart + seg.segment.length;
    if (segEnd <= start) continue;
    if (segStart <= start) s = segStart;
    e = segEnd;
    if (segEnd >= end) break;
  }
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}
