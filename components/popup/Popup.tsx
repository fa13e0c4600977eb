// The toolbar popup: this site's switch and scope, a global pause, the mentions on this page by
// topic (a click jumps to the mention), the page's saved highlights (orphans included).
import { useEffect, useState } from 'preact/hooks';
import { describeDecision, displayHost } from '../../core/sites/decide';
import { siteControlFor, type ScopeChoice } from '../../core/sites/site-control';
import { setPaused, setSiteRule, type RuleScope, type Settings } from '../../core/sites/settings';
import type { HighlightRecord } from '../../core/annotations/record';

export interface EntityName {
  id: string;
  names: { en: string; ru: string; zh: string };
}

export interface TabMentions {
  enabled: boolean;
  total: number;
  byEntity: Record<string, number>;
}

export interface TabSaved {
  placed: HighlightRecord[];
  orphans: HighlightRecord[];
}

export interface PopupServices {
  tab(): Promise<{ id?: number; url?: string } | null>;
  settings(): Promise<Settings>;
  watchSettings(cb: (s: Settings) => void): () => void;
  updateSettings(update: (s: Settings) => Settings): Promise<Settings>;
  mentions(tabId: number): Promise<TabMentions | null>;
  saved(tabId: number): Promise<TabSaved | null>;
  entityNames(): Promise<EntityName[]>;
  gotoMention(tabId: number, entityId: string): void;
  gotoHighlight(tabId: number, id: string): void;
  openLibrary(hash?: string): void;
  shortcuts(): Promise<{ name: string; shortcut: string; description: string }[]>;
  now(): number;
}

