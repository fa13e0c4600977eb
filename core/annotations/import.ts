// Reads an export back: our own JSON-LD losslessly, and W3C / Hypothesis-style annotations where they
// carry a quoted passage. All or nothing: any broken item fails the whole file with messages a
// reader can act on, so the caller can apply the result in one transaction.
import {
  CURRENT_SCHEME,
  IMPORTED_SCHEME,
  RECORD_LIMITS,
  describeJsonType,
  highlightRecordSchema,
  isUuid,
  normaliseTags,
  parseIsoDateTime,
  siteOf,
  uuidFromString,
  type HighlightRecord,
} from './record';
import { ENTITY_IRI_PREFIX, EXPORT_FORMAT_VERSION } from './export';
import { locateJsonError } from './json-error';

export const IMPORT_LIMITS = {
  /** Characters of file text (about bytes for mostly-ASCII JSON). */
  maxChars: 50 * 1024 * 1024,
  maxItems: 100_000,
  /** Messages listed before "…and N more". */
  maxMessages: 20,
} as const;

export interface ImportOptions {
  validateSettings: (raw: unknown) => { ok: boolean; problem?: string };
  /** core/sites URL normalisation for foreign annotations; by default only the #fragment is dropped. */
  normaliseUrl?: (url: string) => string;
  /** Date given to foreign annotations that carry none. */
  now?: Date | number;
  limits?: { maxChars?: number; maxItems?: number };
}

export type ImportResult =
  | { ok: true; records: HighlightRecord[]; settings?: unknown; warnings: string[] }
  | { ok: false; errors: string[] };

const ANNO_CONTEXTS = new Set(['http://www.w3.org/ns/anno.jsonld', 'https://www.w3.org/ns/anno.jsonld']);
const W3C_SELECTORS = [
  'TextQuoteSelector', 'TextPositionSelector', 'FragmentSelector', 'CssSelector', 'XPathSelector',
  'DataPositionSelector', 'SvgSelector', 'RangeSelector',
];
const PAGE_PROTOCOLS = new Set(['http:', 'https:', 'file:']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const typesOf = (v: unknown): string[] => asList(v).filter((t): t is string => typeof t === 'string');
const quoted = (s: string, max = 60) => `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;

class Messages {
  readonly list: string[] = [];
  private extra = 0;
  add(message: string) {
    if (this.list.length < IMPORT_LIMITS.maxMessages) this.list.push(message);
    else this.extra++;
  }
  get count() {
    return this.list.length + this.extra;
  }
  done(more: (n: number) => string): string[] {
    return this.extra ? [...this.list, more(this.extra)] : [...this.list];
  }
}

function defaultNormaliseUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

function checkContext(context: unknown, where: string): string | null {
  if (context === undefined) return null;
  const strings = asList(context).filter((c): c is string => typeof c === 'string');
  if (strings.some((c) => ANNO_CONTEXTS.has(c))) return null;
  const shown = strings.length ? strings.map((s) => quoted(s)).join(', ') : 'only local definitions';
  return `${where}'s @context is ${shown}, not the W3C Web Annotation context (http://www.w3.org/ns/anno.jsonld), so it cannot be read as annotations.`;
}

/** Levenshtein distance, for "did you mean" on mistyped selector types. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

interface Located {
  items: unknown[];
  /** Where items came from, for messages: 'first.items', 'rows'… */
  path: string;
  declaredTotal?: number;
}

