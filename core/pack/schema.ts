// The context pack's shape: what Kontekst knows about each actor, all of it taken from one report.
// Pure: no DOM, no extension APIs. Validated with zod in tests and whenever the pack is loaded
// (zod/mini: the same zod, tree-shakable, so the extension's bundles stay small).
import * as z from 'zod/mini';
import { ENTITY_KINDS, LANGS, SECTIONS, VOICES, type EntityKind, type Lang, type SectionId, type VoiceId } from './vocabulary';

export { ENTITY_KINDS, LANGS, SECTIONS, VOICES };
export type { EntityKind, Lang, SectionId, VoiceId };

const sectionId = z.enum(Object.keys(SECTIONS) as [SectionId, ...SectionId[]]);
const voiceId = z.enum(Object.keys(VOICES) as [VoiceId, ...VoiceId[]]);

const text = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

export const aliasSchema = z.strictObject({
  /** The surface form as written in text. Russian: list each inflected form a news text uses. */
  text,
  lang: z.enum(LANGS),
  /** Chinese script of the alias, where it matters. */
  script: z.optional(z.enum(['hans', 'hant', 'both'])),
  /** Default false: case-insensitive. Acronyms (SCO, CAC, ITU) are case-sensitive. */
  caseSensitive: z.optional(z.boolean()),
  /** Default true: must not touch letters on either side. */
  wholeWord: z.optional(z.boolean()),
  /** Ambiguous alias: counts only with the entity's evidence nearby (same block or page). */
  needsContext: z.optional(z.boolean()),
});
export type Alias = z.infer<typeof aliasSchema>;

const citedText = z.strictObject({
  text,
  section: sectionId,
  /** Footnote numbers (1-65) the claim rests on. Empty only with noFootnote: true. */
  footnotes: z.array(z.number().check(z.int(), z.positive())),
  /** The report makes the claim without a footnote. */
  noFootnote: z.optional(z.boolean()),
});

export const pointSchema = z.extend(citedText, {
  voice: voiceId,
  /** The named expert, outlet or body when the voice needs one. */
  voiceDetail: z.optional(z.string().check(z.trim(), z.minLength(1))),
});
export type Point = z.infer<typeof pointSchema>;
export const tensionSchema = citedText;
export type Tension = z.infer<typeof tensionSchema>;

export const entitySchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case')),
  kind: z.enum(ENTITY_KINDS),
  names: z.strictObject({ en: text, ru: text, zh: text }),
  aliases: z.array(aliasSchema).check(z.minLength(1)),
  /** Words whose presence nearby confirms a needsContext alias ("Shanghai", "member states"...). */
  evidence: z.optional(z.array(text)),
  /** Phrases containing an alias that never mean this entity ("SCO Group", "上合同"). */
  confusables: z.optional(z.array(text)),
  whatItIs: text,
  perspective: text,
  points: z.array(pointSchema).check(z.minLength(1)),
  tensions: z.array(tensionSchema),
  related: z.array(z.string()),
});
export type Entity = z.infer<typeof entitySchema>;

export const footnoteSchema = z.strictObject({
  n: z.number().check(z.int(), z.positive()),
  author: text,
  year: z.optional(z.string().check(z.trim(), z.minLength(1))),
  title: text,
  url: z.optional(z.url()),
  /** Anything else the report gives (journal, pages, publisher). */
  detail: z.optional(z.string().check(z.trim(), z.minLength(1))),
});
export type Footnote = z.infer<typeof footnoteSchema>;

export const packSchema = z.strictObject({
  packVersion: z.string().check(z.regex(/^\d+\.\d+\.\d+$/)),
  report: z.strictObject({
    title: text, authors: z.array(text).check(z.minLength(1)), year: z.number().check(z.int()), month: z.optional(text),
    publisher: text, url: z.url(), licence: z.optional(text),
  }),
  entities: z.array(entitySchema).check(z.minLength(1)),
  footnotes: z.array(footnoteSchema),
});
export type Pack = z.infer<typeof packSchema>;

/** The detection fields, kept in data/detection/<id>.json apart from the content. */
export const DETECTION_KEYS = ['aliases', 'evidence', 'confusables'] as const;
/** data/entities/<id>.json: an entity without its detection fields. */
export const entityFileSchema = z.omit(entitySchema, { aliases: true, evidence: true, confusables: true });
export type EntityFile = z.infer<typeof entityFileSchema>;
/** data/detection/<id>.json. */
export const detectionFileSchema = z.pick(entitySchema, { aliases: true, evidence: true, confusables: true });
export type DetectionFile = z.infer<typeof detectionFileSchema>;
/** data/report.json: the pack without its entities and footnotes. */
export const reportFileSchema = z.omit(packSchema, { entities: true, footnotes: true });
export type ReportFile = z.infer<typeof reportFileSchema>;
