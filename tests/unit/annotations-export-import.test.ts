import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ANNO_CONTEXT,
  IMPORTED_SCHEME,
  exportCsv,
  exportJsonLd,
  exportJsonLdText,
  exportMarkdown,
  mergeImported,
  newHighlight,
  parseImport,
  updateHighlight,
  type HighlightRecord,
  type ImportOptions,
} from '../../core/annotations';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

const settingsCheck: ImportOptions['validateSettings'] = (raw) =>
  typeof raw === 'object' && raw !== null && typeof (raw as { enabledByDefault?: unknown }).enabledByDefault === 'boolean'
    ? { ok: true }
    : { ok: false, problem: 'enabledByDefault must be true or false' };
const opts: ImportOptions = { validateSettings: settingsCheck, now: Date.UTC(2024, 4, 1) };
const SETTINGS = { version: 1, enabledByDefault: true, disabledFor: ['example.com'] };

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const day = (d: number, h = 0) => Date.UTC(2024, 0, d, h);

/** A varied library: scripts, emoji, quotes, newlines, commas, formulas, all colours, with and without positions. */
function library(): HighlightRecord[] {
  const rs: HighlightRecord[] = [
    newHighlight(
      {
        url: 'https://www.kommersant.ru/doc/5000001',
        originalUrl: 'https://www.kommersant.ru/doc/5000001?utm_source=telegram#comments',
        title: 'Роскомнадзор «замедлил» Twitter',
        quote: { exact: 'Роскомнадзор ограничил доступ к сервису, сославшись на «угрозы».', prefix: 'В среду ', suffix: ' После' },
        position: { start: 120, end: 184 },
        entityIds: ['roskomnadzor'],
        note: 'Сравнить с докладом, раздел 4.\nВторая строка, с запятой, и "кавычками".',
        tags: ['цитата', 'regulation'],
        colour: 'green',
      },
      day(3, 9),
      uuid(1),
    ),
    newHighlight(
      {
        url: 'https://www.thepaper.cn/newsDetail_forward_1234',
        title: '澎湃新闻：中俄网络空间合作',
        quote: { exact: '中俄两国在网络空间主权问题上立场一致', prefix: '报告指出，', suffix: '。' },
        position: { start: 0, end: 18 },
        entityIds: ['sco', 'cyber-sovereignty'],
        note: '对比报告第三节 🇨🇳🤝🇷🇺',
        tags: ['引用'],
        colour: 'blue',
      },
      day(4),
      uuid(2),
    ),
    newHighlight(
      {
        url: 'https://www.reuters.com/technology/huawei-russia',
        title: 'Huawei "expands" in Russia, <b>sources</b> say',
        quote: { exact: '=HYPERLINK("http://evil.example","click") said the *source*' },
        note: '+1, -2, @everyone: commas, "quotes"\r\nand CRLF',
        tags: ['to-read'],
        colour: 'pink',
      },
      day(5),
      uuid(3),
    ),
    newHighlight(
      {
        url: 'https://www.reuters.com/technology/huawei-russia',
        title: 'Huawei "expands" in Russia, <b>sources</b> say',
        quote: { exact: 'Huawei expanded its research centre in Moscow', prefix: 'In 2020, ', suffix: ', hiring' },
        position: { start: 2040, end: 2085 },
        entityIds: ['huawei'],
        colour: 'purple',
      },
      day(5, 1),
      uuid(4),
    ),
    newHighlight({ url: 'file:///home/me/report.html', quote: { exact: '# not a heading\n- not a list\n\n> not a quote' } }, day(6), uuid(5)),
  ];
  rs[0] = updateHighlight(rs[0]!, { colour: 'yellow' }, day(10));
  return rs;
}

const byId = (a: HighlightRecord, b: HighlightRecord) => (a.id < b.id ? -1 : 1);

