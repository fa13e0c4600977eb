// Fake, self-contained popover data for component tests and the lead's screenshot page.
// Deliberately independent of data/: the real pack is written elsewhere and may change.
import type { Entity, Footnote } from '../../core/pack/schema';
import type { PopoverProps } from '../../components/popover/Popover';

export const sampleReport = {
  title: 'Russian Perspectives on China as an Actor in Cyberspace',
  authors: ['Eric Siyi Zhang', 'Rogier Creemers'],
  year: 2021,
  url: 'https://hdl.handle.net/1887/3721436',
};

export const sampleFootnotes: Footnote[] = [
  {
    n: 30,
    author: 'Example News Agency',
    year: '2019',
    title: 'Regulators sign a content agreement at the Wuzhen conference',
    url: 'https://example.org/news/wuzhen-2019',
  },
  {
    n: 31,
    author: 'Example Broadcaster',
    year: '2019',
    title: 'Регулятор вместе с партнёрами поборется с запрещённой информацией',
    url: 'https://example.org/ru/regulator',
    detail: 'Russian-language service',
  },
  { n: 37, author: 'A. Scholar', year: '2017', title: 'Filtering without a firewall', detail: 'Journal of Examples 4(2), 10-31' },
];

export const sampleEntity: Entity = {
  id: 'roskomnadzor',
  kind: 'regulator',
  names: { en: 'Roskomnadzor', ru: 'Роскомнадзор', zh: '俄罗斯联邦通信、信息技术和大众传媒监督局' },
  aliases: [{ text: 'Roskomnadzor', lang: 'en' }, { text: 'Роскомнадзора', lang: 'ru' }],
  whatItIs: "Russia's federal regulator for communications, IT and mass media; it keeps the register of blocked websites.",
  perspective:
    'Russian sources present the regulator as a long-standing partner of its Chinese counterpart on content control, ' +
    'eager to learn from Chinese technology while insisting that Russian regulation is "softer".',
  points: [
    {
      text: 'Cooperation with the Chinese cyberspace administration predates the 2019 agreement, which only formalised it.',
      section: 'content-regulation',
      footnotes: [30, 31],
      voice: 'officials',
    },
    {
      text: 'Russia has "a lot to learn" from China on internet regulation, above all its technology.',
      section: 'content-regulation',
      footnotes: [37],
      voice: 'named-expert',
      voiceDetail: 'Regulator head (example)',
    },
    {
      text: 'Russian filtering long relied on legislation more than on technical blocking infrastructure.',
      section: 'content-regulation',
      footnotes: [],
      noFootnote: true,
      voice: 'liberal-media',
      voiceDetail: 'Example Gazette',
    },
  ],
  tensions: [
    {
      text: 'Importing Chinese filtering technology sits uneasily with worries about dependence on Chinese vendors.',
      section: 'digital-economy',
      footnotes: [37],
    },
  ],
  related: ['cac', 'sovereign-internet', 'not-in-pack'],
};

export const sampleRelated: Entity[] = [
  {
    id: 'cac',
    kind: 'regulator',
    names: { en: 'Cyberspace Administration of China', ru: 'Администрация киберпространства Китая', zh: '国家互联网信息办公室' },
    aliases: [{ text: 'CAC', lang: 'en', caseSensitive: true }],
    whatItIs: "China's central internet regulator.",
    perspective: 'Seen in Russian sources as the model partner for content regulation.',
    points: [
      { text: 'Signed the 2019 content agreement with its Russian counterpart.', section: 'content-regulation', footnotes: [30], voice: 'state-media' },
    ],
    tensions: [],
    related: ['roskomnadzor'],
  },
  {
    id: 'sovereign-internet',
    kind: 'concept',
    names: { en: 'Sovereign internet', ru: 'Суверенный интернет', zh: '主权互联网' },
    aliases: [{ text: 'sovereign internet', lang: 'en' }],
    whatItIs: 'The idea that a state may govern the internet within its borders as it sees fit.',
    perspective: 'Shared language with China, with different technical means.',
    points: [
      { text: 'Some experts doubt the technical feasibility of isolating the Russian segment.', section: 'cyber-sovereignty', footnotes: [], noFootnote: true, voice: 'some-experts' },
    ],
    tensions: [],
    related: ['roskomnadzor'],
  },
];

export interface SampleOptions {
  /** Resolve related topics after this many ms (a promise), to show the loading placeholders. */
  relatedDelayMs?: number;
}

/** Complete props for <Popover>, with no-op callbacks; spread overrides on top. */
export function samplePopoverProps(overrides: Partial<PopoverProps> = {}, options: SampleOptions = {}): PopoverProps {
  const byId = new Map([sampleEntity, ...sampleRelated].map((e) => [e.id, e]));
  const notes = new Map(sampleFootnotes.map((f) => [f.n, f]));
  const find = (id: string) => byId.get(id);
  const resolveEntity: PopoverProps['resolveEntity'] = options.relatedDelayMs === undefined
    ? find
    : (id) => new Promise((done) => setTimeout(() => done(find(id)), options.relatedDelayMs));
  return {
    entity: sampleEntity,
    surface: 'Роскомнадзора',
    footnotes: (n) => notes.get(n),
    resolveEntity,
    report: sampleReport,
    onSave: () => {},
    onDisableSite: () => {},
    onOpenLibrary: () => {},
    onClose: () => {},
    savedState: 'idle',
    ...overrides,
  };
}