function ScopePicker({ choices, scope, onChange }: { choices: ScopeChoice[]; scope: RuleScope; onChange(s: RuleScope): void }) {
  if (choices.length < 2) return null;
  return (
    <fieldset class="scope">
      <legend>Apply to</legend>
      {choices.map((c) => (
        <label key={c.scope}>
          <input type="radio" name="scope" value={c.scope} checked={scope === c.scope} onChange={() => onChange(c.scope)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

function quoteLine(r: HighlightRecord): string {
  const t = r.text.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `${t.slice(0, 117)}…` : t;
}

export function Popup({ services }: { services: PopupServices }) {
  const [tab, setTab] = useState<{ id?: number; url?: string } | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [mentions, setMentions] = useState<TabMentions | null>(null);
  const [saved, setSaved] = useState<TabSaved | null>(null);
  const [names, setNames] = useState<Map<string, EntityName>>(new Map());
  const [shortcuts, setShortcuts] = useState<{ name: string; shortcut: string; description: string }[]>([]);
  const [scope, setScope] = useState<RuleScope>('site');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void services.tab().then(setTab);
    void services.settings().then(setSettings);
    void services.entityNames().then((list) => setNames(new Map(list.map((e) => [e.id, e])))).catch(() => undefined);
    void services.shortcuts().then(setShortcuts).catch(() => undefined);
    return services.watchSettings(setSettings);
  }, [services]);

  // The page's own state follows the switch: ask again whenever settings change.
  useEffect(() => {
    if (tab?.id === undefined) return;
    const id = tab.id;
    const t = setTimeout(() => {
      void services.mentions(id).then(setMentions);
      void services.saved(id).then(setSaved);
    }, settings ? 150 : 0);
    return () => clearTimeout(t);
  }, [tab, settings, services]);

  const control = tab?.url && settings ? siteControlFor(tab.url, settings) : null;
  const ruled = control?.kind === 'web' ? control.decision.rule : undefined;
  useEffect(() => {
    if (ruled) setScope(ruled.scope);
  }, [ruled?.scope, ruled?.pattern]);

  const apply = async (update: (s: Settings) => Settings) => {
    setError(null);
    try {
      setSettings(await services.updateSettings(update));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const on = control?.decision.enabled ?? false;
  const siteLabel = control?.kind === 'web' ? displayHost(control.keys.host) : 'this page';
  const entries = Object.entries(mentions?.byEntity ?? {}).sort((a, b) => b[1] - a[1]);
  const next = shortcuts.find((s) => s.name === 'next-mention');
  const toggle = shortcuts.find((s) => s.name === 'toggle-site');

  return (
    <main class="popup">
      <header class="top">
        <h1>
          <img src="/icon/32.png" alt="" width={20} height={20} /> Kontekst
        </h1>
        <button type="button" class="link" onClick={() => services.openLibrary()}>
          Open library
        </button>
      </header>

      <section aria-labelledby="site-h" class="site">
        <h2 id="site-h" class="sr-only">This site</h2>
        {!control ? (
          <p class="muted">Loading…</p>
        ) : control.kind === 'unsupported' ? (
          <p class="muted">{describeDecision(control.decision)}</p>
        ) : (
          <>
            <div class="switch-row">
              <label class="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  disabled={settings?.paused}
                  onChange={() => void apply((s) => setSiteRule(s, tab!.url!, { enabled: !on, scope }, services.now()))}
                />
                <span>
                  Kontekst on <strong>{siteLabel}</strong>
                </span>
              </label>
            </div>
            <ScopePicker
              choices={control.choices}
              scope={scope}
              onChange={(sc) => {
                setScope(sc);
                // Moving an existing choice to another scope keeps the site's state.
                void apply((s) => setSiteRule(s, tab!.url!, { enabled: on, scope: sc }, services.now()));
              }}
            />
            <p class="status" role="status">
              {describeDecision(control.decision)}
            </p>
          </>
        )}
        <label class="pause">
          <input
            type="checkbox"
            checked={settings?.paused ?? false}
            onChange={(e) => void apply((s) => setPaused(s, (e.currentTarget as HTMLInputElement).checked))}
          />
          Pause Kontekst on all sites
        </label>
        {error && <p class="error" role="alert">{error}</p>}
      </section>

      <section aria-labelledby="mentions-h">
        <h2 id="mentions-h">
          Mentions on this page {mentions?.enabled ? <span class="count">{mentions.total}</span> : null}
        </h2>
        {!mentions ? (
          <p class="muted">Kontekst does not run on this page.</p>
        ) : !mentions.enabled ? (
          <p class="muted">Switched off here: nothing is highlighted.</p>
        ) : entries.length === 0 ? (
          <p class="muted">No actors of the report are mentioned on this page.</p>
        ) : (
          <ul class="mentions">
            {entries.map(([id, n]) => (
              <li key={id}>
                <button type="button" onClick={() => tab?.id !== undefined && services.gotoMention(tab.id, id)}>
                  <span>{names.get(id)?.names.en ?? id}</span>
                  <span class="count" aria-label={`${n} mentions`}>{n}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {next && (
          <p class="hint">
            Next mention: <kbd>{next.shortcut || 'not set'}</kbd>
            {toggle ? (
              <>
                {' '}· Switch site: <kbd>{toggle.shortcut || 'not set'}</kbd>
              </>
            ) : null}
          </p>
        )}
      </section>

      <section aria-labelledby="saved-h">
        <h2 id="saved-h">Saved on this page</h2>
        {!saved || saved.placed.length + saved.orphans.length === 0 ? (
          <p class="muted">No saved highlights here yet. Select text and use the context menu, or “Save highlight” in a popover.</p>
        ) : (
          <ul class="saved">
            {saved.placed.map((r) => (
              <li key={r.id}>
                <button type="button" onClick={() => tab?.id !== undefined && services.gotoHighlight(tab.id, r.id)}>
                  “{quoteLine(r)}”
                </button>
                {r.note && <p class="note">{r.note}</p>}
              </li>
            ))}
            {saved.orphans.map((r) => (
              <li key={r.id} class="orphan">
                <span class="badge">Not found on the page</span>
                <button type="button" onClick={() => services.openLibrary(`#highlight=${encodeURIComponent(r.id)}`)}>
                  “{quoteLine(r)}”
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
