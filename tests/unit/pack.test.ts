import { describe, expect, it } from 'vitest';
import { assemblePack, buildPack, checkPackFiles, validatePack, type PackResult } from '../../core/pack/validate';
import { packFiles } from '../../data/pack-files';
import { readPackFiles } from '../../scripts/lib/node-pack';

/** Every actor the pack must cover: the entity and detection files are written by three helpers. */
const EXPECTED_IDS = [
  // part 1
  'roskomnadzor', 'huawei', 'sco', 'wuxi-declaration', 'cac', 'riac', 'kaspersky', 'telegram', 'icann',
  'belt-and-road', 'eaeu', 'wuzhen-wic', 'sovereign-internet',
  // part 2
  'info-security-agreement-2015', 'prohibited-information-treaty-2019', 'cyber-sovereignty',
  'multistakeholder-vs-multilateral', 'itu', 'sinorusfocus', 'ironhusky', 'google-russia', 'imemo',
  'sco-code-of-conduct', 'oewg', 'gge',
];
const REQUIRED = ['roskomnadzor', 'huawei', 'sco', 'wuxi-declaration'];

const errorsOf = (r: PackResult): string[] => (r.ok ? [] : r.errors);
const realResult = () =>
  buildPack(packFiles.report, packFiles.footnotes, packFiles.entityFiles, packFiles.detectionFiles);

describe('the bundled pack', () => {
  it('has an entity file and a detection file for every expected actor, and no others', () => {
    const missing = {
      entities: EXPECTED_IDS.filter((id) => !(id in packFiles.entityFiles)),
      detection: EXPECTED_IDS.filter((id) => !(id in packFiles.detectionFiles)),
      unexpected: Object.keys(packFiles.entityFiles).filter((id) => !EXPECTED_IDS.includes(id)),
    };
    expect(missing).toEqual({ entities: [], detection: [], unexpected: [] });
  });

  it('validates', () => {
    expect(errorsOf(realResult())).toEqual([]);
  });

  it('loads as bundledPack with every actor', async () => {
    const { bundledPack } = await import('../../data/bundled-pack');
    expect(bundledPack.entities.map((e) => e.id).sort()).toEqual([...EXPECTED_IDS].sort());
    expect(bundledPack.report.url).toBe('https://hdl.handle.net/1887/3721436');
    expect(bundledPack.packVersion).toBe('1.0.0');
  });

  it('holds all 65 footnotes of the report, in order', () => {
    const footnotes = packFiles.footnotes as { n: number }[];
    expect(footnotes.map((f) => f.n)).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
  });

  it.each(REQUIRED)('%s has names in three languages and at least 4 cited points', (id) => {
    const result = realResult();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const entity = result.pack.entities.find((e) => e.id === id);
    expect(entity, `entity ${id}`).toBeDefined();
    expect(entity!.names.en.length).toBeGreaterThan(0);
    expect(entity!.names.ru.length).toBeGreaterThan(0);
    expect(entity!.names.zh).toMatch(/\p{Script=Han}/u);
    const cited = entity!.points.filter((p) => p.section && p.footnotes.length > 0);
    expect(cited.length).toBeGreaterThanOrEqual(4);
  });

  it('does not repeat the report\'s typos in what it says about the actors', () => {
    const text = JSON.stringify(Object.values(packFiles.entityFiles));
    for (const typo of ['Усиийская', 'Rozkomnadzor', 'Kasperky', 'International Corporation for Assigned']) {
      expect(text, typo).not.toContain(typo);
    }
  });

  it('is read the same way by the Node loader as by the bundler', () => {
    expect(readPackFiles()).toEqual(packFiles);
  });
});

// Small synthetic packs for the error checks.
const point = (footnotes: number[], extra: Rec = {}): Rec =>
  ({ text: 'A claim.', voice: 'authors', section: 'summary', footnotes, ...extra });
