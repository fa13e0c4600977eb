// The library's Sites tab: where Kontekst runs. The mode (everywhere except listed sites, or only
// listed sites), a global pause, and every site rule with its state and scope, editable here.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { displayHost, ruleScopeLabel } from '../../core/sites/decide';
import {
  STARTER_NEWS_SOURCES,
  addStarterSites,
  normalizeRulePattern,
  removeSiteRule,
  setMode,
  setPaused,
  setSiteRule,
  type Mode,
  type RuleScope,
  type Settings,
  type SiteRule,
} from '../../core/sites/settings';
import { registrableDomain } from '../../core/sites/site-key';

export interface SitesServices {
  settings(): Promise<Settings>;
  watchSettings(onChange: (s: Settings) => void): () => void;
  updateSettings(update: (s: Settings) => Settings): Promise<Settings>;
  now(): number;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const isIpPattern = (p: string) => p.startsWith('[') || IPV4.test(p);

const sameKey = (a: Pick<SiteRule, 'pattern' | 'scope'>, b: Pick<SiteRule, 'pattern' | 'scope'>) =>
  a.pattern === b.pattern && a.scope === b.scope;

/** Turns one rule on or off, keeping its place in the list. */
export function setRuleEnabled(settings: Settings, rule: SiteRule, enabled: boolean, now: number): Settings {
  if (rule.enabled === enabled) return settings;
  return { ...settings, rules: settings.rules.map((r) => (sameKey(r, rule) ? { ...r, enabled, updatedAt: now } : r)) };
}

/**
 * Moves a rule to the other scope: "this host only" keeps the host; "the whole site" widens it to the
 * registrable domain (news.bbc.co.uk -> bbc.co.uk). A rule already there is replaced by the moved one.
 */
export function setRuleScope(settings: Settings, rule: SiteRule, scope: RuleScope, now: number): Settings {
  if (rule.scope === scope || isIpPattern(rule.pattern)) return settings;
  const moved: SiteRule = { pattern: scope === 'site' ? registrableDomain(rule.pattern) : rule.pattern, scope, enabled: rule.enabled, updatedAt: now };
  const rules: SiteRule[] = [];
  for (const r of settings.rules) {
    if (sameKey(r, rule)) rules.push(moved);
    else if (!sameKey(r, moved)) rules.push(r);
  }
  return { ...settings, rules };
}

/** What a typed host would become as a rule, or null when it is not a web host. */
export function previewRule(input: string, scope: RuleScope): Pick<SiteRule, 'pattern' | 'scope'> | null {
  const host = normalizeRulePattern(input);
  if (host === null) return null;
  if (isIpPattern(host)) return { pattern: host, scope: 'host' };
  return { pattern: scope === 'site' ? registrableDomain(host) : host, scope };
}

const LANGS: Array<{ lang: 'en' | 'ru' | 'zh'; label: string; tag: string }> = [
  { lang: 'en', label: 'English', tag: 'en' },
  { lang: 'ru', label: 'Russian', tag: 'ru' },
  { lang: 'zh', label: 'Chinese', tag: 'zh' },
];

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function StarterList({ settings, onAdd, onClose }: { settings: Settings; onAdd(domains: string[]): void; onClose(): void }) {
  const listed = useMemo(
    () => new Set(settings.rules.filter((r) => r.scope === 'site').map((r) => r.pattern)),
    [settings.rules],
  );
  const [picked, setPicked] = useState<Set<string>>(() => new Set(STARTER_NEWS_SOURCES.map((s) => s.domain).filter((d) => !listed.has(d))));
  const toAdd = [...picked].filter((d) => !listed.has(d));
  const toggle = (domain: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(domain);
      else next.delete(domain);
      return next;
    });

