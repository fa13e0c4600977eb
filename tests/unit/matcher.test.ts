import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatcherEntity, type Mention } from '../../core/matcher';
import { foldCode, foldText, isIgnorableCode, isWordCode } from '../../core/matcher/chars';
import { PhraseIndex, buildPhraseIndex, type PhraseInput } from '../../core/matcher/phrase-index';
import { loadDetectionEntities } from '../../scripts/lib/detection-data';
import { prng } from '../../scripts/lib/prng';

const pack = compileMatcher(loadDetectionEntities());

/** "entity:surface" for each mention, for readable assertions. */
function found(text: string, opts?: Parameters<typeof pack.findMentions>[1], m = pack): string[] {
  return m.findMentions(text, opts).map((x) => `${x.entityId}:${text.slice(x.start, x.end)}`);
}

const tiny: MatcherEntity[] = [
  {
    id: 'sco',
    aliases: [
      { text: 'Shanghai Cooperation Organisation', lang: 'en' },
      { text: 'SCO', lang: 'en', caseSensitive: true, needsContext: true },
      { text: 'ШОС', lang: 'ru', caseSensitive: true },
      { text: 'Шанхайской организации сотрудничества', lang: 'ru' },
      { text: '上合组织', lang: 'zh' },
      { text: '上合', lang: 'zh', needsContext: true },
    ],
    evidence: ['Shanghai', 'member state', '峰会'],
    confusables: ['SCO Group', 'The SCO Unix', '上合同'],
  },
  {
    id: 'shanghai-five',
    aliases: [{ text: 'Shanghai', lang: 'en' }],
  },
  { id: 'roskomnadzor', aliases: [{ text: 'Роскомнадзор', lang: 'ru' }, { text: 'Роскомнадзоре', lang: 'ru' }] },
  { id: 'nowb', aliases: [{ text: 'Net', lang: 'en', wholeWord: false, caseSensitive: true }] },
];
const small = compileMatcher(tiny);

describe('findMentions: shape', () => {
  it('returns UTF-16 offsets, sorted and non-overlapping', () => {
    const text = 'ШОС 😀 and the Shanghai Cooperation Organisation; ШОС.';
    const ms: Mention[] = small.findMentions(text);
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['ШОС', 'Shanghai Cooperation Organisation', 'ШОС']);
    for (let i = 1; i < ms.length; i++) expect(ms[i]!.start).toBeGreaterThanOrEqual(ms[i - 1]!.end);
    expect(ms[1]!.start).toBe(text.indexOf('Shanghai'));
  });

  it('prefers the longest name at a position', () => {
    expect(found('The Shanghai Cooperation Organisation met.', undefined, small)).toEqual([
      'sco:Shanghai Cooperation Organisation',
    ]);
    expect(found('In Shanghai today.', undefined, small)).toEqual(['shanghai-five:Shanghai']);
  });

  it('returns an empty array for text without candidates, and fresh objects each call', () => {
    expect(small.findMentions('')).toEqual([]);
    expect(small.findMentions('nothing to see here')).toEqual([]);
    const a = small.findMentions('ШОС');
    a[0]!.start = 99;
    expect(small.findMentions('ШОС')[0]!.start).toBe(0);
  });
});

describe('word boundaries', () => {
  it('never matches inside Latin words', () => {
    expect(found('Moscow, San Francisco, Cisco, Scotland, DISCO, SCOTUS')).toEqual([]);
  });

  it('works around Cyrillic letters (where JS \\b does not)', () => {
    expect(found('Роскомнадзоровский и Роскомнадзорщина', undefined, small)).toEqual([]);
    expect(found('шоссе, ШОССЕ, ШОСы', undefined, small)).toEqual([]);
    expect(found('«ШОС»', undefined, small)).toEqual(['sco:ШОС']);
  });

  it('treats CJK characters as boundaries for Latin names', () => {
    expect(found('据Huawei公司消息')).toEqual(['huawei:Huawei']);
    expect(found('华为Mate系列')).toEqual(['huawei:华为']);
  });

  it('lets wholeWord: false names match inside words', () => {
    expect(found('Internet and DotNetwork', undefined, small)).toEqual(['nowb:Net']);
  });

  it('treats digits as part of a word', () => {
    expect(found('Huawei5G and Huawei 5G')).toEqual(['huawei:Huawei']);
  });
});