function locateItems(doc: unknown): Located | string {
  if (Array.isArray(doc)) return { items: doc, path: 'the list' };
  if (!isObject(doc)) {
    return `The file holds ${describeJsonType(doc)}, not annotations. Expected a Kontekst export (an AnnotationCollection), a W3C Annotation, or a list of annotations.`;
  }
  const types = typesOf(doc.type);
  if (types.includes('AnnotationCollection')) {
    const total = typeof doc.total === 'number' ? doc.total : undefined;
    if (doc.first === undefined) {
      if (Array.isArray(doc.items)) return { items: doc.items, path: 'items', declaredTotal: total };
      return 'The AnnotationCollection has no "first" page, so it holds no annotations to import.';
    }
    if (typeof doc.first === 'string') {
      return `The AnnotationCollection only links to its pages (${quoted(doc.first)}) instead of including them; export it with the annotations embedded.`;
    }
    const items: unknown[] = [];
    let page: unknown = doc.first;
    let path = 'first';
    for (let pages = 0; page !== undefined; pages++) {
      if (!isObject(page) || !typesOf(page.type).includes('AnnotationPage') && page.items === undefined) {
        return `${path} should be an AnnotationPage with its items, but it is ${describeJsonType(page)}.`;
      }
      if (!Array.isArray(page.items)) return `${path}.items should be a list of annotations, but it is ${describeJsonType(page.items)}.`;
      items.push(...page.items);
      if (pages > 10_000 || typeof page.next === 'string') break; // linked (not embedded) pages cannot be followed offline
      page = page.next;
      path += '.next';
    }
    return { items, path: 'first.items', declaredTotal: total };
  }
  if (types.includes('AnnotationPage')) {
    if (!Array.isArray(doc.items)) return `The AnnotationPage's items should be a list of annotations, but it is ${describeJsonType(doc.items)}.`;
    return { items: doc.items, path: 'items' };
  }
  if (types.includes('Annotation')) return { items: [doc], path: 'the file' };
  // Hypothesis: the API's search response ({rows}) and the client's export ({annotations}).
  if (types.length === 0 && Array.isArray(doc.rows)) return { items: doc.rows, path: 'rows' };
  if (types.length === 0 && Array.isArray(doc.annotations)) return { items: doc.annotations, path: 'annotations' };
  if (types.length === 0 && doc.target !== undefined) return { items: [doc], path: 'the file' };
  const what = types.length ? `its type is ${types.map((t) => quoted(t)).join(', ')}` : 'it has no "type"';
  return `The file is JSON but not a set of annotations: ${what}. Expected an AnnotationCollection, an AnnotationPage, an Annotation, or a list of annotations.`;
}

interface QuoteFound {
  exact: string;
  prefix: string;
  suffix: string;
  position?: { start: number; end: number };
}

type Converted =
  | { kind: 'record'; record: HighlightRecord; undated?: boolean }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; problems: string[] };

/** Reads the selectors of one target; problems are reported, unknown-but-valid selectors ignored. */
function readSelectors(selector: unknown, where: string, problems: string[]): QuoteFound | null {
  let quote: QuoteFound | null = null;
  let position: { start: number; end: number } | undefined;
  const list = asList(selector);
  selectors: for (let k = 0; k < list.length; k++) {
    const s = list[k];
    const at = Array.isArray(selector) ? `${where}.selector[${k}]` : `${where}.selector`;
    if (!isObject(s)) {
      problems.push(`${at} should be a selector object, but it is ${describeJsonType(s)}.`);
      continue;
    }
    if (typeof s.type !== 'string') {
      problems.push(`${at} has no "type", so it is not clear which passage it selects.`);
      continue;
    }
    if (!W3C_SELECTORS.includes(s.type)) {
      const near = W3C_SELECTORS.find((t) => distance(t.toLowerCase(), s.type!.toString().toLowerCase()) <= 3);
      problems.push(`${at} has type ${quoted(s.type)}, which is not a W3C selector type${near ? ` (did you mean ${near}?)` : ''}.`);
      continue;
    }
    if (s.type === 'TextQuoteSelector') {
      if (typeof s.exact !== 'string' || !s.exact) {
        problems.push(`${at} (TextQuoteSelector) needs "exact", the quoted passage as text, but it is ${s.exact === '' ? 'empty' : describeJsonType(s.exact)}.`);
        continue;
      }
      for (const key of ['prefix', 'suffix'] as const) {
        if (s[key] !== undefined && typeof s[key] !== 'string') {
          problems.push(`${at} (TextQuoteSelector): "${key}" should be text, but it is ${describeJsonType(s[key])}.`);
          continue selectors;
        }
      }
      quote ??= { exact: s.exact, prefix: (s.prefix as string | undefined) ?? '', suffix: (s.suffix as string | undefined) ?? '' };
    } else if (s.type === 'TextPositionSelector') {
      const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
      if (!ok(s.start) || !ok(s.end)) {
        problems.push(`${at} (TextPositionSelector): "start" and "end" must be whole numbers from 0.`);
        continue;
      }
      if ((s.end as number) < (s.start as number)) {
        problems.push(`${at} (TextPositionSelector): "end" (${String(s.end)}) comes before "start" (${String(s.start)}).`);
        continue;
      }
      position ??= { start: s.start as number, end: s.end as number };
    }
  }
  if (quote && position) quote.position = position;
  return quote;
}

