// Exports of saved highlights: one W3C Web Annotation JSON-LD document (lossless, for backup and
// other annotation tools), Markdown grouped by page (for notes apps) and CSV (for spreadsheets).
import type { HighlightRecord } from './record';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Prefix of our extension terms; a URN because Kontekst has no web namespace to dereference. */
export const KONTEKST_NS = 'urn:kontekst:';
export const ENTITY_IRI_PREFIX = 'urn:kontekst:entity:';
/** Bumped when the JSON-LD layout changes incompatibly; import refuses newer ones. */
export const EXPORT_FORMAT_VERSION = 1;

/** Our local context: the prefix, and our two extension objects kept as JSON literals (JSON-LD 1.1). */
export const KONTEKST_CONTEXT = {
  '@version': 1.1,
  kontekst: KONTEKST_NS,
  'kontekst:highlight': { '@type': '@json' },
  'kontekst:settings': { '@type': '@json' },
} as const;

/** What a W3C consumer cannot express but a Kontekst import needs back. */
export interface KontekstExtension {
  originalUrl: string;
  title: string;
  site: string;
  scheme: string;
  colour: HighlightRecord['colour'];
  entityIds: string[];
  text: string;
}

export type AnnotationBody =
  | { type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' }
  | { type: 'TextualBody'; value: string; purpose: 'tagging' }
  | { type: 'SpecificResource'; source: string; purpose: 'identifying' };

export interface ExportedAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  body?: AnnotationBody[];
  target: {
    source: string;
    selector: Array<
      | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
      | { type: 'TextPositionSelector'; start: number; end: number }
    >;
  };
  'kontekst:highlight': KontekstExtension;
}

export interface ExportDocument {
  '@context': [typeof ANNO_CONTEXT, typeof KONTEKST_CONTEXT];
  type: 'AnnotationCollection';
  label: string;
  generator: { id: string; type: 'Software'; name: 'Kontekst'; 'kontekst:version': string };
  generated: string;
  'kontekst:formatVersion': number;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: ExportedAnnotation[] };
  'kontekst:settings'?: unknown;
}

export interface JsonLdExportOptions {
  /** Extension version, e.g. from the manifest. */
  version: string;
  now: Date | number;
  /** The reader's settings; included as-is so an import on another browser restores them. */
  settings?: unknown;
}

