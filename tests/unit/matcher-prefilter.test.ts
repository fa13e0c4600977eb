// The prefilter must never miss: every mention the matcher finds in a block's text holds a place
// where the names prefilter matches the page's raw text, whatever the page did to it (block edges
// and <br> leave no space, soft hyphens, ё, case). And it should stay quiet on ordinary text.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../core/matcher';
import { isIgnorableCode } from '../../core/matcher/chars';
import { EDGE_END, EDGE_START, IGNORABLE_CLASS, PREFILTER_PAUSED, prefilterScan, placesIn, type PreparedWindows, anchorOf, buildPrefilter, type PrefilterSources } from '../../core/matcher/prefilter';
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

const starts = (sources: PrefilterSources, text: string): number[] => prefilterScan(sources, text).rest();
/**
 * The reference for a scan: every match start of every source in the text without its ignorable
 * characters, mapped back (no windows, no gates).
 */
function naivePlaces(sources: PrefilterSources, text: string): number[] {
  const kept: number[] = [];
  let stripped = '';
  for (let i = 0; i < text.length; i++) {
    if (isIgnorableCode(text.charCodeAt(i))) continue;
    kept.push(i);
    stripped += text[i];
  }
  const out = new Set<number>();
  for (const s of sources) {
    const re = new RegExp(s.source, 'g');
    for (let m = re.exec(stripped); m; m = re.exec(stripped)) {
      out.add(kept[m.index]!);
      re.lastIndex = m.index + 1;
    }
  }
  return [...out].sort((a, b) => a - b);
}
/** Some place lies in [from, to). */
const placeIn = (places: number[], from: number, to: number): boolean => places.some((p) => p >= from && p < to);

function assertCovers(text: string): void {
  const found = starts(names, text);
  for (const m of matcher.findMentions(text, { pageEvidence: EVERY })) {
    expect(placeIn(found, m.start, m.end), `${text.slice(m.start, m.end)} at ${m.start} in ${JSON.stringify(text)}`).toBe(true);
  }
}

const labelled: string[] = readdirSync(LABELLED).flatMap(
  (f) => (JSON.parse(readFileSync(join(LABELLED, f), 'utf8')) as { items: { text: string }[] }).items.map((i) => i.text),
);

