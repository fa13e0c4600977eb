import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEME,
  HighlightInputError,
  isCanonicalIso,
  isUuid,
  newHighlight,
  normaliseTags,
  parseIsoDateTime,
  siteOf,
  updateHighlight,
  uuidFromString,
  validateStoredRecord,
  type HighlightRecord,
} from '../../core/annotations';

const ID = '3f2b8c1e-6d4a-4b9e-8f10-2a3b4c5d6e7f';
const T0 = Date.UTC(2024, 2, 1, 10, 0, 0);

function sample(overrides: Partial<Parameters<typeof newHighlight>[0]> = {}): HighlightRecord {
  return newHighlight(
    {
      url: 'https://news.bbc.co.uk/world/asia-123',
      originalUrl: 'https://news.bbc.co.uk/world/asia-123?at_medium=RSS#top',
      title: '  Huawei and Russia  ',
      quote: { exact: 'Huawei opened a research centre in Moscow', prefix: 'In 2020 ', suffix: '.' },
      position: { start: 10, end: 51 },
      entityIds: ['huawei', 'huawei'],
      tags: [' #Huawei ', 'HUAWEI', 'cyber   sovereignty', ''],
      ...overrides,
    },
    T0,
    ID.toUpperCase(),
  );
}

describe('newHighlight', () => {
  it('fills defaults and normalises what the reader typed', () => {
    const r = sample();
    expect(r).toStrictEqual({
      id: ID,
      url: 'https://news.bbc.co.uk/world/asia-123',
      originalUrl: 'https://news.bbc.co.uk/world/asia-123?at_medium=RSS#top',
      title: 'Huawei and Russia',
      site: 'bbc.co.uk',
      created: '2024-03-01T10:00:00.000Z',
      updated: '2024-03-01T10:00:00.000Z',
      text: 'Huawei opened a research centre in Moscow',
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: 'Huawei opened a research centre in Moscow', prefix: 'In 2020 ', suffix: '.' },
        position: { type: 'TextPositionSelector', start: 10, end: 51 },
      },
      scheme: CURRENT_SCHEME,
      entityIds: ['huawei'],
      note: '',
      tags: ['huawei', 'cyber sovereignty'],
      colour: 'yellow',
    });
  });

  it('leaves position out entirely when there is none', () => {
    const r = sample({ position: undefined });
    expect('position' in r.selectors).toBe(false);
  });

  it.each([
    ['an empty quote', { quote: { exact: '' } }, /selectors\.quote\.exact: must not be empty/],
    ['a javascript: address', { url: 'javascript:alert(1)' }, /url: must be a full http, https or file address/],
    ['a relative address', { url: '/news/1' }, /url: must be a full/],
    ['a reversed position', { position: { start: 9, end: 3 } }, /selectors\.position\.end: end must not come before start/],
    ['a bad entity id', { entityIds: ['Huawei Inc'] }, /entityIds\.0: entity ids are kebab-case/],
  ])('refuses %s with a message naming the field', (_name, overrides, message) => {
    expect(() => sample(overrides as Partial<Parameters<typeof newHighlight>[0]>)).toThrow(HighlightInputError);
    expect(() => sample(overrides as Partial<Parameters<typeof newHighlight>[0]>)).toThrow(message);
  });

  it('refuses an id that is not a UUID', () => {
    expect(() => newHighlight({ url: 'https://a.example/', quote: { exact: 'x' } }, T0, 'note-1')).toThrow(/id: must be a lowercase UUID/);
  });
});

describe('normaliseTags', () => {
  it('trims, lowercases, drops # and empties, dedupes keeping first order', () => {
    expect(normaliseTags(['  Цитата ', '#SCO', 'sco', '##', 'Ёж', '引用', 'a\u200bb'])).toEqual(['цитата', 'sco', 'ёж', '引用', 'a b']);
  });
  it('is idempotent', () => {
    const once = normaliseTags(['  #Cyber  Sovereignty ', 'ШОС']);
    expect(normaliseTags(once)).toEqual(once);
  });
});

