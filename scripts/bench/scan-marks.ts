// User-timing marks around the scan in the benchmark page (page-scan-entry.ts); the traced runs of
// the stress page (scan-bench.ts) take the main-thread tasks between them as the scan's.
export const SCAN_START = 'kontekst-scan-start';
export const SCAN_END = 'kontekst-scan-end';
