import '../../lib/zod-setup';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupServices, type TabMentions } from '../../components/popup/Popup';
import { popupCss } from '../../components/popup/popup.css';
import { parseRequest } from '../../core/messages';
import { ask, askTab, isOwnSender } from '../../lib/messaging';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings-store';

const sheet = new CSSStyleSheet();
sheet.replaceSync(popupCss);
document.adoptedStyleSheets = [sheet];

// popup.html?tab=<id> acts on that tab: for tests, and for anyone who opens the popup in a tab of
// its own (a bigger, zoomable page) — there the active tab would be the popup itself.
const tabParam = Number(new URLSearchParams(location.search).get('tab'));
const pinnedTab = Number.isInteger(tabParam) && tabParam > 0 ? tabParam : null;

async function targetTab(): Promise<{ id?: number; url?: string } | null> {
  const tab = pinnedTab !== null
    ? await browser.tabs.get(pinnedTab).catch(() => null)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0] ?? null;
  if (!tab || tab.id === undefined) return null;
  // Without the "tabs" permission the URL is only visible under activeTab; the page knows its own.
  const url = tab.url ?? (await askTab<{ url?: string }>(tab.id, { type: 'tab/mentions' }))?.url;
  return { id: tab.id, ...(url ? { url } : {}) };
}

/** After a jump: a real popup closes; a popup in a tab brings the page to the front. */
function done(tabId: number): void {
  if (pinnedTab === null) window.close();
  else void browser.tabs.update(tabId, { active: true });
}

type ManifestCommands = Record<string, { suggested_key?: { default?: string } }>;

const services: PopupServices = {
  tab: targetTab,
  settings: loadSettings,
  watchSettings,
  updateSettings,
  mentions: (tabId) => askTab(tabId, { type: 'tab/mentions' }),
  // Content scripts' counts go to every extension page; the background answers them, we only listen.
  watchMentions(tabId, cb) {
    const listener = (raw: unknown, sender: { id?: string; tab?: { id?: number } }) => {
      if (!isOwnSender(sender) || sender.tab?.id !== tabId) return undefined;
      const req = parseRequest(raw);
      if (req?.type === 'page/mentions') cb({ enabled: req.enabled, total: req.total, byEntity: req.byEntity } satisfies TabMentions);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener as never);
    return () => browser.runtime.onMessage.removeListener(listener as never);
  },
  saved: (tabId) => askTab(tabId, { type: 'tab/saved' }),
  entityNames: () => ask({ type: 'entity/list' }),
  gotoMention: (tabId, entityId) => void askTab(tabId, { type: 'tab/goto-mention', entityId, index: 0 }).then(() => done(tabId)),
  gotoHighlight: (tabId, id) => void askTab(tabId, { type: 'tab/goto-highlight', id }).then(() => done(tabId)),
  openLibrary: (hash = '') =>
    void browser.tabs.create({ url: browser.runtime.getURL('/library.html') + hash }).then(() => {
      if (pinnedTab === null) window.close();
    }),
  async shortcuts() {
    const declared = (browser.runtime.getManifest() as { commands?: ManifestCommands }).commands ?? {};
    return (await browser.commands.getAll()).map((c) => {
      const suggested = c.name ? declared[c.name]?.suggested_key?.default : undefined;
      return { name: c.name ?? '', shortcut: c.shortcut ?? '', description: c.description ?? '', ...(suggested ? { suggested } : {}) };
    });
  },
  now: () => Date.now(),
};

render(<Popup services={services} />, document.getElementById('app')!);
