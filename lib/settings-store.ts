// Settings live in extension storage (not IndexedDB): a content script reads them at page load
// without waking the service worker, and every tab hears a change at once through onChanged.
import { browser } from 'wxt/browser';
import { migrateSettings, type Settings } from '../core/sites/settings';

import { SETTINGS_KEY } from './settings-keys';

export { SETTINGS_KEY };

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return migrateSettings(stored[SETTINGS_KEY]).settings;
}

/** Applies a pure update to the freshest stored settings and writes the result. */
export async function updateSettings(update: (s: Settings) => Settings): Promise<Settings> {
  const next = update(await loadSettings());
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Migrates stored settings once (on install/update) and writes them back when they changed. */
export async function migrateStoredSettings(): Promise<string[]> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  const result = migrateSettings(stored[SETTINGS_KEY]);
  if (result.migrated) await browser.storage.local.set({ [SETTINGS_KEY]: result.settings });
  return result.problems;
}

export function watchSettings(onChange: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    onChange(migrateSettings(changes[SETTINGS_KEY]!.newValue).settings);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
