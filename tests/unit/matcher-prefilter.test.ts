// The prefilter must never miss: every mention the matcher finds in a block's text starts where
// the names prefilter matches the page's raw text, whatever the page did to it (block edges and
// <br> leave no space, soft hyphens, ё, case). And it should stay quiet on ordinary text.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../core/matcher';
import { PrefilterScan, buildPrefilter, headOf, tolerantSource } from '../../core/matcher/prefilter';
import { loadDetectionEntities } from '../../scripts/lib/detection-data';
import { prng } from '../../scripts/lib/prng';

const entities = loadDetectionEntities();
const matcher = compileMatcher(entities);
const { names, evidence } = matcher.prefilter;
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const LABELLED = join(ROOT, 'tests/fixtures/labelled');

/** Every-entity page evidence: ambiguous names count too (the prefilter must find them as well). */
const EVERY = new (class extends Set<string> {
  override has(): boolean {
    return true;
  }
})();

const starts = (sources: string[], text: string): number[] => new PrefilterScan(sources, text).rest();

function assertCovers(text: string): void {
  const found = new Set(starts(names, text));
  for (const m of matcher.findMentions(text, { pageEvidence: EVERY })) {
    expect(found.has(m.start), `${text.slice(m.start, m.end)} at ${m.start} in ${JSON.stringify(text)}`).toBe(true);
  }
}

const labelled: string[] = readdirSync(LABELLED).flatMap(
  (f) => (JSON.parse(readFileSync(join(LABELLED, f), 'utf8')) as { items: { text: string }[] }).items.map((i) => i.text),
);

describe('prefilter', () => {
  it('finds the start of every mention in the labelled sentences, and of every alias form', () => {
    for (const t of labelled) assertCovers(t);
    for (const e of entities) for (const a of e.aliases) assertCovers(`x ${a.text} y`);
  });

  it('finds them when the raw text lost the spaces, or has soft hyphens, ё, other case or nbsp', () => {
    const rnd = prng(7);
    for (const e of entities) {
      for (const a of e.aliases) {
        const variants = [
          // A <br> or block edge between two words leaves no space in the raw text (the matcher
          // then reads a line break): the head must still match.
          a.text.replace(/ /g, ''),
          a.text.replace(/ /g, '\u00a0'),
          a.text.replace(/е/g, 'ё').replace(/Е/g, 'Ё'),
          a.caseSensitive ? a.text : a.text.toUpperCase(),
          a.caseSensitive ? a.text : a.text.toLowerCase(),
          [...a.text].map((ch, i) => (i > 0 && rnd() < 0.3 ? `\u00ad${ch}` : ch)).join(''),
          [...a.text].map((ch, i) => (i > 0 && rnd() < 0.2 ? `\u200b${ch}` : ch)).join(''),
        ];
        for (const v of variants) {
          const text = `Начало. ${v}: конец`;
          const at = text.indexOf(v);
          expect(starts(names, text), `${a.text} as ${JSON.stringify(v)}`).toContain(at);
        }
      }
    }
  });

  it('finds the start of every evidence word', () => {
    for (const e of entities) {
      for (const term of e.evidence ?? []) {
        const text = `(${term})`;
        expect(starts(evidence, text), term).toContain(1);
      }
    }
  });

  it('stays quiet on text that only looks like a name', () => {
    // Case-sensitive acronyms keep their case; heads run past the first word.
    const text =
      'In Moscow and San Francisco, Cisco scored; the disco scene, one state, the world, a group, open code. ' +
      'Вопрос о россиянах и группе в Москве. 中国的合同在上海。';
    expect(starts(names, text)).toEqual([]);
  });

  it('returns ascending places without repeats, also where heads of several scripts meet', () => {
    const text = 'Huawei華為Роскомнадзор华为 SCO ШОС';
    const got = starts(names, text);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(new Set(got).size).toBe(got.length);
    for (const s of ['Huawei', '華為', 'Роскомнадзор', '华为', 'SCO', 'ШОС']) expect(got).toContain(text.indexOf(s));
  });

  it('builds heads from the first ten characters, case kept only for case-sensitive phrases', () => {
    expect(headOf('Shanghai Cooperation Organisation', false)).toBe('shanghai c');
    expect(headOf('SCO', true)).toBe('SCO');
    expect(headOf('Роскомнадзора', false)).toBe('роскомнадз');
    const p = buildPrefilter([{ text: 'A.B c', caseSensitive: true }], []);
    // Punctuation is escaped; a space matches any run of spaces or none.
    expect(starts(p.names, 'xA.Bc')).toEqual([1]);
    expect(starts(p.names, 'xAxB c')).toEqual([]);
    expect(new RegExp(tolerantSource(p.names[0]!)).test('A\u00ad.B c')).toBe(true);
  });
});