describe('prefilter', () => {
  it('finds a place in every mention of the labelled sentences, and in every alias form', () => {
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
          expect(placeIn(starts(names, text), at, at + v.length), `${a.text} as ${JSON.stringify(v)}`).toBe(true);
        }
      }
    }
  });

  it("finds a place in every evidence word of an entity with ambiguous names, with that entity's prefilter", () => {
    let checked = 0;
    for (const e of entities) {
      if (!e.aliases.some((a) => a.needsContext)) {
        expect(evidence[e.id]).toBeUndefined();
        continue;
      }
      for (const term of e.evidence ?? []) {
        const text = `(${term})`;
        expect(placeIn(starts(evidence[e.id]!, text), 1, 1 + term.length), `${e.id}: ${term}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('stays quiet on text that only looks like a name', () => {
    // Case-sensitive acronyms keep their case; heads run past the first word.
    const text =
      'In Moscow and San Francisco, Cisco scored; the disco scene, one state, the world, a group, open code. ' +
      'Вопрос о россиянах и группе в Москве. 中国的合同在上海。';
    expect(starts(names, text)).toEqual([]);
  });

  it('returns ascending places without repeats, also where anchors of several scripts meet', () => {
    const text = 'Huawei華為Роскомнадзор华为 SCO ШОС';
    const got = starts(names, text);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(new Set(got).size).toBe(got.length);
    for (const s of ['Huawei', '華為', 'Роскомнадзор', '华为', 'SCO', 'ШОС']) {
      expect(placeIn(got, text.indexOf(s), text.indexOf(s) + s.length), s).toBe(true);
    }
  });

  it('finds places across its windows, and pauses between them when asked', () => {
    const filler = 'lorem ipsum dolor sit amet, '.repeat(10_000); // 280,000 characters: several windows
    const text = `ab Huawei ${filler}Roskomnadzor ${filler}華為 и ШОС.`;
    const spans = ['Huawei', 'Roskomnadzor', '華為', 'ШОС'].map((n) => [text.indexOf(n), text.indexOf(n) + n.length] as const);
    const places = starts(names, text);
    // A place in each name (several aliases may anchor in one), none in the filler.
    for (const [a, b] of spans) expect(placeIn(places, a, b)).toBe(true);
    for (const p of places) expect(spans.some(([a, b]) => p >= a && p < b)).toBe(true);
    // Anchors straddling a window's end are found whole: shift "Roskomnadzor" over every edge.
    for (let shift = 0; shift < 12; shift++) {
      const t = `${'x '.repeat(32_768 - 6 + shift)}Roskomnadzor`;
      const start = t.indexOf('Roskomnadzor');
      expect(placeIn(starts(names, t), start, start + 12), `shift ${shift}`).toBe(true);
    }
    const scan = prefilterScan(names, text);
    let pauses = 0;
    const got: number[] = [];
    for (;;) {
      const p = scan.next(() => true);
      if (p === PREFILTER_PAUSED) {
        pauses++;
        continue;
      }
      if (p < 0) break;
      got.push(p);
    }
    expect(got).toEqual(places);
    expect(pauses).toBeGreaterThanOrEqual(3);
  });

  it('searches small bare tries: Latin anchors apart from CJK ones, CJK ones a few first characters at a time', () => {
    // irregexp passes over a text fast only with its Boyer-Moore lookahead, which one source
    // of every anchor defeats (measured on the corpus's texts; see PrefilterSources).
    expect(names.map((n) => n.script)).toEqual(['latin-exact', 'latin', 'cjk', 'cjk', 'cjk', 'cyrillic']);
    for (const { source } of names) expect(source.startsWith('(?=')).toBe(false);
    const source = (script: string): RegExp => new RegExp(names.filter((n) => n.script === script).map((n) => `(?:${n.source})`).join('|'));
    const cjk = names.filter((n) => n.script === 'cjk').map((n) => n.source);
    for (const src of cjk) {
      expect(src).not.toMatch(/[A-Za-z\u0400-\u04ff]/);
      // The first characters of its alternatives: at most 13.
      const firsts = new Set<string>();
      let depth = 0;
      for (let i = 3, atStart = true; i < src.length - 1; i++) {
        const ch = src[i]!;
        if (atStart && depth === 0) firsts.add(ch);
        atStart = false;
        if (ch === '(') depth++;
        else if (ch === ')') depth--;
        else if (ch === '|' && depth === 0) atStart = true;
      }
      expect(firsts.size).toBeGreaterThan(0);
      expect(firsts.size).toBeLessThanOrEqual(13);
    }
    for (const s of ['华为', '上合组织', '谷歌', '電報', '乌镇']) expect(source('cjk').test(`— ${s} —`), s).toBe(true);
    expect(source('latin').test('huawei and kaspersky')).toBe(true);
    expect(source('latin').test('SCO')).toBe(false);
    expect(source('latin-exact').test('SCO')).toBe(true);
    expect(source('latin-exact').test('sco')).toBe(false);
    expect(source('cyrillic').test('Роскомнадзор')).toBe(true);
  });

  it('has IGNORABLE_CLASS hold exactly the characters isIgnorableCode names (a scan tells them from a gate\'s by it)', () => {
    const ignorable = new RegExp(IGNORABLE_CLASS);
    for (let c = 0; c < 0x10000; c++) if (ignorable.test(String.fromCharCode(c)) !== isIgnorableCode(c)) throw new Error(`IGNORABLE_CLASS and isIgnorableCode differ at ${c}`);
  });

  it('searches a CJK source only from its gate\'s first match on, and finds what a naive search finds', () => {
    expect(names.filter((n) => n.script === 'cjk').every((n) => n.gate === '[\\u4e00-\\u9fff]')).toBe(true);
    expect(names.filter((n) => n.script !== 'cjk').every((n) => n.gate === undefined)).toBe(true);
    const ungated: PrefilterSources = names.map(({ script, source }) => ({ script, source }));
    const latin = 'The Huawei case, and what Roskomnadzor said. '.repeat(800); // 36,000 characters
    const texts = [
      ...labelled,
      labelled.join(' '),
      `${latin}华为${latin}上合组织 ${latin}`,
      `${latin}${latin}中国的 谷歌`, // the gate's first match in the second window only
      `華為${latin}${latin}`,
      `${latin}ШОС`,
      // Ignorable characters before the first CJK character, after it, inside names, in the
      // second window only, or with no CJK character at all (one search finds the first of either).
      `Hua\u00adwei ${latin}华\u200b为 上合组织`,
      `${latin}华为 ${latin}上\u00ad合组织 Ro\u200bskomnadzor`,
      `${latin}${latin}\ufeff谷歌 华为`,
      `${latin}\u2060${latin}華為`,
      `${latin}Kas\u00adpersky ${latin}`,
      `\u200b华为\u200b`,
    ];
    for (const t of texts) {
      expect(starts(names, t)).toEqual(naivePlaces(names, t));
      expect(starts(ungated, t)).toEqual(naivePlaces(ungated, t));
    }
    const gatedEvidence = Object.values(evidence).filter((sources) => sources.some((x) => x.gate));
    expect(gatedEvidence.length).toBeGreaterThan(0);
    // A scan joins the insides of the gates' classes into one: each is "[...]", not negated.
    for (const x of [...names, ...gatedEvidence.flat()]) if (x.gate) expect(x.gate).toMatch(/^\[[^[\]^]+\]$/);
    for (const sources of gatedEvidence) for (const t of texts.slice(-6)) expect(starts(sources, t)).toEqual(naivePlaces(sources, t));
    // Scans of one text sharing what they prepare (the names scan, then evidence scans, then the
    // names again) find the same.
    for (const t of texts.slice(-8)) {
      const kept: PreparedWindows = new Map();
      expect(placesIn(matcher.prefilter, t, undefined, kept).rest()).toEqual(naivePlaces(names, t));
      const windows = kept.size;
      expect(windows).toBe(Math.ceil(t.length / 65_536));
      for (const [id, sources] of Object.entries(evidence)) {
        expect(placesIn(matcher.prefilter, t, id, kept).rest(), id).toEqual(naivePlaces(sources, t));
      }
      expect(placesIn(matcher.prefilter, t, undefined, kept).rest()).toEqual(naivePlaces(names, t));
      // One entry per window and kind of gate: names and gated evidence share theirs.
      expect(kept.size).toBe(windows * 2);
    }
  });

  it('says which places can only be ambiguous names, and never says it of an unambiguous one', () => {
    const ambiguous = matcher.prefilter;
    const at = (text: string, word: string): readonly string[] | null => {
      const scan = prefilterScan(names, text, ambiguous);
      for (let p = scan.next(); p >= 0; p = scan.next()) if (p >= text.indexOf(word) && p < text.indexOf(word) + word.length) return scan.ambiguousOnly();
      throw new Error(`no place in ${word}`);
    };
    expect(at('Google announced it', 'Google')).toEqual(['google-russia']);
    expect(at('据谷歌消息', '谷歌')).toEqual(['google-russia']);
    expect(at('Huawei announced it', 'Huawei')).toBeNull();
    expect(at('The SCO met', 'SCO')).toEqual(['sco']);
    // Place after place in one scan (the key of a repeated text is worked out once): each gets its own answer.
    const mixed = prefilterScan(names, 'Google, Google, SCO, Huawei, SCO, Google', ambiguous);
    const answers: (readonly string[] | null)[] = [];
    for (let p = mixed.next(); p >= 0; p = mixed.next()) answers.push(mixed.ambiguousOnly());
    expect(answers).toEqual([['google-russia'], ['google-russia'], ['sco'], null, ['sco'], ['google-russia']]);
    let checked = 0;
    for (const e of entities) {
      for (const a of e.aliases) {
        if (a.needsContext) continue;
        // At least one place in it is not taken for an ambiguous name (an ambiguous shorter name
        // inside a longer unambiguous one may be).
        const text = `x ${a.text} y`;
        const scan = prefilterScan(names, text, ambiguous);
        let plain = 0;
        for (let p = scan.next(); p >= 0; p = scan.next()) {
          if (p >= 2 && p < 2 + a.text.length && scan.ambiguousOnly() === null) plain++;
        }
        expect(plain, `${e.id}: ${a.text}`).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(250);
  });

  it("tells which edges of an ambiguous name's match need a word boundary, so a page scan can rule out \"SCO\" in \"MOSCOW\"", () => {
    const edgesAt = (text: string, word: string, from = 0): { edges: number; length: number } => {
      const scan = prefilterScan(names, text, matcher.prefilter);
      const w = text.indexOf(word, from);
      for (let p = scan.next(); p >= 0; p = scan.next()) if (p === w) return scan.wordEdges();
      throw new Error(`no place at ${word}`);
    };
    expect(edgesAt('MOSCOW (AP) — An unmanned', 'SCO')).toEqual({ edges: EDGE_START | EDGE_END, length: 3 });
    expect(edgesAt('EDUCACIÓN FÍSICA', 'CAC')).toEqual({ edges: EDGE_START | EDGE_END, length: 3 });
    expect(edgesAt('Ads by Google', 'Google').edges).toBe(EDGE_START | EDGE_END);
    // Not for a place that may be an unambiguous name, nor for CJK names (no word boundaries).
    expect(edgesAt('Huawei', 'Huawei').edges).toBe(0);
    expect(edgesAt('据谷歌消息', '谷歌').edges).toBe(0);
    // Unknown length where the window was searched without its ignorable characters.
    expect(edgesAt('The S\u00adCO met', 'S')).toEqual({ edges: EDGE_START | EDGE_END, length: -1 });
    // Every ambiguous name whose key has an edge really starts / ends at the match, at a letter.
    for (const e of entities) {
      for (const a of e.aliases) {
        if (!a.needsContext) continue;
        const text = `(${a.text})`;
        const scan = prefilterScan(names, text, matcher.prefilter);
        for (let p = scan.next(); p >= 0; p = scan.next()) {
          const { edges, length } = scan.wordEdges();
          if (edges & EDGE_START) expect(p, a.text).toBe(1);
          if (edges & EDGE_END) expect(p + length, a.text).toBe(1 + a.text.length);
        }
      }
    }
  });

  it('anchors a phrase at a rare letter with enough after it, keeping case only for case-sensitive phrases', () => {
    // Seven characters at least from the anchor: "Huawei" keeps its start, "Roskomnadzor" starts at k.
    expect(anchorOf('Huawei', false)).toBe('huawei');
    expect(anchorOf('Roskomnadzor', false)).toBe('komnadzor');
    expect(anchorOf('SCO', true)).toBe('SCO');
    expect(anchorOf('Kaspersky Lab', false)).toBe('kaspersky la');
    // Only in the first word ("governance" has a rarer v, but later words are often common ones).
    expect(anchorOf('Internet Governance Forum', false)).toBe('rnet governa');
    expect(anchorOf('华为技术', false)).toBe('华为技术');
    const p = buildPrefilter([{ text: 'A.B c', caseSensitive: true }], new Map());
    // Punctuation is escaped; a space matches any run of spaces or none.
    expect(starts(p.names, 'xA.Bc')).toEqual([1]);
    expect(starts(p.names, 'xAxB c')).toEqual([]);
    // Ignorable characters inside: the place is where the anchor starts, mapped back.
    expect(starts(p.names, 'x\u200bA\u00ad.B c')).toEqual([2]);
    expect(starts(p.names, '\u00ad\u00adxA.\u200b\u200bB\u00adc A.Bc')).toEqual([3, 11]);
  });
});

describe('the window the page scan matches around a place', () => {
  it('holds every name with its confusables, from any place inside the name', async () => {
    const { WINDOW_BEFORE, WINDOW_AFTER } = await import('../../lib/mention-layer');
    for (const e of entities) {
      const confusables = e.confusables ?? [];
      for (const a of e.aliases) {
        // A place lies in the name's first word; the name may be followed or preceded by the rest
        // of a confusable phrase, and space runs may stretch it (half as long again).
        const firstWord = a.text.split(/\s/)[0]!.length;
        const around = confusables.filter((c) => c.includes(a.text));
        const before = Math.max(0, ...around.map((c) => c.indexOf(a.text)));
        const after = Math.max(0, ...around.map((c) => c.length - c.indexOf(a.text) - a.text.length));
        expect(firstWord + before, `${e.id}: ${a.text}`).toBeLessThan(WINDOW_BEFORE);
        expect(Math.ceil(a.text.length * 1.5) + after, `${e.id}: ${a.text}`).toBeLessThan(WINDOW_AFTER);
      }
    }
  });
});
