import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupServices } from '../../components/popup/Popup';
import { popupCss } from '../../components/popup/popup.css';
import { ask, askTab } from '../../lib/messaging';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings-store';

const sheet = new CSSStyleSheet();
sheet.replaceSync(popupCss);
document.adoptedStyleSheets = [sheet];

const services: PopupServices = {
  tab: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0] ?? null,
  settings: loadSettings,
  watchSettings,
  updateSettings,
  mentions: (tabId) => askTab(tabId, { type: 'tab/mentions' }),
  saved: (tabId) => askTab(tabId, { type: 'tab/saved' }),
  entityNames: () => ask({ type: 'entity/list' }),
  gotoMention: (tabId, entityId) => void askTab(tabId, { type: 'tab/goto-mention', entityId, index: 0 }).then(() => window.close()),
  gotoHighlight: (tabId, id) => void askTab(tabId, { type: 'tab/goto-highlight', id }).then(() => window.close()),
  openLibrary: (hash = '') => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') + hash }).then(() => window.close()),
  shortcuts: async () =>
    (await browser.commands.getAll()).map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '', description: c.description ?? '' })),
  now: () => Date.now(),
};

render(<Popup services={services} />, document.getElementById('app')!);
