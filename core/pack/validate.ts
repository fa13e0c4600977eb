// Assembles the context pack from its files and checks what the zod schema cannot see on its own:
// references between entities and footnotes, duplicates, and aliases claimed by two entities.
// Pure: no DOM, no extension APIs, no file system (callers pass the parsed JSON files in).
import { DETECTION_KEYS, packSchema, type Pack } from './schema';

export type PackResult = { ok: true; pack: Pack } | { ok: false; errors: string[] };

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "./entities/huawei.json" or "/abs/data/detection/huawei.json" -> "huawei". */
export function fileIdFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.endsWith('.json') ? base.slice(0, -'.json'.length) : base;
}

/**
 * Merges the pack's files into one pack-shaped object (not yet validated): each entity file with the
 * detection fields of the detection file of the same id. Entities come out sorted by file id.
 */
export function assemblePack(
  report: unknown,
  footnotes: unknown,
  entityFiles: Record<string, unknown>,
  detectionFiles: Record<string, unknown>,
): unknown {
  const entities = Object.keys(entityFiles)
    .sort()
    .map((id) => {
      const entity = entityFiles[id];
      const detection = detectionFiles[id];
      if (!isRecord(entity)) return entity;
      const merged: Rec = { ...entity };
      if (isRecord(detection)) {
        for (const key of DETECTION_KEYS) if (key in detection) merged[key] = detection[key];
      }
      return merged;
    });
  return { ...(isRecord(report) ? report : {}), entities, footnotes };
}

/** Problems with the files themselves: names, pairing of entity and detection files, misplaced fields. */
export function checkPackFiles(
  entityFiles: Record<string, unknown>,
  detectionFiles: Record<string, unknown>,
): string[] {
  const errors: string[] = [];
  for (const [fileId, entity] of Object.entries(entityFiles)) {
    if (!isRecord(entity)) {
      errors.push(`entity file "${fileId}.json": not a JSON object`);
      continue;
    }
    if (typeof entity.id === 'string' && entity.id !== fileId) {
      errors.push(`entity file "${fileId}.json": id: is "${entity.id}", but the file name says "${fileId}"`);
    }
    for (const key of DETECTION_KEYS) {
      if (key in entity) {
        errors.push(`entity "${fileId}": ${key}: belongs in data/detection/${fileId}.json, not in the entity file`);
      }
    }
    if (!(fileId in detectionFiles)) {
      errors.push(`entity "${fileId}": aliases: no detection file data/detection/${fileId}.json`);
    }
  }
  for (const [fileId, detection] of Object.entries(detectionFiles)) {
    if (!(fileId in entityFiles)) {
      errors.push(`detection file "${fileId}.json": no entity file data/entities/${fileId}.json`);
    }
    if (!isRecord(detection)) {
      errors.push(`detection file "${fileId}.json": not a JSON object`);
      continue;
    }
    for (const key of Object.keys(detection)) {
      if (!(DETECTION_KEYS as readonly string[]).includes(key)) {
        errors.push(`entity "${fileId}": ${key}: not a detection field (data/detection/${fileId}.json may hold only ${DETECTION_KEYS.join(', ')})`);
      }
    }
  }
  return errors;
}

/** Validates a pack: the zod schema first, then the cross-checks. Every message names the entity and field. */
export function validatePack(input: unknown): PackResult {
  const parsed = packSchema.safeParse(input);
  const errors = parsed.success ? [] : parsed.error.issues.map((issue) => formatIssue(issue, input));
  errors.push(...crossCheck(input));
  if (parsed.success && errors.length === 0) return { ok: true, pack: parsed.data };
  return { ok: false, errors: [...new Set(errors)] };
}

/** File checks, assembly and validation in one step: what the bundled and Node loaders call. */
export function buildPack(
  report: unknown,
  footnotes: unknown,
  entityFiles: Record<string, unknown>,
  detectionFiles: Record<string, unknown>,
): PackResult {
  const fileErrors = checkPackFiles(entityFiles, detectionFiles);
  const result = validatePack(assemblePack(report, footnotes, entityFiles, detectionFiles));
  if (result.ok && fileErrors.length === 0) return result;
  return { ok: false, errors: [...fileErrors, ...(result.ok ? [] : result.errors)] };
}

