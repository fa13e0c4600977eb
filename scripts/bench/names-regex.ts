// The reference scanners' regex (mark.js and the naive highlight scan): one alternation of the
// pack's names, the first English, Russian and Chinese alias of each entity (40 characters at
// most), longest first, case-insensitive. No word boundaries: `\b` is ASCII-only in JavaScript.
import type { MatcherEntity } from '../../core/matcher';

export function namesRegex(entities: readonly MatcherEntity[]): { source: string; flags: string; forms: string[] } {
  const forms = new Set<string>();
  for (const e of entities) {
    for (const lang of ['en', 'ru', 'zh'] as const) {
      const a = e.aliases.find((x) => x.lang === lang && x.text.length <= 40);
      if (a) forms.add(a.text);
    }
  }
  const list = [...forms].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const source = list.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return { source, flags: 'gi', forms: list };
}