describe('case and spelling', () => {
  it('keeps acronyms case-sensitive and names case-insensitive', () => {
    expect(found('sco member states; SCO member states')).toEqual(['sco:SCO']);
    expect(found('HUAWEI and huawei')).toEqual(['huawei:HUAWEI', 'huawei:huawei']);
  });

  it('matches Russian in any capitalisation and ё as е', () => {
    expect(found('РОСКОМНАДЗОРЕ, роскомнадзоре')).toEqual(['roskomnadzor:РОСКОМНАДЗОРЕ', 'roskomnadzor:роскомнадзоре']);
    expect(found('Новый шёлковый путь')).toEqual(['belt-and-road:Новый шёлковый путь']);
    expect(found('Новым Шелковым путём')).toEqual(['belt-and-road:Новым Шелковым путём']);
  });

  it('finds every Russian case form of a name', () => {
    const forms = ['Роскомнадзор', 'Роскомнадзора', 'Роскомнадзору', 'Роскомнадзором', 'Роскомнадзоре'];
    for (const f of forms) expect(found(`Сообщение: ${f}.`)).toEqual([`roskomnadzor:${f}`]);
    for (const f of ['Шанхайская организация', 'Шанхайской организации', 'Шанхайскую организацию', 'Шанхайской организацией', 'Шанхайскою организацией']) {
      expect(found(`${f} сотрудничества`)).toEqual([`sco:${f} сотрудничества`]);
    }
  });

  it('matches across any run of spaces, line breaks and NBSP, and any dash', () => {
    expect(found('Shanghai\u00a0Cooperation\n   Organisation')).toEqual(['sco:Shanghai\u00a0Cooperation\n   Organisation']);
    expect(found('the Belt–and–Road forum')).toEqual(['belt-and-road:Belt–and–Road']);
  });

  it('skips soft hyphens inside a name', () => {
    expect(found('Roskom\u00adnadzor said')).toEqual(['roskomnadzor:Roskom\u00adnadzor']);
  });

  it('finds simplified and traditional Chinese', () => {
    expect(found('华为与華為；上海合作组织和上海合作組織')).toEqual([
      'huawei:华为', 'huawei:華為', 'sco:上海合作组织', 'sco:上海合作組織',
    ]);
  });
});

describe('confusables', () => {
  it('blocks a name inside a confusable phrase, wherever the name sits in it', () => {
    expect(found('SCO Group and The SCO Unix; Shanghai', undefined, small)).toEqual(['shanghai-five:Shanghai']);
    expect(found('SCO  group', undefined, small)).toEqual([]);
  });

  it('blocks Chinese names inside longer words', () => {
    expect(found('双方签上合同，上合峰会在青岛举行', undefined, small)).toEqual(['sco:上合']);
    expect(found('他以振兴中华为己任，升华为艺术，清华为国家培养人才')).toEqual([]);
    expect(found('其中华为手机销量最高')).toEqual(['huawei:华为']);
  });

  it('never finds the Wuxi declaration in the city or the company', () => {
    expect(found('Wuxi, WuXi AppTec, 无锡市, 药明康德')).toEqual([]);
    expect(found('The Wuxi Joint Declaration and 无锡共识')).toEqual([
      'wuxi-declaration:Wuxi Joint Declaration', 'wuxi-declaration:无锡共识',
    ]);
  });
});

