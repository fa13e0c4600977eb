// Library search over generated highlights, the reader typing "roskomnadzor": runs the same in
// Node and, bundled, in Chromium. Data from search-node.ts's seeded generator.
import { LibraryIndex } from '../../core/annotations/search';
import { benchEntityTerms, generateHighlights } from './search-node';

export interface SearchMeasure {
  records: number;
  runs: number;
  buildMs: number;
  /** Per keystroke while typing (each query narrows the previous one): median over runs. */
  typing: { query: string; hits: number; medianMs: number; maxMs: number }[];
  /** Per keystroke with the index changed in between (no narrowing): median over runs. */
  cold: { query: string; medianMs: number }[];
  filteredMs: number;
  chineseMs: number;
  browseMs: number;
}

function med(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2;
}

export function measureSearch(count = 10_000, runs = 21): SearchMeasure {
  const records = generateHighlights(count);
  let t = performance.now();
  const index = new LibraryIndex(records, { entityTerms: benchEntityTerms });
  const buildMs = performance.now() - t;
  const word = 'roskomnadzor';
  const perKey: number[][] = Array.from({ length: word.length }, () => []);
  const hits: number[] = [];
  for (let run = 0; run < runs; run++) {
    index.search({ text: '' }); // the library opens: everything, newest first
    for (let k = 1; k <= word.length; k++) {
      t = performance.now();
      const res = index.search({ text: word.slice(0, k) });
      perKey[k - 1]!.push(performance.now() - t);
      if (run === 0) hits.push(res.total);
    }
  }
  const fresh = (f: () => unknown): number => {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      index.put(records[run]!); // bumps the index version: no cached narrowing
      const t0 = performance.now();
      f();
      times.push(performance.now() - t0);
    }
    return med(times);
  };
  const cold = Array.from({ length: word.length }, (_, k) => ({ query: word.slice(0, k + 1), medianMs: fresh(() => index.search({ text: word.slice(0, k + 1) })) }));
  return {
    records: count,
    runs,
    buildMs,
    typing: perKey.map((xs, k) => ({ query: word.slice(0, k + 1), hits: hits[k]!, medianMs: med(xs), maxMs: Math.max(...xs) })),
    cold,
    filteredMs: fresh(() => index.search({ text: 'huawei', entityIds: ['sco'], sites: ['kommersant.ru', 'reuters.com'], from: '2022-01-01', sort: 'newest' })),
    chineseMs: fresh(() => index.search({ text: '信息安全' })),
    browseMs: fresh(() => index.search({ sort: 'newest', limit: 100 })),
  };
}
