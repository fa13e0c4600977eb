// The library page: three tabs (Highlights, Topics, Sites) following the WAI-ARIA tabs pattern,
// with the shown tab in the URL hash so it can be linked to and back/forward move between tabs.
// #highlight=<id> opens Highlights on that highlight; #topic=<id> opens Topics (TopicsView reads the
// topic itself; the shell only switches the tab).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Pack } from '../../core/pack/schema';
import { HighlightsView, type HighlightsServices } from './HighlightsView';
import { SitesView, type SitesServices } from './SitesView';
import { TopicsView } from './TopicsView';

export interface LibraryServices extends HighlightsServices, SitesServices {}

export type TabId = 'highlights' | 'topics' | 'sites';

export const TABS: ReadonlyArray<{ id: TabId; label: string }> = [
  { id: 'highlights', label: 'Highlights' },
  { id: 'topics', label: 'Topics' },
  { id: 'sites', label: 'Sites' },
];

export interface Route {
  tab: TabId;
  highlightId?: string;
}

/** Which tab a URL hash names; anything unknown shows Highlights. */
export function routeFromHash(hash: string): Route {
  if (hash === '#sites') return { tab: 'sites' };
  if (hash === '#topics' || hash.startsWith('#topic=')) return { tab: 'topics' };
  const m = /^#highlight=(.+)$/.exec(hash);
  if (m) {
    let id = m[1]!;
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep it as written: it simply will not match a highlight
    }
    return { tab: 'highlights', highlightId: id };
  }
  return { tab: 'highlights' };
}

function currentHash(): string {
  return typeof location === 'undefined' ? '' : location.hash;
}

export interface LibraryAppProps {
  services: LibraryServices;
  pack: Pack;
}

export function LibraryApp({ services, pack }: LibraryAppProps) {
  const [route, setRoute] = useState<Route>(() => routeFromHash(currentHash()));
  // Panels keep their state (search, filters) once opened; Topics re-reads the hash each time.
  const [opened, setOpened] = useState<Set<TabId>>(() => new Set([route.tab]));
  const lastTopicHash = useRef<string | null>(null);
  const tabRefs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});

  useEffect(() => {
    const sync = () => setRoute(routeFromHash(currentHash()));
    window.addEventListener('popstate', sync);
    window.addEventListener('hashchange', sync);
    return () => {
      window.removeEventListener('popstate', sync);
      window.removeEventListener('hashchange', sync);
    };
  }, []);

  useEffect(() => {
    setOpened((o) => (o.has(route.tab) ? o : new Set([...o, route.tab])));
    const label = TABS.find((t) => t.id === route.tab)!.label;
    document.title = `${label} · Kontekst library`;
  }, [route.tab]);

  const choose = (tab: TabId) => {
    if (tab === route.tab) return;
    // Coming back to Topics shows the topic that was open there.
    if (route.tab === 'topics' && currentHash().startsWith('#topic=')) lastTopicHash.current = currentHash();
    const hash = tab === 'topics' ? (lastTopicHash.current ?? '#topics') : `#${tab}`;
    history.pushState(history.state, '', hash);
    setRoute({ tab });
  };

  const onTabKey = (e: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const at = TABS.findIndex((t) => t.id === route.tab);
    const to =
      e.key === 'ArrowRight' ? (at + 1) % TABS.length
      : e.key === 'ArrowLeft' ? (at - 1 + TABS.length) % TABS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? TABS.length - 1
      : -1;
    if (to < 0) return;
    e.preventDefault();
    const next = TABS[to]!.id;
    choose(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <div class="lib">
      <header class="lib-header">
        <h1>
          <img src="/icon/32.png" alt="" width={24} height={24} /> Kontekst library
        </h1>
        <div role="tablist" aria-label="Library sections" class="lib-tabs" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`lib-tab-${t.id}`}
              aria-selected={route.tab === t.id}
              aria-controls={`lib-panel-${t.id}`}
              tabIndex={route.tab === t.id ? 0 : -1}
              onClick={() => choose(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <main class="lib-main">
        <div role="tabpanel" id="lib-panel-highlights" aria-labelledby="lib-tab-highlights" hidden={route.tab !== 'highlights'}>
          {opened.has('highlights') && (
            <HighlightsView
              services={services}
              active={route.tab === 'highlights'}
              {...(route.highlightId ? { focusId: route.highlightId } : {})}
            />
          )}
        </div>
        <div role="tabpanel" id="lib-panel-topics" aria-labelledby="lib-tab-topics" hidden={route.tab !== 'topics'}>
          {route.tab === 'topics' && <TopicsView pack={pack} />}
        </div>
        <div role="tabpanel" id="lib-panel-sites" aria-labelledby="lib-tab-sites" hidden={route.tab !== 'sites'}>
          {opened.has('sites') && <SitesView services={services} />}
        </div>
      </main>
    </div>
  );
}