describe('JSON-LD export', () => {
  it('writes one W3C AnnotationCollection with the settings', () => {
    const doc = exportJsonLd(library(), { version: '0.1.0', now: day(20), settings: SETTINGS });
    expect(doc['@context'][0]).toBe(ANNO_CONTEXT);
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(5);
    expect(doc.generated).toBe('2024-01-20T00:00:00.000Z');
    expect(doc.generator).toMatchObject({ name: 'Kontekst', 'kontekst:version': '0.1.0' });
    expect(doc['kontekst:settings']).toEqual(SETTINGS);
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.first.items.map((a) => a.id)).toEqual([1, 2, 3, 4, 5].map((n) => `urn:uuid:${uuid(n)}`));
  });

  it('maps a record to W3C terms', () => {
    const a = exportJsonLd(library(), { version: '0.1.0', now: day(20) }).first.items[0]!;
    expect(a).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      created: '2024-01-03T09:00:00.000Z',
      modified: '2024-01-10T00:00:00.000Z',
      target: {
        source: 'https://www.kommersant.ru/doc/5000001',
        selector: [
          { type: 'TextQuoteSelector', prefix: 'В среду ', suffix: ' После' },
          { type: 'TextPositionSelector', start: 120, end: 184 },
        ],
      },
      'kontekst:highlight': { colour: 'yellow', site: 'kommersant.ru', entityIds: ['roskomnadzor'], scheme: 'kontekst-text/1' },
    });
    expect(a.body).toEqual([
      { type: 'TextualBody', value: 'Сравнить с докладом, раздел 4.\nВторая строка, с запятой, и "кавычками".', format: 'text/plain', purpose: 'commenting' },
      { type: 'TextualBody', value: 'цитата', purpose: 'tagging' },
      { type: 'TextualBody', value: 'regulation', purpose: 'tagging' },
      { type: 'SpecificResource', source: 'urn:kontekst:entity:roskomnadzor', purpose: 'identifying' },
    ]);
    const plain = exportJsonLd(library(), { version: '0.1.0', now: day(20) }).first.items[4]!;
    expect(plain.motivation).toBe('highlighting');
    expect(plain.body).toBeUndefined();
    expect(plain.target.selector).toHaveLength(1);
  });
});

describe('round trip: export, wipe, import', () => {
  it('gives back every record unchanged, and the settings', () => {
    const records = library();
    const text = exportJsonLdText(records, { version: '0.1.0', now: day(20), settings: SETTINGS });
    const result = parseImport(text, opts);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.warnings).toEqual([]);
    expect(result.settings).toEqual(SETTINGS);
    expect([...result.records].sort(byId)).toStrictEqual([...records].sort(byId));

    const merged = mergeImported([], result.records); // the wiped library
    expect(merged).toMatchObject({ added: 5, updated: 0, unchanged: 0 });
    expect(merged.toPut.sort(byId)).toStrictEqual([...records].sort(byId));
  });

  it('importing the same export again changes nothing', () => {
    const records = library();
    const result = parseImport(exportJsonLdText(records, { version: '0.1.0', now: day(20) }), opts);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(mergeImported(records, result.records)).toEqual({ toPut: [], added: 0, updated: 0, unchanged: 5 });
  });

  it('survives a byte-order mark added by an editor', () => {
    const result = parseImport('\uFEFF' + exportJsonLdText(library(), { version: '0.1.0', now: day(20) }), opts);
    expect(result.ok && result.records.length).toBe(5);
  });
});

describe('Markdown export', () => {
  const md = exportMarkdown(library(), {
    now: day(20),
    entityName: (id) => ({ roskomnadzor: 'Roskomnadzor', huawei: 'Huawei', sco: 'SCO' })[id],
  });

  it('groups highlights under one heading per page, newest page first, in reading order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## file:///home/me/report.html',
      '## Huawei "expands" in Russia, \\<b\\>sources\\</b\\> say',
      '## 澎湃新闻：中俄网络空间合作',
      '## Роскомнадзор «замедлил» Twitter',
    ]);
    const reuters = md.slice(md.indexOf('## Huawei'), md.indexOf('## 澎湃'));
    expect(reuters.indexOf('Huawei expanded')).toBeLessThan(reuters.indexOf('HYPERLINK')); // by position, unpositioned last
    expect(reuters).toContain('<https://www.reuters.com/technology/huawei-russia> · reuters.com');
  });

  it('quotes passages line by line, escaping page text, with note, tags, actors and dates', () => {
    expect(md).toContain('# Kontekst highlights\n\nExported 2024-01-20 · 5 highlights on 4 pages');
    expect(md).toContain('> \\# not a heading\n> \\- not a list\n>\n> \\> not a quote');
    expect(md).toContain('> =HYPERLINK("http://evil.example","click") said the \\*source\\*');
    expect(md).toContain('Сравнить с докладом, раздел 4.\nВторая строка, с запятой, и "кавычками".');
    expect(md).toContain('Tags: #цитата #regulation · Actors: Roskomnadzor · Saved 2024-01-03, edited 2024-01-10');
    expect(md).toContain('Actors: SCO, cyber-sovereignty'); // unknown name falls back to the id
    expect(md).toContain('Tags: #to-read · Saved 2024-01-05');
  });
});

