// Citation text and small display helpers for the Topics view. Pure: no DOM.
import type { Entity, Footnote, Pack } from '../../core/pack/schema';
import { KIND_GROUP_LABELS, SECTIONS, type EntityKind, type SectionId } from '../../core/pack/vocabulary';
import { citedFootnotes } from '../popover/labels';

export { kindLabel, safeHref } from '../popover/labels';

const TITLES = /^(dr|prof|mr|mrs|ms)\.?$/i;

/** "Eric Siyi Zhang" → "Zhang, E. S."; a name already written "Surname, Given" keeps its order. */
export function apaName(name: string): string {
  const trimmed = name.trim();
  let surname: string;
  let given: string[];
  if (trimmed.includes(',')) {
    const [last, first = ''] = trimmed.split(',', 2);
    surname = last!.trim();
    given = first.trim().split(/\s+/).filter(Boolean);
  } else {
    const parts = trimmed.split(/\s+/).filter((p) => !TITLES.test(p));
    surname = parts.pop() ?? trimmed;
    given = parts;
  }
  const initials = given
    .map((g) => g.split('-').map((piece) => (piece.replace(/\./g, '')[0] ?? '').toUpperCase() + '.').join('-'))
    .filter((i) => i !== '.')
    .join(' ');
  return initials ? `${surname}, ${initials}` : surname;
}

/** APA author list: "A", "A, & B", "A, B, & C". */
export function apaAuthors(authors: readonly string[]): string {
  const names = authors.map(apaName);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`;
}

/** Report sections an entity's points and tensions cite, in the report's order. */
export function citedSections(entity: Pick<Entity, 'points' | 'tensions'>): SectionId[] {
  const used = new Set<SectionId>([...entity.points, ...entity.tensions].map((p) => p.section));
  return (Object.keys(SECTIONS) as SectionId[]).filter((s) => used.has(s));
}

/**
 * A ready-to-paste citation of the report, pointing at the sections a topic draws on:
 * "Zhang, E. S., & Creemers, R. (2021). Title. Publisher. URL — section “Online Content Regulation”".
 */
export function reportCitation(report: Pack['report'], sections: readonly SectionId[] = []): string {
  const base = `${apaAuthors(report.authors)} (${report.year}). ${report.title}. ${report.publisher}. ${report.url}`;
  if (sections.length === 0) return base;
  const quoted = sections.map((s) => `“${SECTIONS[s]}”`).join(', ');
  return `${base} — ${sections.length === 1 ? 'section' : 'sections'} ${quoted}`;
}

/** Footnote numbers an entity cites, deduplicated and ascending. */
export function citedFootnoteNumbers(entity: Pick<Entity, 'points' | 'tensions'>): number[] {
  return citedFootnotes([...entity.points, ...entity.tensions]);
}

/** One footnote as a reference line, without its URL (rendered as a link apart). */
export function footnoteText(note: Footnote): string {
  const parts = [note.year ? `${note.author} (${note.year}).` : `${note.author}.`, endWithStop(note.title)];
  if (note.detail) parts.push(endWithStop(note.detail));
  return parts.join(' ');
}

function endWithStop(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

export function kindGroupLabel(kind: EntityKind): string {
  return KIND_GROUP_LABELS[kind] ?? kind;
}

const TOPIC_HASH = /^#topic=([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The topic id in a "#topic=<id>" hash, if any. */
export function topicFromHash(hash: string): string | undefined {
  let decoded = hash;
  try {
    decoded = decodeURIComponent(hash);
  } catch {
    return undefined;
  }
  return TOPIC_HASH.exec(decoded)?.[1];
}

export function topicHash(id: string): string {
  return `#topic=${id}`;
}
