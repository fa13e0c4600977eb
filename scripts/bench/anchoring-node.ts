// Re-anchoring benchmark: `npx tsx scripts/bench/anchoring-node.ts [count] [seed]`.
// Prints the share of passages found again after realistic page changes, the false positives
// on deleted passages (must be 0) and the time per anchor, then a 2 MB stress run.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchor, describe, foldText } from '../../core/anchoring/index';
import { BENCH_PAGES, buildAnchoringSet, evaluateAnchoring, extractPageText, prng } from './anchoring-set';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(here, '../../../shared/corpus/pages');
const count = Number(process.argv[2] ?? 300);
const seed = Number(process.argv[3] ?? 20210);

const pages = BENCH_PAGES.map((name) => extractPageText(name, readFileSync(resolve(corpus, `${name}.html`), 'utf8')));
const cases = buildAnchoringSet({ pages, count, seed });
const ev = evaluateAnchoring(cases, anchor);
const pct = (a: number, b: number): string => (b > 0 ? ((100 * a) / b).toFixed(1) : '-') + '%';

console.log(`pages: ${pages.map((p) => `${p.name} (${p.text.length} chars)`).join(', ')}`);
console.log(`cases: ${cases.length} (present ${ev.present}, deleted ${ev.deleted}), seed ${seed}`);
console.log(`re-anchored: ${ev.anchored}/${ev.present} = ${pct(ev.anchored, ev.present)} (exact edges ${ev.exactEdges})`);
console.log(`orphaned (present but not found): ${ev.orphaned}`);
console.log(`wrong placements: ${ev.wrong} (false positives on deleted: ${ev.falsePositives}/${ev.deleted})`);
console.log(`methods: ${JSON.stringify(ev.byMethod)}`);
console.log(`time per anchor (page text folded each time): ${ev.msPerAnchor.toFixed(2)} ms`);
const mutationCounts: Record<string, [number, number]> = {};
for (const c of cases) for (const m of new Set(c.mutations)) {
  const failed = ev.failures.some((f) => f.id === c.id);
  const slot = (mutationCounts[m] ??= [0, 0]);
  slot[0] += 1;
  if (failed) slot[1] += 1;
}
console.log('failures by mutation (cases with it / failed):');
for (const [m, [n, f]] of Object.entries(mutationCounts)) console.log(`  ${m}: ${n} / ${f}`);
for (const f of ev.failures.slice(0, 15)) {
  const c = cases.find((x) => x.id === f.id);
  console.log(`  FAIL ${f.id} ${f.mutations.join('+')} got=${JSON.stringify(f.got)} expected=${JSON.stringify(f.expected)}`);
  if (c) console.log(`    quote: ${JSON.stringify(c.selectors.quote.exact.slice(0, 120))}`);
  if (c && f.expected) console.log(`    now:   ${JSON.stringify(c.mutated.slice(f.expected.start, f.expected.end).slice(0, 120))}`);
  if (c && f.got) console.log(`    got:   ${JSON.stringify(c.mutated.slice(f.got.start, f.got.end).slice(0, 120))}`);
}

// 2 MB stress: sentences of random page words (unique text, unlike repeated pages), then
// passages described, edited and looked up.
const rand = prng(seed + 1);
const vocabulary = [...new Set(pages.flatMap((p) => p.text.match(/[\p{L}\p{N}]+/gu) ?? []))];
const chunks: string[] = [];
let size = 0;
while (size < 2_000_000) {
  const n = 8 + Math.floor(rand() * 20);
  const words: string[] = [];
  for (let k = 0; k < n; k += 1) words.push(vocabulary[Math.floor(rand() * vocabulary.length)] as string);
  const sentence = words.join(' ') + (rand() < 0.2 ? '.\n      ' : '. ');
  chunks.push(sentence);
  size += sentence.length;
}
const big = chunks.join('').slice(0, 2_000_000);
const lookups: { label: string; ms: number[] }[] = [
  { label: 'present, position unchanged', ms: [] },
  { label: 'present, 5,000 chars inserted before, word edited inside', ms: [] },
  { label: '3,000-char quote, edited inside', ms: [] },
  { label: 'deleted (orphan, whole text searched)', ms: [] },
];
let stressWrong = 0;
for (let i = 0; i < 10; i += 1) {
  const start = 1000 + Math.floor(rand() * (big.length - 10_000));
  const s = big.indexOf(' ', start) + 1;
  const e = big.indexOf(' ', s + 150);
  const sel = describe(big, s, e);
  const time = (k: number, text: string, expectStart: number | null): void => {
    const t0 = performance.now();
    const r = anchor(text, sel);
    (lookups[k] as { ms: number[] }).ms.push(performance.now() - t0);
    if (expectStart === null ? r !== null : !r || Math.abs(r.start - expectStart) > 20) stressWrong += 1;
  };
  anchor(big, { quote: { type: 'TextQuoteSelector', exact: 'warm', prefix: '', suffix: '' } });
  time(0, big, s);
  const mid = s + 70;
  const edited = big.slice(0, s - 200) + 'x'.repeat(5000) + big.slice(s - 200, mid) + 'QQQ' + big.slice(mid + 3);
  anchor(edited, { quote: { type: 'TextQuoteSelector', exact: 'warm', prefix: '', suffix: '' } });
  time(1, edited, s + 5000);
  const le = Math.min(big.length, s + 3000);
  const longSel = describe(big, s, le);
  const longEdited = big.slice(0, s + 1500) + ' (updated) ' + big.slice(s + 1500);
  anchor(longEdited, { quote: { type: 'TextQuoteSelector', exact: 'warm', prefix: '', suffix: '' } });
  {
    const t0 = performance.now();
    const r = anchor(longEdited, longSel);
    (lookups[2] as { ms: number[] }).ms.push(performance.now() - t0);
    if (!r || Math.abs(r.start - s) > 20) stressWrong += 1;
  }
  const gone = big.slice(0, s) + big.slice(e);
  {
    anchor(gone, { quote: { type: 'TextQuoteSelector', exact: 'warm', prefix: '', suffix: '' } });
    time(3, gone, null);
  }
}
const f0 = performance.now();
foldText(big);
console.log(`2 MB stress (folding the page once: ${(performance.now() - f0).toFixed(0)} ms, cached between anchors):`);
for (const l of lookups) {
  const sorted = [...l.ms].sort((a, b) => a - b);
  console.log(`  ${l.label}: median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms (n=${sorted.length})`);
}
console.log(`  wrong results in stress: ${stressWrong}`);
