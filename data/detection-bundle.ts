// What finding mentions needs, for the content script: the matcher precompiled at build time
// (data/matcher-data.json, from data/detection/*.json by `npm run data:matcher`). It matches
// without waiting for the background, and the summaries stay out of its bundle.
import type { CompiledMatcherData } from '../core/matcher/precompiled';
import matcherData from './matcher-data.json';

// JSON imports type their arrays loosely; the freshness test checks the file's real shape.
export const detectionMatcherData = matcherData as unknown as CompiledMatcherData;