/** Minimal RFC 4180 reader, to check that what we write parses back. */
function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quotedField = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quotedField) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quotedField = false;
      else field += c;
    } else if (c === '"') quotedField = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('writes a header and RFC 4180 rows that parse back to the same values', () => {
    const csv = exportCsv(library(), { entityName: (id) => (id === 'huawei' ? 'Huawei' : undefined) });
    expect(csv.startsWith('id,created,updated,site,title,url,text,note,tags,actors,colour\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.length === 11)).toBe(true);
    const ru = rows[1]!;
    expect(ru[7]).toBe('Сравнить с докладом, раздел 4.\nВторая строка, с запятой, и "кавычками".');
    expect(ru[8]).toBe('цитата; regulation');
    expect(rows[4]![9]).toBe('Huawei');
    expect(rows[2]![6]).toBe('中俄两国在网络空间主权问题上立场一致');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const rows = parseCsv(exportCsv(library()));
    const evil = rows[3]!;
    expect(evil[6]).toBe(`'=HYPERLINK("http://evil.example","click") said the *source*`);
    expect(evil[7]).toBe(`'+1, -2, @everyone: commas, "quotes"\r\nand CRLF`);
  });

  it('adds a BOM for Excel on request and can use semicolons', () => {
    const csv = exportCsv(library(), { bom: true, delimiter: ';' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1), ';');
    expect(rows[0]).toHaveLength(11);
    expect(rows[1]![8]).toBe('цитата; regulation'); // quoted because it holds the delimiter
    expect(exportCsv([]).charCodeAt(0)).not.toBe(0xfeff);
  });
});