  return (
    <section class="st-starter" aria-labelledby="st-starter-h">
      <h3 id="st-starter-h">Start with major news sites?</h3>
      <p class="lib-hint">
        Kontekst now runs only on the sites you list. Pick the news sites you read; each covers its subdomains. You can
        add or remove sites at any time.
      </p>
      <div class="st-starter-groups">
        {LANGS.map(({ lang, label, tag }) => (
          <fieldset key={lang}>
            <legend>{label}</legend>
            {STARTER_NEWS_SOURCES.filter((s) => s.lang === lang).map((s) => {
              const already = listed.has(s.domain);
              return (
                <label key={s.domain} class="lib-check">
                  <input
                    type="checkbox"
                    checked={already || picked.has(s.domain)}
                    disabled={already}
                    onChange={(e) => toggle(s.domain, e.currentTarget.checked)}
                  />
                  <span lang={tag}>{s.name}</span> <span class="st-domain">{s.domain}</span>
                  {already && <span class="st-already"> (already listed)</span>}
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
      <div class="st-actions">
        <button type="button" class="lib-primary" disabled={toAdd.length === 0} onClick={() => onAdd(toAdd)}>
          Add selected ({toAdd.length})
        </button>
        <button type="button" onClick={onClose}>
          Not now
        </button>
      </div>
    </section>
  );
}

interface RuleRowProps {
  rule: SiteRule;
  now(): number;
  onChange(update: (s: Settings) => Settings): void;
  onRemove(): void;
}

function RuleRow({ rule, now, onChange, onRemove }: RuleRowProps) {
  const host = displayHost(rule.pattern);
  const ip = isIpPattern(rule.pattern);
  const siteOf = registrableDomain(rule.pattern);
  const id = `st-${rule.scope}-${rule.pattern}`.replace(/[^a-z0-9-]/gi, '_');
  return (
    <li class="st-rule">
      <div class="st-rule-main">
        <label class="lib-switch">
          <input
            type="checkbox"
            role="switch"
            checked={rule.enabled}
            aria-describedby={`${id}-scope`}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              onChange((s) => {
                const current = s.rules.find((r) => sameKey(r, rule));
                return current ? setRuleEnabled(s, current, enabled, now()) : s;
              });
            }}
          />
          <span class="st-host">{host}</span>
        </label>
        <span class={`st-state ${rule.enabled ? 'is-on' : 'is-off'}`}>{rule.enabled ? 'On' : 'Off'}</span>
      </div>
      <p id={`${id}-scope`} class="st-scope">
        {rule.enabled ? 'On' : 'Off'} for {ruleScopeLabel(rule)}
      </p>
      <div class="st-rule-actions">
        {!ip && (
          <label>
            Applies to{' '}
            <select
              value={rule.scope}
              aria-label={`Applies to, for ${host}`}
              onChange={(e) => {
                const scope = e.currentTarget.value as RuleScope;
                onChange((s) => {
                  const current = s.rules.find((r) => sameKey(r, rule));
                  return current ? setRuleScope(s, current, scope, now()) : s;
                });
              }}
            >
              <option value="host">this host only ({host})</option>
              <option value="site">the whole site {displayHost(siteOf)}</option>
            </select>
          </label>
        )}
        <button type="button" class="st-remove" aria-label={`Remove the rule for ${ruleScopeLabel(rule)}`} onClick={onRemove}>
          Remove
        </button>
      </div>
    </li>
  );
}

export function SitesView({ services }: { services: SitesServices }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState('');
  const [offerStarter, setOfferStarter] = useState(false);
  const [input, setInput] = useState('');
  const [scope, setScope] = useState<RuleScope>('site');
  const [state, setState] = useState<'on' | 'off' | ''>('');
  const [addError, setAddError] = useState('');
  const [announce, setAnnounce] = useState('');

  useEffect(() => {
    void services.settings().then(setSettings, (e) => setError(`Your settings could not be loaded: ${message(e)}`));
    return services.watchSettings(setSettings);
  }, [services]);

  const apply = async (update: (s: Settings) => Settings, done?: string) => {
    setError('');
    try {
      setSettings(await services.updateSettings(update));
      if (done) setAnnounce(done);
    } catch (e) {
      setError(`Not saved: ${message(e)}`);
    }
  };

  const rules = useMemo(
    () =>
      [...(settings?.rules ?? [])].sort(
        (a, b) => displayHost(a.pattern).localeCompare(displayHost(b.pattern), 'en') || a.scope.localeCompare(b.scope),
      ),
    [settings?.rules],
  );

  if (!settings) {
    return error ? (
      <p class="lib-error" role="alert">
        {error}
      </p>
    ) : (
      <p class="lib-muted" role="status">
        Loading your site settings…
      </p>
    );
  }

  const onlyListed = settings.mode === 'only-listed';
  const defaultState = state || (onlyListed ? 'on' : 'off');
  const preview = input.trim() ? previewRule(input, scope) : null;
  const enabledCount = settings.rules.filter((r) => r.enabled).length;

  const chooseMode = (mode: Mode) => {
    void apply((s) => setMode(s, mode));
    setOfferStarter(mode === 'only-listed');
  };

  const addRule = (e: Event) => {
    e.preventDefault();
    setAddError('');
    const rule = previewRule(input, scope);
    if (!rule) {
      setAddError(`“${input.trim()}” is not a web address or host name. Type something like bbc.co.uk or news.example.com.`);
      return;
    }
    const enabled = defaultState === 'on';
    void apply(
      (s) => setSiteRule(s, `http://${rule.pattern}/`, { enabled, scope: rule.scope }, services.now()),
      `Kontekst is now ${enabled ? 'on' : 'off'} for ${ruleScopeLabel(rule)}.`,
    );
    setInput('');
  };

  return (
    <div class="st-view">
      <section aria-labelledby="st-mode-h" class="st-section">
        <h2 id="st-mode-h">Where Kontekst runs</h2>
        <label class="lib-switch st-pause">
          <input
            type="checkbox"
            role="switch"
            checked={settings.paused}
            onChange={(e) => void apply((s) => setPaused(s, e.currentTarget.checked))}
          />
          <span>Pause Kontekst on all sites</span>
        </label>
        {settings.paused && <p class="lib-notice">Paused: Kontekst highlights nothing until you resume it, whatever the rules below say.</p>}
        <fieldset class="st-mode">
          <legend>Mode</legend>
          <label>
            <input type="radio" name="st-mode" checked={!onlyListed} onChange={() => chooseMode('everywhere-except')} />
            <span>
              <strong>Everywhere except the listed sites</strong>
              <span class="lib-hint st-mode-hint">Kontekst runs on every site; switch off the ones you do not want.</span>
            </span>
          </label>
          <label>
            <input type="radio" name="st-mode" checked={onlyListed} onChange={() => chooseMode('only-listed')} />
            <span>
              <strong>Only on the listed sites</strong>
              <span class="lib-hint st-mode-hint">Kontekst runs only where you switch it on, for example your news sites.</span>
            </span>
          </label>
        </fieldset>
        {onlyListed && enabledCount === 0 && !offerStarter && (
          <p class="lib-notice">No site is switched on, so Kontekst runs nowhere. Add sites below.</p>
        )}
        {onlyListed && offerStarter && (
          <StarterList
            settings={settings}
            onAdd={(domains) => {
              void apply((s) => addStarterSites(s, services.now(), domains), `Added ${domains.length} news ${domains.length === 1 ? 'site' : 'sites'}.`);
              setOfferStarter(false);
            }}
            onClose={() => setOfferStarter(false)}
          />
        )}
        {onlyListed && !offerStarter && (
          <button type="button" class="st-offer" onClick={() => setOfferStarter(true)}>
            Add major news sites…
          </button>
        )}
      </section>

      <section aria-labelledby="st-rules-h" class="st-section">
        <h2 id="st-rules-h">Site rules ({rules.length})</h2>
        <p class="lib-hint">
          A rule for one host beats a rule for its whole site, so you can switch a site off but keep one section on.
        </p>
        {rules.length === 0 ? (
          <p class="lib-muted">
            No site rules yet. Switch Kontekst off for a site from the toolbar popup, or add one below.
          </p>
        ) : (
          <ul class="st-rules" aria-labelledby="st-rules-h">
            {rules.map((rule) => (
              <RuleRow
                key={`${rule.scope} ${rule.pattern}`}
                rule={rule}
                now={() => services.now()}
                onChange={(update) => void apply(update)}
                onRemove={() => {
                  void apply((s) => removeSiteRule(s, rule.pattern, rule.scope), `Removed the rule for ${ruleScopeLabel(rule)}.`);
                  document.getElementById('st-add-host')?.focus();
                }}
              />
            ))}
          </ul>
        )}

        <form class="st-add" onSubmit={addRule} aria-labelledby="st-add-h">
          <h3 id="st-add-h">Add a rule</h3>
          <div class="st-add-fields">
            <label>
              Site or address
              <input
                id="st-add-host"
                type="text"
                value={input}
                inputMode="url"
                autoComplete="off"
                spellcheck={false}
                placeholder="bbc.co.uk"
                aria-describedby="st-add-preview"
                aria-invalid={addError ? 'true' : undefined}
                onInput={(e) => {
                  setInput(e.currentTarget.value);
                  setAddError('');
                }}
              />
            </label>
            <label>
              Applies to
              <select value={scope} onChange={(e) => setScope(e.currentTarget.value as RuleScope)}>
                <option value="site">The whole site</option>
                <option value="host">This host only</option>
              </select>
            </label>
            <label>
              Kontekst
              <select value={defaultState} onChange={(e) => setState(e.currentTarget.value as 'on' | 'off')}>
                <option value="on">On</option>
                <option value="off">Off</option>
              </select>
            </label>
            <button type="submit" class="lib-primary" disabled={!input.trim()}>
              Add rule
            </button>
          </div>
          <p id="st-add-preview" class="lib-hint">
            {preview ? `Kontekst will be ${defaultState} for ${ruleScopeLabel(preview)}.` : 'Type a host (news.example.com) or paste an address.'}
          </p>
          {addError && (
            <p class="lib-error" role="alert">
              {addError}
            </p>
          )}
        </form>
      </section>

      {error && (
        <p class="lib-error" role="alert">
          {error}
        </p>
      )}
      <p class="lib-sr-only" role="status" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}
