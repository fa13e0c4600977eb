// The mention matcher: finds every mention of a pack entity in a text, in English, Russian and
// Chinese. Pure: no DOM, no extension APIs.
//
// How a DOM scanner uses it
// - Compile once per pack: `const matcher = compileMatcher(pack.entities)`. Folding and indexing
//   ~600 names is 10-20 ms of cold JavaScript on a fresh page, so a page should instead load data
//   precompiled at build time: `loadMatcher(data)` with `data = precompileMatcher(entities)`
//   (./precompiled; `compileMatcher(data)` is the same), well under a millisecond. Nothing is
//   warmed up: a warm-up on sample strings cost more than it saved in the first real scan.
// - Text in, offsets out: give it the text of a block (text nodes of a block element and its inline
//   descendants joined, so "Shanghai Cooperation <a>Organisation</a>" is one string), or the text
//   of many blocks joined with a separator that is neither a letter nor a space ("\u0000"): no name
//   matches across one. `findMentions` returns UTF-16 offsets into that string, sorted and
//   non-overlapping; map them back to text nodes yourself.
// - Page evidence: some names are ambiguous ("SCO", "Wuzhen", "上合") and count only when the
//   entity's evidence ("Shanghai", "member states", "峰会"...) or one of its unambiguous names
//   occurs in the same text or on the page. Collect page evidence once with
//   `matcher.evidenceIn(title + "\u0000" + pageText)` (and add to it as new text arrives), then
//   pass it as `findMentions(block, { pageEvidence })`. `{ context: string }` does the same for a
//   one-off caller (the string is scanned lazily, only when the block has an ambiguous candidate).
// - Cost: one native regex search for candidate positions (a phrase's first two characters; word
//   starts only for Latin and Cyrillic names), a trie walk at each candidate; calling evidenceIn and then
//   findMentions on the same string scans its names once (the last scan is cached).
import type { Entity } from '../pack/schema';
import { canonText, foldCode, foldText, isIgnorableCode, isSpaceCode, isWordCode } from './chars';
import { PhraseIndex, buildPhraseIndex, isWordFast, type PhraseIndexData, type PhraseInput } from './phrase-index';
import { buildPrefilter, type PrefilterData } from './prefilter';

