// A saved highlight: the passage, where it was, and what the reader added to it.
// Pure: no DOM, no extension APIs. Dates are canonical UTC ISO strings (Date#toISOString) everywhere,
// so records sort as strings, read well in exports and round-trip byte for byte.
import * as z from 'zod/mini';
import { getDomain, getHostname } from 'tldts';

export const COLOURS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Colour = (typeof COLOURS)[number];

/** Anchoring scheme of highlights made by this version: W3C quote + position over the page's text. */
export const CURRENT_SCHEME = 'kontekst-text/1';
/** Highlights imported from other tools: the quote is authoritative, the position only a hint. */
export const IMPORTED_SCHEME = 'w3c-text/1';

/** Sizes beyond these are not a reader's highlight but a broken or hostile file. */
export const RECORD_LIMITS = {
  url: 8_192,
  title: 2_000,
  text: 20_000,
  context: 2_000, // prefix / suffix
  note: 100_000,
  tag: 100,
  tags: 100,
  entityIds: 500,
} as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CANONICAL_ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SCHEME_RE = /^[a-z][a-z0-9-]*\/\d+$/;
const ENTITY_ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PAGE_PROTOCOLS = new Set(['http:', 'https:', 'file:']);

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** True for the exact form Date#toISOString produces, with a real calendar date. */
export function isCanonicalIso(value: string): boolean {
  if (!CANONICAL_ISO_RE.test(value)) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

/**
 * Parses the ISO 8601 date-times other tools write (xsd:dateTime): any fraction length,
 * `Z` or an offset, a missing zone read as UTC. Returns epoch ms, or null for a non-date.
 * Own parser because engines disagree on fractions longer than milliseconds.
 */
export function parseIsoDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const ms = Math.floor(Number(`0.${frac || '0'}`) * 1000);
  let offsetMin = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMin * 60_000;
  return Number.isFinite(utc) ? utc : null;
}

export function toIso(now: Date | number): string {
  const date = typeof now === 'number' ? new Date(now) : now;
  if (!Number.isFinite(date.getTime())) throw new RangeError('Invalid date');
  return date.toISOString();
}

/** One tag as stored: NFC, no leading '#', single spaces, lowercased. May be '' (then dropped). */
export function normaliseTag(tag: string): string {
  return tag
    .normalize('NFC')
    .replace(/[\s\u200b]+/g, ' ')
    .trim()
    .replace(/^#+\s*/, '')
    .toLowerCase()
    .slice(0, RECORD_LIMITS.tag)
    .trim();
}

/** Tags as stored: normalised, empty ones dropped, duplicates removed, first spelling order kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const t = normaliseTag(tag);
    if (t) seen.add(t);
  }
  return [...seen];
}

/** Registrable domain (bbc.co.uk for news.bbc.co.uk); the host for IPs and localhost; '' for file:. */
export function siteOf(url: string): string {
  return getDomain(url) ?? getHostname(url) ?? '';
}

function isPageUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  return PAGE_PROTOCOLS.has(new URL(value).protocol);
}

const pageUrl = z.string().check(
  z.maxLength(RECORD_LIMITS.url, `must be at most ${RECORD_LIMITS.url} characters`),
  z.refine(isPageUrl, 'must be a full http, https or file address'),
);
const isoDate = z.string().check(z.refine(isCanonicalIso, 'must be a UTC date-time like 2024-05-01T09:30:00.000Z'));
const index = z.number().check(z.int(), z.nonnegative());

export const textQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(RECORD_LIMITS.text, `must be at most ${RECORD_LIMITS.text} characters`),
  ),
  prefix: z.string().check(z.maxLength(RECORD_LIMITS.context)),
  suffix: z.string().check(z.maxLength(RECORD_LIMITS.context)),
});
export type TextQuoteSelector = z.infer<typeof textQuoteSelectorSchema>;

export const textPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: index,
    end: index,
  })
  .check(z.refine((s) => s.end >= s.start, { message: 'end must not come before start', path: ['end'] }));
export type TextPositionSelector = z.infer<typeof textPositionSelectorSchema>;

const tagList = z.array(z.string().check(z.minLength(1), z.maxLength(RECORD_LIMITS.tag))).check(
  z.maxLength(RECORD_LIMITS.tags, `at most ${RECORD_LIMITS.tags} tags`),
  z.refine((tags) => tags.every((t) => normaliseTag(t) === t), 'tags must be trimmed and lowercased'),
  z.refine((tags) => new Set(tags).size === tags.length, 'tags must not repeat'),
);

const entityIdList = z.array(z.string().check(z.regex(ENTITY_ID_RE, 'entity ids are kebab-case'))).check(
  z.maxLength(RECORD_LIMITS.entityIds),
  z.refine((ids) => new Set(ids).size === ids.length, 'entity ids must not repeat'),
);

export const highlightRecordSchema = z
  .object({
    id: z.string().check(z.regex(UUID_RE, 'must be a lowercase UUID')),
    /** Normalised page address (tracking parameters and fragments removed by core/sites). */
    url: pageUrl,
    /** The address as it was in the tab when the passage was saved. */
    originalUrl: pageUrl,
    title: z.string().check(z.maxLength(RECORD_LIMITS.title)),
    /** Registrable domain of url; '' for file: pages. */
    site: z.string().check(z.maxLength(253)),
    created: isoDate,
    updated: isoDate,
    /** The passage exactly as selected. */
    text: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(RECORD_LIMITS.text)),
    selectors: z.object({
      quote: textQuoteSelectorSchema,
      position: z.optional(textPositionSelectorSchema),
    }),
    scheme: z.string().check(z.regex(SCHEME_RE, "must look like 'kontekst-text/1'")),
    entityIds: entityIdList,
    note: z.string().check(z.maxLength(RECORD_LIMITS.note, `must be at most ${RECORD_LIMITS.note} characters`)),
    tags: tagList,
    colour: z.enum(COLOURS, { error: `must be one of ${COLOURS.join(', ')}` }),
  })
  .check(z.refine((r) => r.updated >= r.created, { message: 'must not be before created', path: ['updated'] }));
