// The toolbar popup: this site's switch and scope, a global pause, the mentions on this page by
// topic (a click jumps to the mention), the page's saved highlights (orphans included), shortcuts.
import { useEffect, useState } from 'preact/hooks';
import { describeDecision, displayHost } from '../../core/sites/decide';
import { rescopeSiteRule, siteControlFor, type ScopeChoice } from '../../core/sites/site-control';
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

export interface Shortcut {
  name: string;
  /** What the browser has bound now; empty when unset (e.g. taken by another extension). */
  shortcut: string;
  /** The manifest's default, shown when nothing is bound. */
  suggested?: string;
  description: string;
}

export interface PopupServices {
  /** The tab the popup acts on; null when there is none. */
  tab(): Promise<{ id?: number; url?: string } | null>;
  settings(): Promise<Settings>;
  watchSettings(cb: (s: Settings) => void): () => void;
  updateSettings(update: (s: Settings) => Settings): Promise<Settings>;
  /** Null when no content script answers (a page Kontekst does not run on, or one still loading). */
  mentions(tabId: number): Promise<TabMentions | null>;
  /** Counts the tab's content script reports as they change (scan finished, page changed, switched). */
  watchMentions(tabId: number, cb: (m: TabMentions) => void): () => void;
  saved(tabId: number): Promise<TabSaved | null>;
  entityNames(): Promise<EntityName[]>;
  gotoMention(tabId: number, entityId: string): void;
  gotoHighlight(tabId: number, id: string): void;
  openLibrary(hash?: string): void;
  shortcuts(): Promise<Shortcut[]>;
  now(): number;
}

// Beyond this many topics the list folds, so saved highlights stay in view.
export const FOLDED_TOPICS = 8;

