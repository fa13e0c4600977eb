// The pack's fixed vocabulary: languages, report sections, voices and kinds of actor, with their
// labels. No zod here, so the content script and the UI can use the labels for nothing.
export const LANGS = ['en', 'ru', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** Report sections, in the report's order. */
export const SECTIONS = {
  summary: 'Summary',
  introduction: 'Introduction',
  'geopolitical-basis': 'Geopolitical and Ideological Basis of Sino-Russian Cyber Cooperation',
  'partner-to-criminal': 'From Partner to Cyber Criminal – Russian Perspectives on China in Cyberspace',
  'cyber-sovereignty': 'The Norm of Cyber Sovereignty',
  'internet-governance': 'Internet Governance Models',
  'content-regulation': 'Online Content Regulation',
  'cyber-espionage': 'Perceived Cyber Espionage Originated from China',
  'digital-economy': 'Cooperation in Digital Economy, on Paper?',
  conclusion: 'Conclusion and Recommendations',
} as const;
export type SectionId = keyof typeof SECTIONS;

/** Who holds a view, exactly as the report attributes it. */
export const VOICES = {
  officials: 'Russian officials',
  riac: 'Russian International Affairs Council (RIAC)',
  experts: 'Russian experts', // the report's unqualified "Russian experts": neither "many" nor "some"
  'many-experts': 'Many Russian experts',
  'some-experts': 'Some Russian experts',
  'some-scholars': 'Some Russian scholars',
  'liberal-media': 'Liberal Russian media',
  'independent-media': 'Independent Russian media',
  'state-media': 'Russian state media',
  'security-community': 'Russian cybersecurity companies, scholars and think tanks',
  'named-expert': 'A named expert or source', // voiceDetail carries the name (a person, a company's report)
  'chinese-officials': 'Chinese officials',
  authors: "The report's authors",
} as const;
export type VoiceId = keyof typeof VOICES;

export const ENTITY_KINDS = [
  'regulator', 'company', 'organisation', 'agreement', 'event', 'concept',
  'media-outlet', 'think-tank', 'person', 'initiative', 'forum', 'threat-actor', 'project',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const KIND_LABELS: Record<EntityKind, string> = {
  regulator: 'Regulator',
  company: 'Company',
  organisation: 'Organisation',
  agreement: 'Agreement',
  event: 'Event',
  concept: 'Concept',
  'media-outlet': 'Media outlet',
  'think-tank': 'Think tank',
  person: 'Person',
  initiative: 'Initiative',
  forum: 'Forum',
  'threat-actor': 'Threat actor',
  project: 'Project',
};

export const KIND_GROUP_LABELS: Record<EntityKind, string> = {
  regulator: 'Regulators',
  company: 'Companies',
  organisation: 'Organisations',
  agreement: 'Agreements',
  event: 'Events',
  concept: 'Concepts',
  'media-outlet': 'Media outlets',
  'think-tank': 'Think tanks',
  person: 'People',
  initiative: 'Initiatives',
  forum: 'Forums',
  'threat-actor': 'Threat actors',
  project: 'Projects',
};
