// What the popup's per-site switch shows for the current tab: the decision and the two scopes
// (this host, the whole registrable domain). Needs the Public Suffix List, so it is kept out of
// decide.ts, which the content script loads.
import { decideForKeys, ruleScopeLabel, type Decision } from './decide';
import { siteKeysFor, type SiteKeys } from './site-key';
import { removeSiteRule, setSiteRule, type RuleScope, type Settings, type SiteRule } from './settings';

type WebKeys = Extract<SiteKeys, { kind: 'web' }>;

export interface ScopeChoice {
  scope: RuleScope;
  pattern: string;
  label: string;
  /** The stored rule with this pattern and scope, if any. */
  rule?: SiteRule;
}

export type SiteControl =
  | { kind: 'web'; keys: WebKeys; decision: Decision; choices: ScopeChoice[] }
  | { kind: 'unsupported'; decision: Decision };

/** Everything the popup's per-site switch needs for the current tab. */
export function siteControlFor(url: string, settings: Settings): SiteControl {
  const keys = siteKeysFor(url);
  const decision = decideForKeys(keys, settings);
  if (keys.kind === 'unsupported') return { kind: 'unsupported', decision };
  const candidates: Array<Pick<SiteRule, 'scope' | 'pattern'>> = [{ scope: 'host', pattern: keys.ruleHost }];
  // An IP address has no subdomains: "the whole site" would mean the same thing as "this host".
  if (!keys.isIp) candidates.push({ scope: 'site', pattern: keys.site });
  const choices = candidates.map((c): ScopeChoice => {
    const rule = settings.rules.find((r) => r.scope === c.scope && r.pattern === c.pattern);
    return { ...c, label: ruleScopeLabel(c), ...(rule ? { rule } : {}) };
  });
  return { kind: 'web', keys, decision, choices };
}

/**
 * Flips Kontekst for the page (keyboard command, context menu). The rule that decides the page keeps
 * its scope, so switching a host-only choice back does not widen it to the whole site; without one,
 * the whole site. The pause is ignored: the site's own state flips, the pause stays as it is.
 */
export function toggleSiteRule(settings: Settings, url: string, now: number): Settings {
  const keys = siteKeysFor(url);
  if (keys.kind === 'unsupported') return settings;
  const decision = decideForKeys(keys, { ...settings, paused: false });
  const scope: RuleScope = decision.rule?.scope ?? 'site';
  return setSiteRule(settings, url, { enabled: !decision.enabled, scope }, now);
}

/**
 * Moves the page's deciding rule to another scope (the popup's "Apply to"), keeping the page's state:
 * "this host only" must stop covering the other hosts of the site, so the old rule goes.
 * Without a deciding rule there is nothing to move.
 */
export function rescopeSiteRule(settings: Settings, url: string, scope: RuleScope, now: number): Settings {
  const keys = siteKeysFor(url);
  if (keys.kind === 'unsupported') return settings;
  const { rule, enabled } = decideForKeys(keys, { ...settings, paused: false });
  if (!rule) return settings;
  const target = scope === 'site' && !keys.isIp ? keys.site : keys.ruleHost;
  if (rule.scope === scope && rule.pattern === target) return settings;
  return setSiteRule(removeSiteRule(settings, rule.pattern, rule.scope), url, { enabled, scope }, now);
}
