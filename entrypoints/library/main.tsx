import '../../lib/zod-setup';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { LibraryApp, type LibraryServices } from '../../components/library/LibraryApp';
import { downloadText } from '../../components/library/ImportExport';
import { libraryCss } from '../../components/library/library.css';
import { libraryShellCss } from '../../components/library/library-shell.css';
import { bundledPack } from '../../data/bundled-pack';
import { ask } from '../../lib/messaging';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings-store';

const sheets = [libraryShellCss, libraryCss].map((css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
});
document.adoptedStyleSheets = sheets;

const services: LibraryServices = {
  listHighlights: () => ask({ type: 'highlights/list' }),
  updateHighlight: (id, patch) => ask({ type: 'highlights/update', id, patch }),
  deleteHighlights: (ids) => ask({ type: 'highlights/delete', ids }),
  restoreHighlights: (records) => ask({ type: 'highlights/restore', records }),
  entityList: () => ask({ type: 'entity/list' }),
  openPage: (record) => void ask({ type: 'page/open-highlight', url: record.originalUrl, highlightId: record.id }).catch(() => window.open(record.originalUrl, '_blank', 'noopener')),
  // Highlights saved in other tabs show up when the reader comes back to this one.
  watchHighlights: (onChange) => {
    const listener = () => {
      if (document.visibilityState === 'visible') onChange();
    };
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  settings: loadSettings,
  watchSettings,
  updateSettings,
  download: downloadText,
  version: () => browser.runtime.getManifest().version,
  now: () => Date.now(),
};

render(<LibraryApp services={services} pack={bundledPack} />, document.getElementById('app')!);
