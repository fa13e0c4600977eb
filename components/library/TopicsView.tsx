// The library's Topics tab: browse every entity of the pack by kind, search any name in any language,
// and read the full entry with its sources. Selection lives in the URL hash (#topic=<id>) so a topic
// can be linked to and back/forward move between topics.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Fragment } from 'preact';
import type { JSX, RefObject } from 'preact';
import { ENTITY_KINDS, SECTIONS, VOICES } from '../../core/pack/schema';
import type { Entity, Footnote, Pack, Point, Tension } from '../../core/pack/schema';
import { rankTopics } from '../../core/pack/search-topics';
import type { TopicMatch } from '../../core/pack/search-topics';
import {
  citedFootnoteNumbers,
  citedSections,
  footnoteText,
  kindGroupLabel,
  kindLabel,
  reportCitation,
  safeHref,
  topicFromHash,
  topicHash,
} from './topic-citation';

export interface TopicsViewProps {
  pack: Pack;
  /** Shown when the URL names no topic (e.g. the popover's "Open in library"). */
  initialTopic?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

function currentHash(): string {
  return typeof location === 'undefined' ? '' : location.hash;
}

/** One-column layout (see library.css.ts): the detail sits below the list, so a pick should go there. */
function isNarrow(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 48em)').matches;
}

/** A plain left click: modified clicks keep the browser's behaviour (new tab, new window). */
function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

export function TopicsView({ pack, initialTopic }: TopicsViewProps) {
  const byId = useMemo(() => new Map(pack.entities.map((e) => [e.id, e])), [pack]);
  const valid = (id: string | undefined) => (id && byId.has(id) ? id : undefined);

  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | undefined>(
    () => valid(topicFromHash(currentHash())) ?? valid(initialTopic),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);

  // The URL should name what is shown, without adding a history entry for the first view.
  useEffect(() => {
    if (selectedId && !currentHash()) history.replaceState(history.state, '', topicHash(selectedId));
  }, []);

  // Back/forward and hand-edited hashes select the topic they name.
  useEffect(() => {
    const sync = () => {
      const fromHash = topicFromHash(currentHash());
      setSelectedId(valid(fromHash) ?? (currentHash() ? undefined : valid(initialTopic)));
    };
    window.addEventListener('popstate', sync);
    window.addEventListener('hashchange', sync);
    return () => {
      window.removeEventListener('popstate', sync);
      window.removeEventListener('hashchange', sync);
    };
  }, [byId, initialTopic]);

  useEffect(() => {
    if (focusHeading.current && headingRef.current) {
      focusHeading.current = false;
      headingRef.current.focus();
      headingRef.current.scrollIntoView?.({ block: 'start' });
    }
  }, [selectedId]);

  const select = (id: string, moveFocus: boolean) => {
    if (!byId.has(id)) return;
    if (topicFromHash(currentHash()) !== id) history.pushState(history.state, '', topicHash(id));
    if (id === selectedId) {
      if (moveFocus) headingRef.current?.focus();
      return;
    }
    focusHeading.current = moveFocus;
    setSelectedId(id);
  };

  const onTopicLink = (id: string, moveFocus: boolean) => (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(e)) return;
    e.preventDefault();
    select(id, moveFocus || isNarrow());
  };

  const matches = useMemo(() => rankTopics(pack, query), [pack, query]);
  const searching = query.trim() !== '';
  const selected = selectedId ? byId.get(selectedId) : undefined;

  const onSearchKey = (e: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    } else if (e.key === 'Enter' && searching && matches[0]) {
      e.preventDefault();
      select(matches[0].entity.id, true);
    }
  };

  return (
    <div class="kx-topics">
      <div class="kx-topics-browse">
        <h2 class="kx-topics-title" id="kx-topics-browse-h">
          Browse topics
        </h2>
        <div class="kx-topics-search" role="search">
          <label for="kx-topics-q">Search topics</label>
          <input
            id="kx-topics-q"
            type="search"
            value={query}
            autoComplete="off"
            spellcheck={false}
            aria-describedby="kx-topics-q-hint"
            aria-controls="kx-topics-list"
            onInput={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={onSearchKey}
          />
          <p id="kx-topics-q-hint" class="kx-topics-hint">
            Any name in English, Russian or Chinese, e.g. Роскомнадзор, 华为, SCO.
          </p>
        </div>
        <p class="kx-topics-status" role="status" aria-live="polite">
          {searching
            ? matches.length === 0
              ? `No topic matches “${query.trim()}”.`
              : `${matches.length} ${matches.length === 1 ? 'topic matches' : 'topics match'} “${query.trim()}”.`
            : `${pack.entities.length} topics`}
        </p>
        <nav id="kx-topics-list" class="kx-topics-list" aria-labelledby="kx-topics-browse-h">
          {searching ? (
            <ResultList matches={matches} selectedId={selectedId} onLink={onTopicLink} />
          ) : (
            <GroupedList entities={pack.entities} selectedId={selectedId} onLink={onTopicLink} />
          )}
        </nav>
      </div>

      <div class="kx-topics-detail">
        {selected ? (
          <TopicDetail
            key={selected.id}
            entity={selected}
            pack={pack}
            byId={byId}
            headingRef={headingRef}
            onLink={onTopicLink}
          />
        ) : (
          <TopicsIntro pack={pack} headingRef={headingRef} />
        )}
      </div>
    </div>
  );
}