// The commands users reach for most, in the order shown.
const SHORTCUT_ORDER = ['toggle-site', 'next-mention', 'previous-mention', 'save-selection'];
const SHORTCUT_LABELS: Record<string, string> = {
  'toggle-site': 'Switch this site on or off',
  'next-mention': 'Next mention',
  'previous-mention': 'Previous mention',
  'save-selection': 'Save the selected text',
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function quoteLine(r: HighlightRecord): string {
  const t = r.text.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `${t.slice(0, 117)}…` : t;
}

function ScopePicker({ choices, scope, onChange }: { choices: ScopeChoice[]; scope: RuleScope; onChange(s: RuleScope): void }) {
  if (choices.length < 2) return null;
  return (
    <fieldset class="scope">
      <legend>Applies to</legend>
      {choices.map((c) => (
        <label key={c.scope}>
          <input type="radio" name="scope" value={c.scope} checked={scope === c.scope} onChange={() => onChange(c.scope)} />
          <span class="wrap">{c.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Chrome names some keys by word (Alt+Shift+Period): show the key itself. */
export function keyLabel(shortcut: string): string {
  return shortcut.replace(/\bPeriod\b/, '.').replace(/\bComma\b/, ',');
}

function Shortcuts({ list }: { list: Shortcut[] }) {
  const shown = SHORTCUT_ORDER.map((n) => list.find((s) => s.name === n)).filter((s): s is Shortcut => !!s);
  if (!shown.length) return null;
  const unset = shown.some((s) => !s.shortcut);
  return (
    <section aria-labelledby="keys-h" class="keys">
      <h2 id="keys-h">Keyboard shortcuts</h2>
      <dl>
        {shown.map((s) => (
          <div key={s.name}>
            <dt>{SHORTCUT_LABELS[s.name] ?? s.description}</dt>
            <dd>
              {s.shortcut ? (
                <kbd>{keyLabel(s.shortcut)}</kbd>
              ) : (
                <span class="muted">not set{s.suggested ? <> (default <kbd>{keyLabel(s.suggested)}</kbd>)</> : null}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {unset && <p class="hint">A shortcut another extension or the browser already uses is left unset: assign one in the browser’s extension shortcuts settings.</p>}
    </section>
  );
}

export function Popup({ services }: { services: PopupServices }) {
  const [tab, setTab] = useState<{ id?: number; url?: string } | null | undefined>(undefined);
  const [settings, setSettings] = useState<Settings | null>(null);
  // undefined: not asked yet; null: no content script answered.
  const [mentions, setMentions] = useState<TabMentions | null | undefined>(undefined);
  const [saved, setSaved] = useState<TabSaved | null>(null);
  const [names, setNames] = useState<Map<string, EntityName>>(new Map());
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  const [scope, setScope] = useState<RuleScope>('site');
  /** A scope chosen for the rule in place, shown while its change is being saved. */
  const [rescoping, setRescoping] = useState<RuleScope | null>(null);
  const [allTopics, setAllTopics] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void services.tab().then(setTab, () => setTab(null));
    void services.settings().then(setSettings);
    void services.entityNames().then((list) => setNames(new Map(list.map((e) => [e.id, e]))), () => undefined);
    void services.shortcuts().then(setShortcuts, () => undefined);
    return services.watchSettings(setSettings);
  }, [services]);

  const tabId = tab?.id;
  useEffect(() => {
    if (tabId === undefined) return;
    return services.watchMentions(tabId, setMentions);
  }, [tabId, services]);

  // The page follows the settings through storage; ask again once it has had a moment to react.
  useEffect(() => {
    if (tabId === undefined) return;
    const t = setTimeout(
      () => {
        void services.mentions(tabId).then(setMentions);
        void services.saved(tabId).then(setSaved);
      },
      mentions === undefined ? 0 : 150,
    );
    return () => clearTimeout(t);
  }, [tabId, settings, services]);

  const control = tab?.url && settings ? siteControlFor(tab.url, settings) : null;
  // The switch shows the site's own choice; a pause greys it out without changing it.
  const own = tab?.url && settings?.paused ? siteControlFor(tab.url, { ...settings, paused: false }) : control;
  const ruled = own?.kind === 'web' ? own.decision.rule : undefined;
  useEffect(() => {
    if (ruled) setScope(ruled.scope);
  }, [ruled?.scope, ruled?.pattern]);

  const apply = async (update: (s: Settings) => Settings) => {
    setError(null);
    try {
      setSettings(await services.updateSettings(update));
    } catch (e) {
      setError(`Could not save the change: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const siteOn = own?.decision.enabled ?? false;
  const runsHere = control?.decision.enabled ?? false;
  const siteLabel = control?.kind === 'web' ? displayHost(control.keys.host) : 'this page';
  const entries = Object.entries(mentions?.byEntity ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (names.get(a[0])?.names.en ?? a[0]).localeCompare(names.get(b[0])?.names.en ?? b[0]));
  const savedCount = saved ? saved.placed.length + saved.orphans.length : 0;
  const shownScope = rescoping ?? ruled?.scope ?? scope;

  let siteBody;
  if (tab === undefined || (tab?.url && !settings)) {
    siteBody = <p class="muted">Loading…</p>;
  } else if (!tab?.url) {
    siteBody = <p class="muted">Kontekst cannot see this tab’s address, so it does not run here.</p>;
  } else if (!control || control.kind === 'unsupported') {
    siteBody = <p class="muted">{control ? describeDecision(control.decision) : null}</p>;
  } else {
    siteBody = (
      <>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={siteOn}
            disabled={settings?.paused}
            aria-describedby="site-status"
            onChange={() => void apply((s) => setSiteRule(s, tab.url!, { enabled: !siteOn, scope: shownScope }, services.now()))}
          />
          <span class="wrap">
            Kontekst on <strong>{siteLabel}</strong>
          </span>
        </label>
        <ScopePicker
          choices={control.choices}
          scope={shownScope}
          onChange={(sc) => {
            setScope(sc);
            // With a rule in place, "Applies to" moves it; otherwise it is used by the next switch.
            if (ruled) {
              // Shown at once: the radio must not spring back while the settings are written.
              setRescoping(sc);
              void apply((s) => rescopeSiteRule(s, tab.url!, sc, services.now())).finally(() => setRescoping(null));
            }
          }}
        />
        <p class="status" id="site-status" role="status">
          {describeDecision(control.decision)}
        </p>
      </>
    );
  }

  return (
    <main class="popup">
      <header class="top">
        <h1>
          <img src={runsHere ? '/icon/32.png' : '/icon-off/32.png'} alt="" width={20} height={20} /> Kontekst
        </h1>
      </header>

      <section aria-labelledby="site-h" class="site">
        <h2 id="site-h" class="sr-only">This site</h2>
        {siteBody}
        <label class="pause">
          <input
            type="checkbox"
            checked={settings?.paused ?? false}
            disabled={!settings}
            onChange={(e) => void apply((s) => setPaused(s, (e.currentTarget as HTMLInputElement).checked))}
          />
          Pause Kontekst on all sites
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>

      <section aria-labelledby="mentions-h">
        <h2 id="mentions-h">
          Mentions on this page{' '}
          {mentions?.enabled ? (
            <span class="count">
              {mentions.total}
              <span class="sr-only"> in all</span>
            </span>
          ) : null}
        </h2>
        {mentions === undefined ? (
          <p class="muted">Loading…</p>
        ) : mentions === null ? (
          <p class="muted">Kontekst does not run on this page (or it is still loading).</p>
        ) : !mentions.enabled ? (
          <p class="muted">Switched off here: nothing is highlighted.</p>
        ) : entries.length === 0 ? (
          <p class="muted">No actors of the report are mentioned on this page.</p>
        ) : (
          <ul class="mentions" id="mention-list">
            {(allTopics ? entries : entries.slice(0, FOLDED_TOPICS)).map(([id, n]) => (
              <li key={id}>
                <button type="button" title="Go to the first mention" onClick={() => tabId !== undefined && services.gotoMention(tabId, id)}>
                  <span class="wrap">{names.get(id)?.names.en ?? id}</span>
                  <span class="count">
                    {n}
                    <span class="sr-only"> {n === 1 ? 'mention' : 'mentions'}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {mentions?.enabled && entries.length > FOLDED_TOPICS && (
          <button type="button" class="link" aria-expanded={allTopics} aria-controls="mention-list" onClick={() => setAllTopics(!allTopics)}>
            {allTopics ? 'Show fewer topics' : `Show all ${entries.length} topics`}
          </button>
        )}
      </section>

      <section aria-labelledby="saved-h">
        <h2 id="saved-h">
          Saved on this page {savedCount ? <span class="count">{savedCount}</span> : null}
        </h2>
        {mentions && !mentions.enabled ? (
          <p class="muted">Switched off here: saved highlights are not shown.</p>
        ) : !saved || savedCount === 0 ? (
          <p class="muted">Nothing saved here yet. Select text and use the context menu, or “Save highlight” in a popover.</p>
        ) : (
          <ul class="saved">
            {saved.placed.map((r) => (
              <li key={r.id}>
                <button type="button" class="quote" onClick={() => tabId !== undefined && services.gotoHighlight(tabId, r.id)}>
                  “{quoteLine(r)}”
                </button>
                {r.note && <p class="note">{r.note}</p>}
              </li>
            ))}
            {saved.orphans.map((r) => (
              <li key={r.id} class="orphan">
                <span class="badge">Not found on the page</span>
                <button
                  type="button"
                  class="quote"
                  title="Open in the library"
                  onClick={() => services.openLibrary(`#highlight=${encodeURIComponent(r.id)}`)}
                >
                  “{quoteLine(r)}”
                </button>
                {r.note && <p class="note">{r.note}</p>}
              </li>
            ))}
          </ul>
        )}
        {saved && saved.orphans.length > 0 && (
          <p class="hint">{plural(saved.orphans.length, 'highlight was', 'highlights were')} not found: the page changed since you saved.</p>
        )}
      </section>

      <Shortcuts list={shortcuts} />

      <footer class="bottom">
        <button type="button" class="link" onClick={() => services.openLibrary()}>
          Open the library
        </button>
      </footer>
    </main>
  );
}
