// Library search benchmark: 10,000 seeded, realistic highlights (English, Russian, Chinese news
// passages about the report's actors), then "roskomnadzor" typed one character at a time.
// Run: npx tsx scripts/bench/search-node.ts [count]
import { pathToFileURL } from 'node:url';
import { newHighlight, type Colour, type HighlightRecord } from '../../core/annotations/record';
import { LibraryIndex } from '../../core/annotations/search';
import { prng as seededRandom } from '../lib/prng';


export const BENCH_ENTITIES: Record<string, { en: string; ru: string; zh: string }> = {
  roskomnadzor: { en: 'Roskomnadzor', ru: 'Роскомнадзор', zh: '俄罗斯联邦通信监管局' },
  huawei: { en: 'Huawei', ru: 'Huawei', zh: '华为' },
  sco: { en: 'the SCO', ru: 'ШОС', zh: '上海合作组织' },
  'wuxi-declaration': { en: 'the Wuxi declaration', ru: 'Уханьская декларация', zh: '无锡宣言' },
  'great-firewall': { en: 'the Great Firewall', ru: 'Великий китайский файрвол', zh: '防火长城' },
  cac: { en: 'the CAC', ru: 'Администрация киберпространства Китая', zh: '国家互联网信息办公室' },
  'sovereign-internet-law': { en: 'the sovereign internet law', ru: 'закон о суверенном интернете', zh: '主权互联网法' },
  apt31: { en: 'APT31', ru: 'APT31', zh: 'APT31' },
  itu: { en: 'the ITU', ru: 'МСЭ', zh: '国际电信联盟' },
  'digital-silk-road': { en: 'the Digital Silk Road', ru: 'Цифровой шёлковый путь', zh: '数字丝绸之路' },
};

const TEMPLATES = {
  en: [
    'Officials in Moscow said {A} would cooperate more closely with {B} on information security.',
    'Experts warned that {A} could expose Russian networks to espionage, citing {B}.',
    'According to the report, {A} blocked access to several services after talks with {B}.',
    '{A} signed a memorandum on data localisation; critics compared it with {B}.',
    'Liberal media described {A} as a cautionary example for regulators such as {B}.',
  ],
  ru: [
    'По словам чиновников, {A} будет теснее сотрудничать с {B} в сфере информационной безопасности.',
    'Эксперты предупредили, что {A} может угрожать российским сетям, сославшись на {B}.',
    '{A} ограничил доступ к нескольким сервисам после переговоров с {B}.',
    'Издание «Ведомости» сравнило {A} с подходом, который продвигает {B}.',
  ],
  zh: [
    '俄罗斯官员表示，{A}将与{B}在信息安全领域加强合作。',
    '专家警告说，{A}可能使俄罗斯网络面临间谍活动的风险，并提到了{B}。',
    '报告指出，{A}在与{B}会谈后限制了多项服务的访问。',
  ],
} as const;