export type HighlightRecord = z.infer<typeof highlightRecordSchema>;

/** Readable one-line summary of a zod failure: `selectors.quote.exact: must not be empty; …`. */
export function describeIssues(error: { issues: readonly z.core.$ZodIssue[] }, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - max;
  return parts.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

export class HighlightInputError extends Error {
  override name = 'HighlightInputError';
}

export interface NewHighlightInput {
  url: string;
  originalUrl?: string;
  title?: string;
  /** Defaults to the registrable domain of url. */
  site?: string;
  quote: { exact: string; prefix?: string; suffix?: string };
  position?: { start: number; end: number };
  /** Defaults to quote.exact. */
  text?: string;
  scheme?: string;
  entityIds?: readonly string[];
  note?: string;
  tags?: readonly string[];
  colour?: Colour;
}

/** Builds a valid record or throws HighlightInputError naming the bad field. `id` is a UUID (crypto.randomUUID()). */
export function newHighlight(input: NewHighlightInput, now: Date | number, id: string): HighlightRecord {
  const at = toIso(now);
  const candidate = {
    id: id.toLowerCase(),
    url: input.url,
    originalUrl: input.originalUrl ?? input.url,
    title: (input.title ?? '').trim(),
    site: input.site ?? siteOf(input.url),
    created: at,
    updated: at,
    text: input.text ?? input.quote.exact,
    selectors: {
      quote: {
        type: 'TextQuoteSelector' as const,
        exact: input.quote.exact,
        prefix: input.quote.prefix ?? '',
        suffix: input.quote.suffix ?? '',
      },
      ...(input.position
        ? { position: { type: 'TextPositionSelector' as const, start: input.position.start, end: input.position.end } }
        : {}),
    },
    scheme: input.scheme ?? CURRENT_SCHEME,
    entityIds: [...new Set(input.entityIds ?? [])],
    note: input.note ?? '',
    tags: normaliseTags(input.tags ?? []),
    colour: input.colour ?? 'yellow',
  };
  const parsed = highlightRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new HighlightInputError(`Cannot save this highlight: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** What a reader can change on a saved highlight. */
export interface HighlightPatch {
  note?: string;
  tags?: readonly string[];
  colour?: Colour;
  entityIds?: readonly string[];
  title?: string;
}

/**
 * Applies a reader's edit. Returns the same object when nothing changes (so `updated` is not
 * bumped by a no-op save); otherwise a new record with `updated` = now (never before `created`).
 */
export function updateHighlight(record: HighlightRecord, patch: HighlightPatch, now: Date | number): HighlightRecord {
  const next: HighlightRecord = {
    ...record,
    ...(patch.note !== undefined ? { note: patch.note } : {}),
    ...(patch.tags !== undefined ? { tags: normaliseTags(patch.tags) } : {}),
    ...(patch.colour !== undefined ? { colour: patch.colour } : {}),
    ...(patch.entityIds !== undefined ? { entityIds: [...new Set(patch.entityIds)] } : {}),
    ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
  };
  const same =
    next.note === record.note &&
    next.colour === record.colour &&
    next.title === record.title &&
    sameList(next.tags, record.tags) &&
    sameList(next.entityIds, record.entityIds);
  if (same) return record;
  const at = toIso(now);
  next.updated = at < record.created ? record.created : at;
  const parsed = highlightRecordSchema.safeParse(next);
  if (!parsed.success) throw new HighlightInputError(`Cannot save this change: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export type StoredRecordCheck =
  | { ok: true; record: HighlightRecord }
  | { ok: false; id?: string; problem: string };

/** Checks one record read from storage; a corrupted one is reported so the list can show the rest. */
export function validateStoredRecord(raw: unknown): StoredRecordCheck {
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: `not a highlight record (found ${describeJsonType(raw)})` };
  }
  const parsed = highlightRecordSchema.safeParse(raw);
  if (parsed.success) return { ok: true, record: parsed.data };
  return { ok: false, ...(id !== undefined ? { id } : {}), problem: describeIssues(parsed.error) };
}

/** 'a number', 'an array', 'null'… for messages. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

/** Deterministic UUID (version 8, "custom") from any string, so re-importing a foreign file gives the same ids. */
export function uuidFromString(input: string): string {
  const lanes = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    for (let l = 0; l < 4; l++) {
      let h = (lanes[l]! ^ c) >>> 0;
      h = Math.imul(h, 0x01000193 + l * 0x2000);
      h ^= h >>> 15;
      lanes[l] = h >>> 0;
    }
  }
  // Final avalanche so short inputs still spread over all bits.
  const hex = lanes
    .map((h, l) => {
      let x = (h ^ (input.length + l * 0x27d4eb2d)) >>> 0;
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
      x ^= x >>> 16;
      return (x >>> 0).toString(16).padStart(8, '0');
    })
    .join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