describe('ambiguous names and evidence', () => {
  it('drops an ambiguous name without evidence', () => {
    expect(found('The SCO said so.', undefined, small)).toEqual([]);
    expect(found('上合适', undefined, small)).toEqual([]);
  });

  it('accepts it with evidence in the same text', () => {
    expect(found('SCO member states met.', undefined, small)).toEqual(['sco:SCO']);
  });

  it('accepts it when an unambiguous name of the entity is in the same text', () => {
    expect(found('ШОС, or the SCO, met.', undefined, small)).toEqual(['sco:ШОС', 'sco:SCO']);
  });

  it('accepts it with evidence in opts.context', () => {
    expect(found('The SCO said so.', { context: 'Shanghai summit news' }, small)).toEqual(['sco:SCO']);
    expect(found('The SCO said so.', { context: 'Unix vendor news' }, small)).toEqual([]);
  });

  it('accepts it with page evidence from evidenceIn', () => {
    const page = small.evidenceIn('Page title: 上合组织 news\u0000Other block');
    expect(page.has('sco')).toBe(true);
    expect(found('The SCO said so.', { pageEvidence: page }, small)).toEqual(['sco:SCO']);
    expect(found('The SCO said so.', { pageEvidence: new Set(['roskomnadzor']) }, small)).toEqual([]);
  });

  it('evidenceIn reports evidence words (as word prefixes) and unambiguous names only', () => {
    // "Shanghai" is evidence for sco (a word prefix) but not the name of shanghai-five here.
    expect([...small.evidenceIn('Shanghainese food')]).toEqual(['sco']);
    expect([...small.evidenceIn('In Roskomnadzor and Роскомнадзоре')]).toEqual(['roskomnadzor']);
    expect([...small.evidenceIn('The SCO only')]).toEqual([]);
    expect([...small.evidenceIn('nonmember states')]).toEqual([]);
  });

  it('does not let evidence rescue a confusable', () => {
    expect(found('The SCO Group said Shanghai member states…', undefined, small)).toEqual(['shanghai-five:Shanghai']);
  });

  it('handles the real pack: SCO, CAC and ITU need their context', () => {
    expect(found('The SCO summit in Astana')).toEqual(['sco:SCO']);
    expect(found('The SCO said so.')).toEqual([]);
    expect(found('The CAC 40 rose; China’s CAC issued rules')).toEqual(['cac:CAC']);
    expect(found('ITU students in Istanbul')).toEqual([]);
    expect(found('The ITU, a UN agency')).toEqual(['itu:ITU']);
  });

  it('reads Google as "Google in Russia" only on a page about Russia', () => {
    expect(found('Google released a new phone on Tuesday.')).toEqual([]);
    expect(found('谷歌发布了新手机。')).toEqual([]);
    expect(found('Roskomnadzor fined Google again.')).toEqual(['roskomnadzor:Roskomnadzor', 'google-russia:Google']);
    expect(found('Google said so.', { context: 'Moscow court rules against the company' })).toEqual(['google-russia:Google']);
    expect(found('Суд оштрафовал Гугл.')).toEqual(['google-russia:Гугл']);
  });
});

describe('joined blocks', () => {
  it('never matches across the block separator', () => {
    expect(found('Shanghai Cooperation\u0000Organisation', undefined, small)).toEqual(['shanghai-five:Shanghai']);
    expect(found('Huawei\u0000华为')).toEqual(['huawei:Huawei', 'huawei:华为']);
  });
});

describe('candidate positions', () => {
  it('are where a phrase\'s first two characters are, as folded, at a word start where it needs one', () => {
    const phrases: PhraseInput<number>[] = [
      ...['Huawei', 'kaspersky', 'Roskomnadzor', 'Роскомнадзор', 'ёлка', 'x y', 'co-op', '上合组织', '华为', 'Q'].map((text, n) => ({ text, caseSensitive: false, wordStart: true, payload: n })),
      { text: 'SCO', caseSensitive: true, wordStart: true, payload: 10 },
      { text: 'net', caseSensitive: false, wordStart: false, payload: 11 },
      { text: '«K»', caseSensitive: false, wordStart: true, payload: 12 },
    ];
    const index = new PhraseIndex(buildPhraseIndex(phrases));
    const keys = phrases.map((p) => foldText(p.text));
    // What a candidate must be, written out: a phrase's first character (its upper and lower case,
    // ё for е, or the character itself when case-sensitive), the second folded as the phrase's (or
    // a character a walk skips, or the text's end), no letter or digit before a phrase that starts
    // with one. (The Kelvin sign folds to "k" but starts no phrase: as before.)
    const forms = (ch: string): string[] => [ch, ch.toLowerCase(), ch.toUpperCase(), ...(foldCode(ch.charCodeAt(0)) === 0x435 ? ['е', 'Е', 'ё', 'Ё'] : [])];
    const startsHere = (t: string, i: number): boolean =>
      phrases.some((p, n) => {
        const c = t.charCodeAt(i);
        const k = keys[n]!;
        if (p.caseSensitive ? c !== p.text.charCodeAt(0) : !forms(p.text[0]!).includes(t[i]!)) return false;
        if (p.wordStart && isWordCode(k.charCodeAt(0)) && i > 0 && isWordCode(t.charCodeAt(i - 1))) return false;
        if (k.length === 1 || i + 1 >= t.length) return true;
        const c1 = t.charCodeAt(i + 1);
        return isIgnorableCode(c1) || foldCode(c1) === k.charCodeAt(1);
      });
    const alphabet = [...'HhUuAaWwKkSsCcOoRrNnEeTtXxYyQq Ёёелк-_.«»1上合华为组\n\u00a0\u00ad\u200b\u212a\u2010Рр'];
    const rnd = prng(11);
    for (let round = 0; round < 300; round++) {
      const t = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const want: number[] = [];
      for (let i = 0; i < t.length; i++) if (startsHere(t, i)) want.push(i);
      const got: number[] = [];
      for (let i = index.nextCandidate(t, 0); i >= 0; i = index.nextCandidate(t, i + 1)) got.push(i);
      expect(got, JSON.stringify(t)).toEqual(want);
    }
  });
});

