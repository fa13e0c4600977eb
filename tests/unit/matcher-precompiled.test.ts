// The precompiled matcher (core/matcher/precompiled.ts): data built ahead of time, through JSON,
// must give exactly what compileMatcher gives, on the labelled sentences and on corpus pages.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type Matcher, type MatcherEntity } from '../../core/matcher';
import { loadMatcher, precompileMatcher, type CompiledMatcherData } from '../../core/matcher/precompiled';
import { loadDetectionEntities } from '../../scripts/lib/detection-data';
import { textBlocks } from '../../scripts/lib/text-blocks';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const LABELLED = join(ROOT, 'tests/fixtures/labelled');
const CORPUS = resolve(ROOT, '../shared/corpus/pages');
// Pages with mentions in all three scripts' neighbourhoods, and two without any.
const PAGES = ['gne-163-huawei', 'gne-guancha-2', 'n4k-chinadaily', 'rd-youth', 'gne-shanxi', 'rd-bbc-1', 'fu-lenta'];

const entities = loadDetectionEntities();
const data = precompileMatcher(entities);
const viaJson = loadMatcher(JSON.parse(JSON.stringify(data)) as CompiledMatcherData);
const direct = compileMatcher(entities);

interface Labelled {
  text: string;
  context?: string;
}
const labelled: Labelled[] = readdirSync(LABELLED)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => (JSON.parse(readFileSync(join(LABELLED, f), 'utf8')) as { items: Labelled[] }).items);

const pages: string[][] = PAGES.filter((p) => existsSync(join(CORPUS, `${p}.html`))).map((p) => {
  const { document } = parseHTML(readFileSync(join(CORPUS, `${p}.html`), 'utf8'));
  return textBlocks((document.body ?? document.documentElement) as unknown as Element).map((b) => b.text);
});

/** Everything a caller can observe for one text, as the content script and the tests call it. */
function observe(m: Matcher, text: string, context?: string): unknown {
  return {
    plain: m.findMentions(text),
    context: context ? m.findMentions(text, { context }) : null,
    evidence: [...m.evidenceIn(text)].sort(),
  };
}

/** A page scanned like lib/scanner.ts: page evidence from the joined text, then each block with it. */
function scanPage(m: Matcher, blocks: string[]): unknown {
  const joined = blocks.join('\u0000');
  const pageEvidence = m.evidenceIn(joined);
  return {
    evidence: [...pageEvidence].sort(),
    joined: m.findMentions(joined, { pageEvidence }),
    blocks: blocks.map((b) => m.findMentions(b, { pageEvidence })),
  };
}

describe('precompileMatcher', () => {
  it('produces plain JSON data (a JSON round trip changes nothing)', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.format).toBe('kontekst-matcher/5');
    expect(data.aliasCount).toBe(direct.aliasCount);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(precompileMatcher(entities))).toBe(JSON.stringify(data));
  });

  it('stays about the size of the raw detection data', () => {
    // The content script bundles it instead of the aliases: it must not grow the bundle much.
    const raw = JSON.stringify(entities).length;
    const { prefilter, ...index } = data;
    expect(JSON.stringify(index).length).toBeLessThan(raw * 1.5);
    // The prefilter's regex sources: anchors of at most 10 characters, shared prefixes merged
    // (evidence per entity, so words several entities share come more than once), and the table
    // of matches that can only be ambiguous names.
    expect(JSON.stringify(prefilter).length).toBeLessThan(raw * 0.55);
  });
});

describe('loadMatcher(JSON round trip) = compileMatcher', () => {
  it('on the labelled sentences, with and without their context', () => {
    expect(labelled.length).toBeGreaterThan(100);
    let mentions = 0;
    for (const it of labelled) {
      expect(observe(viaJson, it.text, it.context), it.text).toEqual(observe(direct, it.text, it.context));
      mentions += direct.findMentions(it.text).length;
    }
    expect(mentions).toBeGreaterThan(100);
  });

  it('on corpus pages, scanned block by block and joined', () => {
    expect(pages.length).toBe(PAGES.length);
    let mentions = 0;
    for (const blocks of pages) {
      const want = scanPage(direct, blocks) as { joined: unknown[] };
      expect(scanPage(viaJson, blocks)).toEqual(want);
      mentions += want.joined.length;
    }
    expect(mentions).toBeGreaterThan(30);
  });

  it('on awkward text: soft hyphens, odd spaces and dashes, case, ё, confusables, ambiguous names', () => {
    const texts = [
      'Роскомнад\u00adзор и ШОС; the SCO\u00a0summit in Shanghai; SCO Group; 上合同; 上合组织峰会',
      'ROSKOMNADZOR, roskomnadzor, Роскомнадзоре, РОСКОМНАДЗОР, Лаборатория  Касперского',
      'Belt-and-Road, Belt\u2014and\u2014Road, One Belt, One Road, Digital\u00a0Silk\u200bRoad',
      'Wuxi, Wuzhen, the World Internet Conference in Wuzhen; ITU, UN, 5G; CAC and 网信办',
      'Huawei’s HarmonyOS; Хуавэй; 华为公司; Kaspersky Lab; Лаборатория Касперского',
    ];
    for (const t of texts) {
      expect(observe(viaJson, t, t)).toEqual(observe(direct, t, t));
      expect(viaJson.findMentions(t, { pageEvidence: new Set(entities.map((e) => e.id)) })).toEqual(
        direct.findMentions(t, { pageEvidence: new Set(entities.map((e) => e.id)) }),
      );
    }
    expect(direct.findMentions(texts[0]!, { context: texts[0] }).length).toBeGreaterThan(3);
  });

  it('on a small pack, where compileMatcher also takes the data directly', () => {
    const tiny: MatcherEntity[] = [
      {
        id: 'sco',
        aliases: [
          { text: 'Shanghai Cooperation Organisation', lang: 'en' },
          { text: 'SCO', lang: 'en', caseSensitive: true, needsContext: true },
          { text: '上合', lang: 'zh', needsContext: true },
        ],
        evidence: ['Shanghai', '峰会'],
        confusables: ['SCO Group', '上合同'],
      },
      { id: 'nowb', aliases: [{ text: 'Net', lang: 'en', wholeWord: false, caseSensitive: true }] },
    ];
    const d = JSON.parse(JSON.stringify(precompileMatcher(tiny))) as CompiledMatcherData;
    const m = compileMatcher(d);
    const t = 'The SCO met in Shanghai, not SCO Group; 上合同 and 上合 at the 峰会; NetEase, Network.';
    expect(m.findMentions(t).map((x) => `${x.entityId}:${t.slice(x.start, x.end)}`)).toEqual([
      'sco:SCO',
      'sco:上合',
      'nowb:Net',
      'nowb:Net',
    ]);
    expect(observe(m, t, t)).toEqual(observe(compileMatcher(tiny), t, t));
  });
});

describe('loadMatcher: bad data', () => {
  it('rejects another format and inconsistent arrays', () => {
    const bad = { ...data, format: 'kontekst-matcher/0' } as unknown as CompiledMatcherData;
    expect(() => loadMatcher(bad)).toThrow(/format/);
    const cut = { ...data, index: { ...data.index, kids: data.index.kids.slice(1) } };
    expect(() => loadMatcher(cut)).toThrow(/inconsistent/);
  });
});

describe('data/matcher-data.json (what the content script loads)', () => {
  it('is the precompiled form of the current detection data: run `npm run data:matcher` after editing it', () => {
    const file = fileURLToPath(new URL('../../data/matcher-data.json', import.meta.url));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(precompileMatcher(loadDetectionEntities()));
  });
});
