// Bundled into a benchmark page: the library search measurement, in Chromium.
import { measureSearch } from './search-measure';

const api = { measureSearch };
export type SearchWindow = { __search: typeof api };
(window as unknown as SearchWindow).__search = api;
