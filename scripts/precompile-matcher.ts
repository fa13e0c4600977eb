// `npm run data:matcher`: writes data/matcher-data.json, the matcher the content script loads in
// well under a millisecond instead of compiling ~470 names on every page. Run it after changing
// data/detection/*.json; a unit test fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { precompileMatcher } from '../core/matcher/precompiled';
import { loadDetectionEntities } from './lib/detection-data';

writeFileSync(new URL('../data/matcher-data.json', import.meta.url), JSON.stringify(precompileMatcher(loadDetectionEntities())) + '\n');
console.log('Wrote data/matcher-data.json');
