import { describe, expect, it } from 'vitest';
import { normalizeForSearch, rankTopics, searchTopics } from '../../core/pack/search-topics';
import {
  apaAuthors,
  apaName,
  citedSections,
  footnoteText,
  reportCitation,
  safeHref,
  topicFromHash,
  topicHash,
} from '../../components/library/topic-citation';
import type { Pack } from '../../core/pack/schema';
import { testPack } from '../components/topics-fixtures';

const ids = (pack: Pack, q: string) => searchTopics(pack, q).map((e) => e.id);
const tiers = (q: string) => rankTopics(testPack, q).map((m) => `${m.entity.id}:${m.tier}`);

describe('normalizeForSearch', () => {
  it('folds case, ё, dashes, spaces and soft hyphens', () => {
    expect(normalizeForSearch('  ЗАПРЕЩЁННОЙ  ')).toBe('запрещенной');
    expect(normalizeForSearch('Multi‐stakeholder — model')).toBe('multi stakeholder model');
    expect(normalizeForSearch('Roskom\u00adnadzor')).toBe('roskomnadzor');
    expect(normalizeForSearch('ＳＣＯ')).toBe('sco'); // full-width Latin from Chinese keyboards
    expect(normalizeForSearch('Kaspersky’s')).toBe("kaspersky's");
  });
});

describe('searchTopics', () => {
  it('ranks exact > prefix > substring > description', () => {
    expect(tiers('SCO')).toEqual(['sco:exact', 'sco-code-of-conduct:prefix', 'kaspersky:description']);
    expect(tiers('Cooperation')).toEqual(['sco:wordPrefix']);
    expect(tiers('komnad')).toEqual(['roskomnadzor:substring']);
  });

  it('finds every script and is case-insensitive', () => {
    expect(ids(testPack, 'роскомнадзор')[0]).toBe('roskomnadzor');
    expect(ids(testPack, 'ROSKOMNADZOR')).toEqual(['roskomnadzor']);
    expect(ids(testPack, '华为')).toEqual(['huawei']);
    expect(ids(testPack, '上合组织')).toEqual(['sco']);
    expect(ids(testPack, '网信办')).toEqual(['cac']);
    expect(ids(testPack, 'шос')).toEqual(['sco', 'sco-code-of-conduct']);
  });

  it('finds Russian inflected forms no alias lists, by stem', () => {
    // Only the nominative is a name; the accusative/genitive come from stemming.
    expect(tiers('Хуавэя')).toEqual(['huawei:stem']);
    expect(tiers('Шанхайскую')).toEqual(['sco:stem']);
    // Listed inflections are exact matches.
    expect(tiers('Роскомнадзором')).toEqual(['roskomnadzor:exact']);
  });

  it('does not stem short words into noise', () => {
    // "шоса" would stem to "шос", too short to trust as a stem.
    expect(ids(testPack, 'шоса')).toEqual([]);
  });

  it('matches every word of a multi-word query across fields', () => {
    expect(tiers('internet regulator')).toEqual(['cac:description']);
    expect(tiers('central regulator')).toEqual(['cac:words']);
    expect(tiers('moscow company')).toEqual(['kaspersky:words']);
  });

  it('returns every entity in pack order for an empty query, none for nonsense', () => {
    expect(ids(testPack, '   ')).toEqual(testPack.entities.map((e) => e.id));
    expect(ids(testPack, 'qwertyuiop')).toEqual([]);
  });

  it('breaks ties by the shorter matched term', () => {
    // Both have "agreement"/"code" words; the shorter name that starts with "2019" wins over aliases.
    expect(tiers('2019')).toEqual(['prohibited-information-treaty-2019:prefix']);
    const both = rankTopics(testPack, 'code');
    expect(both.map((m) => m.entity.id)).toEqual(['sco-code-of-conduct']);
    expect(both[0]!.matched).toBe('SCO Code of Conduct');
  });
});

describe('citation helpers', () => {
  it('formats APA author names', () => {
    expect(apaName('Eric Siyi Zhang')).toBe('Zhang, E. S.');
    expect(apaName('Dr. Rogier Creemers')).toBe('Creemers, R.');
    expect(apaName('Creemers, Rogier J. E. H.')).toBe('Creemers, R. J. E. H.');
    expect(apaName('Jean-Paul Sartre')).toBe('Sartre, J.-P.');
    expect(apaName('LeidenAsiaCentre')).toBe('LeidenAsiaCentre');
    expect(apaAuthors(['Eric Siyi Zhang'])).toBe('Zhang, E. S.');
    expect(apaAuthors(['Eric Siyi Zhang', 'Rogier Creemers'])).toBe('Zhang, E. S., & Creemers, R.');
    expect(apaAuthors(['A B', 'C D', 'E F'])).toBe('B, A., D, C., & F, E.');
  });

  it('cites the report with the sections a topic draws on, in report order', () => {
    const rkn = testPack.entities[0]!;
    expect(citedSections(rkn)).toEqual(['internet-governance', 'content-regulation', 'digital-economy']);
    expect(reportCitation(testPack.report)).toBe(
      'Zhang, E. S., & Creemers, R. (2021). Russian Perspectives on China as an Actor in Cyberspace. LeidenAsiaCentre. https://hdl.handle.net/1887/3721436',
    );
    expect(reportCitation(testPack.report, ['cyber-sovereignty'])).toMatch(/3721436 — section “The Norm of Cyber Sovereignty”$/);
  });

  it('formats footnotes and keeps only http(s) links', () => {
    expect(footnoteText({ n: 1, author: 'Broeders, D.', year: '2019', title: 'Coalition of the Unwilling?', detail: 'Policy Brief' })).toBe(
      'Broeders, D. (2019). Coalition of the Unwilling? Policy Brief.',
    );
    expect(footnoteText({ n: 2, author: 'Sinorusfocus', title: 'Россия-Китай: главное' })).toBe('Sinorusfocus. Россия-Китай: главное.');
    expect(safeHref('https://example.org/x')).toBe('https://example.org/x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });

  it('reads and writes the #topic=<id> hash', () => {
    expect(topicHash('sco')).toBe('#topic=sco');
    expect(topicFromHash('#topic=wuxi-declaration')).toBe('wuxi-declaration');
    expect(topicFromHash('#topic=Bad_ID')).toBeUndefined();
    expect(topicFromHash('#highlights')).toBeUndefined();
    expect(topicFromHash('#topic=%')).toBeUndefined();
    expect(topicFromHash('')).toBeUndefined();
  });
});
