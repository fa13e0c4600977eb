// Node micro-benchmark of the mention matcher on the text of the corpus pages.
//   npx tsx scripts/bench/matcher-node.ts [--runs 15] [--json]
// For each page (parsed with linkedom, cut into blocks like a scanner would), it times:
//   concat   joining the block texts (the floor: touching every character once in JS)
//   test     /x/.test on every block (one native regex scan with no candidates)
//   blocks   matcher.evidenceIn(page) once + findMentions on every block with that page evidence
//   joined   evidenceIn + findMentions on the whole page text joined with "\u0000" (lib/scanner.ts)
//   naive    one /gi regex of 44 EN/RU/ZH names exec'd over the joined text: the corpus README's
//            reference scan (2.0x FLOOR in Chromium with Range creation), for scale
// Best of --runs runs per page; totals and the geometric mean of ratios over pages.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { compileMatcher } from '../../core/matcher';
import { loadDetectionEntities } from '../lib/detection-data';
import { textBlocks } from '../lib/text-blocks';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CORPUS = resolve(ROOT, '../shared/corpus/pages');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const asJson = args.includes('--json');

// Best of the runs: the machine may be shared, and noise only ever adds time.
function best(xs: number[]): number {
  return Math.min(...xs);
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const t0 = performance.now();
const entities = loadDetectionEntities();
const matcher = compileMatcher(entities);
const compileMs = performance.now() - t0;

interface Page {
  name: string;
  blocks: string[];
  chars: number;
}

const pages: Page[] = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => {
    const { document } = parseHTML(readFileSync(join(CORPUS, f), 'utf8'));
    const body = document.body ?? document.documentElement;
    const blocks = textBlocks(body as unknown as Element).map((b) => b.text);
    return { name: f.replace(/\.html$/, ''), blocks, chars: blocks.reduce((n, b) => n + b.length, 0) };
  });

// A stress page like the corpus README's: ~2 M characters, 80,000 blocks, ~2,000 mentions.
function stressPage(): Page {
  const filler = [
    'The ministers discussed trade, energy and transport corridors across the region on Tuesday.',
    'Официальные лица обсудили торговлю, энергетику и транспортные коридоры в регионе во вторник.',
    '双方官员周二讨论了该地区的贸易、能源和交通走廊问题，并同意继续合作。',
    'Analysts in Moscow, San Francisco and Scotland said Cisco would report results soon.',
  ];
  const named = [
    'Huawei opened a laboratory in Moscow with support from the Shanghai Cooperation Organisation.',
    'Роскомнадзор и ШОС обсудили сотрудничество с Лабораторией Касперского.',
    '华为与上合组织成员国在乌镇峰会期间签署协议。',
  ];
  const blocks: string[] = [];
  let chars = 0;
  for (let i = 0; chars < 2_000_000; i++) {
    const t = i % 40 === 0 ? named[(i / 40) % named.length]! : filler[i % filler.length]!;
    blocks.push(t.slice(0, 10 + (i % 17) * 5));
    chars += blocks[blocks.length - 1]!.length;
  }
  return { name: 'stress-2M', blocks, chars };
}
pages.push(stressPage());

// ~44 forms, like the corpus README's reference regex.
const NAIVE = new RegExp(
  [
    'Roskomnadzor', 'Huawei', 'Shanghai Cooperation Organisation', 'Shanghai Cooperation Organization', 'SCO', 'Wuxi',
    'Cyberspace Administration of China', 'CAC', 'Russian International Affairs Council', 'RIAC', 'Kaspersky', 'Telegram',
    'ICANN', 'Belt and Road', 'BRI', 'Eurasian Economic Union', 'EAEU', 'World Internet Conference', 'Wuzhen',
    'sovereign internet', 'cyber sovereignty', 'International Telecommunication Union', 'ITU', 'IronHusky', 'Google',
    'IMEMO', 'OEWG', 'GGE', 'Роскомнадзор', 'Роскомнадзора', 'Роскомнадзором', 'ШОС', 'Шанхайской организации сотрудничества',
    'Касперского', 'Хуавэй', 'Рунет', 'ЕАЭС', 'РСМД', '华为', '華為', '上海合作组织', '上合组织', '网信办', '乌镇',
  ].join('|'),
  'gi',
);

