import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  // Separate output folders let several test runs build side by side (KONTEKST_OUT_DIR=.output-x).
  outDir: process.env.KONTEKST_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
  manifest: ({ browser }) => ({
    name: 'Kontekst',
    description:
      'Highlights the actors of Sino-Russian cyber relations in news pages and shows how Russian officials, experts and media see them.',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab'],
    commands: {
      'next-mention': { suggested_key: { default: 'Alt+Shift+Period' }, description: 'Go to the next highlighted mention and open its popover' },
      'previous-mention': { suggested_key: { default: 'Alt+Shift+Comma' }, description: 'Go to the previous highlighted mention' },
      'toggle-site': { suggested_key: { default: 'Alt+Shift+K' }, description: 'Switch Kontekst off or on for this site' },
      'save-selection': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Save the selected text as a highlight' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'kontekst@kontekst.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