describe('import: malformed files are refused with a message naming the problem', () => {
  const cases: Array<[file: string, message: string]> = [
    ['empty.json', 'The file is empty.'],
    ['not-json.txt', "This file is not valid JSON, so it cannot be a Kontekst or W3C annotation export. At line 1, column 1: expected a value but found 'M'."],
    ['truncated.json', "This file is not valid JSON, so it cannot be a Kontekst or W3C annotation export. At line 55, column 19: the file ends before the JSON is complete (expected ':' after the property name); it may have been cut off."],
    ['trailing-comma.json', "This file is not valid JSON, so it cannot be a Kontekst or W3C annotation export. At line 4, column 1: a comma before '}' with nothing after it; remove that comma."],
    ['single-quotes.json', 'This file is not valid JSON, so it cannot be a Kontekst or W3C annotation export. At line 2, column 4: a name in single quotes (JSON needs double quotes).'],
    ['top-level-number.json', 'The file holds a number, not annotations. Expected a Kontekst export (an AnnotationCollection), a W3C Annotation, or a list of annotations.'],
    ['wrong-top-type.json', 'The file is JSON but not a set of annotations: its type is "Collection". Expected an AnnotationCollection, an AnnotationPage, an Annotation, or a list of annotations.'],
    ['unsupported-context.json', `The file's @context is "https://schema.org", not the W3C Web Annotation context (http://www.w3.org/ns/anno.jsonld), so it cannot be read as annotations.`],
    ['linked-pages.json', 'The AnnotationCollection only links to its pages ("https://annotations.example.org/collection/1/page/1") instead of including them; export it with the annotations embedded.'],
    ['items-not-list.json', "The AnnotationPage's items should be a list of annotations, but it is an object."],
    ['newer-format.json', 'This file was made by a newer version of Kontekst (export format 2; this version reads up to 1). Update Kontekst, then import it again.'],
    ['missing-target.json', 'Item 1 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c11"): target is missing — every highlight needs the page and passage it points to.'],
    ['missing-source.json', 'Item 3 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c13"): target.source is missing — every highlight needs the address of its page.'],
    ['selector-typo.json', 'Item 1 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c11"): target.selector[0] has type "TextQuoteSelektor", which is not a W3C selector type (did you mean TextQuoteSelector?).'],
    ['exact-not-text.json', 'Item 1 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c11"): target.selector[0] (TextQuoteSelector) needs "exact", the quoted passage as text, but it is a number.'],
    ['position-reversed.json', 'Item 1 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c11"): target.selector[1] (TextPositionSelector): "end" (120) comes before "start" (159).'],
    ['invalid-date.json', 'Item 2 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c12"): "created" "2024-02-30T10:00:00Z" is not a valid date — use ISO 8601, like 2024-05-01T09:30:00Z.'],
    ['duplicate-ids.json', 'Items 1 and 3 both have the id "urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c11" — each annotation in a file needs its own id.'],
    ['bad-colour.json', 'Item 1 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c11"): kontekst:highlight.colour: must be one of yellow, green, blue, pink, purple.'],
    ['bad-settings.json', 'The settings in this file are not valid: enabledByDefault must be true or false.'],
    ['script-source.json', 'Item 1 ("urn:uuid:0b6c3f5e-2a41-4c4e-9d7e-3f1f8a2b9c11"): target.source "javascript:alert(document.cookie)" is not a web page address (it must start with http://, https:// or file://).'],
    ['page-inside-items.json', 'Item 2 has type "AnnotationPage"; only Annotations can be imported.'],
    ['tags-not-list.json', 'Item 1 ("Hj7x0qQ2Ee6"): "tags" should be a list of text tags.'],
    ['nothing-quotable.json', 'None of the annotations in this file quote a passage, so there is nothing to import.'],
  ];

  it.each(cases)('%s', (file, message) => {
    const result = parseImport(fixture(file), opts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContain(message);
  });

  it('says nothing was imported when items are broken', () => {
    const result = parseImport(fixture('missing-source.json'), opts);
    expect(result).toEqual({ ok: false, errors: [expect.stringContaining('Item 3'), 'Nothing was imported.'] });
  });

  it('lists skipped items next to the reason nothing could be imported', () => {
    const result = parseImport(fixture('nothing-quotable.json'), opts);
    if (result.ok) throw new Error('expected failure');
    expect(result.errors[0]).toBe(
      'Item 1 ("PgNote001") was skipped: it has no TextQuoteSelector, so there is no quoted passage to highlight (page notes, replies and image annotations cannot be imported).',
    );
  });

  it('caps the number of messages', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, type: 'Annotation' }));
    const result = parseImport(JSON.stringify(items), opts);
    if (result.ok) throw new Error('expected failure');
    expect(result.errors).toHaveLength(22);
    expect(result.errors[20]).toBe('…and 10 more problems.');
  });

  it('refuses absurd sizes before reading items', () => {
    const big = parseImport('[' + '{},'.repeat(100_000) + '{}]', opts);
    expect(big).toEqual({ ok: false, errors: ['This file holds 100,001 annotations; Kontekst imports at most 100,000 at a time.'] });
    const long = parseImport('x'.repeat(2 * 1024 * 1024 + 1), { ...opts, limits: { maxChars: 2 * 1024 * 1024 } });
    expect(long).toEqual({ ok: false, errors: ['This file is too large (2 MB); Kontekst imports files up to 2 MB.'] });
  });

  it('reports a settings validator that throws instead of crashing', () => {
    const result = parseImport(fixture('bad-settings.json'), { validateSettings: () => { throw new Error('boom'); } });
    expect(result).toMatchObject({ ok: false, errors: ['The settings in this file are not valid: boom.', 'Nothing was imported.'] });
  });
});

