import '../lib/zod-setup';
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { parseRequest, type Reply } from '../core/messages';
import { isEnabledFor } from '../core/sites/decide';
import { setSiteRule } from '../core/sites/settings';
import { bundledPack } from '../data/bundled-pack';
import { ensurePack, openKontekstDB, type DB } from '../lib/db';
import { handleRequest, type BackgroundContext } from '../lib/background-handlers';
import { isOwnSender } from '../lib/messaging';
import { loadSettings, migrateStoredSettings, updateSettings } from '../lib/settings-store';

const MENU_SAVE = 'kontekst-save-selection';
const MENU_TOGGLE = 'kontekst-toggle-site';

export default defineBackground(() => {
  let dbPromise: Promise<DB> | null = null;
  const db = () => (dbPromise ??= openKontekstDB());

  async function activeTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab;
  }

  async function toggleSite(url: string | undefined): Promise<void> {
    if (!url) return;
    const settings = await loadSettings();
    const on = isEnabledFor(url, settings).enabled;
    await updateSettings((s) => setSiteRule(s, url, { enabled: !on, scope: 'site' }, Date.now()));
  }

  async function notifyTabs(): Promise<void> {
    const tabs = await browser.tabs.query({});
    for (const t of tabs) if (t.id !== undefined) browser.tabs.sendMessage(t.id, { type: 'tab/highlights-changed' }).catch(() => undefined);
  }

  const ctx: BackgroundContext = {
    db,
    pack: bundledPack,
    onMentions(tabId, total, _byEntity, enabled = true) {
      if (tabId === undefined) return;
      void browser.action.setBadgeText({ tabId, text: enabled ? (total ? String(total) : '') : 'off' });
      void browser.action.setBadgeBackgroundColor({ tabId, color: enabled ? '#1d3b6e' : '#8a8f98' });
      void browser.action.setIcon({
        tabId,
        path: Object.fromEntries([16, 32, 48, 96, 128].map((s) => [s, `/icon${enabled ? '' : '-off'}/${s}.png`])),
      });
    },
    onHighlightsChanged: () => void notifyTabs(),
    setSite: async (url, enabled, scope) => {
      await updateSettings((s) => setSiteRule(s, url, { enabled, scope }, Date.now()));
    },
    openLibrary: (hash) => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') + hash }),
  };

  browser.runtime.onInstalled.addListener(async () => {
    await migrateStoredSettings();
    await ensurePack(await db(), bundledPack);
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: MENU_SAVE, title: 'Save highlight with Kontekst', contexts: ['selection'] });
    browser.contextMenus.create({ id: MENU_TOGGLE, title: 'Switch Kontekst on or off for this site', contexts: ['page'] });
  });

  // A damaged or half-written pack store is repaired from the bundle at the next start.
  browser.runtime.onStartup.addListener(async () => void (await ensurePack(await db(), bundledPack)));

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (!isOwnSender(sender)) return undefined;
    const req = parseRequest(raw);
    if (!req) return undefined;
    return handleRequest(ctx, req, sender.tab?.id).then(
      (data): Reply<unknown> => ({ ok: true, data }),
      (err: unknown): Reply<unknown> => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });

  browser.commands.onCommand.addListener(async (command) => {
    const tab = await activeTab();
    if (!tab?.id) return;
    if (command === 'toggle-site') return toggleSite(tab.url);
    if (command === 'save-selection') {
      await browser.tabs.sendMessage(tab.id, { type: 'tab/save-selection' }).catch(() => undefined);
      return;
    }
    await browser.tabs.sendMessage(tab.id, { type: 'tab/command', command }).catch(() => undefined);
  });

  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (!tab?.id) return;
    if (info.menuItemId === MENU_TOGGLE) return toggleSite(tab.url ?? info.pageUrl);
    if (info.menuItemId === MENU_SAVE) await browser.tabs.sendMessage(tab.id, { type: 'tab/save-selection' }).catch(() => undefined);
  });
});
