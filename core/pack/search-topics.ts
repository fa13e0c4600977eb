// Search over the context pack for the library's Topics view: any name or alias, in any language.
// Pure: no DOM, no extension APIs.
import type { Entity, Pack } from './schema';

/** Best first. A lower number is a better match. */
export const MATCH_TIERS = {
  exact: 0, // the query is a whole name or alias
  prefix: 1, // a name or alias starts with the query
  wordPrefix: 2, // a word inside a name or alias starts with the query
  substring: 3, // the query occurs inside a name or alias
  stem: 4, // a Russian inflected form whose stem starts a name or alias word
  description: 5, // the query occurs in whatItIs
  words: 6, // every word of the query occurs somewhere in names, aliases or whatItIs
} as const;
export type MatchTier = keyof typeof MATCH_TIERS;

export interface TopicMatch {
  entity: Entity;
  tier: MatchTier;
  /** The name or alias that matched, as written in the pack (whatItIs for description/words matches). */
  matched: string;
}

/** Folds text for comparison: lower case, ё→е, dashes and spaces unified, soft hyphens dropped. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2010-\u2015\u2212-]/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const CYRILLIC = /[\u0400-\u04ff]/;
// Case endings of Russian nouns and adjectives, longest first, so "роскомнадзором" yields "роскомнадзор".
const RU_ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ой', 'ей', 'ом', 'ем', 'ах', 'ях',
  'ую', 'юю', 'ая', 'яя', 'ые', 'ие', 'ых', 'их', 'ов', 'ев', 'а', 'я', 'у', 'ю', 'е', 'ы', 'и', 'о',
];
const MIN_STEM = 4;

/** Stems a normalised Cyrillic word by dropping one case ending; undefined when too short to trust. */
function russianStem(word: string): string | undefined {
  if (!CYRILLIC.test(word)) return undefined;
  for (const ending of RU_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  }
  return word.length >= MIN_STEM + 1 ? word : undefined;
}

interface Term {
  raw: string;
  norm: string;
  words: string[];
}

function termsOf(entity: Entity): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const raw of [entity.names.en, entity.names.ru, entity.names.zh, ...entity.aliases.map((a) => a.text)]) {
    const norm = normalizeForSearch(raw);
    if (!norm || seen.has(norm)) continue;
    seen.add(norm);
    out.push({ raw, norm, words: norm.split(/[\s'"«»“”„()[\]{},.;:!?/]+/).filter(Boolean) });
  }
  return out;
}

interface Indexed {
  entity: Entity;
  order: number;
  terms: Term[];
  description: string;
  haystack: string;
}

const indexCache = new WeakMap<Pack, Indexed[]>();

function indexOf(pack: Pack): Indexed[] {
  let index = indexCache.get(pack);
  if (!index) {
    index = pack.entities.map((entity, order) => {
      const terms = termsOf(entity);
      const description = normalizeForSearch(entity.whatItIs);
      return { entity, order, terms, description, haystack: [...terms.map((t) => t.norm), description].join(' \n ') };
    });
    indexCache.set(pack, index);
  }
  return index;
}

function bestMatch(item: Indexed, query: string, queryWords: string[]): { tier: MatchTier; matched: string; len: number } | undefined {
  let best: { tier: MatchTier; matched: string; len: number } | undefined;
  const consider = (tier: MatchTier, term: Term) => {
    const len = term.norm.length;
    if (!best || MATCH_TIERS[tier] < MATCH_TIERS[best.tier] || (tier === best.tier && len < best.len)) {
      best = { tier, matched: term.raw, len };
    }
  };
  const stem = queryWords.length === 1 ? russianStem(query) : undefined;
  for (const term of item.terms) {
    if (term.norm === query) consider('exact', term);
    else if (term.norm.startsWith(query)) consider('prefix', term);
    else if (term.words.some((w) => w.startsWith(query)) || term.norm.includes(' ' + query)) consider('wordPrefix', term);
    else if (term.norm.includes(query)) consider('substring', term);
    else if (stem && term.words.some((w) => w.startsWith(stem) || (russianStem(w) ?? w) === stem)) consider('stem', term);
  }
  if (best) return best;
  if (item.description.includes(query)) return { tier: 'description', matched: item.entity.whatItIs, len: 0 };
  if (queryWords.length > 1 && queryWords.every((w) => item.haystack.includes(w))) {
    return { tier: 'words', matched: item.entity.whatItIs, len: 0 };
  }
  return undefined;
}

/**
 * Every entity the query finds, best first: exact name/alias, then prefix, word prefix, substring,
 * Russian stem, whatItIs. Ties keep the shorter matched term, then pack order. An empty query
 * returns every entity in pack order (tier "exact" is meaningless there, so it is "substring").
 */
export function rankTopics(pack: Pack, query: string): TopicMatch[] {
  const index = indexOf(pack);
  const q = normalizeForSearch(query);
  if (!q) return index.map((it) => ({ entity: it.entity, tier: 'substring' as const, matched: it.entity.names.en }));
  const words = q.split(' ');
  const hits: Array<{ it: Indexed; tier: MatchTier; matched: string; len: number }> = [];
  for (const it of index) {
    const m = bestMatch(it, q, words);
    if (m) hits.push({ it, ...m });
  }
  hits.sort((a, b) => MATCH_TIERS[a.tier] - MATCH_TIERS[b.tier] || a.len - b.len || a.it.order - b.it.order);
  return hits.map((h) => ({ entity: h.it.entity, tier: h.tier, matched: h.matched }));
}

/** The entities a query finds, best first (see rankTopics). */
export function searchTopics(pack: Pack, query: string): Entity[] {
  return rankTopics(pack, query).map((m) => m.entity);
}
