import '../lib/zod-setup';
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { parseRequest, type Reply } from '../core/messages';
import { setSiteRule } from '../core/sites/settings';
import { toggleSiteRule } from '../core/sites/site-control';
import { bundledPack } from '../data/bundled-pack';
import { ensurePack, openKontekstDB, type DB } from '../lib/db';
import { handleRequest, type BackgroundContext } from '../lib/background-handlers';
import { askTab, isOwnSender } from '../lib/messaging';
import { migrateStoredSettings, updateSettings } from '../lib/settings-store';

const MENU_SAVE = 'kontekst-save-selection';
const MENU_TOGGLE = 'kontekst-toggle-site';

export default defineBackground(() => {
  let dbPromise: Promise<DB> | null = null;
  // Reopened after the browser closes the connection (site data cleared) instead of failing every request.
  const db = (): Promise<DB> =>
    (dbPromise ??= openKontekstDB(undefined, { onGone: () => void (dbPromise = null) }).catch((err: unknown) => {
      dbPromise = null;
      throw err;
    }));

  type TabRef = { id?: number; url?: string };

  async function activeTab(): Promise<TabRef | undefined> {
    // A service worker has no window of its own: the focused window is the one the user acts in.
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab;
  }

  // Without the "tabs" permission a tab's URL is visible only while activeTab is granted; the
  // content script always knows its own address.
  async function urlOf(tab: TabRef): Promise<string | undefined> {
    if (tab.url) return tab.url;
    if (tab.id === undefined) return undefined;
    return (await askTab<{ url?: string }>(tab.id, { type: 'tab/mentions' }))?.url;
  }

  /** Flips Kontekst for the tab's site; every tab of the site follows through storage.onChanged. */
  async function toggleSite(tab: TabRef, fallbackUrl?: string): Promise<void> {
    const url = (await urlOf(tab)) ?? fallbackUrl;
    if (!url) return;
    await updateSettings((s) => toggleSiteRule(s, url, Date.now()));
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
      // Browsers keep these per tab and clear them on navigation; a restarted worker loses nothing.
      void browser.action.setBadgeText({ tabId, text: enabled ? (total ? String(total) : '') : 'off' });
      // The title is what screen readers announce for the toolbar button; the badge is not read.
      void browser.action.setTitle({
        tabId,
        title: enabled
          ? `Kontekst: ${total === 0 ? 'no mentions' : total === 1 ? '1 mention' : `${total} mentions`} on this page`
          : 'Kontekst: off on this page',
      });
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
    pendingScroll: new Map(),
    openTab: async (url) => (await browser.tabs.create({ url })).id,
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

  async function runCommand(command: string, given?: TabRef): Promise<void> {
    const tab = given?.id !== undefined ? given : await activeTab();
    if (tab?.id === undefined) return;
    if (command === 'toggle-site') return toggleSite(tab);
    if (command === 'save-selection') {
      await browser.tabs.sendMessage(tab.id, { type: 'tab/save-selection' }).catch(() => undefined);
      return;
    }
    await browser.tabs.sendMessage(tab.id, { type: 'tab/command', command }).catch(() => undefined);
  }

  async function onMenuClick(info: { menuItemId: string | number; pageUrl?: string }, tab?: TabRef): Promise<void> {
    if (tab?.id === undefined) return;
    if (info.menuItemId === MENU_TOGGLE) return toggleSite(tab, info.pageUrl);
    if (info.menuItemId === MENU_SAVE) await browser.tabs.sendMessage(tab.id, { type: 'tab/save-selection' }).catch(() => undefined);
  }

  browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  // Reachable from the worker's console and end-to-end tests, which cannot press browser shortcuts
  // or open context menus: the same functions the listeners call.
  (globalThis as { kontekst?: unknown }).kontekst = { runCommand, onMenuClick };
});
