// The context pack bundled into the extension: assembled from data/ and validated once, at load.
import { buildPack, formatPackErrors } from '../core/pack/validate';
import type { Pack } from '../core/pack/schema';
import { packFiles } from './pack-files';

function loadBundledPack(): Pack {
  const result = buildPack(packFiles.report, packFiles.footnotes, packFiles.entityFiles, packFiles.detectionFiles);
  if (!result.ok) throw new Error(formatPackErrors(result.errors));
  return result.pack;
}

export const bundledPack: Pack = loadBundledPack();
