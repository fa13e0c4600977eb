// The user's settings as plain data: where Kontekst runs. Validated with zod, versioned, migrated on read.
// Pure: the background stores them; everything here takes settings in and gives new settings back.
import * as z from 'zod/mini';
import { registrableDomain, siteKeysFor } from './site-key';
import { ruleSpecificity, rulesMatching } from './decide';

export const SETTINGS_VERSION = 1;

export const MODES = ['everywhere-except', 'only-listed'] as const;
export type Mode = (typeof MODES)[number];
export const RULE_SCOPES = ['host', 'site'] as const;
/** host: that host only (www. ignored); site: the domain and all its subdomains. */
export type RuleScope = (typeof RULE_SCOPES)[number];

/**
 * A host as rules store it: lowercase ASCII (punycode), no port, no trailing dot, no leading "www.".
 * Accepts what people type or paste: "Пример.РФ", "https://www.bbc.co.uk/news", "*.example.com", "[::1]:8080".
 */
export function normalizeRulePattern(input: string): string | null {
  const trimmed = input.trim().replace(/^\*\./, '');
  if (trimmed === '') return null;
  const keys = siteKeysFor(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
  return keys.kind === 'web' ? keys.ruleHost : null;
}

export const siteRuleSchema = z.object({
  pattern: z.string().check(z.refine((p) => normalizeRulePattern(p) === p, {
    message: 'pattern must be a normalised host (lowercase, punycode, no port, no trailing dot, no www.)',
  })),
  scope: z.enum(RULE_SCOPES),
  enabled: z.boolean(),
  /** Epoch milliseconds; 0 for rules migrated from a version that kept no time. */
  updatedAt: z.number().check(z.nonnegative()),
});
export type SiteRule = z.infer<typeof siteRuleSchema>;

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  mode: z.enum(MODES),
  /** Off everywhere until resumed, whatever the rules say. */
  paused: z.boolean(),
  rules: z.array(siteRuleSchema),
});
export type Settings = z.infer<typeof settingsSchema>;

// Frozen, rules included: it is shared, and the updaters always copy.
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  mode: 'everywhere-except',
  paused: false,
  rules: Object.freeze([]) as readonly SiteRule[] as SiteRule[],
});

/**
 * Major news sites in our three languages, offered as the starting list for the "only listed sites" mode.
 * Registrable domains, so each covers its subdomains (edition.cnn.com, world.huanqiu.com, ...).
 */
export const STARTER_NEWS_SOURCES: ReadonlyArray<{ domain: string; name: string; lang: 'en' | 'ru' | 'zh' }> = [
  { domain: 'reuters.com', name: 'Reuters', lang: 'en' },
  { domain: 'apnews.com', name: 'Associated Press', lang: 'en' },
  { domain: 'bbc.co.uk', name: 'BBC', lang: 'en' },
  { domain: 'bbc.com', name: 'BBC', lang: 'en' },
  { domain: 'nytimes.com', name: 'The New York Times', lang: 'en' },
  { domain: 'washingtonpost.com', name: 'The Washington Post', lang: 'en' },
  { domain: 'theguardian.com', name: 'The Guardian', lang: 'en' },
  { domain: 'ft.com', name: 'Financial Times', lang: 'en' },
  { domain: 'wsj.com', name: 'The Wall Street Journal', lang: 'en' },
  { domain: 'bloomberg.com', name: 'Bloomberg', lang: 'en' },
  { domain: 'economist.com', name: 'The Economist', lang: 'en' },
  { domain: 'themoscowtimes.com', name: 'The Moscow Times', lang: 'en' },
  { domain: 'rbc.ru', name: 'РБК', lang: 'ru' },
  { domain: 'kommersant.ru', name: 'Коммерсантъ', lang: 'ru' },
  { domain: 'vedomosti.ru', name: 'Ведомости', lang: 'ru' },
  { domain: 'meduza.io', name: 'Медуза', lang: 'ru' },
  { domain: 'tass.ru', name: 'ТАСС', lang: 'ru' },
  { domain: 'ria.ru', name: 'РИА Новости', lang: 'ru' },
  { domain: 'interfax.ru', name: 'Интерфакс', lang: 'ru' },
  { domain: 'rg.ru', name: 'Российская газета', lang: 'ru' },
  { domain: 'cnews.ru', name: 'CNews', lang: 'ru' },
  { domain: 'scmp.com', name: 'South China Morning Post', lang: 'zh' },
  { domain: 'caixin.com', name: '财新', lang: 'zh' },
  { domain: 'caixinglobal.com', name: 'Caixin Global', lang: 'zh' },
  { domain: 'xinhuanet.com', name: '新华网', lang: 'zh' },
  { domain: 'news.cn', name: '新华网', lang: 'zh' },
  { domain: 'people.com.cn', name: '人民网', lang: 'zh' },
  { domain: 'chinadaily.com.cn', name: 'China Daily', lang: 'zh' },
  { domain: 'globaltimes.cn', name: 'Global Times', lang: 'zh' },
  { domain: 'thepaper.cn', name: '澎湃新闻', lang: 'zh' },
  { domain: 'zaobao.com', name: '联合早报', lang: 'zh' },
];
export const STARTER_NEWS_SITES: readonly string[] = STARTER_NEWS_SOURCES.map((s) => s.domain);

