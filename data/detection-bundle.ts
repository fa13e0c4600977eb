// Only what finding mentions needs (aliases, evidence, confusables), for the content script:
// it matches without waiting for the background, and the summaries stay out of its bundle.
import type { MatcherEntity } from '../core/matcher';

const files = import.meta.glob<Omit<MatcherEntity, 'id'>>('./detection/*.json', { eager: true, import: 'default' });

export const detectionEntities: MatcherEntity[] = Object.entries(files).map(([path, d]) => ({
  id: path.replace(/^.*\/([^/]+)\.json$/, '$1'),
  aliases: d.aliases,
  evidence: d.evidence,
  confusables: d.confusables,
}));