type LinkHandler = (id: string, moveFocus: boolean) => (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => void;

function byEnglishName(a: Entity, b: Entity): number {
  return a.names.en.localeCompare(b.names.en, 'en', { sensitivity: 'base' });
}

function GroupedList({ entities, selectedId, onLink }: { entities: Entity[]; selectedId?: string; onLink: LinkHandler }) {
  const groups = ENTITY_KINDS.map((kind) => ({ kind, items: entities.filter((e) => e.kind === kind).sort(byEnglishName) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <>
      {groups.map(({ kind, items }) => (
        <section class="kx-topics-group" key={kind} aria-labelledby={`kx-kind-${kind}`}>
          <h3 id={`kx-kind-${kind}`}>
            {kindGroupLabel(kind)} <span class="kx-topics-count">({items.length})</span>
          </h3>
          <ul>
            {items.map((e) => (
              <TopicItem key={e.id} entity={e} selected={e.id === selectedId} onLink={onLink} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ResultList({ matches, selectedId, onLink }: { matches: TopicMatch[]; selectedId?: string; onLink: LinkHandler }) {
  if (matches.length === 0) return null;
  return (
    <section class="kx-topics-group" aria-labelledby="kx-topics-results-h">
      <h3 id="kx-topics-results-h">Best matches first</h3>
      <ul>
        {matches.map((m) => (
          <TopicItem key={m.entity.id} entity={m.entity} selected={m.entity.id === selectedId} onLink={onLink} match={m} />
        ))}
      </ul>
    </section>
  );
}

function TopicItem({ entity, selected, onLink, match }: { entity: Entity; selected: boolean; onLink: LinkHandler; match?: TopicMatch }) {
  const viaAlias =
    match && match.tier !== 'description' && match.tier !== 'words' && match.matched !== entity.names.en ? match.matched : undefined;
  return (
    <li>
      <a
        href={topicHash(entity.id)}
        class="kx-topics-item"
        aria-current={selected ? 'page' : undefined}
        onClick={onLink(entity.id, false)}
      >
        <span class="kx-topics-item-name">{entity.names.en}</span>
        <span class="kx-topics-item-sub">
          <span lang="ru">{entity.names.ru}</span>
          <span aria-hidden="true"> · </span>
          <span lang="zh-Hans">{entity.names.zh}</span>
        </span>
        {match ? (
          <span class="kx-topics-item-why">
            {kindLabel(entity.kind)}
            {viaAlias ? (
              <>
                {' · matched '}
                <span lang={langOf(viaAlias)}>{viaAlias}</span>
              </>
            ) : match.tier === 'description' || match.tier === 'words' ? (
              ' · matched in description'
            ) : null}
          </span>
        ) : null}
      </a>
    </li>
  );
}

function langOf(text: string): string {
  if (/[\u3400-\u9fff\uf900-\ufaff]/.test(text)) return 'zh';
  if (/[\u0400-\u04ff]/.test(text)) return 'ru';
  return 'en';
}

function TopicsIntro({ pack, headingRef }: { pack: Pack; headingRef: RefObject<HTMLHeadingElement> }) {
  const kinds = new Set(pack.entities.map((e) => e.kind)).size;
  return (
    <section class="kx-topics-intro" aria-labelledby="kx-topic-h">
      <h2 id="kx-topic-h" ref={headingRef} tabIndex={-1}>
        Choose a topic
      </h2>
      <p>
        {pack.entities.length} actors and ideas of Sino-Russian cyber relations, in {kinds}{' '}
        {kinds === 1 ? 'group' : 'groups'}. Each entry says how Russian officials, experts and media see it, with the
        report section and footnotes behind every point.
      </p>
      <p class="kx-topics-source">
        Source: <cite>{pack.report.title}</cite> ({pack.report.authors.join(' & ')}, {pack.report.publisher},{' '}
        {pack.report.year}).
      </p>
    </section>
  );
}

interface DetailProps {
  entity: Entity;
  pack: Pack;
  byId: Map<string, Entity>;
  headingRef: RefObject<HTMLHeadingElement>;
  onLink: LinkHandler;
}

function TopicDetail({ entity, pack, byId, headingRef, onLink }: DetailProps) {
  const footnotes = useMemo(() => new Map(pack.footnotes.map((f) => [f.n, f])), [pack]);
  const sourceNumbers = citedFootnoteNumbers(entity);
  const related = entity.related.map((id) => byId.get(id)).filter((e): e is Entity => e !== undefined && e.id !== entity.id);
  const aliases = [...new Set(entity.aliases.map((a) => a.text))].filter(
    (t) => t !== entity.names.en && t !== entity.names.ru && t !== entity.names.zh,
  );
  const idPrefix = `kx-topic-${entity.id}`;

  const goToSource = (n: number) => {
    const el = document.getElementById(`${idPrefix}-src-${n}`);
    if (!el) return;
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
  };

  return (
    <article class="kx-topic" aria-labelledby="kx-topic-h">
      <header class="kx-topic-head">
        <p class="kx-topic-kind">{kindLabel(entity.kind)}</p>
        <h2 id="kx-topic-h" ref={headingRef} tabIndex={-1}>
          {entity.names.en}
        </h2>
        <dl class="kx-topic-names">
          <div>
            <dt>Russian</dt>
            <dd lang="ru">{entity.names.ru}</dd>
          </div>
          <div>
            <dt>Chinese</dt>
            <dd lang="zh-Hans">{entity.names.zh}</dd>
          </div>
        </dl>
        {aliases.length > 0 ? (
          <details class="kx-topic-aliases">
            <summary>Also written as ({aliases.length})</summary>
            <ul>
              {aliases.map((a) => (
                <li key={a} lang={langOf(a)}>
                  {a}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </header>

      <section aria-labelledby={`${idPrefix}-what`}>
        <h3 id={`${idPrefix}-what`}>What it is</h3>
        <p>{entity.whatItIs}</p>
      </section>

      <section aria-labelledby={`${idPrefix}-persp`}>
        <h3 id={`${idPrefix}-persp`}>The Russian perspective</h3>
        <p class="kx-topic-perspective">{entity.perspective}</p>
      </section>

      <section aria-labelledby={`${idPrefix}-points`}>
        <h3 id={`${idPrefix}-points`}>Who says what</h3>
        <ul class="kx-topic-points">
          {entity.points.map((p, i) => (
            <li key={i} class="kx-topic-point">
              <p class="kx-voice">{voiceText(p)}</p>
              <p>{p.text}</p>
              <CiteLine item={p} onFootnote={goToSource} />
            </li>
          ))}
        </ul>
      </section>

      {entity.tensions.length > 0 ? (
        <section aria-labelledby={`${idPrefix}-tensions`}>
          <h3 id={`${idPrefix}-tensions`}>Tensions</h3>
          <ul class="kx-topic-points">
            {entity.tensions.map((t, i) => (
              <li key={i} class="kx-topic-point kx-topic-tension">
                <p>{t.text}</p>
                <CiteLine item={t} onFootnote={goToSource} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {related.length > 0 ? (
        <section aria-labelledby={`${idPrefix}-related`}>
          <h3 id={`${idPrefix}-related`}>Related topics</h3>
          <ul class="kx-topic-related">
            {related.map((r) => (
              <li key={r.id}>
                <a href={topicHash(r.id)} onClick={onLink(r.id, true)}>
                  {r.names.en}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby={`${idPrefix}-sources`}>
        <h3 id={`${idPrefix}-sources`}>Sources</h3>
        {sourceNumbers.length === 0 ? (
          <p>The report makes these points without footnotes.</p>
        ) : (
          <ol class="kx-topic-sources">
            {sourceNumbers.map((n) => (
              <SourceItem key={n} n={n} note={footnotes.get(n)} id={`${idPrefix}-src-${n}`} />
            ))}
          </ol>
        )}
      </section>

      <CitationBox entity={entity} pack={pack} idPrefix={idPrefix} />
    </article>
  );
}

function voiceText(p: Point): string {
  if (p.voice === 'named-expert') return p.voiceDetail ? `${p.voiceDetail} (named expert)` : VOICES['named-expert'];
  return p.voiceDetail ? `${VOICES[p.voice]} — ${p.voiceDetail}` : VOICES[p.voice];
}

function CiteLine({ item, onFootnote }: { item: Tension | Point; onFootnote(n: number): void }) {
  return (
    <p class="kx-cite">
      <span class="kx-cite-section">Section: {SECTIONS[item.section]}</span>
      <span aria-hidden="true"> · </span>
      {item.footnotes.length === 0 ? (
        <span class="kx-cite-nofn">no footnote in the report</span>
      ) : (
        <span>
          {item.footnotes.length === 1 ? 'Footnote ' : 'Footnotes '}
          {item.footnotes.map((n, i) => (
            <Fragment key={n}>
              {i > 0 ? ', ' : null}
              <button type="button" class="kx-fnref" aria-label={`Footnote ${n}`} onClick={() => onFootnote(n)}>
                {n}
              </button>
            </Fragment>
          ))}
        </span>
      )}
    </p>
  );
}

function SourceItem({ n, note, id }: { n: number; note: Footnote | undefined; id: string }) {
  const href = safeHref(note?.url);
  return (
    <li id={id} value={n} tabIndex={-1} class="kx-topic-source">
      <span class="kx-topic-source-n">{n}.</span>{' '}
      {note ? (
        <>
          <span>{footnoteText(note)}</span>
          {href ? (
            <>
              {' '}
              <a href={href} target="_blank" rel="noopener noreferrer">
                {href}
                <span class="kx-visually-hidden"> (opens in a new tab)</span>
              </a>
            </>
          ) : null}
        </>
      ) : (
        <span>Footnote {n} is not in the pack.</span>
      )}
    </li>
  );
}

function CitationBox({ entity, pack, idPrefix }: { entity: Entity; pack: Pack; idPrefix: string }) {
  const citation = reportCitation(pack.report, citedSections(entity));
  const [state, setState] = useState<CopyState>('idle');
  const textRef = useRef<HTMLParagraphElement>(null);

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(citation);
      setState('copied');
    } catch {
      setState('failed');
      // Select the text so Ctrl+C / Cmd+C is the only step left.
      const el = textRef.current;
      const sel = typeof window.getSelection === 'function' ? window.getSelection() : null;
      if (el && sel) sel.selectAllChildren(el);
    }
  };

  return (
    <section class="kx-topic-cite" aria-labelledby={`${idPrefix}-cite`}>
      <h3 id={`${idPrefix}-cite`}>Cite this</h3>
      <p class="kx-topic-citation" ref={textRef}>
        {citation}
      </p>
      <div class="kx-topic-cite-row">
        <button type="button" class="kx-button" onClick={copy}>
          Copy citation
        </button>
        <p class={`kx-topic-cite-status kx-${state}`} role="status" aria-live="polite">
          {state === 'copied'
            ? 'Citation copied to the clipboard.'
            : state === 'failed'
              ? 'Could not copy automatically: the citation is selected above, press Ctrl+C (⌘C on a Mac).'
              : ''}
        </p>
      </div>
    </section>
  );
}