// --- migrations ---

type Raw = Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n object into a version-(n+1) object. Add one per schema change;
 * migrateSettings chains them, then validates what comes out.
 */
const MIGRATIONS: Record<number, (raw: Raw, problems: string[]) => Raw> = {
  // v0 (before versioning): { disabledSites: string[], enabled?: boolean }, hosts matched with their subdomains.
  0: (raw, problems) => {
    const list = Array.isArray(raw.disabledSites) ? raw.disabledSites : [];
    if (!Array.isArray(raw.disabledSites)) problems.push('v0 settings: "disabledSites" was not a list; ignored.');
    const rules: SiteRule[] = [];
    for (const entry of list) {
      const pattern = typeof entry === 'string' ? normalizeRulePattern(entry) : null;
      if (pattern === null) {
        problems.push(`v0 settings: dropped disabled site ${JSON.stringify(entry)} (not a host).`);
        continue;
      }
      // A registrable domain meant "the site"; a deeper host keeps exactly that host.
      const scope: RuleScope = pattern === registrableDomain(pattern) ? 'site' : 'host';
      rules.push({ pattern, scope, enabled: false, updatedAt: 0 });
    }
    return { version: 1, mode: 'everywhere-except', paused: raw.enabled === false, rules };
  },
};

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : typeof value;
}

function ruleKey(rule: Pick<SiteRule, 'pattern' | 'scope'>): string {
  return `${rule.scope} ${rule.pattern}`;
}

/** Keeps the newest of rules sharing pattern and scope, in first-seen order. */
function dedupeRules(rules: readonly SiteRule[]): SiteRule[] {
  const byKey = new Map<string, SiteRule>();
  for (const rule of rules) {
    const prev = byKey.get(ruleKey(rule));
    if (!prev || rule.updatedAt >= prev.updatedAt) byKey.set(ruleKey(rule), rule);
  }
  return [...byKey.values()];
}

/** Reads a current-shape object field by field, keeping what is valid and reporting the rest. */
function salvage(raw: Raw, problems: string[]): Settings {
  const parsedMode = z.enum(MODES).safeParse(raw.mode);
  if (!parsedMode.success) problems.push(`Unknown mode ${JSON.stringify(raw.mode)}; using "everywhere-except".`);
  if (typeof raw.paused !== 'boolean') problems.push('"paused" was not true or false; using false.');
  const rules: SiteRule[] = [];
  if (!Array.isArray(raw.rules)) {
    problems.push('"rules" was not a list; no site rules kept.');
  } else {
    raw.rules.forEach((item, index) => {
      if (!isRecord(item)) {
        problems.push(`Rule ${index + 1} dropped: not an object.`);
        return;
      }
      const pattern = typeof item.pattern === 'string' ? normalizeRulePattern(item.pattern) : null;
      const candidate = { ...item, pattern, updatedAt: item.updatedAt ?? 0 };
      const parsed = siteRuleSchema.safeParse(candidate);
      if (!parsed.success) {
        const what = parsed.error.issues.map((i) => i.path.join('.') || 'rule').join(', ');
        problems.push(`Rule ${index + 1} (${JSON.stringify(item.pattern)}) dropped: invalid ${what}.`);
        return;
      }
      if (pattern !== item.pattern) problems.push(`Rule ${index + 1}: pattern ${JSON.stringify(item.pattern)} normalised to "${pattern}".`);
      rules.push(parsed.data);
    });
  }
  const deduped = dedupeRules(rules);
  if (deduped.length < rules.length) problems.push(`${rules.length - deduped.length} duplicate rule(s) merged.`);
  return settingsSchema.parse({
    version: SETTINGS_VERSION,
    mode: parsedMode.success ? parsedMode.data : DEFAULT_SETTINGS.mode,
    paused: raw.paused === true,
    rules: deduped,
  });
}

function defaults(): Settings {
  return { ...DEFAULT_SETTINGS, rules: [] };
}