describe('import from other tools', () => {
  it('reads Hypothesis rows, skipping replies with a warning', () => {
    const result = parseImport(fixture('ok-hypothesis-rows.json'), opts);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.warnings).toEqual([expect.stringMatching(/^Item 3 \("Reply0003"\) was skipped: it has no TextQuoteSelector/)]);
    const [reuters, paper] = result.records;
    expect(reuters).toMatchObject({
      url: 'https://www.reuters.com/technology/huawei-russia-2023-11-02/',
      originalUrl: 'https://www.reuters.com/technology/huawei-russia-2023-11-02/#comments',
      title: 'Huawei expands in Russia | Reuters',
      site: 'reuters.com',
      created: '2023-11-02T09:15:22.123Z',
      updated: '2023-11-03T10:00:00.000Z',
      text: 'Huawei expanded its research centre in Moscow',
      note: 'Check against the report, p. 14',
      tags: ['huawei', 'russia'],
      scheme: IMPORTED_SCHEME,
      colour: 'yellow',
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: 'Huawei expanded its research centre in Moscow', prefix: 'In 2020, ', suffix: ', hiring' },
        position: { type: 'TextPositionSelector', start: 2040, end: 2085 },
      },
    });
    expect(paper).toMatchObject({ text: '中俄两国在网络空间主权问题上立场一致', site: 'thepaper.cn', note: '', tags: [] });
    expect('position' in paper!.selectors).toBe(false);
    // Ids are derived deterministically, so importing the file twice merges instead of doubling.
    const again = parseImport(fixture('ok-hypothesis-rows.json'), opts);
    expect(again.ok && again.records.map((r) => r.id)).toEqual(result.records.map((r) => r.id));
    expect(mergeImported(result.records, again.ok ? again.records : [])).toMatchObject({ added: 0, unchanged: 2 });
  });

  it('reads a single W3C annotation with a bodyValue and an offset date', () => {
    const result = parseImport(fixture('ok-w3c-single.json'), opts);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({
      created: '2022-06-15T09:00:00.000Z',
      updated: '2022-06-15T09:00:00.000Z',
      note: 'The SCO angle.',
      site: 'meduza.io',
      text: 'ШОС обсудила информационную безопасность',
    });
  });

  it('reads a list of annotations, keeps urn:uuid ids and skips an image annotation', () => {
    const result = parseImport(fixture('ok-w3c-array.json'), opts);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.records.map((r) => [r.id, r.tags])).toEqual([['5d1c7a3e-9b2f-4e7a-8c1d-2f3a4b5c6d7e', ['wuxi']]]);
    expect(result.warnings).toEqual([expect.stringContaining('Item 2 ("http://example.org/anno-img") was skipped')]);
  });

  it('normalises foreign page addresses with the injected site rules and dates undated ones today', () => {
    const single = {
      type: 'Annotation',
      target: { source: 'https://amp.example.com/a?utm_source=x', selector: { type: 'TextQuoteSelector', exact: 'SCO' } },
    };
    const result = parseImport(JSON.stringify(single), { ...opts, normaliseUrl: (u) => u.replace('amp.', 'www.').replace(/\?.*/, '') });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.records[0]).toMatchObject({ url: 'https://www.example.com/a', originalUrl: 'https://amp.example.com/a?utm_source=x', created: '2024-05-01T00:00:00.000Z' });
    expect(result.warnings).toEqual(['1 highlight has no date in the file and is dated today.']);
  });
});

describe('mergeImported', () => {
  const [a, b] = library();
  const later = (r: HighlightRecord, patch: Parameters<typeof updateHighlight>[1], d: number) => updateHighlight(r, patch, day(d));

  it('keeps the newer copy of the same id whole (tags are not unioned)', () => {
    const newer = later(a!, { tags: ['regulation'] }, 15); // the reader removed a tag
    expect(mergeImported([a!], [newer])).toEqual({ toPut: [newer], added: 0, updated: 1, unchanged: 0 });
    expect(mergeImported([newer], [a!])).toEqual({ toPut: [], added: 0, updated: 0, unchanged: 1 });
  });

  it('keeps the library copy on a tie', () => {
    const rival = { ...a!, note: 'other browser' };
    expect(mergeImported([a!], [rival]).toPut).toEqual([]);
  });

  it('merges the same passage saved under another id, keeping the library id and first date', () => {
    const twin = { ...later(a!, { note: 'from the laptop' }, 20), id: uuid(99), created: '2024-01-02T00:00:00.000Z' };
    const result = mergeImported([a!, b!], [twin]);
    expect(result.added + result.updated + result.unchanged).toBe(1);
    expect(result.updated).toBe(1);
    expect(result.toPut).toEqual([{ ...twin, id: a!.id, created: '2024-01-02T00:00:00.000Z' }]);
  });

  it('does not merge the same quote at another position', () => {
    const elsewhere = { ...a!, id: uuid(98), selectors: { ...a!.selectors, position: { type: 'TextPositionSelector' as const, start: 900, end: 964 } } };
    expect(mergeImported([a!], [elsewhere])).toMatchObject({ added: 1, updated: 0 });
  });

  it('merges duplicates inside one import and keeps the counts adding up', () => {
    const copy = { ...b!, id: uuid(97) };
    const newer = later(b!, { note: 'newest' }, 25);
    const result = mergeImported([], [b!, copy, newer]);
    expect(result.toPut).toEqual([newer]);
    expect(result).toMatchObject({ added: 1, updated: 0, unchanged: 2 });
  });
});