type Rec = Record<string, unknown>;
interface SyntheticEntity {
  id: string; kind: string; names: { en: string; ru: string; zh?: string }; whatItIs: string; perspective: string;
  aliases: Rec[]; points: Rec[]; tensions: Rec[]; related: string[];
}
const entity = (id: string, extra: Partial<SyntheticEntity> = {}): SyntheticEntity => ({
  id, kind: 'company', names: { en: id, ru: id, zh: '某' }, whatItIs: 'A thing.', perspective: 'A view.',
  aliases: [{ text: `${id} corp`, lang: 'en' }], points: [point([1])], tensions: [], related: [], ...extra,
});
const pack = () => ({
  packVersion: '1.0.0',
  report: { title: 'T', authors: ['A'], year: 2021, publisher: 'P', url: 'https://example.org/r' },
  footnotes: [{ n: 1, author: 'X', title: 'One' }, { n: 2, author: 'Y', title: 'Two' }],
  entities: [entity('alpha', { related: ['beta'] }), entity('beta')],
});
type SyntheticPack = ReturnType<typeof pack>;
const errorsFor = (change: (p: SyntheticPack) => void): string[] => {
  const p = pack();
  change(p);
  return errorsOf(validatePack(p));
};

describe('validatePack', () => {
  it('accepts a valid pack', () => {
    const r = validatePack(pack());
    expect(r.ok && r.pack.entities.map((e) => e.id)).toEqual(['alpha', 'beta']);
  });

  it('reports schema errors with the entity and field', () => {
    const errors = errorsFor((p) => { delete p.entities[1]!.names.zh; });
    expect(errors).toEqual([expect.stringMatching(/^entity "beta": names\.zh: /)]);
  });

  it('reports empty texts', () => {
    const errors = errorsFor((p) => {
      p.entities[0]!.perspective = '   ';
      p.entities[1]!.points[0]!.text = '';
    });
    expect(errors).toContain('entity "alpha": perspective: must not be empty');
    expect(errors).toContain('entity "beta": points[0].text: must not be empty');
  });

  it('reports unknown and self-referencing related ids', () => {
    const errors = errorsFor((p) => { p.entities[0]!.related = ['beta', 'gamma', 'alpha']; });
    expect(errors).toEqual([
      'entity "alpha": related[1]: unknown entity id "gamma"',
      'entity "alpha": related[2]: an entity cannot be related to itself',
    ]);
  });

  it('reports a point or tension without footnotes unless noFootnote is set', () => {
    const errors = errorsFor((p) => {
      p.entities[0]!.points.push(point([]));
      p.entities[0]!.points.push(point([], { noFootnote: true })); // allowed
      p.entities[1]!.tensions = [{ text: 'A tension.', section: 'conclusion', footnotes: [] }];
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^entity "alpha": points\[1\]\.footnotes: empty/);
    expect(errors[1]).toMatch(/^entity "beta": tensions\[0\]\.footnotes: empty/);
  });

  it('reports noFootnote set on a claim that cites footnotes', () => {
    const errors = errorsFor((p) => { p.entities[0]!.points[0] = point([2], { noFootnote: true }); });
    expect(errors).toEqual(['entity "alpha": points[0].noFootnote: is true, but footnotes 2 are cited']);
  });

  it('reports footnotes that are not in the pack', () => {
    const errors = errorsFor((p) => { p.entities[1]!.points.push(point([1]), point([2, 99])); });
    expect(errors).toEqual(['entity "beta": points[2].footnotes: footnote 99 is not in the pack']);
  });

  it('reports a named expert without a name', () => {
    const errors = errorsFor((p) => { p.entities[1]!.points[0] = point([1], { voice: 'named-expert' }); });
    expect(errors).toEqual([expect.stringMatching(/^entity "beta": points\[0\]\.voiceDetail: required/)]);
  });

  it('reports duplicate entity ids', () => {
    const errors = errorsFor((p) => { p.entities.push(entity('alpha', { aliases: [{ text: 'other', lang: 'en' }] })); });
    expect(errors).toEqual(['entity "alpha": id: duplicate entity id (entities[0], entities[2])']);
  });

  it('reports duplicate footnote numbers and footnote schema errors by number', () => {
    const errors = errorsFor((p) => {
      p.footnotes.push({ n: 2, author: 'Z', title: 'Again' });
      p.footnotes[0]!.title = ' ';
    });
    expect(errors).toContain('footnote 2: n: duplicate footnote number (footnotes[1], footnotes[2])');
    expect(errors).toContain('footnote 1: title: must not be empty');
  });

  it('reports an alias claimed by two entities, ignoring case unless both are case-sensitive', () => {
    const errors = errorsFor((p) => {
      p.entities[1]!.aliases.push(
        { text: 'ALPHA  Corp', lang: 'en' }, // clashes with alpha's case-insensitive "alpha corp"
        { text: 'alpha corp', lang: 'ru' }, // other language: no clash
      );
      p.entities[0]!.aliases.push({ text: 'SCO', lang: 'en', caseSensitive: true });
      p.entities[1]!.aliases.push({ text: 'Sco', lang: 'en', caseSensitive: true }); // differs in case: no clash
      p.entities[1]!.aliases.push({ text: 'SCO', lang: 'en', caseSensitive: true }); // same text: clash
    });
    expect(errors).toEqual([
      'entity "beta": aliases[1]: alias "ALPHA  Corp" (en) is also claimed by entity "alpha" (aliases[0])',
      'entity "beta": aliases[4]: alias "SCO" (en) is also claimed by entity "alpha" (aliases[1])',
    ]);
  });

  it('reports every problem at once', () => {
    const errors = errorsFor((p) => {
      p.entities[0]!.related = ['nobody'];
      p.entities[1]!.points[0] = point([42]);
      p.entities[1]!.whatItIs = '';
    });
    expect(errors).toHaveLength(3);
  });
});

describe('assembling the pack from its files', () => {
  const files = () => {
    const { aliases: alphaAliases, ...alpha } = entity('alpha');
    const { aliases: betaAliases, ...beta } = entity('beta');
    const p = pack();
    return {
      report: { packVersion: p.packVersion, report: p.report },
      footnotes: p.footnotes,
      entityFiles: { alpha, beta } as Record<string, Rec>,
      detectionFiles: { alpha: { aliases: alphaAliases, evidence: ['near'] }, beta: { aliases: betaAliases } } as Record<string, Rec>,
    };
  };
  const build = (f: ReturnType<typeof files>) => buildPack(f.report, f.footnotes, f.entityFiles, f.detectionFiles);

  it('merges each entity file with its detection file', () => {
    const f = files();
    const merged = assemblePack(f.report, f.footnotes, f.entityFiles, f.detectionFiles) as SyntheticPack;
    expect(merged.entities[0]).toMatchObject({ id: 'alpha', aliases: [{ text: 'alpha corp' }], evidence: ['near'] });
    const r = build(f);
    expect(errorsOf(r)).toEqual([]);
  });

  it('reports an entity file whose id does not match its file name', () => {
    const f = files();
    f.entityFiles.beta = { ...f.entityFiles.beta, id: 'betta' };
    expect(errorsOf(build(f))).toContain('entity file "beta.json": id: is "betta", but the file name says "beta"');
  });

  it('reports detection fields in an entity file and unknown fields in a detection file', () => {
    const f = files();
    f.entityFiles.alpha = { ...f.entityFiles.alpha, confusables: ['x'] };
    f.detectionFiles.beta = { ...f.detectionFiles.beta, points: [] };
    expect(checkPackFiles(f.entityFiles, f.detectionFiles)).toEqual([
      'entity "alpha": confusables: belongs in data/detection/alpha.json, not in the entity file',
      'entity "beta": points: not a detection field (data/detection/beta.json may hold only aliases, evidence, confusables)',
    ]);
  });

  it('reports a missing detection file and a detection file without an entity', () => {
    const f = files();
    delete f.detectionFiles.beta;
    f.detectionFiles.gamma = { aliases: [{ text: 'gamma', lang: 'en' }] };
    const errors = errorsOf(build(f));
    expect(errors).toContain('entity "beta": aliases: no detection file data/detection/beta.json');
    expect(errors).toContain('detection file "gamma.json": no entity file data/entities/gamma.json');
  });
});