export interface MigrationResult {
  settings: Settings;
  /** True when `settings` differs from what was stored and should be written back. */
  migrated: boolean;
  /** Human-readable notes on what could not be kept as it was. */
  problems: string[];
}

/**
 * Turns whatever storage holds into valid current settings. Never throws.
 * - nothing stored: defaults, nothing to report;
 * - an older version: migrated step by step (MIGRATIONS);
 * - the current version with bad parts: the valid parts are kept, the rest reported;
 * - a newer version (written by a newer Kontekst, e.g. through sync): read as best we can but
 *   `migrated` stays false, so the caller does not overwrite data it does not fully understand;
 * - anything else: defaults, with a problem.
 */
export function migrateSettings(raw: unknown): MigrationResult {
  if (raw === undefined || raw === null) return { settings: defaults(), migrated: false, problems: [] };
  if (!isRecord(raw)) {
    return { settings: defaults(), migrated: true, problems: [`Settings were ${kindOf(raw)}, not an object; defaults restored.`] };
  }
  let version: number;
  if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version >= 0) version = raw.version;
  else if (raw.version === undefined && 'disabledSites' in raw) version = 0;
  else {
    return {
      settings: defaults(),
      migrated: true,
      problems: [`Settings had no recognisable version (${JSON.stringify(raw.version ?? null)}); defaults restored.`],
    };
  }

  const problems: string[] = [];
  if (version > SETTINGS_VERSION) {
    problems.push(`Settings were written by a newer Kontekst (version ${version}); read what this version understands, left unchanged.`);
    return { settings: salvage(raw, []), migrated: false, problems };
  }
  if (version === SETTINGS_VERSION) {
    const parsed = settingsSchema.safeParse(raw);
    if (parsed.success && dedupeRules(parsed.data.rules).length === parsed.data.rules.length) {
      return { settings: parsed.data, migrated: false, problems };
    }
    return { settings: salvage(raw, problems), migrated: true, problems };
  }
  let current: Raw = raw;
  for (let v = version; v < SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) {
      problems.push(`No migration from settings version ${v}; defaults restored.`);
      return { settings: defaults(), migrated: true, problems };
    }
    current = step(current, problems);
  }
  return { settings: salvage(current, problems), migrated: true, problems };
}

// --- updaters: each returns new settings, or the same object when nothing changes ---

/**
 * Turns Kontekst on or off for the page's host or whole site. Afterwards the page's decision is `enabled`
 * (unless paused): more specific rules that would still override it here are removed, as the user just said
 * what they want on this page. Unsupported URLs leave the settings unchanged.
 */
export function setSiteRule(
  settings: Settings,
  url: string,
  change: { enabled: boolean; scope: RuleScope },
  now: number,
): Settings {
  const keys = siteKeysFor(url);
  if (keys.kind === 'unsupported') return settings;
  const rule: SiteRule = {
    pattern: change.scope === 'site' && !keys.isIp ? keys.site : keys.ruleHost,
    scope: keys.isIp ? 'host' : change.scope,
    enabled: change.enabled,
    updatedAt: now,
  };
  const existing = settings.rules.findIndex((r) => ruleKey(r) === ruleKey(rule));
  const rules = existing >= 0 ? settings.rules.map((r, i) => (i === existing ? rule : r)) : [...settings.rules, rule];
  const rank = ruleSpecificity(rule);
  const overriding = new Set(rulesMatching(keys, rules).filter((r) => ruleSpecificity(r) > rank));
  return { ...settings, rules: rules.filter((r) => !overriding.has(r)) };
}

export function removeSiteRule(settings: Settings, pattern: string, scope: RuleScope): Settings {
  const rules = settings.rules.filter((r) => !(r.pattern === pattern && r.scope === scope));
  return rules.length === settings.rules.length ? settings : { ...settings, rules };
}

export function setMode(settings: Settings, mode: Mode): Settings {
  return settings.mode === mode ? settings : { ...settings, mode };
}

export function setPaused(settings: Settings, paused: boolean): Settings {
  return settings.paused === paused ? settings : { ...settings, paused };
}

/** Adds the starter news sites as "on" site rules, leaving any rule the user already has for them. */
export function addStarterSites(settings: Settings, now: number, domains: readonly string[] = STARTER_NEWS_SITES): Settings {
  const have = new Set(settings.rules.map(ruleKey));
  const added = domains
    .map((d) => ({ pattern: d, scope: 'site' as const, enabled: true, updatedAt: now }))
    .filter((r) => !have.has(ruleKey(r)));
  return added.length === 0 ? settings : { ...settings, rules: [...settings.rules, ...added] };
}
