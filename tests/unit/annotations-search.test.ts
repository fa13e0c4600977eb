import { describe, expect, it } from 'vitest';
import { LibraryIndex, foldForSearch, matchRanges, newHighlight, queryTerms, type HighlightRecord } from '../../core/annotations';
import { benchEntityTerms, generateHighlights } from '../../scripts/bench/search-node';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let n = 0;
function rec(
  fields: { text: string; title?: string; note?: string; site?: string; tags?: string[]; entityIds?: string[]; day?: number },
): HighlightRecord {
  n++;
  const site = fields.site ?? 'example.com';
  return newHighlight(
    {
      url: `https://www.${site}/article-${n}`,
      title: fields.title ?? '',
      quote: { exact: fields.text },
      note: fields.note ?? '',
      tags: fields.tags ?? [],
      entityIds: fields.entityIds ?? [],
    },
    Date.UTC(2023, 0, fields.day ?? 1),
    uuid(n),
  );
}

const titles = (hits: { record: HighlightRecord }[]) => hits.map((h) => h.record.title);

describe('foldForSearch', () => {
  it('ignores case, diacritics, ё/е and compatibility forms, but keeps й', () => {
    expect(foldForSearch('Ёлка ЁЖИК')).toBe('елка ежик');
    expect(foldForSearch('Café Zürich São Paulo')).toBe('cafe zurich sao paulo');
    expect(foldForSearch('ＳＣＯ　华为')).toBe('sco 华为');
    expect(foldForSearch('мой Йошкар-Ола')).toBe('мой йошкар-ола');
    expect(foldForSearch('«Ведомости» — 2021')).toBe('"ведомости" - 2021');
    expect(foldForSearch('two\n\n  lines\tand\u00a0nbsp')).toBe('two lines and nbsp');
  });
  it('splits queries into terms, keeping quoted phrases whole', () => {
    expect(queryTerms('  Huawei "Digital Silk  Road" huawei ')).toEqual(['huawei', 'digital silk road']);
  });
});

describe('LibraryIndex.search', () => {
  const records = [
    rec({ title: 'Roskomnadzor slows Twitter', text: 'The regulator throttled the service.', site: 'reuters.com', tags: ['regulation'], entityIds: ['roskomnadzor'], day: 5 }),
    rec({ title: 'Ведомости', text: 'Роскомнадзор ограничил доступ; ёмкость сети снизилась.', site: 'vedomosti.ru', tags: ['цитата', 'regulation'], entityIds: ['roskomnadzor', 'huawei'], day: 10 }),
    rec({ title: '澎湃新闻', text: '中俄两国在网络空间主权问题上立场一致', site: 'thepaper.cn', entityIds: ['sco'], day: 20 }),
    rec({ title: 'Notes only', text: 'An unrelated passage about trade.', note: 'Ask about Roskomnadzor later', site: 'reuters.com', day: 30 }),
    rec({ title: 'Café société', text: 'Huawei and the SCO signed a memorandum in Zürich.', site: 'lemonde.fr', entityIds: ['huawei', 'sco'], day: 40 }),
  ];
  const index = new LibraryIndex(records, { entityTerms: benchEntityTerms });

  it('finds Chinese substrings without word breaks', () => {
    expect(titles(index.search({ text: '网络空间' }).hits)).toEqual(['澎湃新闻']);
    expect(titles(index.search({ text: '主权' }).hits)).toEqual(['澎湃新闻']);
  });

  it('is case-, diacritic- and ё-insensitive in both directions', () => {
    expect(titles(index.search({ text: 'ЕМКОСТЬ' }).hits)).toEqual(['Ведомости']);
    expect(titles(index.search({ text: 'zurich cafe' }).hits)).toEqual(['Café société']);
    expect(titles(index.search({ text: 'Сafé' }).hits)).toEqual([]); // Cyrillic С is another letter
  });

  it('finds a passage through its actors names in other languages', () => {
    // The Russian record mentions the regulator only in Cyrillic; the English name comes from entityTerms.
    expect(titles(index.search({ text: 'roskomnadzor', sort: 'newest' }).hits)).toEqual(['Notes only', 'Ведомости', 'Roskomnadzor slows Twitter']);
    expect(titles(index.search({ text: '上海合作组织' }).hits).sort()).toEqual(['Café société', '澎湃新闻']);
  });

  it('ranks title over passage over note over actor names', () => {
    expect(titles(index.search({ text: 'roskomnadzor' }).hits)).toEqual(['Roskomnadzor slows Twitter', 'Notes only', 'Ведомости']);
    expect(titles(index.search({ text: 'роскомнадзор' }).hits)[0]).toBe('Ведомости');
  });

  it('requires every term, and a quoted phrase as written', () => {
    expect(titles(index.search({ text: 'huawei memorandum' }).hits)).toEqual(['Café société']);
    expect(titles(index.search({ text: '"memorandum huawei"' }).hits)).toEqual([]);
    expect(titles(index.search({ text: '"the sco signed"' }).hits)).toEqual(['Café société']);
  });

  it('filters by actor (all of), site (any of), tag (all of) and date range (inclusive)', () => {
    expect(titles(index.search({ entityIds: ['huawei', 'sco'] }).hits)).toEqual(['Café société']);
    expect(titles(index.search({ sites: ['reuters.com', 'thepaper.cn'], sort: 'oldest' }).hits)).toEqual(['Roskomnadzor slows Twitter', '澎湃新闻', 'Notes only']);
    expect(titles(index.search({ tags: ['regulation', 'цитата'] }).hits)).toEqual(['Ведомости']);
    expect(titles(index.search({ from: '2023-01-10', to: Date.UTC(2023, 0, 20), sort: 'oldest' }).hits)).toEqual(['Ведомости', '澎湃新闻']);
    expect(titles(index.search({ text: 'roskomnadzor', sites: ['reuters.com'], from: '2023-01-06' }).hits)).toEqual(['Notes only']);
  });

  it('lists everything newest first with no query, and honours limit', () => {
    const all = index.search();
    expect(all.total).toBe(5);
    expect(titles(all.hits)[0]).toBe('Café société');
    const two = index.search({ limit: 2 });
    expect(two.total).toBe(5);
    expect(two.hits).toHaveLength(2);
  });

  it('counts facets among hits', () => {
    const f = index.facets(index.search({ text: 'roskomnadzor' }).hits);
    expect(f.sites).toEqual(new Map([['reuters.com', 2], ['vedomosti.ru', 1]]));
    expect(f.entityIds.get('roskomnadzor')).toBe(2);
    expect(f.tags.get('regulation')).toBe(2);
  });
});