function readDate(item: Json, keys: readonly string[], label: string, problems: string[]): number | undefined {
  for (const key of keys) {
    const v = item[key];
    if (v === undefined) continue;
    const ms = typeof v === 'string' ? parseIsoDateTime(v) : null;
    if (ms === null) {
      problems.push(
        `${label}: "${key}" ${typeof v === 'string' ? quoted(v) : `(${describeJsonType(v)})`} is not a valid date — use ISO 8601, like 2024-05-01T09:30:00Z.`,
      );
      return undefined;
    }
    return ms;
  }
  return undefined;
}

/** Maps record paths in a schema failure to where they live in the file. */
function filePath(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  const tail = rest.length ? `.${rest.join('.')}` : '';
  switch (head) {
    case 'url': return 'target.source';
    case 'updated': return 'modified';
    case 'created': return 'created';
    case 'id': return 'id';
    case 'note': return 'the note (commenting body)';
    case 'tags': return `tags${tail}`;
    case 'text': return 'kontekst:highlight.text';
    case 'selectors': return rest[0] === 'quote' ? `TextQuoteSelector${rest.length > 1 ? `.${rest.slice(1).join('.')}` : ''}` : `TextPositionSelector${rest.length > 1 ? `.${rest.slice(1).join('.')}` : ''}`;
    default: return `kontekst:highlight.${head}${tail}`;
  }
}

