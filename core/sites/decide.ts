// Whether Kontekst runs on a page, decided from the settings alone. Pure and cheap: the content script
// asks once per page load, the background once per tab change, so a linear pass over the rules is enough.
import { hostKeysFor, UNSUPPORTED_REASON_TEXT, type HostKeys, type UnsupportedReason } from './host-key';
import { toUnicodeHost } from './punycode';
import type { Settings, SiteRule } from './settings';

export type DecisionReason = 'paused' | 'unsupported' | 'rule' | 'default' | 'not-listed';

export interface Decision {
  enabled: boolean;
  reason: DecisionReason;
  /** The rule that decided, when reason is 'rule'. */
  rule?: SiteRule;
  /** Why the page cannot be handled, when reason is 'unsupported'. */
  unsupported?: UnsupportedReason;
}

type WebKeys = Extract<HostKeys, { kind: 'web' }>;

/** Higher is more specific: any host rule beats any site rule; a deeper site rule beats a shallower one. */
export function ruleSpecificity(rule: Pick<SiteRule, 'scope' | 'pattern'>): number {
  return rule.scope === 'host' ? Number.MAX_SAFE_INTEGER : rule.pattern.split('.').length;
}

/** Does the rule cover this page? Host rules: exactly this host (www. ignored); site rules: the domain and below. */
export function ruleMatches(rule: Pick<SiteRule, 'scope' | 'pattern'>, keys: WebKeys): boolean {
  if (rule.scope === 'host' || keys.isIp) return rule.pattern === keys.ruleHost;
  const { host } = keys;
  return host === rule.pattern || (host.endsWith(rule.pattern) && host[host.length - rule.pattern.length - 1] === '.');
}

/** a beats b: more specific first; between duplicates, the newer one; then "off" for a stable answer. */
function beats(a: SiteRule, b: SiteRule): boolean {
  const sa = ruleSpecificity(a);
  const sb = ruleSpecificity(b);
  if (sa !== sb) return sa > sb;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return !a.enabled && b.enabled;
}

/** Every rule that covers the page, the deciding one first. */
export function rulesMatching(keys: WebKeys, rules: readonly SiteRule[]): SiteRule[] {
  return rules.filter((rule) => ruleMatches(rule, keys)).sort((a, b) => (beats(a, b) ? -1 : beats(b, a) ? 1 : 0));
}

export function decideForKeys(keys: HostKeys, settings: Settings): Decision {
  if (settings.paused) return { enabled: false, reason: 'paused' };
  if (keys.kind === 'unsupported') return { enabled: false, reason: 'unsupported', unsupported: keys.reason };
  let best: SiteRule | undefined;
  for (const rule of settings.rules) {
    if (ruleMatches(rule, keys) && (best === undefined || beats(rule, best))) best = rule;
  }
  if (best) return { enabled: best.enabled, reason: 'rule', rule: best };
  return settings.mode === 'everywhere-except'
    ? { enabled: true, reason: 'default' }
    : { enabled: false, reason: 'not-listed' };
}

/** Paused beats everything; then unsupported pages; then the most specific rule; then the mode's default. */
export function isEnabledFor(url: string, settings: Settings): Decision {
  return decideForKeys(hostKeysFor(url), settings);
}

// --- what the popup and the options page show ---

/** A host as people write it: Unicode for internationalised names. */
export function displayHost(host: string): string {
  return toUnicodeHost(host);
}

/** "this host only (news.example.co.uk)" or "the whole site example.co.uk". */
export function ruleScopeLabel(rule: Pick<SiteRule, 'scope' | 'pattern'>): string {
  const shown = displayHost(rule.pattern);
  return rule.scope === 'host' ? `this host only (${shown})` : `the whole site ${shown}`;
}

export function describeDecision(decision: Decision): string {
  switch (decision.reason) {
    case 'paused':
      return 'Paused on all sites.';
    case 'unsupported':
      return UNSUPPORTED_REASON_TEXT[decision.unsupported ?? 'not-web'];
    case 'rule':
      return `${decision.enabled ? 'On' : 'Off'} for ${decision.rule ? ruleScopeLabel(decision.rule) : 'this site'}.`;
    case 'default':
      return 'On: Kontekst runs on every site you have not turned off.';
    case 'not-listed':
      return 'Off: this site is not in your list.';
  }
}

