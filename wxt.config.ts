import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  extensionApi: undefined,
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
  manifest: ({ browser }) => ({
    name: 'Kontekst',
    description:
      'Highlights the actors of Sino-Russian cyber relations in news pages and shows how Russian officials, experts and media see them.',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'kontekst@kontekst.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