function convertItem(raw: unknown, label: string, opts: ImportOptions): Converted {
  if (!isObject(raw)) return { kind: 'error', problems: [`${label} should be an annotation object, but it is ${describeJsonType(raw)}.`] };
  const item = raw;
  const problems: string[] = [];
  const contextProblem = checkContext(item['@context'], label);
  if (contextProblem) return { kind: 'error', problems: [contextProblem] };
  const types = typesOf(item.type);
  if (types.length && !types.includes('Annotation')) {
    return { kind: 'error', problems: [`${label} has type ${types.map((t) => quoted(t)).join(', ')}; only Annotations can be imported.`] };
  }
  const ext = item['kontekst:highlight'];
  const ours = ext !== undefined;
  if (ours && !isObject(ext)) return { kind: 'error', problems: [`${label}: "kontekst:highlight" should be an object, but it is ${describeJsonType(ext)}.`] };

  // --- target
  if (item.target === undefined) {
    return { kind: 'error', problems: [`${label}: target is missing — every highlight needs the page and passage it points to.`] };
  }
  const targets = asList(item.target);
  if (targets.length === 0) return { kind: 'error', problems: [`${label}: target is an empty list — every highlight needs the page it points to.`] };
  let source: string | undefined;
  let quote: QuoteFound | null = null;
  for (let k = 0; k < targets.length && !quote; k++) {
    const t = targets[k];
    const where = Array.isArray(item.target) ? `target[${k}]` : 'target';
    if (typeof t === 'string') {
      source ??= t;
      continue;
    }
    if (!isObject(t)) {
      problems.push(`${label}: ${where} should be an object with "source" and "selector", but it is ${describeJsonType(t)}.`);
      break;
    }
    let s = t.source ?? (typeof item.uri === 'string' ? item.uri : undefined);
    if (isObject(s) && typeof s.id === 'string') s = s.id;
    if (s === undefined) {
      problems.push(`${label}: ${where}.source is missing — every highlight needs the address of its page.`);
      break;
    }
    if (typeof s !== 'string') {
      problems.push(`${label}: ${where}.source should be the page address as text, but it is ${describeJsonType(s)}.`);
      break;
    }
    const selectorProblems: string[] = [];
    const found = readSelectors(t.selector, where, selectorProblems);
    problems.push(...selectorProblems.map((p) => `${label}: ${p}`));
    if (selectorProblems.length) break;
    if (found || source === undefined) source = s;
    quote = found;
  }
  if (problems.length) return { kind: 'error', problems };
  if (source === undefined) return { kind: 'error', problems: [`${label}: target.source is missing — every highlight needs the address of its page.`] };
  if (!URL.canParse(source) || !PAGE_PROTOCOLS.has(new URL(source).protocol)) {
    return { kind: 'error', problems: [`${label}: target.source ${quoted(source)} is not a web page address (it must start with http://, https:// or file://).`] };
  }
  if (!quote) {
    return {
      kind: 'skip',
      reason: `${label} was skipped: it has no TextQuoteSelector, so there is no quoted passage to highlight (page notes, replies and image annotations cannot be imported).`,
    };
  }

  // --- dates
  const created = readDate(item, ['created'], label, problems);
  const modified = readDate(item, ['modified', 'updated'], label, problems);
  if (problems.length) return { kind: 'error', problems };
  if (ours && created === undefined) return { kind: 'error', problems: [`${label}: "created" is missing — a Kontekst export always dates each highlight.`] };

  // --- bodies: note, tags, entities
  const notes: string[] = [];
  const tags: string[] = [];
  const entityIds: string[] = [];
  if (typeof item.bodyValue === 'string') notes.push(item.bodyValue);
  asList(item.body).forEach((b, k) => {
    const where = Array.isArray(item.body) ? `body[${k}]` : 'body';
    if (!isObject(b)) return; // a bare IRI body carries nothing we can show
    const purposes = typesOf(b.purpose);
    const bodyTypes = typesOf(b.type);
    if (bodyTypes.includes('SpecificResource') || (b.value === undefined && b.source !== undefined)) {
      if (typeof b.source === 'string' && b.source.startsWith(ENTITY_IRI_PREFIX)) entityIds.push(b.source.slice(ENTITY_IRI_PREFIX.length));
      return;
    }
    if (bodyTypes.length && !bodyTypes.includes('TextualBody')) return;
    if (typeof b.value !== 'string') {
      problems.push(`${label}: ${where}.value should be text, but it is ${describeJsonType(b.value)}.`);
      return;
    }
    if (purposes.includes('tagging')) tags.push(b.value);
    else notes.push(b.value);
  });
  // Hypothesis rows keep the note in "text" and tags in "tags".
  if (!ours && typeof item.text === 'string' && item.text) notes.push(item.text);
  if (item.tags !== undefined) {
    if (!Array.isArray(item.tags) || item.tags.some((t) => typeof t !== 'string')) {
      problems.push(`${label}: "tags" should be a list of text tags.`);
    } else tags.push(...(item.tags as string[]));
  }
  if (problems.length) return { kind: 'error', problems };

  // --- id
  const rawId = typeof item.id === 'string' ? item.id : undefined;
  const uuid = rawId?.toLowerCase().replace(/^urn:uuid:/, '');
  const id = uuid && isUuid(uuid) ? uuid : uuidFromString(rawId ?? `${source}\u0000${quote.exact}\u0000${created ?? ''}`);

  let candidate: unknown;
  let undated = false;
  if (ours) {
    const e = ext as Json;
    candidate = {
      id,
      url: source,
      originalUrl: e.originalUrl,
      title: e.title,
      site: e.site,
      created: new Date(created!).toISOString(),
      updated: new Date(modified ?? created!).toISOString(),
      text: e.text ?? quote.exact,
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        ...(quote.position ? { position: { type: 'TextPositionSelector', ...quote.position } } : {}),
      },
      scheme: e.scheme ?? CURRENT_SCHEME,
      entityIds: e.entityIds ?? entityIds,
      note: notes.join('\n\n'),
      tags: normaliseTags(tags), // idempotent on our own output, forgiving of hand edits
      colour: e.colour ?? 'yellow',
    };
  } else {
    let url: string;
    try {
      url = (opts.normaliseUrl ?? defaultNormaliseUrl)(source);
    } catch {
      url = source;
    }
    const at = created ?? modified ?? (opts.now !== undefined ? new Date(opts.now).getTime() : Date.now());
    undated = created === undefined && modified === undefined;
    const doc = isObject(item.document) ? item.document : undefined;
    const title = asList(doc?.title).find((t): t is string => typeof t === 'string') ?? '';
    candidate = {
      id,
      url,
      originalUrl: source,
      title: title.replace(/\s+/g, ' ').trim().slice(0, RECORD_LIMITS.title),
      site: siteOf(url),
      created: new Date(at).toISOString(),
      updated: new Date(Math.max(at, modified ?? at)).toISOString(),
      text: quote.exact,
      selectors: {
        quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix.slice(-RECORD_LIMITS.context), suffix: quote.suffix.slice(0, RECORD_LIMITS.context) },
        ...(quote.position ? { position: { type: 'TextPositionSelector', ...quote.position } } : {}),
      },
      scheme: IMPORTED_SCHEME,
      entityIds: [...new Set(entityIds)],
      note: notes.join('\n\n'),
      tags: normaliseTags(tags).slice(0, RECORD_LIMITS.tags),
      colour: 'yellow',
    };
  }
  const parsed = highlightRecordSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      kind: 'error',
      problems: parsed.error.issues.slice(0, 3).map((issue) => `${label}: ${filePath(issue.path)}: ${issue.message}.`),
    };
  }
  return { kind: 'record', record: parsed.data, undated };
}

