// Reads the detection data (data/detection/<id>.json) with fs, for Node tools and tests: the
// matcher needs only names, evidence and confusables, not the entities' content.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectionFileSchema } from '../../core/pack/schema';
import type { MatcherEntity } from '../../core/matcher';

export const DETECTION_DIR = resolve(fileURLToPath(new URL('../../data/detection', import.meta.url)));

/** Every data/detection/*.json, validated, sorted by id. Throws with the file name on bad data. */
export function loadDetectionEntities(dir: string = DETECTION_DIR): MatcherEntity[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.json'.length);
      const parsed = detectionFileSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { id, ...parsed.data };
    });
}