describe('updateHighlight', () => {
  it('applies a change and bumps updated only', () => {
    const r = sample();
    const next = updateHighlight(r, { note: 'Compare with the report', tags: ['SCO', 'huawei'], colour: 'pink' }, T0 + 60_000);
    expect(next).not.toBe(r);
    expect(next.note).toBe('Compare with the report');
    expect(next.tags).toEqual(['sco', 'huawei']);
    expect(next.colour).toBe('pink');
    expect(next.created).toBe(r.created);
    expect(next.updated).toBe('2024-03-01T10:01:00.000Z');
    expect(r.note).toBe(''); // the original is not mutated
  });

  it('returns the same record for a no-op save, so updated does not move', () => {
    const r = sample();
    expect(updateHighlight(r, { note: '', tags: ['HUAWEI', 'cyber sovereignty'], colour: 'yellow' }, T0 + 1000)).toBe(r);
  });

  it('never dates an edit before creation (clock skew)', () => {
    const r = sample();
    expect(updateHighlight(r, { note: 'x' }, T0 - 3_600_000).updated).toBe(r.created);
  });

  it('refuses a note beyond the size limit', () => {
    expect(() => updateHighlight(sample(), { note: 'x'.repeat(100_001) }, T0)).toThrow(/note: must be at most 100000 characters/);
  });
});

describe('validateStoredRecord', () => {
  it('accepts a good record', () => {
    const r = sample();
    expect(validateStoredRecord(JSON.parse(JSON.stringify(r)))).toEqual({ ok: true, record: r });
  });

  it('reports a corrupted record with its id instead of throwing, so a list can show the rest', () => {
    const good = sample();
    const broken = { ...good, id: 'aaaaaaaa-0000-4000-8000-000000000001', text: 42, updated: 'yesterday' };
    const results = [good, broken, null, 'x'].map(validateStoredRecord);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false]);
    const bad = results[1]!;
    if (bad.ok) throw new Error('expected a failure');
    expect(bad.id).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(bad.problem).toMatch(/updated: must be a UTC date-time/);
    expect(bad.problem).toMatch(/text:/);
    expect(results[2]).toEqual({ ok: false, problem: 'not a highlight record (found null)' });
  });

  it('reports updated before created', () => {
    const r = { ...sample(), updated: '2020-01-01T00:00:00.000Z' };
    expect(validateStoredRecord(r)).toMatchObject({ ok: false, problem: 'updated: must not be before created' });
  });

  it('reports tags that were not normalised', () => {
    expect(validateStoredRecord({ ...sample(), tags: ['Huawei'] })).toMatchObject({ ok: false, problem: 'tags: tags must be trimmed and lowercased' });
  });
});

describe('dates, ids and sites', () => {
  it('accepts only canonical UTC ISO strings as stored dates', () => {
    expect(isCanonicalIso('2024-03-01T10:00:00.000Z')).toBe(true);
    expect(isCanonicalIso('2024-02-30T10:00:00.000Z')).toBe(false);
    expect(isCanonicalIso('2024-03-01T10:00:00Z')).toBe(false);
  });

  it('parses the date-times other tools write', () => {
    expect(parseIsoDateTime('2023-11-02T09:15:22.123456+00:00')).toBe(Date.UTC(2023, 10, 2, 9, 15, 22, 123));
    expect(parseIsoDateTime('2022-06-15T12:00:00+03:00')).toBe(Date.UTC(2022, 5, 15, 9));
    expect(parseIsoDateTime('2022-06-15')).toBe(Date.UTC(2022, 5, 15));
    expect(parseIsoDateTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDateTime('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseIsoDateTime('2024-13-01T00:00:00Z')).toBeNull();
    expect(parseIsoDateTime('01/02/2024')).toBeNull();
  });

  it('derives stable, distinct UUIDs from foreign ids', () => {
    const a = uuidFromString('Hj7x0qQ2Ee6');
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('8');
    expect(uuidFromString('Hj7x0qQ2Ee6')).toBe(a);
    const many = new Set(Array.from({ length: 2000 }, (_, i) => uuidFromString(`anno-${i}`)));
    expect(many.size).toBe(2000);
  });

  it('uses the registrable domain as the site', () => {
    expect(siteOf('https://news.bbc.co.uk/x')).toBe('bbc.co.uk');
    expect(siteOf('https://www.kommersant.ru/doc/1')).toBe('kommersant.ru');
    expect(siteOf('http://localhost:3000/demo')).toBe('localhost');
    expect(siteOf('file:///home/me/article.html')).toBe('');
  });
});
