// Where a point comes from: its report section and footnote numbers (each opens the source list).
// A claim the report makes without a footnote (noFootnote, no numbers) says so instead.
import type { Tension } from '../../core/pack/schema';
import { sectionLabel } from './labels';

interface CiteLineProps {
  item: Pick<Tension, 'section' | 'footnotes' | 'noFootnote'>;
  onFootnote(n: number): void;
}

export function CiteLine({ item, onFootnote }: CiteLineProps) {
  const notes = item.footnotes;
  return (
    <p class="kx-cite">
      <span class="kx-cite-section">{sectionLabel(item.section)}</span>
      <span aria-hidden="true"> · </span>
      {notes.length === 0 ? (
        <span class="kx-nofn">no footnote in the report</span>
      ) : (
        <span>
          {notes.length === 1 ? 'note ' : 'notes '}
          {notes.map((n, i) => (
            <span key={n}>
              {i > 0 && ', '}
              <button type="button" class="kx-fnref" aria-label={`Footnote ${n}`} onClick={() => onFootnote(n)}>
                {n}
              </button>
            </span>
          ))}
        </span>
      )}
    </p>
  );
}
