// A small synthetic pack for the Topics view tests. Deliberately independent of data/: the real
// pack is written elsewhere and may change; these texts are placeholders, not report content.
import type { Entity, Pack } from '../../core/pack/schema';

const roskomnadzor: Entity = {
  id: 'roskomnadzor',
  kind: 'regulator',
  names: { en: 'Roskomnadzor', ru: 'Роскомнадзор', zh: '俄罗斯联邦通信监督局' },
  aliases: [
    { text: 'Roskomnadzor', lang: 'en' },
    { text: 'Роскомнадзор', lang: 'ru' },
    { text: 'Роскомнадзора', lang: 'ru' },
    { text: 'Роскомнадзором', lang: 'ru' },
    { text: 'RKN', lang: 'en', caseSensitive: true },
  ],
  whatItIs: 'Example regulator text: the federal communications watchdog.',
  perspective: 'Example perspective: a partner of its Chinese counterpart on content control.',
  points: [
    {
      text: 'Example point A: cooperation predates the formal agreement.',
      section: 'content-regulation',
      footnotes: [30, 31],
      voice: 'officials',
    },
    {
      text: 'Example point B: there is a lot to learn from the other side.',
      section: 'content-regulation',
      footnotes: [32],
      voice: 'named-expert',
      voiceDetail: 'Example Person',
    },
    {
      text: 'Example point C: filtering relied on laws more than on technology.',
      section: 'internet-governance',
      footnotes: [],
      noFootnote: true,
      voice: 'liberal-media',
    },
  ],
  tensions: [{ text: 'Example tension: dependence on foreign vendors.', section: 'digital-economy', footnotes: [99] }],
  related: ['cac', 'huawei', 'not-in-pack'],
};

const cac: Entity = {
  id: 'cac',
  kind: 'regulator',
  names: { en: 'Cyberspace Administration of China', ru: 'Администрация киберпространства Китая', zh: '国家互联网信息办公室' },
  aliases: [
    { text: 'CAC', lang: 'en', caseSensitive: true },
    { text: '国家网信办', lang: 'zh', script: 'hans' },
  ],
  whatItIs: "Example text: China's central internet regulator.",
  perspective: 'Example perspective on the Chinese regulator.',
  points: [{ text: 'Example point on the Chinese regulator.', section: 'cyber-sovereignty', footnotes: [30], voice: 'riac' }],
  tensions: [],
  related: ['roskomnadzor'],
};

const huawei: Entity = {
  id: 'huawei',
  kind: 'company',
  names: { en: 'Huawei', ru: 'Хуавэй', zh: '华为' },
  aliases: [
    { text: 'Huawei', lang: 'en' },
    { text: 'Хуавэй', lang: 'ru' },
    { text: '华为', lang: 'zh', script: 'both' },
  ],
  whatItIs: 'Example text: a Chinese telecommunications equipment maker.',
  perspective: 'Example perspective on the company.',
  points: [{ text: 'Example point on the company.', section: 'digital-economy', footnotes: [32], voice: 'many-experts' }],
  tensions: [],
  related: ['roskomnadzor'],
};

const sco: Entity = {
  id: 'sco',
  kind: 'organisation',
  names: { en: 'Shanghai Cooperation Organisation', ru: 'Шанхайская организация сотрудничества', zh: '上海合作组织' },
  aliases: [
    { text: 'SCO', lang: 'en', caseSensitive: true },
    { text: 'ШОС', lang: 'ru', caseSensitive: true },
    { text: 'Шанхайской организации сотрудничества', lang: 'ru' },
    { text: '上合组织', lang: 'zh', script: 'hans' },
  ],
  whatItIs: 'Example text: a regional security organisation.',
  perspective: 'Example perspective on the organisation.',
  points: [{ text: 'Example point on the organisation.', section: 'geopolitical-basis', footnotes: [31], voice: 'some-scholars' }],
  tensions: [],
  related: ['sco-code-of-conduct'],
};

const scoCode: Entity = {
  id: 'sco-code-of-conduct',
  kind: 'agreement',
  names: { en: 'SCO Code of Conduct', ru: 'Кодекс поведения ШОС', zh: '信息安全国际行为准则' },
  aliases: [{ text: 'International Code of Conduct for Information Security', lang: 'en' }],
  whatItIs: 'Example text: a draft code submitted to the UN General Assembly.',
  perspective: 'Example perspective on the code.',
  points: [{ text: 'Example point on the code.', section: 'internet-governance', footnotes: [30], voice: 'authors' }],
  tensions: [],
  related: ['sco'],
};

const treaty: Entity = {
  id: 'prohibited-information-treaty-2019',
  kind: 'agreement',
  names: {
    en: '2019 agreement on prohibited information',
    ru: 'Соглашение о противодействии распространению запрещённой информации',
    zh: '打击违禁信息传播合作协议',
  },
  aliases: [{ text: '2019 treaty', lang: 'en' }],
  whatItIs: 'Example text: a bilateral agreement between the two regulators.',
  perspective: 'Example perspective on the agreement.',
  points: [{ text: 'Example point on the agreement.', section: 'content-regulation', footnotes: [31], voice: 'independent-media' }],
  tensions: [],
  related: ['roskomnadzor', 'cac'],
};

const kaspersky: Entity = {
  id: 'kaspersky',
  kind: 'company',
  names: { en: 'Kaspersky', ru: 'Лаборатория Касперского', zh: '卡巴斯基' },
  aliases: [{ text: 'Kaspersky Lab', lang: 'en' }],
  // "Moscow" contains "sco": a description-only hit that must rank below every name match.
  whatItIs: 'Example text: a Moscow-based cybersecurity company.',
  perspective: 'Example perspective on the company.',
  points: [{ text: 'Example point on the company.', section: 'cyber-espionage', footnotes: [], noFootnote: true, voice: 'state-media' }],
  tensions: [],
  related: [],
};

export const testPack: Pack = {
  packVersion: '0.0.1',
  report: {
    title: 'Russian Perspectives on China as an Actor in Cyberspace',
    authors: ['Eric Siyi Zhang', 'Rogier Creemers'],
    year: 2021,
    month: 'January',
    publisher: 'LeidenAsiaCentre',
    url: 'https://hdl.handle.net/1887/3721436',
  },
  entities: [roskomnadzor, cac, huawei, sco, scoCode, treaty, kaspersky],
  footnotes: [
    { n: 30, author: 'Example Agency', year: '2019', title: 'Example headline about regulators', url: 'https://example.org/a' },
    { n: 31, author: 'Example Broadcaster', year: '2019', title: 'Пример заголовка', url: 'https://example.org/ru/b', detail: 'Russian service' },
    { n: 32, author: 'A. Scholar', title: 'An example article', url: 'javascript:alert(1)' },
  ],
};