describe('chars', () => {
  it('folds case, ё, dashes, apostrophes and spaces', () => {
    expect(foldText('  Ёлка —  China’s\u00a0ЁЖ ')).toBe('елка - china\'s еж');
  });

  it('classes Latin, Cyrillic and digits as word characters, CJK and punctuation not', () => {
    expect(['a', 'Z', 'é', 'ж', 'Ё', '5', '_'].every((c) => isWordCode(c.charCodeAt(0)))).toBe(true);
    expect(['华', 'カ', ' ', '-', '«', '\u0000', '，'].some((c) => isWordCode(c.charCodeAt(0)))).toBe(false);
  });

  it('answers like the Unicode classes for every code (its hand-made fast paths included)', () => {
    const word = /[\p{L}\p{N}\p{M}_]/u;
    const cjk = /[\u2e80-\u2fdf\u3005-\u3007\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const want = c >= 0x400 && c <= 0x52f ? true : c >= 0xd800 && c <= 0xdfff ? false : !cjk.test(ch) && word.test(ch);
      if (isWordCode(c) !== want) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('detection data', () => {
  const entities = loadDetectionEntities();
  it('covers all 25 entities, each with names in English, Russian and Chinese', () => {
    expect(entities.map((e) => e.id).sort()).toEqual(
      [
        'roskomnadzor', 'huawei', 'sco', 'wuxi-declaration', 'cac', 'riac', 'kaspersky', 'telegram', 'icann',
        'belt-and-road', 'eaeu', 'wuzhen-wic', 'sovereign-internet', 'info-security-agreement-2015',
        'prohibited-information-treaty-2019', 'cyber-sovereignty', 'multistakeholder-vs-multilateral', 'itu',
        'sinorusfocus', 'ironhusky', 'google-russia', 'imemo', 'sco-code-of-conduct', 'oewg', 'gge',
      ].sort(),
    );
    const latinOnly = new Set(['ironhusky']);
    for (const e of entities) {
      const langs = new Set(e.aliases.map((a) => a.lang));
      expect(langs.has('en'), e.id).toBe(true);
      if (!latinOnly.has(e.id)) {
        expect(langs.has('ru'), e.id).toBe(true);
        expect(langs.has('zh'), e.id).toBe(true);
      }
    }
  });

  it('gives evidence to every entity with an ambiguous name', () => {
    for (const e of entities) {
      if (e.aliases.some((a) => a.needsContext)) expect(e.evidence?.length ?? 0, e.id).toBeGreaterThan(0);
    }
  });

  it('does not repeat the report’s misprint of the Wuxi declaration', () => {
    const all = entities.flatMap((e) => e.aliases.map((a) => a.text));
    expect(all.some((t) => t.includes('Усиийск'))).toBe(false);
    expect(all.some((t) => t.startsWith('Усийская'))).toBe(true);
  });

  it('has no bare "Wuxi" name', () => {
    const wuxi = entities.find((e) => e.id === 'wuxi-declaration')!;
    expect(wuxi.aliases.some((a) => /^(wuxi|无锡|無錫)$/i.test(a.text))).toBe(false);
  });

  it('finds how the report names the actors', () => {
    const hits = (t: string): string[] => pack.findMentions(t).map((m) => m.entityId);
    expect(hits('the Federal Service for Supervision of Communications, Information Technology and Mass Media of Russia (Roskomnadzor)')).toEqual(['roskomnadzor', 'roskomnadzor']);
    expect(hits('the Russian International Affairs Council (RIAC)')).toEqual(['riac', 'riac']);
    expect(hits('the International Corporation for Assigned Names and Numbers (ICANN)')).toEqual(['icann']);
    expect(hits('the Russian-led Eurasian Economic Union (EEU)')).toEqual(['eaeu', 'eaeu']);
    expect(hits('the Digital Silk Road (DSR)')).toEqual(['belt-and-road', 'belt-and-road']);
    expect(hits('Sinorusfocus [Россия-Китай: главное/中俄头条]')).toEqual(['sinorusfocus', 'sinorusfocus', 'sinorusfocus']);
    expect(hits('joint declaration [Усийская совместная декларация/无锡共识]')).toEqual(['wuxi-declaration', 'wuxi-declaration']);
  });
});