/** Oldest first, then by id: stable output so two exports of the same library diff cleanly. */
function byCreated(a: HighlightRecord, b: HighlightRecord): number {
  return a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function toAnnotation(record: HighlightRecord): ExportedAnnotation {
  const body: AnnotationBody[] = [];
  if (record.note) body.push({ type: 'TextualBody', value: record.note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of record.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  for (const entityId of record.entityIds) {
    body.push({ type: 'SpecificResource', source: ENTITY_IRI_PREFIX + entityId, purpose: 'identifying' });
  }
  const { quote, position } = record.selectors;
  return {
    id: `urn:uuid:${record.id}`,
    type: 'Annotation',
    motivation: record.note ? 'commenting' : 'highlighting',
    created: record.created,
    modified: record.updated,
    ...(body.length ? { body } : {}),
    target: {
      source: record.url,
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        ...(position ? [{ type: 'TextPositionSelector' as const, start: position.start, end: position.end }] : []),
      ],
    },
    'kontekst:highlight': {
      originalUrl: record.originalUrl,
      title: record.title,
      site: record.site,
      scheme: record.scheme,
      colour: record.colour,
      entityIds: [...record.entityIds],
      text: record.text,
    },
  };
}

/** Everything in one W3C AnnotationCollection; `JSON.stringify` it (see exportJsonLdText). */
export function exportJsonLd(records: readonly HighlightRecord[], opts: JsonLdExportOptions): ExportDocument {
  const items = [...records].sort(byCreated).map(toAnnotation);
  return {
    '@context': [ANNO_CONTEXT, KONTEKST_CONTEXT],
    type: 'AnnotationCollection',
    label: 'Kontekst highlights',
    generator: { id: 'urn:kontekst:app', type: 'Software', name: 'Kontekst', 'kontekst:version': opts.version },
    generated: new Date(opts.now).toISOString(),
    'kontekst:formatVersion': EXPORT_FORMAT_VERSION,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
    ...(opts.settings !== undefined ? { 'kontekst:settings': opts.settings } : {}),
  };
}

export function exportJsonLdText(records: readonly HighlightRecord[], opts: JsonLdExportOptions): string {
  return JSON.stringify(exportJsonLd(records, opts), null, 2) + '\n';
}

// ---------------------------------------------------------------- Markdown

export interface MarkdownExportOptions {
  now: Date | number;
  /** Display name of an entity id ('huawei' -> 'Huawei'); unknown ids fall back to the id. */
  entityName?: (id: string) => string | undefined;
  /** Document heading. */
  heading?: string;
}

/** Page text is not the reader's Markdown: escape what would turn it into links, HTML or emphasis. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-]|\d+[.)])(?=\s|$)/gm, (_m, space: string, marker: string) => `${space}\\${marker}`);
}

/** The autolink form breaks on spaces, '<' and '>'; page URLs are already percent-encoded, but be sure. */
function markdownLink(url: string): string {
  return `<${url.replace(/[\s<>]/g, (c) => encodeURIComponent(c))}>`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function blockquote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'))
    .join('\n');
}

/**
 * One section per page (newest page first), its highlights in reading order: quote, note, tags,
 * entities, date. Page-supplied text is escaped; the reader's own notes are kept as written.
 */
export function exportMarkdown(records: readonly HighlightRecord[], opts: MarkdownExportOptions): string {
  const pages = new Map<string, HighlightRecord[]>();
  for (const record of records) {
    const list = pages.get(record.url);
    if (list) list.push(record);
    else pages.set(record.url, [record]);
  }
  const latest = (list: HighlightRecord[]) => list.reduce((m, r) => (r.created > m ? r.created : m), '');
  const ordered = [...pages.values()].sort((a, b) => (latest(b) < latest(a) ? -1 : latest(b) > latest(a) ? 1 : 0));
  const name = (id: string) => opts.entityName?.(id) ?? id;

  const out: string[] = [
    `# ${opts.heading ?? 'Kontekst highlights'}`,
    '',
    `Exported ${day(new Date(opts.now).toISOString())} · ${records.length} highlight${records.length === 1 ? '' : 's'} on ${pages.size} page${pages.size === 1 ? '' : 's'}`,
  ];
  for (const list of ordered) {
    list.sort((a, b) => {
      const pa = a.selectors.position?.start ?? Infinity;
      const pb = b.selectors.position?.start ?? Infinity;
      return pa !== pb ? pa - pb : a.created < b.created ? -1 : a.created > b.created ? 1 : 0;
    });
    const first = list[0]!;
    out.push('', `## ${escapeMarkdown(first.title.replace(/\s+/g, ' ').trim() || first.url)}`, '');
    out.push(`${markdownLink(first.url)}${first.site ? ` · ${escapeMarkdown(first.site)}` : ''}`);
    for (const r of list) {
      out.push('', blockquote(r.text));
      if (r.note.trim()) out.push('', r.note.replace(/\r\n?/g, '\n').trim());
      const meta: string[] = [];
      if (r.tags.length) meta.push(`Tags: ${r.tags.map((t) => `#${t.replace(/\s+/g, '-')}`).map(escapeMarkdown).join(' ')}`);
      if (r.entityIds.length) meta.push(`Actors: ${r.entityIds.map((id) => escapeMarkdown(name(id))).join(', ')}`);
      meta.push(`Saved ${day(r.created)}${day(r.updated) !== day(r.created) ? `, edited ${day(r.updated)}` : ''}`);
      out.push('', meta.join(' · '));
    }
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- CSV

export interface CsvExportOptions {
  entityName?: (id: string) => string | undefined;
  /** Start with a UTF-8 byte-order mark so Excel reads Cyrillic and Chinese correctly. */
  bom?: boolean;
  /** ';' for spreadsheet apps set to locales that use the comma as decimal separator (Russian Excel). */
  delimiter?: ',' | ';';
}

export const CSV_COLUMNS = [
  'id', 'created', 'updated', 'site', 'title', 'url', 'text', 'note', 'tags', 'actors', 'colour',
] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab / CR) as a formula: prefix a quote so
 * a page that quotes `=HYPERLINK(...)` cannot run anything in the reader's spreadsheet.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 field: quoted when it holds the delimiter, a quote, CR or LF; quotes doubled. */
export function csvField(value: string, delimiter: ',' | ';' = ','): string {
  const cell = neutraliseFormula(value);
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Header row then one row per highlight (oldest first), CRLF line ends as RFC 4180 says. */
export function exportCsv(records: readonly HighlightRecord[], opts: CsvExportOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const name = (id: string) => opts.entityName?.(id) ?? id;
  const rows = [CSV_COLUMNS.map((c) => csvField(c, delimiter)).join(delimiter)];
  for (const r of [...records].sort(byCreated)) {
    const cells = [
      r.id, r.created, r.updated, r.site, r.title, r.url, r.text, r.note,
      r.tags.join('; '), r.entityIds.map(name).join('; '), r.colour,
    ];
    rows.push(cells.map((c) => csvField(c, delimiter)).join(delimiter));
  }
  return (opts.bom ? '\uFEFF' : '') + rows.join('\r\n') + '\r\n';
}
