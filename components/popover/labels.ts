// Display helpers for the popover and the library: labels, citation text and safe link targets.
// No DOM, and no zod: the labels come from the pack's vocabulary module.
import type { Footnote, Lang, Point, Tension } from '../../core/pack/schema';
import { KIND_LABELS, SECTIONS, VOICES, type EntityKind, type SectionId, type VoiceId } from '../../core/pack/vocabulary';

export { SECTIONS as SECTION_LABELS, VOICES as VOICE_LABELS };

export function kindLabel(kind: EntityKind): string {
  return KIND_LABELS[kind] ?? kind;
}

export function sectionLabel(section: SectionId): string {
  return SECTIONS[section] ?? section;
}

/** Badge colour family: a reader should tell officials from experts from media at a glance. */
export type VoiceTone = 'official' | 'expert' | 'media' | 'china' | 'authors';

const VOICE_TONES: Record<VoiceId, VoiceTone> = {
  officials: 'official',
  riac: 'expert',
  experts: 'expert',
  'security-community': 'expert',
  'many-experts': 'expert',
  'some-experts': 'expert',
  'some-scholars': 'expert',
  'named-expert': 'expert',
  'liberal-media': 'media',
  'independent-media': 'media',
  'state-media': 'media',
  'chinese-officials': 'china',
  authors: 'authors',
};

export function voiceTone(voice: Point['voice']): VoiceTone {
  return VOICE_TONES[voice] ?? 'authors';
}

/** "Some Russian experts", or the expert's name for a named expert (the generic label says nothing). */
export function voiceLabel(point: Pick<Point, 'voice' | 'voiceDetail'>): string {
  if (point.voice === 'named-expert') return point.voiceDetail ?? VOICES['named-expert'];
  return VOICES[point.voice] ?? point.voice;
}

/** Detail shown after the label ("Novaya Gazeta" after "Liberal Russian media"); none for a named expert. */
export function voiceDetailText(point: Pick<Point, 'voice' | 'voiceDetail'>): string | undefined {
  return point.voice === 'named-expert' ? undefined : point.voiceDetail;
}

/** Footnote numbers an entity's points and tensions cite, deduplicated, in ascending order. */
export function citedFootnotes(items: ReadonlyArray<Pick<Tension, 'footnotes'>>): number[] {
  const all = new Set<number>();
  for (const item of items) for (const n of item.footnotes) all.add(n);
  return [...all].sort((a, b) => a - b);
}

/** Only http(s) URLs become links: a pack or import must never smuggle in javascript: or data: URLs. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** "Author (2019)" for a footnote's lead-in. */
export function footnoteByline(note: Footnote): string {
  return note.year ? `${note.author} (${note.year})` : note.author;
}

/** "Zhang & Creemers" for two authors, "A et al." for more: short enough for a summary line. */
export function shortAuthors(authors: readonly string[]): string {
  const surname = (name: string) => name.trim().split(/\s+/).at(-1) ?? name;
  if (authors.length === 0) return '';
  if (authors.length === 1) return surname(authors[0]!);
  if (authors.length === 2) return `${surname(authors[0]!)} & ${surname(authors[1]!)}`;
  return `${surname(authors[0]!)} et al.`;
}

/** Language of a surface form by its script, so screen readers pronounce it right. */
export function scriptLang(text: string): Lang {
  if (/[\u3400-\u9fff\uf900-\ufaff]/.test(text)) return 'zh';
  if (/[\u0400-\u04ff]/.test(text)) return 'ru';
  return 'en';
}
