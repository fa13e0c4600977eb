// In-memory fakes of the library page's services (background messaging and settings storage),
// behaving like the real ones closely enough that the views can be tested end to end in happy-dom.
import { vi } from 'vitest';
import { newHighlight, updateHighlight, validateStoredRecord, type HighlightRecord } from '../../core/annotations/record';
import { mergeImported } from '../../core/annotations/merge';
import { DEFAULT_SETTINGS, type Settings } from '../../core/sites/settings';
import type { LibraryServices } from '../../components/library/LibraryApp';
import type { DownloadFile } from '../../components/library/ImportExport';
import type { EntitySummary } from '../../components/library/HighlightsView';

export const ENTITIES: EntitySummary[] = [
  { id: 'huawei', kind: 'company', names: { en: 'Huawei', ru: 'Хуавэй', zh: '华为' } },
  { id: 'roskomnadzor', kind: 'regulator', names: { en: 'Roskomnadzor', ru: 'Роскомнадзор', zh: '俄罗斯联邦通信监督局' } },
  { id: 'sco', kind: 'organisation', names: { en: 'Shanghai Cooperation Organisation', ru: 'ШОС', zh: '上海合作组织' } },
];

export const NOW = Date.UTC(2026, 10, 26, 10, 0, 0);

let n = 0;
/** A valid record with sensible defaults; ids are deterministic per call order. */
export function record(partial: Partial<Parameters<typeof newHighlight>[0]> & { text: string; created?: number }): HighlightRecord {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const url = partial.url ?? 'https://www.reuters.com/world/huawei-russia';
  return newHighlight(
    {
      url,
      title: partial.title ?? 'Huawei expands in Russia',
      quote: { exact: partial.text },
      position: { start: n * 100, end: n * 100 + partial.text.length },
      entityIds: partial.entityIds ?? [],
      note: partial.note ?? '',
      tags: partial.tags ?? [],
      ...(partial.site !== undefined ? { site: partial.site } : {}),
    },
    partial.created ?? NOW - n * 60_000,
    id,
  );
}

export interface FakeLibrary {
  services: LibraryServices & {
    listHighlights: ReturnType<typeof vi.fn>;
    updateHighlight: ReturnType<typeof vi.fn>;
    deleteHighlights: ReturnType<typeof vi.fn>;
    restoreHighlights: ReturnType<typeof vi.fn>;
    updateSettings: ReturnType<typeof vi.fn>;
    download: ReturnType<typeof vi.fn>;
  };
  store: Map<string, HighlightRecord>;
  downloads: DownloadFile[];
  settings(): Settings;
}

export function fakeLibrary(
  records: HighlightRecord[] = [],
  opts: { settings?: Settings; problems?: { id?: string; problem: string }[]; orphans?: string[] } = {},
): FakeLibrary {
  const store = new Map(records.map((r) => [r.id, r]));
  let settings: Settings = opts.settings ?? { ...DEFAULT_SETTINGS, rules: [] };
  const watchers = new Set<(s: Settings) => void>();
  const downloads: DownloadFile[] = [];

  const services = {
    listHighlights: vi.fn(async () => ({ records: [...store.values()], problems: opts.problems ?? [], orphans: opts.orphans ?? [] })),
    updateHighlight: vi.fn(async (id: string, patch: { note?: string; tags?: string[] }) => {
      const current = store.get(id);
      if (!current) throw new Error(`Highlight ${id} no longer exists.`);
      const next = updateHighlight(current, patch, NOW);
      store.set(id, next);
      return next;
    }),
    deleteHighlights: vi.fn(async (ids: string[]) => {
      const removed: unknown[] = [];
      for (const id of ids) {
        const r = store.get(id);
        if (r) {
          removed.push(structuredClone(r));
          store.delete(id);
        }
      }
      return removed;
    }),
    restoreHighlights: vi.fn(async (raws: unknown[]) => {
      const incoming = raws.map((raw) => {
        const checked = validateStoredRecord(raw);
        if (!checked.ok) throw new Error(checked.problem);
        return checked.record;
      });
      const merged = mergeImported([...store.values()], incoming);
      for (const r of merged.toPut) store.set(r.id, r);
      return { added: merged.added, updated: merged.updated, unchanged: merged.unchanged };
    }),
    entityList: vi.fn(async () => ENTITIES),
    settings: vi.fn(async () => settings),
    watchSettings: (cb: (s: Settings) => void) => {
      watchers.add(cb);
      return () => watchers.delete(cb);
    },
    updateSettings: vi.fn(async (update: (s: Settings) => Settings) => {
      settings = update(settings);
      watchers.forEach((w) => w(settings));
      return settings;
    }),
    download: vi.fn((file: DownloadFile) => void downloads.push(file)),
    version: () => '0.1.0',
    now: () => NOW,
  };
  return { services, store, downloads, settings: () => settings };
}
