// What the popup's per-site switch shows for the current tab: the decision and the two scopes
// (this host, the whole registrable domain). Needs the Public Suffix List, so it is kept out of
// decide.ts, which the content script loads.
import { decideForKeys, ruleScopeLabel, type Decision } from './decide';
import { siteKeysFor, type SiteKeys } from './site-key';
import type { RuleScope, Settings, SiteRule } from './settings';

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