const SITES = {
  en: ['reuters.com', 'theguardian.com', 'scmp.com', 'carnegieendowment.org', 'therecord.media'],
  ru: ['kommersant.ru', 'vedomosti.ru', 'rbc.ru', 'meduza.io', 'tass.ru'],
  zh: ['xinhuanet.com', 'people.com.cn', 'thepaper.cn', 'caixin.com'],
} as const;
const NOTES = [
  '', '', '', 'Compare with the 2015 agreement.', 'Важно: проверить источник.', '对比报告第三节。',
  'Quote for the chapter on sovereignty — "check the date", then cite.', 'Follow up, see also: SCO, CSTO 🤔',
];
const TAGS = ['sovereignty', 'espionage', 'regulation', 'to-read', 'цитата', '引用', 'chapter-2', 'huawei'];
const COLOURS: Colour[] = ['yellow', 'green', 'blue', 'pink', 'purple'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function hex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

/** `count` varied highlights over three years, reproducible from `seed`. */
export function generateHighlights(count: number, seed = 42): HighlightRecord[] {
  const rand = seededRandom(seed);
  const ids = Object.keys(BENCH_ENTITIES);
  const start = Date.UTC(2021, 0, 1);
  const span = 3 * 365 * 24 * 3600 * 1000;
  const out: HighlightRecord[] = [];
  for (let i = 0; i < count; i++) {
    const lang = pick(rand, ['en', 'en', 'ru', 'ru', 'zh'] as const);
    const a = pick(rand, ids);
    let b = pick(rand, ids);
    if (b === a) b = ids[(ids.indexOf(a) + 1) % ids.length]!;
    const exact = pick(rand, TEMPLATES[lang]).replace('{A}', BENCH_ENTITIES[a]![lang]).replace('{B}', BENCH_ENTITIES[b]![lang]);
    const site = pick(rand, SITES[lang]);
    const article = Math.floor(rand() * 2000);
    const url = `https://www.${site}/news/${2021 + (article % 3)}/article-${article}`;
    const offset = Math.floor(rand() * 20_000);
    const created = start + Math.floor(rand() * span);
    const id = `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;
    out.push(
      newHighlight(
        {
          url,
          title: `${lang === 'zh' ? '新闻' : lang === 'ru' ? 'Новости' : 'News'} ${article}: ${BENCH_ENTITIES[a]![lang]}`,
          quote: { exact, prefix: 'context before ', suffix: ' context after' },
          position: { start: offset, end: offset + exact.length },
          entityIds: [a, b],
          note: pick(rand, NOTES),
          tags: rand() < 0.4 ? [pick(rand, TAGS), pick(rand, TAGS)] : [],
          colour: pick(rand, COLOURS),
        },
        created,
        id,
      ),
    );
  }
  return out;
}

export const benchEntityTerms = (id: string): string[] => {
  const e = BENCH_ENTITIES[id];
  return e ? [e.en, e.ru, e.zh] : [];
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main(): void {
  const count = Number(process.argv[2] ?? 10_000);
  const records = generateHighlights(count);
  let t = performance.now();
  const index = new LibraryIndex(records, { entityTerms: benchEntityTerms });
  const buildMs = performance.now() - t;

  const word = 'roskomnadzor';
  const runs = 31;
  const perKey: number[][] = Array.from({ length: word.length }, () => []);
  const totals: number[] = [];
  for (let run = 0; run < runs; run++) {
    index.search({ text: '' }); // reader opens the library: everything, newest first
    for (let k = 1; k <= word.length; k++) {
      t = performance.now();
      const res = index.search({ text: word.slice(0, k) });
      perKey[k - 1]!.push(performance.now() - t);
      if (run === 0) totals.push(res.total);
    }
  }
  // Worst case: every keystroke a fresh query (no narrowing), e.g. a pasted term or an edit in the middle.
  const cold: number[] = [];
  for (let k = 1; k <= word.length; k++) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      index.put(records[run]!); // bumps the version, so the cache cannot be used
      t = performance.now();
      index.search({ text: word.slice(0, k) });
      times.push(performance.now() - t);
    }
    cold.push(median(times));
  }
  const repeat = (f: () => number): { ms: number; total: number } => {
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < runs; run++) {
      index.put(records[run]!); // fresh query each time
      const t0 = performance.now();
      total = f();
      times.push(performance.now() - t0);
    }
    return { ms: median(times), total };
  };
  const filtered = repeat(() => index.search({ text: 'huawei', entityIds: ['sco'], sites: ['kommersant.ru', 'reuters.com'], from: '2022-01-01', sort: 'newest' }).total);
  const zh = repeat(() => index.search({ text: '信息安全' }).total);
  const browse = repeat(() => index.search({ sort: 'newest', limit: 100 }).total);
  console.log(`records: ${count}; index build ${buildMs.toFixed(1)} ms`);
  console.log(`keystroke      hits   typing: median / max ms   cold (no narrowing): median ms   (${runs} runs)`);
  for (let k = 0; k < word.length; k++) {
    const times = perKey[k]!;
    console.log(
      `${word.slice(0, k + 1).padEnd(13)} ${String(totals[k]).padStart(5)}   ${median(times).toFixed(2).padStart(8)} / ${Math.max(...times).toFixed(2).padStart(6)}   ${cold[k]!.toFixed(2).padStart(8)}`,
    );
  }
  console.log(`filters (huawei + sco + 2 sites + from 2022, newest): ${filtered.total} hits, median ${filtered.ms.toFixed(2)} ms`);
  console.log(`Chinese substring 信息安全: ${zh.total} hits, median ${zh.ms.toFixed(2)} ms`);
  console.log(`browse (no query, newest, first 100): ${browse.total} total, median ${browse.ms.toFixed(2)} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
