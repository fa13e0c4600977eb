// The synthetic stress page of the corpus README: about 2 M characters in 80,000 text nodes
// (16,000 paragraphs of five text nodes: text, <a>, text, <em>, a full stop), English, Russian and Chinese,
// with 2,000 mentions of pack names. Seeded: every run builds the same page.
import { prng } from './anchoring-set';

const FILLER = {
  en: [
    'The ministers discussed trade, energy and transport corridors across the region on Tuesday',
    'Analysts said the new rules would take effect next year after a public consultation',
    'Officials met in the capital to review the progress of several joint infrastructure projects',
    'The committee published a long statement on data protection and cross-border payments',
  ],
  ru: [
    'Министры обсудили торговлю, энергетику и транспортные коридоры в регионе во вторник',
    'Аналитики считают, что новые правила вступят в силу в следующем году после обсуждения',
    'Чиновники встретились в столице, чтобы обсудить ход совместных инфраструктурных проектов',
    'Комитет опубликовал длинное заявление о защите данных и трансграничных платежах',
  ],
  zh: [
    '双方官员周二讨论了该地区的贸易、能源和交通走廊问题，并同意继续合作',
    '分析人士表示，新规定将在明年经过公开征求意见后生效，相关部门正在准备',
    '官员们在首都会面，审查了几个联合基础设施项目的进展情况和下一步安排',
    '委员会发表了一份关于数据保护和跨境支付的长篇声明，引起广泛关注',
  ],
} as const;

const NAMES = {
  en: ['Huawei', 'Roskomnadzor', 'Shanghai Cooperation Organisation', 'Kaspersky Lab', 'ICANN', 'World Internet Conference', 'Eurasian Economic Union', 'International Telecommunication Union'],
  ru: ['Роскомнадзор', 'Хуавэй', 'Лаборатория Касперского', 'Шанхайской организации сотрудничества', 'Евразийский экономический союз', 'Международный союз электросвязи'],
  zh: ['华为', '上海合作组织', '国际电信联盟', '欧亚经济联盟', '俄罗斯国际事务委员会', '谷歌'],
} as const;

const LANGS = ['en', 'ru', 'zh'] as const;

export interface StressPage {
  html: string;
  chars: number;
  textNodes: number;
  mentions: number;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

export function stressPage(opts: { paragraphs?: number; mentions?: number; seed?: number } = {}): StressPage {
  const paragraphs = opts.paragraphs ?? 16_000;
  const mentionCount = opts.mentions ?? 2_000;
  const rand = prng(opts.seed ?? 2021);
  const nodesTotal = paragraphs * 4;
  // Which text nodes carry a mention: evenly spread, seeded jitter.
  const withMention = new Set<number>();
  const step = nodesTotal / mentionCount;
  for (let i = 0; i < mentionCount; i++) withMention.add(Math.floor(i * step + rand() * (step - 1)));
  let chars = 0;
  const out: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stress page: 2 M characters</title></head><body><main>'];
  let node = 0;
  const text = (lang: (typeof LANGS)[number], len: number): string => {
    const f = FILLER[lang];
    let s: string = f[Math.floor(rand() * f.length)]!;
    const start = Math.floor(rand() * Math.max(1, s.length - len));
    s = s.slice(start, start + len);
    if (withMention.has(node)) {
      const names = NAMES[lang];
      const name = names[Math.floor(rand() * names.length)]!;
      const at = Math.floor(s.length / 2);
      const sp = lang === 'zh' ? '' : ' ';
      s = s.slice(0, at) + sp + name + sp + s.slice(at);
    }
    node++;
    chars += s.length;
    return esc(s);
  };
  for (let p = 0; p < paragraphs; p++) {
    const lang = LANGS[p % 3]!;
    const sp = lang === 'zh' ? '' : ' ';
    // Text nodes of about 25-35 characters (zh ones shorter in characters, as in real pages).
    const len = lang === 'zh' ? 19 : 31;
    const a = text(lang, len + Math.floor(rand() * 10)) + sp;
    const b = text(lang, len + Math.floor(rand() * 10));
    const c = sp + text(lang, len + Math.floor(rand() * 10)) + sp;
    const d = text(lang, len + Math.floor(rand() * 10));
    chars += sp.length * 3;
    out.push(`<p lang="${lang}">${a}<a href="#p${p}">${b}</a>${c}<em>${d}</em>.</p>`);
    chars += 1;
  }
  out.push('</main></body></html>');
  return { html: out.join(''), chars, textNodes: paragraphs * 5, mentions: mentionCount };
}