export function parseImport(fileText: string, opts: ImportOptions): ImportResult {
  const maxChars = opts.limits?.maxChars ?? IMPORT_LIMITS.maxChars;
  const maxItems = opts.limits?.maxItems ?? IMPORT_LIMITS.maxItems;
  if (fileText.length > maxChars) {
    const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
    return { ok: false, errors: [`This file is too large (${mb(fileText.length)}); Kontekst imports files up to ${mb(maxChars)}.`] };
  }
  const text = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
  if (!text.trim()) return { ok: false, errors: ['The file is empty.'] };

  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const where = locateJsonError(text);
    const detail = where ? `At line ${where.line}, column ${where.column}: ${where.reason}.` : `${(e as Error).message}.`;
    return { ok: false, errors: [`This file is not valid JSON, so it cannot be a Kontekst or W3C annotation export. ${detail}`] };
  }

  if (isObject(doc)) {
    const contextProblem = checkContext(doc['@context'], 'The file');
    if (contextProblem) return { ok: false, errors: [contextProblem] };
    const format = doc['kontekst:formatVersion'];
    if (format !== undefined && (typeof format !== 'number' || format > EXPORT_FORMAT_VERSION)) {
      return {
        ok: false,
        errors: [`This file was made by a newer version of Kontekst (export format ${String(format)}; this version reads up to ${EXPORT_FORMAT_VERSION}). Update Kontekst, then import it again.`],
      };
    }
  }
  const located = locateItems(doc);
  if (typeof located === 'string') return { ok: false, errors: [located] };
  const { items } = located;
  if (items.length > maxItems) {
    return { ok: false, errors: [`This file holds ${items.length.toLocaleString('en')} annotations; Kontekst imports at most ${maxItems.toLocaleString('en')} at a time.`] };
  }

  const errors = new Messages();
  const warnings = new Messages();
  let settings: unknown;
  if (isObject(doc) && doc['kontekst:settings'] !== undefined) {
    settings = doc['kontekst:settings'];
    let check: { ok: boolean; problem?: string };
    try {
      check = opts.validateSettings(settings);
    } catch (e) {
      check = { ok: false, problem: (e as Error).message };
    }
    if (!check.ok) errors.add(`The settings in this file are not valid: ${check.problem ?? 'unknown problem'}.`);
  }

  const records: HighlightRecord[] = [];
  const seenRawIds = new Map<string, number>();
  const seenIds = new Map<string, number>();
  let undated = 0;
  items.forEach((raw, k) => {
    const n = k + 1;
    const rawId = isObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    const label = `Item ${n}${rawId ? ` (${quoted(rawId)})` : ''}`;
    if (rawId !== undefined) {
      const first = seenRawIds.get(rawId);
      if (first !== undefined) {
        errors.add(`Items ${first} and ${n} both have the id ${quoted(rawId)} — each annotation in a file needs its own id.`);
        return;
      }
      seenRawIds.set(rawId, n);
    }
    const converted = convertItem(raw, label, opts);
    if (converted.kind === 'error') converted.problems.forEach((p) => errors.add(p));
    else if (converted.kind === 'skip') warnings.add(converted.reason);
    else {
      const first = seenIds.get(converted.record.id);
      if (first !== undefined) {
        errors.add(`Items ${first} and ${n} have the same id once read (${converted.record.id}) — each annotation needs its own id.`);
        return;
      }
      seenIds.set(converted.record.id, n);
      if (converted.undated) undated++;
      records.push(converted.record);
    }
  });

  if (errors.count) {
    return { ok: false, errors: [...errors.done((m) => `…and ${m} more problems.`), 'Nothing was imported.'] };
  }
  const warningList = warnings.done((m) => `…and ${m} more items were skipped.`);
  if (undated) warningList.push(`${undated} highlight${undated === 1 ? ' has' : 's have'} no date in the file and ${undated === 1 ? 'is' : 'are'} dated today.`);
  if (located.declaredTotal !== undefined && located.declaredTotal !== items.length) {
    warningList.push(`The file says it holds ${located.declaredTotal} annotations but contains ${items.length}; the ${items.length} found were read.`);
  }
  if (items.length > 0 && records.length === 0) {
    return { ok: false, errors: [...warningList, 'None of the annotations in this file quote a passage, so there is nothing to import.'] };
  }
  return { ok: true, records, ...(settings !== undefined ? { settings } : {}), warnings: warningList };
}