describe('incremental updates and narrowing while typing', () => {
  it('sees records added or removed between keystrokes', () => {
    const index = new LibraryIndex([rec({ title: 'A', text: 'Roskomnadzor blocks' })]);
    expect(index.search({ text: 'ros' }).total).toBe(1);
    const added = rec({ title: 'B', text: 'rosneft and roskomnadzor' });
    index.put(added);
    expect(titles(index.search({ text: 'rosk' }).hits).sort()).toEqual(['A', 'B']);
    index.remove(added.id);
    expect(titles(index.search({ text: 'roskom' }).hits)).toEqual(['A']);
    index.put({ ...added, title: 'B2', text: 'nothing here' }); // replaced under the same id
    expect(index.size).toBe(2);
    expect(titles(index.search({ text: 'roskomn' }).hits)).toEqual(['A']);
    expect(index.search({ text: 'nothing' }).total).toBe(1);
  });

  it('keeps date order through puts and removes, including records of the same date', () => {
    const index = new LibraryIndex();
    const made = [5, 1, 9, 5, 3, 5, 7].map((d, i) => rec({ title: `d${d}-${i}`, text: 'same passage', day: d }));
    made.forEach((r) => index.put(r));
    index.remove(made[3]!.id); // one of three records dated day 5
    index.put({ ...made[1]!, created: '2023-02-01T00:00:00.000Z', updated: '2023-02-01T00:00:00.000Z' }); // re-dated
    const days = index.search({ text: 'same' , sort: 'newest' }).hits.map((h) => h.record.created.slice(0, 10));
    expect(days).toEqual(['2023-02-01', '2023-01-09', '2023-01-07', '2023-01-05', '2023-01-05', '2023-01-03']);
    expect(index.search({ sort: 'oldest' }).hits[0]!.record.created).toBe('2023-01-03T00:00:00.000Z');
    expect(index.size).toBe(6);
  });

  it('gives the same hits while typing as a fresh index would', () => {
    const records = generateHighlights(400, 7);
    const typing = new LibraryIndex(records, { entityTerms: benchEntityTerms });
    const sequence = ['r', 'ro', 'ros', 'rosk', 'roskom', 'roskom h', 'roskom hu', 'roskom', 'ros', 'ро', 'роском', '华', '华为'];
    for (const text of sequence) {
      const fresh = new LibraryIndex(records, { entityTerms: benchEntityTerms });
      const ids = (idx: LibraryIndex) => idx.search({ text, tags: [] }).hits.map((h) => h.record.id);
      expect(ids(typing)).toEqual(ids(fresh));
    }
    expect(typing.search({ text: 'roskom hu' }).total).toBeGreaterThan(0);
  });
});

describe('matchRanges', () => {
  it('maps folded matches back onto the original text', () => {
    const text = 'Ёмкость  сети: ЕМКОСТЬ и Café';
    const ranges = matchRanges(text, 'емкость cafe');
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['Ёмкость', 'ЕМКОСТЬ', 'Café']);
  });
  it('covers decomposed accents and Chinese', () => {
    const text = 'Cafe\u0301 华为公司';
    expect(matchRanges(text, 'café 为公').map(([s, e]) => text.slice(s, e))).toEqual(['Cafe\u0301', '为公']);
  });
});

// Speed is measured by the benchmark (npm run bench → docs/benchmarks.md), never by a timed test.
describe('incremental search on 10,000 highlights', () => {
  it('narrows keystroke by keystroke to the same hits as a fresh query', () => {
    const records = generateHighlights(10_000);
    const index = new LibraryIndex(records, { entityTerms: benchEntityTerms });
    const word = 'roskomnadzor';
    index.search();
    let previous = Infinity;
    for (let k = 1; k <= word.length; k++) {
      const res = index.search({ text: word.slice(0, k) });
      expect(res.total).toBeGreaterThan(0);
      expect(res.total).toBeLessThanOrEqual(previous);
      previous = res.total;
    }
    const fresh = new LibraryIndex(records, { entityTerms: benchEntityTerms }).search({ text: word });
    expect(fresh.total).toBe(previous);
  });
});
