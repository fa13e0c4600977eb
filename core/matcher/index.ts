// The mention matcher: finds every mention of a pack entity in a text, in English, Russian and
// Chinese. Pure: no DOM, no extension APIs.
//
// How a DOM scanner uses it
// - Compile once per pack: `const matcher = compileMatcher(pack.entities)` (a few ms; it also warms
//   the regex up on one-byte and two-byte strings).
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
// - Cost: one tight loop over the text's characters (a first-character table, word starts only for
//   Latin and Cyrillic names), a trie walk at each candidate; calling evidenceIn and then
//   findMentions on the same string scans its names once (the last scan is cached).
import type { Entity } from '../pack/schema';
import { canonText, foldCode, foldText, isIgnorableCode, isSpaceCode, isWordCode } from './chars';
import { PhraseIndex, isWordFast, type PhraseHit, type PhraseInput } from './phrase-index';

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
}

export type MatcherEntity = Pick<Entity, 'id' | 'aliases' | 'evidence' | 'confusables'>;

/** A phrase around an alias that means something else: the text before and after the alias, folded. */
interface Confusable {
  before: string;
  after: string;
}

interface AliasInfo {
  entityId: string;
  needsContext: boolean;
  /** Check for a word boundary before / after (only where the name's edge is a letter or digit). */
  boundaryStart: boolean;
  boundaryEnd: boolean;
  confusables: Confusable[] | null;
}

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

/** A phrase of the combined index: a name of an entity, or an evidence word for some entities. */
type Phrase = { alias: AliasInfo; evidenceFor: null } | { alias: null; evidenceFor: readonly string[] };

const EMPTY_SET: ReadonlySet<string> = new Set();

class CompiledMatcher implements Matcher {
  /** Names and evidence words together: one pass over a text finds both. */
  private readonly index: PhraseIndex<Phrase>;
  private readonly hits: PhraseHit<Phrase>[] = [];
  private lastText: string | null = null;
  private lastScan: Scan | null = null;
  private lastContext: string | null = null;
  private lastContextEvidence: ReadonlySet<string> = EMPTY_SET;
  readonly aliasCount: number;

  constructor(entities: readonly MatcherEntity[]) {
    const inputs: PhraseInput<Phrase>[] = [];
    const evidenceByTerm = new Map<string, { text: string; caseSensitive: boolean; ids: string[] }>();
    for (const e of entities) {
      const foldedConfusables = (e.confusables ?? []).map(foldText).filter(Boolean);
      for (const a of e.aliases) {
        const key = foldText(a.text);
        const canon = canonText(a.text);
        if (!key) continue;
        const confusables: Confusable[] = [];
        for (const c of foldedConfusables) {
          for (const at of occurrences(c, key)) {
            confusables.push({ before: c.slice(0, at), after: c.slice(at + key.length) });
          }
        }
        const whole = a.wholeWord !== false;
        inputs.push({
          text: a.text,
          caseSensitive: a.caseSensitive === true,
          wordStart: whole,
          payload: {
            alias: {
              entityId: e.id,
              needsContext: a.needsContext === true,
              boundaryStart: whole && isWordCode(canon.charCodeAt(0)),
              boundaryEnd: whole && isWordCode(canon.charCodeAt(canon.length - 1)),
              confusables: confusables.length ? confusables : null,
            },
            evidenceFor: null,
          },
        });
      }
      // Evidence only matters for entities with ambiguous names.
      if (e.aliases.some((a) => a.needsContext)) {
        for (const term of e.evidence ?? []) {
          const caseSensitive = isAcronym(term.trim());
          const k = caseSensitive ? `C:${canonText(term)}` : `i:${foldText(term)}`;
          const entry = evidenceByTerm.get(k);
          if (!entry) evidenceByTerm.set(k, { text: term, caseSensitive, ids: [e.id] });
          else if (!entry.ids.includes(e.id)) entry.ids.push(e.id);
        }
      }
    }
    this.aliasCount = inputs.length;
    for (const t of evidenceByTerm.values()) {
      inputs.push({ text: t.text, caseSensitive: t.caseSensitive, wordStart: true, payload: { alias: null, evidenceFor: t.ids } });
    }
    this.index = new PhraseIndex(inputs);
    this.warmUp();
  }

  /** V8 optimises per string width and after a few runs: do it before the first real page. */
  private warmUp(): void {
    const samples = [
      'The Shanghai Cooperation Organisation (SCO) met in Moscow; Huawei and Cisco were not there.',
      'Роскомнадзор и ШОС: «Лаборатория Касперского» — Huawei, 华为与上海合作组织。',
      '华为公司在上合组织峰会期间签上合同。',
    ];
    for (let i = 0; i < 5; i++) {
      for (const s of samples) {
        this.findMentions(s, { context: s });
        this.evidenceIn(s);
        this.lastText = null;
        this.lastContext = null;
      }
    }
    this.lastScan = null;
    this.lastContextEvidence = EMPTY_SET;
  }

  private accepts(text: string, start: number, end: number, a: AliasInfo): boolean {
    if (a.boundaryStart && start > 0 && isWordFast(text.charCodeAt(start - 1))) return false;
    if (a.boundaryEnd && end < text.length && isWordFast(text.charCodeAt(end))) return false;
    if (a.confusables) {
      for (const c of a.confusables) {
        if ((c.before === '' || endsBefore(text, start, c.before)) && (c.after === '' || startsAt(text, end, c.after))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Names (before ambiguous ones are checked) and evidence in `text`, in one pass. */
  private scan(text: string): Scan {
    if (text === this.lastText && this.lastScan) return this.lastScan;
    const scan: Scan = { mentions: [], ambiguous: [], hasAmbiguous: false, named: new Set(), evidence: new Set() };
    const index = this.index;
    const hits = this.hits;
    // Names do not overlap: the next one may start only after the last one found.
    let namesFrom = 0;
    for (let start = index.nextCandidate(text, 0); start >= 0; start = index.nextCandidate(text, start + 1)) {
      hits.length = 0;
      index.walk(text, start, hits);
      let best: AliasInfo | null = null;
      let bestEnd = 0;
      // Hits come shortest first: the longest acceptable name wins.
      for (let k = hits.length - 1; k >= 0; k--) {
        const h = hits[k]!;
        const p = h.payload;
        if (p.evidenceFor) {
          if (start === 0 || !isWordFast(text.charCodeAt(start - 1)) || !isWordFast(text.charCodeAt(start))) {
            for (const id of p.evidenceFor) scan.evidence.add(id);
          }
        } else if (!best && start >= namesFrom && this.accepts(text, start, h.end, p.alias)) {
          best = p.alias;
          bestEnd = h.end;
        }
      }
      if (best) {
        scan.mentions.push({ entityId: best.entityId, start, end: bestEnd });
        scan.ambiguous.push(best.needsContext);
        if (best.needsContext) scan.hasAmbiguous = true;
        else scan.named.add(best.entityId);
        namesFrom = bestEnd;
      }
    }
    hits.length = 0;
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

/** Compiles the names of all entities together, once. */
export function compileMatcher(entities: readonly MatcherEntity[]): Matcher {
  return new CompiledMatcher(entities);
}
