// The readable body for one entity: names, what it is, the Russian perspective, points, tensions,
// related topics and sources.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entity, Footnote, Point } from '../../core/pack/schema';
import { CiteLine } from './CiteLine';
import type { Lookup } from './entity-lookup';
import { citedFootnotes, voiceDetailText, voiceLabel, voiceTone } from './labels';
import { RelatedTopics } from './RelatedTopics';
import { footnoteItemId, Sources } from './Sources';
import type { ReportRef } from './Sources';

interface EntityViewProps {
  entity: Entity;
  footnotes(n: number): Footnote | undefined;
  report: ReportRef;
  lookup(id: string): Lookup;
  onOpenRelated(id: string): void;
  /** id for the perspective paragraph: the dialog's aria-describedby. */
  descriptionId: string;
  idPrefix: string;
}

function VoiceBadge({ point }: { point: Point }) {
  const detail = voiceDetailText(point);
  return (
    <p class="kx-voice">
      <span class={`kx-badge kx-badge--${voiceTone(point.voice)}`}>{voiceLabel(point)}</span>
      {detail && <span class="kx-voice-detail">{detail}</span>}
      <span class="kx-sr-only">:</span>
    </p>
  );
}

export function EntityView({ entity, footnotes, report, lookup, onOpenRelated, descriptionId, idPrefix }: EntityViewProps) {
  const [sourcesOpen, setSourcesOpen] = useState(false);
  const [focusNote, setFocusNote] = useState<number | null>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const root = `${idPrefix}-${entity.id}`;
  const notes = citedFootnotes([...entity.points, ...entity.tensions]);

  // Opening the sources from a footnote number takes the reader to that footnote.
  useEffect(() => {
    if (focusNote === null || !sourcesOpen) return;
    // Query from our own node: inside a shadow root document.getElementById cannot see it.
    const item = viewRef.current?.querySelector<HTMLElement>(`[id="${footnoteItemId(root, focusNote)}"]`);
    item?.focus();
    setFocusNote(null);
  }, [focusNote, sourcesOpen]);

  const showFootnote = (n: number) => {
    setSourcesOpen(true);
    setFocusNote(n);
  };

  const otherNames = [
    { lang: 'ru', text: entity.names.ru },
    { lang: 'zh', text: entity.names.zh },
  ].filter((n) => n.text.toLowerCase() !== entity.names.en.toLowerCase());

  return (
    <div class="kx-entity" ref={viewRef}>
      {otherNames.length > 0 && (
        <p class="kx-names">
          {otherNames.map((n, i) => (
            <span key={n.lang}>
              {i > 0 && <span aria-hidden="true"> · </span>}
              <span lang={n.lang}>{n.text}</span>
            </span>
          ))}
        </p>
      )}
      <p class="kx-what">{entity.whatItIs}</p>

      <div class="kx-block">
        <h3>Russian perspective</h3>
        <p id={descriptionId} class="kx-perspective">{entity.perspective}</p>
      </div>

      <div class="kx-block">
        <h3>Key points</h3>
        <ul class="kx-points">
          {entity.points.map((point, i) => (
            <li key={i} class="kx-point">
              <VoiceBadge point={point} />
              <p class="kx-point-text">{point.text}</p>
              <CiteLine item={point} onFootnote={showFootnote} />
            </li>
          ))}
        </ul>
      </div>

      {entity.tensions.length > 0 && (
        <div class="kx-block">
          <h3>Tensions between Russian and Chinese interests</h3>
          <ul class="kx-points kx-tensions">
            {entity.tensions.map((tension, i) => (
              <li key={i} class="kx-point">
                <p class="kx-point-text">{tension.text}</p>
                <CiteLine item={tension} onFootnote={showFootnote} />
              </li>
            ))}
          </ul>
        </div>
      )}

      <RelatedTopics ids={entity.related} lookup={lookup} onOpen={onOpenRelated} headingId={`${root}-related`} />

      <Sources
        report={report}
        numbers={notes}
        footnotes={footnotes}
        open={sourcesOpen}
        onToggle={setSourcesOpen}
        idPrefix={root}
      />
    </div>
  );
}