/** One error per line, for thrown errors and CLI output. */
export function formatPackErrors(errors: readonly string[]): string {
  return `The context pack is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
    errors.map((e) => `  - ${e}`).join('\n');
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out ? '.' : '') + String(key);
  }
  return out;
}

function entityLabel(entity: unknown, index: number): string {
  const id = isRecord(entity) ? entity.id : undefined;
  return typeof id === 'string' && id.trim() ? `entity "${id}"` : `entities[${index}]`;
}

function footnoteLabel(footnote: unknown, index: number): string {
  const n = isRecord(footnote) ? footnote.n : undefined;
  return typeof n === 'number' ? `footnote ${n}` : `footnotes[${index}]`;
}

function formatIssue(issue: { path: PropertyKey[]; message: string }, input: unknown): string {
  const [head, index, ...rest] = issue.path;
  const list = isRecord(input) && typeof head === 'string' ? input[head] : undefined;
  if ((head === 'entities' || head === 'footnotes') && typeof index === 'number' && Array.isArray(list)) {
    const label = head === 'entities' ? entityLabel(list[index], index) : footnoteLabel(list[index], index);
    return rest.length ? `${label}: ${pathText(rest)}: ${issue.message}` : `${label}: ${issue.message}`;
  }
  return `${pathText(issue.path) || 'pack'}: ${issue.message}`;
}

const arrayAt = (rec: unknown, key: string): unknown[] =>
  isRecord(rec) && Array.isArray(rec[key]) ? (rec[key] as unknown[]) : [];

/** Checks on the raw input, so that one schema error does not hide the others. */
function crossCheck(input: unknown): string[] {
  const errors: string[] = [];
  const entities = arrayAt(input, 'entities');
  const footnotes = arrayAt(input, 'footnotes');

  const footnoteIndex = new Map<number, number[]>();
  footnotes.forEach((f, i) => {
    if (isRecord(f) && typeof f.n === 'number') footnoteIndex.set(f.n, [...(footnoteIndex.get(f.n) ?? []), i]);
  });
  for (const [n, at] of footnoteIndex) {
    if (at.length > 1) {
      errors.push(`footnote ${n}: n: duplicate footnote number (${at.map((i) => `footnotes[${i}]`).join(', ')})`);
    }
  }

  const entityIndex = new Map<string, number[]>();
  entities.forEach((e, i) => {
    if (isRecord(e) && typeof e.id === 'string') entityIndex.set(e.id, [...(entityIndex.get(e.id) ?? []), i]);
  });
  for (const [id, at] of entityIndex) {
    if (at.length > 1) {
      errors.push(`entity "${id}": id: duplicate entity id (${at.map((i) => `entities[${i}]`).join(', ')})`);
    }
  }

  entities.forEach((entity, i) => {
    if (!isRecord(entity)) return;
    const label = entityLabel(entity, i);
    for (const list of ['points', 'tensions'] as const) {
      arrayAt(entity, list).forEach((item, j) => {
        if (!isRecord(item)) return;
        const at = `${label}: ${list}[${j}]`;
        const cited = Array.isArray(item.footnotes) ? item.footnotes : undefined;
        const noFootnote = item.noFootnote === true;
        if (cited && cited.length === 0 && !noFootnote) {
          errors.push(`${at}.footnotes: empty; cite the footnote(s) the claim rests on, or set noFootnote: true if the report gives none`);
        }
        if (cited && cited.length > 0 && noFootnote) {
          errors.push(`${at}.noFootnote: is true, but footnotes ${cited.join(', ')} are cited`);
        }
        const seen = new Set<unknown>();
        for (const n of cited ?? []) {
          if (typeof n === 'number' && !footnoteIndex.has(n)) errors.push(`${at}.footnotes: footnote ${n} is not in the pack`);
          if (seen.has(n)) errors.push(`${at}.footnotes: footnote ${String(n)} is cited twice`);
          seen.add(n);
        }
        if (list === 'points' && item.voice === 'named-expert' &&
            !(typeof item.voiceDetail === 'string' && item.voiceDetail.trim())) {
          errors.push(`${at}.voiceDetail: required when voice is "named-expert" (who is it?)`);
        }
      });
    }
    const seenRelated = new Set<unknown>();
    arrayAt(entity, 'related').forEach((r, k) => {
      if (typeof r !== 'string') return;
      if (r === entity.id) errors.push(`${label}: related[${k}]: an entity cannot be related to itself`);
      else if (!entityIndex.has(r)) errors.push(`${label}: related[${k}]: unknown entity id "${r}"`);
      if (seenRelated.has(r)) errors.push(`${label}: related[${k}]: "${r}" is listed twice`);
      seenRelated.add(r);
    });
  });

  errors.push(...aliasClashes(entities));
  return errors;
}

interface AliasRef { entity: number; label: string; id: string; index: number; text: string; lang: string; caseSensitive: boolean }

const foldAlias = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The same alias (same language; compared case-folded unless both are case-sensitive) in two entities. */
function aliasClashes(entities: unknown[]): string[] {
  const errors: string[] = [];
  const groups = new Map<string, AliasRef[]>();
  entities.forEach((entity, i) => {
    arrayAt(entity, 'aliases').forEach((alias, index) => {
      if (!isRecord(alias) || typeof alias.text !== 'string' || typeof alias.lang !== 'string') return;
      const ref: AliasRef = {
        entity: i, label: entityLabel(entity, i), id: isRecord(entity) ? String(entity.id) : `entities[${i}]`,
        index, text: alias.text.trim(), lang: alias.lang, caseSensitive: alias.caseSensitive === true,
      };
      const key = `${alias.lang}\u0000${foldAlias(alias.text)}`;
      groups.set(key, [...(groups.get(key) ?? []), ref]);
    });
  });
  for (const refs of groups.values()) {
    for (let b = 1; b < refs.length; b++) {
      const later = refs[b]!;
      // Reported once, on the later alias, against the first earlier alias of another entity it clashes with.
      const earlier = refs.slice(0, b).find((a) =>
        a.entity !== later.entity && (!a.caseSensitive || !later.caseSensitive || a.text === later.text));
      if (!earlier) continue;
      errors.push(`${later.label}: aliases[${later.index}]: alias "${later.text}" (${later.lang}) is also claimed by entity "${earlier.id}" (aliases[${earlier.index}])`);
    }
  }
  return errors;
}
