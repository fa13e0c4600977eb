// Display helpers for the popover: labels, citation text and safe link targets. No DOM.
// Type-only imports: schema.ts pulls in zod (~450 KB minified), too heavy for a content script.
// SECTION_LABELS and VOICE_LABELS copy its SECTIONS and VOICES; a test keeps them equal.
import type { EntityKind, Footnote, Lang, Point, SectionId, Tension, VoiceId } from '../../core/pack/schema';

export const SECTION_LABELS: Record<SectionId, string> = {
  summary: 'Summary',
  introduction: 'Introduction',
  'geopolitical-basis': 'Geopolitical and Ideological Basis of Sino-Russian Cyber Cooperation',
  'partner-to-criminal': 'From Partner to Cyber Criminal – Russian Perspectives on China in Cyberspace',
  'cyber-sovereignty': 'The Norm of Cyber Sovereignty',
  'internet-governance': 'Internet Governance Models',
  'content-regulation': 'Online Content Regulation',
  'cyber-espionage': 'Perceived Cyber Espionage Originated from China',
  'digital-economy': 'Cooperation in Digital Economy, on Paper?',
  conclusion: 'Conclusion and Recommendations',
};

export const VOICE_LABELS: Record<VoiceId, string> = {
  officials: 'Russian officials',
  riac: 'Russian International Affairs Council (RIAC)',
  experts: 'Russian experts',
  'many-experts': 'Many Russian experts',
  'some-experts': 'Some Russian experts',
  'some-scholars': 'Some Russian scholars',
  'liberal-media': 'Liberal Russian media',
  'independent-media': 'Independent Russian media',
  'state-media': 'Russian state media',
  'security-community': 'Russian cybersecurity companies, scholars and think tanks',
  'named-expert': 'A named expert or source',
  'chinese-officials': 'Chinese officials',
  authors: "The report's authors",
};

const KIND_LABELS: Record<EntityKind, string> = {
  regulator: 'Regulator',
  company: 'Company',
  organisation: 'Organisation',
  agreement: 'Agreement',
  event: 'Event',
  concept: 'Concept',
  'media-outlet': 'Media outlet',
  'think-tank': 'Think tank',
  person: 'Person',
  initiative: 'Initiative',
  forum: 'Forum',
  'threat-actor': 'Threat actor',
  project: 'Project',
};

export function kindLabel(kind: EntityKind): string {
  return KIND_LABELS[kind] ?? kind;
}

export function sectionLabel(section: SectionId): string {
  return SECTION_LABELS[section] ?? section;
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
  if (point.voice === 'named-expert') return point.voiceDetail ?? VOICE_LABELS['named-expert'];
  return VOICE_LABELS[point.voice] ?? point.voice;
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
