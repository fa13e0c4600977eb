// The collapsible source list: the report itself, then each footnote the entity cites.
import type { ComponentChildren } from 'preact';
import type { Footnote } from '../../core/pack/schema';
import { footnoteByline, safeHref, scriptLang, shortAuthors } from './labels';

export interface ReportRef {
  title: string;
  authors: readonly string[];
  year: number | string;
  url: string;
}

interface SourcesProps {
  report: ReportRef;
  numbers: number[];
  footnotes(n: number): Footnote | undefined;
  open: boolean;
  onToggle(open: boolean): void;
  /** id prefix for footnote list items, so a footnote reference can focus its entry. */
  idPrefix: string;
}

function NewTabHint() {
  return <span class="kx-sr-only"> (opens in a new tab)</span>;
}

function ExternalLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <NewTabHint />
    </a>
  );
}

/** Russian and Chinese source titles are marked so screen readers switch voice; English needs nothing. */
function langOf(text: string): string | undefined {
  const lang = scriptLang(text);
  return lang === 'en' ? undefined : lang;
}

export function footnoteItemId(idPrefix: string, n: number): string {
  return `${idPrefix}-fn-${n}`;
}

export function Sources({ report, numbers, footnotes, open, onToggle, idPrefix }: SourcesProps) {
  const reportHref = safeHref(report.url);
  const byline = `${report.authors.join(' and ')} (${report.year}).`;
  const summaryCount = numbers.length === 0 ? '' : ` · ${numbers.length} ${numbers.length === 1 ? 'note' : 'notes'}`;
  return (
    <details class="kx-sources" open={open} onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        Sources
        <span class="kx-muted">
          {' · '}
          {shortAuthors(report.authors)} {report.year}
          {summaryCount}
        </span>
      </summary>
      <p class="kx-report">
        {'From '}
        {byline}{' '}
        {reportHref ? <ExternalLink href={reportHref}><cite>{report.title}</cite></ExternalLink> : <cite>{report.title}</cite>}
      </p>
      {numbers.length > 0 && (
        <ol class="kx-notes">
          {numbers.map((n) => {
            const note = footnotes(n);
            const href = safeHref(note?.url);
            return (
              <li key={n} id={footnoteItemId(idPrefix, n)} tabIndex={-1} class="kx-note">
                <span class="kx-note-n">{n}</span>
                {note ? (
                  <span class="kx-note-text">
                    {footnoteByline(note)}.{' '}
                    {href ? (
                      <ExternalLink href={href}><span lang={langOf(note.title)}>{note.title}</span></ExternalLink>
                    ) : (
                      <span lang={langOf(note.title)}>{note.title}</span>
                    )}
                    {note.detail ? `. ${note.detail}` : ''}
                  </span>
                ) : (
                  <span class="kx-note-text kx-muted">Footnote {n} of the report (details unavailable).</span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
