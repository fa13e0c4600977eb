// The context pack for Node scripts (run with tsx): the same files as data/bundled-pack.ts, read with fs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPack, formatPackErrors, fileIdFromPath, type PackResult } from '../../core/pack/validate';
import type { Pack } from '../../core/pack/schema';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export interface PackFiles {
  report: unknown;
  footnotes: unknown;
  entityFiles: Record<string, unknown>;
  detectionFiles: Record<string, unknown>;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function readFolder(dir: string): Record<string, unknown> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return {}; // a missing folder is reported by validation as missing files
  }
  return Object.fromEntries(
    names.filter((n) => n.endsWith('.json')).sort().map((n) => [fileIdFromPath(n), readJson(join(dir, n))]),
  );
}

/** Reads data/report.json, data/footnotes.json, data/entities/*.json and data/detection/*.json. */
export function readPackFiles(dataDir: string = DEFAULT_DATA_DIR): PackFiles {
  return {
    report: readJson(join(dataDir, 'report.json')),
    footnotes: readJson(join(dataDir, 'footnotes.json')),
    entityFiles: readFolder(join(dataDir, 'entities')),
    detectionFiles: readFolder(join(dataDir, 'detection')),
  };
}

export function buildNodePack(dataDir: string = DEFAULT_DATA_DIR): PackResult {
  const f = readPackFiles(dataDir);
  return buildPack(f.report, f.footnotes, f.entityFiles, f.detectionFiles);
}

/** The validated pack; throws listing every problem if it is invalid. */
export function loadNodePack(dataDir: string = DEFAULT_DATA_DIR): Pack {
  const result = buildNodePack(dataDir);
  if (!result.ok) throw new Error(formatPackErrors(result.errors));
  return result.pack;
}
