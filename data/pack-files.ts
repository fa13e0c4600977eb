// The context pack's files as Vite bundles them, keyed by entity id (the file name). Not validated here:
// data/bundled-pack.ts validates; tests read these to say which files are missing or wrong.
import report from './report.json';
import footnotes from './footnotes.json';
import { fileIdFromPath } from '../core/pack/validate';

const byFileId = (modules: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(modules).map(([path, json]) => [fileIdFromPath(path), json]));

export const packFiles = {
  report: report as unknown,
  footnotes: footnotes as unknown,
  entityFiles: byFileId(import.meta.glob('./entities/*.json', { eager: true, import: 'default' })),
  detectionFiles: byFileId(import.meta.glob('./detection/*.json', { eager: true, import: 'default' })),
};