export interface Mention {
  entityId: string;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

export interface FindOptions {
  /** Page-level text (title, rest of the page) whose evidence also confirms ambiguous names. */
  context?: string;
  /** Entities the page already vouches for, from `evidenceIn` over the page. */
  pageEvidence?: ReadonlySet<string>;
}

export interface Matcher {
  /** Mentions in `text`, sorted by start, non-overlapping; the longest name wins. */
  findMentions(text: string, opts?: FindOptions): Mention[];
  /** Entities that `text` vouches for: one of their evidence words or unambiguous names occurs. */
  evidenceIn(text: string): Set<string>;
  /** Number of alias forms compiled (for diagnostics). */
  readonly aliasCount: number;
  /** Where names and evidence words may start in a page's raw text (./prefilter). */
  readonly prefilter: PrefilterData;
}

export type MatcherEntity = Pick<Entity, 'id' | 'aliases' | 'evidence' | 'confusables'>;

/**
 * A phrase of the combined index, as compact plain data: a name of an entity, or an evidence word
 * for some entities. Entities are numbers into `CompiledMatcherData.entityIds`.
 */
export type MatcherPhrase = [
  /** The entity this name names; -1 for an evidence word. */
  entity: number,
  /** NEEDS_CONTEXT | BOUNDARY_START | BOUNDARY_END. */
  flags: number,
  /**
   * Phrases around the name that mean something else, folded, as pairs: the text before the name,
   * the text after it, before, after... null if none.
   */
  confusables: string[] | null,
  /** Entities an evidence word vouches for; null for a name. */
  evidenceFor: number[] | null,
];

/** An ambiguous name: it counts only with evidence. */
const NEEDS_CONTEXT = 1;
/** Check for a word boundary before / after (only where the name's edge is a letter or digit). */
const BOUNDARY_START = 2;
const BOUNDARY_END = 4;

/**
 * A compiled matcher as plain JSON-safe data (`precompileMatcher` in ./precompiled): what
 * `loadMatcher` / `compileMatcher` read without folding or building anything.
 */
export interface CompiledMatcherData {
  format: typeof DATA_FORMAT;
  /** Number of alias forms compiled. */
  aliasCount: number;
  entityIds: string[];
  index: PhraseIndexData<MatcherPhrase>;
  prefilter: PrefilterData;
}

const DATA_FORMAT = 'kontekst-matcher/5';

/** Every occurrence of `needle` in `hay`. */
function occurrences(hay: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/** Folded `pattern` ends right before `pos` in `text` (space runs match one space). */
function endsBefore(text: string, pos: number, pattern: string): boolean {
  let i = pos - 1;
  for (let k = pattern.length - 1; k >= 0; k--) {
    while (i >= 0 && isIgnorableCode(text.charCodeAt(i))) i--;
    if (i < 0) return false;
    const want = pattern.charCodeAt(k);
    if (want === 32) {
      if (!isSpaceCode(text.charCodeAt(i))) return false;
      while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
      continue;
    }
    if (foldCode(text.charCodeAt(i)) !== want) return false;
    i--;
  }
  return true;
}

/** Folded `pattern` starts at `pos` in `text` (space runs match one space). */
function startsAt(text: string, pos: number, pattern: string): boolean {
  let i = pos;
  const len = text.length;
  for (let k = 0; k < pattern.length; k++) {
    while (i < len && isIgnorableCode(text.charCodeAt(i))) i++;
    if (i >= len) return false;
    const want = pattern.charCodeAt(k);
    if (want === 32) {
      if (!isSpaceCode(text.charCodeAt(i))) return false;
      while (i < len && isSpaceCode(text.charCodeAt(i))) i++;
      continue;
    }
    if (foldCode(text.charCodeAt(i)) !== want) return false;
    i++;
  }
  return true;
}

/** Evidence words in capitals ("SCO", "UN") are matched case-sensitively; others in any case. */
function isAcronym(term: string): boolean {
  return term.length <= 6 && /^[\p{Lu}\d]+$/u.test(term) && /\p{Lu}/u.test(term);
}

interface Scan {
  mentions: Mention[];
  /** Parallel to mentions: true for an ambiguous name still waiting for evidence. */
  ambiguous: boolean[];
  hasAmbiguous: boolean;
  /** Entities named unambiguously in the text. */
  named: Set<string>;
  /** Entities whose evidence words occur in the text. */
  evidence: Set<string>;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

const newScan = (): Scan => ({ mentions: [], ambiguous: [], hasAmbiguous: false, named: new Set(), evidence: new Set() });
/** The scan of every text without names or evidence: shared, never written to. */
const EMPTY_SCAN: Scan = newScan();

/** Folds every name, confusable and evidence word and builds the index: the costly half. */
export function buildMatcherData(entities: readonly MatcherEntity[]): CompiledMatcherData {
  const inputs: PhraseInput<MatcherPhrase>[] = [];
  const evidenceByTerm = new Map<string, { text: string; caseSensitive: boolean; ids: number[] }>();
  const entityIds = entities.map((e) => e.id);
  entities.forEach((e, entity) => {
    const foldedConfusables = (e.confusables ?? []).map(foldText).filter(Boolean);
    for (const a of e.aliases) {
      const key = foldText(a.text);
      const canon = canonText(a.text);
      if (!key) continue;
      const confusables: string[] = [];
      for (const c of foldedConfusables) {
        for (const at of occurrences(c, key)) confusables.push(c.slice(0, at), c.slice(at + key.length));
      }
      const whole = a.wholeWord !== false;
      inputs.push({
        text: a.text,
        caseSensitive: a.caseSensitive === true,
        wordStart: whole,
        payload: [
          entity,
          (a.needsContext === true ? NEEDS_CONTEXT : 0) |
            (whole && isWordCode(canon.charCodeAt(0)) ? BOUNDARY_START : 0) |
            (whole && isWordCode(canon.charCodeAt(canon.length - 1)) ? BOUNDARY_END : 0),
          confusables.length ? confusables : null,
          null,
        ],
      });
    }
    // Evidence only matters for entities with ambiguous names.
    if (e.aliases.some((a) => a.needsContext)) {
      for (const term of e.evidence ?? []) {
        const caseSensitive = isAcronym(term.trim());
        const k = caseSensitive ? `C:${canonText(term)}` : `i:${foldText(term)}`;
        const entry = evidenceByTerm.get(k);
        if (!entry) evidenceByTerm.set(k, { text: term, caseSensitive, ids: [entity] });
        else if (!entry.ids.includes(entity)) entry.ids.push(entity);
      }
    }
  });
  const aliasCount = inputs.length;
  for (const t of evidenceByTerm.values()) {
    inputs.push({
      text: t.text,
      caseSensitive: t.caseSensitive,
      wordStart: true,
      payload: [-1, 0, null, t.ids],
    });
  }
  const phrase = (p: PhraseInput<MatcherPhrase>) => ({ text: p.text, caseSensitive: p.caseSensitive });
  const evidenceOf = new Map<string, { text: string; caseSensitive: boolean }[]>();
  for (const t of evidenceByTerm.values()) {
    for (const e of t.ids) {
      const id = entityIds[e]!;
      if (!evidenceOf.has(id)) evidenceOf.set(id, []);
      evidenceOf.get(id)!.push({ text: t.text, caseSensitive: t.caseSensitive });
    }
  }
  const names = inputs.slice(0, aliasCount).map((p) => ({
    ...phrase(p),
    entity: entityIds[p.payload[0]]!,
    ambiguous: (p.payload[1] & NEEDS_CONTEXT) !== 0,
    wholeWord: p.wordStart,
  }));
  const prefilter = buildPrefilter(names, evidenceOf);
  return { format: DATA_FORMAT, aliasCount, entityIds, index: buildPhraseIndex(inputs), prefilter };
}

class CompiledMatcher implements Matcher {
  /** Names and evidence words together: one pass over a text finds both. */
  private readonly index: PhraseIndex<MatcherPhrase>;
  /** Scratch for the hits of a walk: end offsets and phrase numbers, parallel (see walk). */
  private readonly hitEnds: number[] = [];
  private readonly hitPhrases: number[] = [];
  private lastText: string | null = null;
  private lastScan: Scan | null = null;
  private lastContext: string | null = null;
  private lastContextEvidence: ReadonlySet<string> = EMPTY_SET;
  private readonly entityIds: readonly string[];
  readonly aliasCount: number;
  readonly prefilter: PrefilterData;

  constructor(data: CompiledMatcherData) {
    if (data.format !== DATA_FORMAT) throw new Error(`Matcher data: unknown format ${String(data.format)}`);
    this.aliasCount = data.aliasCount;
    this.prefilter = data.prefilter;
    this.entityIds = data.entityIds;
    this.index = new PhraseIndex(data.index);
  }

  private accepts(text: string, start: number, end: number, a: MatcherPhrase): boolean {
    const flags = a[1];
    if ((flags & BOUNDARY_START) !== 0 && start > 0 && isWordFast(text.charCodeAt(start - 1))) return false;
    if ((flags & BOUNDARY_END) !== 0 && end < text.length && isWordFast(text.charCodeAt(end))) return false;
    const cs = a[2];
    if (cs) {
      for (let k = 0; k < cs.length; k += 2) {
        const before = cs[k]!;
        const after = cs[k + 1]!;
        if ((before === '' || endsBefore(text, start, before)) && (after === '' || startsAt(text, end, after))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Names (before ambiguous ones are checked) and evidence in `text`, in one pass. */
  private scan(text: string): Scan {
    if (text === this.lastText && this.lastScan) return this.lastScan;
    // Most texts (short blocks especially) have no name and no evidence: they share EMPTY_SCAN.
    let scan: Scan | null = null;
    const index = this.index;
    const payloads = index.payloads;
    const entityIds = this.entityIds;
    const hitEnds = this.hitEnds;
    const hitPhrases = this.hitPhrases;
    // Names do not overlap: the next one may start only after the last one found.
    let namesFrom = 0;
    for (let start = index.nextCandidate(text, 0); start >= 0; start = index.nextCandidate(text, start + 1)) {
      const hitCount = index.walk(text, start, hitEnds, hitPhrases);
      let best: MatcherPhrase | null = null;
      let bestEnd = 0;
      // Hits come shortest first: the longest acceptable name wins.
      for (let k = hitCount - 1; k >= 0; k--) {
        const p = payloads[hitPhrases[k]!]!;
        const evidenceFor = p[3];
        if (evidenceFor) {
          if (start === 0 || !isWordFast(text.charCodeAt(start - 1)) || !isWordFast(text.charCodeAt(start))) {
            scan ??= newScan();
            for (const e of evidenceFor) scan.evidence.add(entityIds[e]!);
          }
        } else if (!best && start >= namesFrom && this.accepts(text, start, hitEnds[k]!, p)) {
          best = p;
          bestEnd = hitEnds[k]!;
        }
      }
      if (best) {
        const id = entityIds[best[0]]!;
        const needsContext = (best[1] & NEEDS_CONTEXT) !== 0;
        scan ??= newScan();
        scan.mentions.push({ entityId: id, start, end: bestEnd });
        scan.ambiguous.push(needsContext);
        if (needsContext) scan.hasAmbiguous = true;
        else scan.named.add(id);
        namesFrom = bestEnd;
      }
    }
    scan ??= EMPTY_SCAN;
    this.lastText = text;
    this.lastScan = scan;
    return scan;
  }
  evidenceIn(text: string): Set<string> {
    const scan = this.scan(text);
    const out = new Set(scan.named);
    for (const id of scan.evidence) out.add(id);
    return out;
  }

  private contextEvidence(context: string): ReadonlySet<string> {
    if (context !== this.lastContext) {
      // scan() caches one text: keep the block's scan cached across this call.
      const keepText = this.lastText;
      const keepScan = this.lastScan;
      this.lastContextEvidence = this.evidenceIn(context);
      this.lastContext = context;
      this.lastText = keepText;
      this.lastScan = keepScan;
    }
    return this.lastContextEvidence;
  }

  findMentions(text: string, opts?: FindOptions): Mention[] {
    const scan = this.scan(text);
    const out: Mention[] = [];
    if (scan.mentions.length === 0) return out;
    let inContext: ReadonlySet<string> | null = null;
    for (let i = 0; i < scan.mentions.length; i++) {
      const m = scan.mentions[i]!;
      if (scan.ambiguous[i]) {
        const id = m.entityId;
        let ok = scan.named.has(id) || scan.evidence.has(id) || opts?.pageEvidence?.has(id) === true;
        if (!ok && opts?.context) {
          inContext ??= this.contextEvidence(opts.context);
          ok = inContext.has(id);
        }
        if (!ok) continue;
      }
      out.push({ entityId: m.entityId, start: m.start, end: m.end });
    }
    return out;
  }
}

function isMatcherData(x: readonly MatcherEntity[] | CompiledMatcherData): x is CompiledMatcherData {
  return !Array.isArray(x);
}

/**
 * Compiles the names of all entities together, once. Given data from `precompileMatcher`
 * (./precompiled), it only reads it (well under a millisecond): the content script should do that.
 */
export function compileMatcher(entities: readonly MatcherEntity[] | CompiledMatcherData): Matcher {
  return new CompiledMatcher(isMatcherData(entities) ? entities : buildMatcherData(entities));
}
