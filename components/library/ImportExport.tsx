// Export of saved highlights (JSON-LD with settings, Markdown, CSV) and import of a JSON / JSON-LD
// file: all or nothing, with a summary to confirm before anything changes.
import { useRef, useState } from 'preact/hooks';
import { exportCsv, exportJsonLdText, exportMarkdown } from '../../core/annotations/export';
import { IMPORT_LIMITS, parseImport } from '../../core/annotations/import';
import { mergeImported } from '../../core/annotations/merge';
import type { HighlightRecord } from '../../core/annotations/record';
import { normalizePageUrl } from '../../core/sites/normalize-url';
import { migrateSettings, settingsSchema, type Settings } from '../../core/sites/settings';

export interface RestoreCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface DownloadFile {
  name: string;
  type: string;
  text: string;
}

export interface ImportExportServices {
  settings(): Promise<Settings>;
  updateSettings(update: (s: Settings) => Settings): Promise<Settings>;
  /** Writes records in one transaction (merging with what is stored). */
  restoreHighlights(records: unknown[]): Promise<RestoreCounts>;
  download(file: DownloadFile): void;
  /** Extension version, written into JSON-LD exports. */
  version(): string;
  now(): number;
}

/** Saves text as a file through a temporary <a download>; the object URL is released afterwards. */
export function downloadText({ name, type, text }: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers start the download asynchronously: release the URL a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Local calendar date (the reader's "today"), for file names: 2026-11-26. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Imported settings are accepted when they are the current schema, or an older version that
 * migrates without losing anything; a damaged or newer file is refused with the reason.
 */
export function validateImportedSettings(raw: unknown): { ok: boolean; problem?: string } {
  if (settingsSchema.safeParse(raw).success) return { ok: true };
  const migrated = migrateSettings(raw);
  if (migrated.problems.length === 0 && migrated.migrated) return { ok: true };
  return { ok: false, problem: migrated.problems.join(' ') || 'they do not match the settings format' };
}

export function parseImportText(text: string, now: number) {
  return parseImport(text, {
    validateSettings: validateImportedSettings,
    normaliseUrl: (url) => normalizePageUrl(url),
    now,
  });
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'errors'; name: string; errors: string[] }
  | {
      kind: 'confirm';
      name: string;
      records: HighlightRecord[];
      settings?: Settings;
      warnings: string[];
      preview: RestoreCounts;
    }
  | { kind: 'applying'; name: string }
  | { kind: 'done'; name: string; counts: RestoreCounts | null; settingsReplaced: boolean; warnings: string[] }
  | { kind: 'failed'; name: string; error: string };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export interface ImportExportProps {
  services: ImportExportServices;
  /** Every saved highlight (for export and for the import preview); read only when needed. */
  all(): HighlightRecord[];
  /** How many highlights `all()` would return. */
  total: number;
  /** The highlights the current search and filters show, when they narrow the list. */
  matching?: () => HighlightRecord[];
  matchingCount?: number;
  entityName(id: string): string | undefined;
  /** Called after an import wrote something, so the list can reload. */
  onImported(): void;
}

export function ImportExport({ services, all, total, matching, matchingCount, entityName, onImported }: ImportExportProps) {
  const [scope, setScope] = useState<'all' | 'matching'>('all');
  const [exportError, setExportError] = useState('');
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [replaceSettings, setReplaceSettings] = useState(true);
  const fileInput = useRef<HTMLInputElement>(null);
  const narrowed = matching !== undefined && matchingCount !== undefined;
  const chosen = () => (narrowed && scope === 'matching' ? matching() : all());

  const exportAs = async (kind: 'jsonld' | 'md' | 'csv') => {
    setExportError('');
    try {
      const records = chosen();
      const now = services.now();
      const day = localDay(now);
      if (kind === 'jsonld') {
        const settings = await services.settings();
        const text = exportJsonLdText(records, { version: services.version(), now, settings });
        services.download({ name: `kontekst-highlights-${day}.jsonld`, type: 'application/ld+json', text });
      } else if (kind === 'md') {
        services.download({ name: `kontekst-highlights-${day}.md`, type: 'text/markdown', text: exportMarkdown(records, { now, entityName }) });
      } else {
        // The byte-order mark makes Excel read Cyrillic and Chinese as UTF-8.
        services.download({ name: `kontekst-highlights-${day}.csv`, type: 'text/csv', text: exportCsv(records, { entityName, bom: true }) });
      }
    } catch (e) {
      setExportError(`Export failed: ${message(e)}`);
    }
  };

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again should read it again
    if (!file) return;
    const name = file.name;
    // A file far beyond the limit is refused before it is read into memory.
    if (file.size > IMPORT_LIMITS.maxChars * 4) {
      setState({ kind: 'errors', name, errors: ['This file is too large to be a Kontekst export.', 'Nothing was imported.'] });
      return;
    }
    setState({ kind: 'reading', name });
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setState({ kind: 'errors', name, errors: [`The file could not be read: ${message(e)}`, 'Nothing was imported.'] });
      return;
    }
    const result = parseImportText(text, services.now());
    if (!result.ok) {
      setState({ kind: 'errors', name, errors: result.errors });
      return;
    }
    const preview = mergeImported(all(), result.records);
    setReplaceSettings(true);
    setState({
      kind: 'confirm',
      name,
      records: result.records,
      ...(result.settings !== undefined ? { settings: migrateSettings(result.settings).settings } : {}),
      warnings: result.warnings,
      preview: { added: preview.added, updated: preview.updated, unchanged: preview.unchanged },
    });
  };

  const apply = async () => {
    if (state.kind !== 'confirm') return;
    const { name, records, settings, warnings } = state;
    const withSettings = settings !== undefined && replaceSettings;
    setState({ kind: 'applying', name });
    try {
      const counts = records.length ? await services.restoreHighlights(records) : null;
      if (withSettings) await services.updateSettings(() => settings);
      setState({ kind: 'done', name, counts, settingsReplaced: withSettings, warnings });
      if (counts) onImported();
    } catch (e) {
      setState({ kind: 'failed', name, error: message(e) });
    }
  };

  const busy = state.kind === 'reading' || state.kind === 'applying';

  return (
    <section class="lib-io" aria-labelledby="lib-io-h">
      <h2 id="lib-io-h" class="lib-io-title">
        Export and import
      </h2>
      <div class="lib-io-row">
        {narrowed ? (
          <label class="lib-io-scope">
            Export{' '}
            <select value={scope} onChange={(e) => setScope(e.currentTarget.value as 'all' | 'matching')}>
              <option value="all">all {plural(total, 'highlight')}</option>
              <option value="matching">the {plural(matchingCount, 'matching highlight')}</option>
            </select>
          </label>
        ) : (
          <span class="lib-io-label">Export {total === 0 ? 'highlights' : `all ${plural(total, 'highlight')}`}:</span>
        )}
        <div class="lib-io-buttons" role="group" aria-label="Export format">
          <button type="button" onClick={() => void exportAs('jsonld')} disabled={total === 0}>
            JSON-LD
          </button>
          <button type="button" onClick={() => void exportAs('md')} disabled={total === 0}>
            Markdown
          </button>
          <button type="button" onClick={() => void exportAs('csv')} disabled={total === 0}>
            CSV
          </button>
        </div>
        <div class="lib-io-import">
          <label for="lib-import-file">Import a file:</label>
          <input
            id="lib-import-file"
            ref={fileInput}
            class="lib-file"
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            disabled={busy}
            aria-describedby="lib-io-hint"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </div>
      </div>
      <p id="lib-io-hint" class="lib-hint">
        JSON-LD (W3C Web Annotation) keeps everything, site settings included, and imports back into Kontekst on any
        browser. Markdown suits notes apps; CSV suits spreadsheets. Import reads Kontekst and W3C / Hypothesis JSON files.
      </p>
      {exportError && (
        <p class="lib-error" role="alert">
          {exportError}
        </p>
      )}
      <ImportPanel
        state={state}
        replaceSettings={replaceSettings}
        onReplaceSettings={setReplaceSettings}
        onApply={() => void apply()}
        onCancel={() => {
          setState({ kind: 'idle' });
          fileInput.current?.focus();
        }}
      />
    </section>
  );
}