let sink = 0;
const rows = pages.map((p) => {
  const joinedText = p.blocks.join('\u0000');
  const concat: number[] = [];
  const test: number[] = [];
  const blocks: number[] = [];
  const joined: number[] = [];
  const naive: number[] = [];
  let mentions = 0;
  for (let r = 0; r < runs; r++) {
    concat.push(time(() => {
      let s = '';
      for (const b of p.blocks) s += b;
      sink += s.length;
    }));
    test.push(time(() => {
      const re = /x/;
      for (const b of p.blocks) if (re.test(b)) sink++;
    }));
    blocks.push(time(() => {
      const pageEvidence = matcher.evidenceIn(joinedText);
      let n = 0;
      for (const b of p.blocks) n += matcher.findMentions(b, { pageEvidence }).length;
      mentions = n;
    }));
    joined.push(time(() => {
      const pageEvidence = matcher.evidenceIn(joinedText);
      sink += matcher.findMentions(joinedText, { pageEvidence }).length;
    }));
    naive.push(time(() => {
      NAIVE.lastIndex = 0;
      while (NAIVE.exec(joinedText)) sink++;
    }));
  }
  return {
    page: p.name,
    blocks: p.blocks.length,
    chars: p.chars,
    mentions,
    concatMs: best(concat),
    testMs: best(test),
    blocksMs: best(blocks),
    joinedMs: best(joined),
    naiveMs: best(naive),
  };
});

const sum = (k: 'concatMs' | 'testMs' | 'blocksMs' | 'joinedMs' | 'naiveMs', rs = rows): number => rs.reduce((n, r) => n + r[k], 0);
const geo = (xs: number[]): number => Math.exp(xs.reduce((n, x) => n + Math.log(x), 0) / xs.length);
const corpus = rows.filter((r) => r.page !== 'stress-2M');
const floor = (r: (typeof rows)[number]): number => Math.max(r.testMs, 0.001);
const summary = {
  compileMs: Number(compileMs.toFixed(1)),
  aliases: matcher.aliasCount,
  pages: corpus.length,
  runs,
  totalChars: corpus.reduce((n, r) => n + r.chars, 0),
  totalConcatMs: Number(sum('concatMs', corpus).toFixed(2)),
  totalTestMs: Number(sum('testMs', corpus).toFixed(2)),
  totalBlocksMs: Number(sum('blocksMs', corpus).toFixed(2)),
  totalJoinedMs: Number(sum('joinedMs', corpus).toFixed(2)),
  totalNaiveMs: Number(sum('naiveMs', corpus).toFixed(2)),
  joinedOverNaive: Number((sum('joinedMs', corpus) / sum('naiveMs', corpus)).toFixed(2)),
  geomeanBlocksOverTest: Number(geo(corpus.map((r) => r.blocksMs / floor(r))).toFixed(2)),
  geomeanJoinedOverTest: Number(geo(corpus.map((r) => r.joinedMs / floor(r))).toFixed(2)),
  nsPerCharJoined: Number(((sum('joinedMs', corpus) * 1e6) / corpus.reduce((n, r) => n + r.chars, 0)).toFixed(2)),
};

if (asJson) {
  console.log(JSON.stringify({ summary, rows }, null, 2));
} else {
  const f = (x: number): string => x.toFixed(2).padStart(8);
  console.log(`${'page'.padEnd(24)}${'blocks'.padStart(7)}${'chars'.padStart(9)}${'found'.padStart(6)}  concat    test  blocks  joined   naive  (ms, best of ${runs})`);
  for (const r of rows) {
    console.log(`${r.page.padEnd(24)}${String(r.blocks).padStart(7)}${String(r.chars).padStart(9)}${String(r.mentions).padStart(6)}${f(r.concatMs)}${f(r.testMs)}${f(r.blocksMs)}${f(r.joinedMs)}${f(r.naiveMs)}`);
  }
  console.log(summary);
}
if (sink === -1) console.log('');