interface PanelProps {
  state: ImportState;
  replaceSettings: boolean;
  onReplaceSettings(v: boolean): void;
  onApply(): void;
  onCancel(): void;
}

function Warnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <div class="lib-warnings">
      <p>{warnings.length === 1 ? 'Note:' : 'Notes:'}</p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

function ImportPanel({ state, replaceSettings, onReplaceSettings, onApply, onCancel }: PanelProps) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'reading':
    case 'applying':
      return (
        <p class="lib-io-panel" role="status">
          {state.kind === 'reading' ? `Reading “${state.name}”…` : `Importing “${state.name}”…`}
        </p>
      );
    case 'errors':
      return (
        <div class="lib-io-panel lib-io-errors" role="alert">
          <p>
            <strong>“{state.name}” could not be imported.</strong> Your library was not changed.
          </p>
          <ul>
            {state.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          <button type="button" onClick={onCancel}>
            Close
          </button>
        </div>
      );
    case 'failed':
      return (
        <div class="lib-io-panel lib-io-errors" role="alert">
          <p>
            <strong>Importing “{state.name}” failed:</strong> {state.error}
          </p>
          <p>Highlights are written in one step, so none of this file’s highlights were saved.</p>
          <button type="button" onClick={onCancel}>
            Close
          </button>
        </div>
      );
    case 'confirm': {
      const { preview, records, settings } = state;
      return (
        <div class="lib-io-panel" role="region" aria-labelledby="lib-import-h">
          <h3 id="lib-import-h">Import “{state.name}”?</h3>
          <ul class="lib-io-summary">
            <li>
              <strong>{preview.added.toLocaleString('en')}</strong> new {preview.added === 1 ? 'highlight' : 'highlights'}
            </li>
            <li>
              <strong>{preview.updated.toLocaleString('en')}</strong> updated (the file’s copy is newer)
            </li>
            <li>
              <strong>{preview.unchanged.toLocaleString('en')}</strong> unchanged (already in your library)
            </li>
            <li>{settings ? `Site settings included (${plural(settings.rules.length, 'site rule')}).` : 'No site settings in this file.'}</li>
          </ul>
          <Warnings warnings={state.warnings} />
          {settings && (
            <label class="lib-check">
              <input
                type="checkbox"
                checked={replaceSettings}
                onChange={(e) => onReplaceSettings(e.currentTarget.checked)}
              />
              Replace my site settings with the ones in this file
            </label>
          )}
          <div class="lib-io-actions">
            <button type="button" class="lib-primary" onClick={onApply} disabled={records.length === 0 && !(settings && replaceSettings)}>
              Import
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
      );
    }
    case 'done': {
      const { counts } = state;
      return (
        <div class="lib-io-panel lib-io-done" role="status">
          <p>
            <strong>Imported “{state.name}”.</strong>{' '}
            {counts
              ? `${plural(counts.added, 'new highlight')}, ${counts.updated.toLocaleString('en')} updated, ${counts.unchanged.toLocaleString('en')} unchanged.`
              : 'No highlights in this file.'}{' '}
            {state.settingsReplaced ? 'Your site settings were replaced.' : ''}
          </p>
          <Warnings warnings={state.warnings} />
          <button type="button" onClick={onCancel}>
            Close
          </button>
        </div>
      );
    }
  }
}
