// Wires the content script: site decision before any scan, the page controller, messages from
// the background and toolbar popup, and saving. The entrypoint only calls startContentApp.
import { browser } from 'wxt/browser';
import { loadMatcher, type CompiledMatcherData } from '../core/matcher/precompiled';
import { parseTabRequest, type Reply } from '../core/messages';
import { isEnabledFor } from '../core/sites/decide';
import { readSettingsForDecision } from '../core/sites/read-settings';
import type { Settings } from '../core/sites/settings';
import { describe as describeQuote, ANCHORING_SCHEME } from '../core/anchoring';
import { sentenceAround } from '../core/sentence';
import { ask, isOwnSender } from './messaging';
import { SETTINGS_KEY } from './settings-keys';
import { PageController, type EntityCard } from './page-controller';
import { PopoverHost } from './popover-host';
import { placesIn } from '../core/matcher/prefilter';
import { collectText, type MentionFinder, type PageMention } from './scanner';
import { SavedLayer, anchoringText, offsetOf } from './saved-layer';
import type { HighlightRecord } from '../core/annotations/record';
import type { ReadResult } from './highlight-store';
import type { PackInfo } from './background-handlers';

export interface ContentAppOptions {
  /** The matcher, precompiled at build time (data/matcher-data.json). */
  matcherData: CompiledMatcherData;
  /** Called once when the extension context goes away (update, uninstall). */
  onInvalidated(cb: () => void): void;
}

const withoutFragment = (url: string) => url.split('#')[0];

function canonicalUrl(): string | null {
  return document.querySelector<HTMLLinkElement>('link[rel~="canonical"]')?.href ?? null;
}

export async function startContentApp(opts: ContentAppOptions): Promise<PageController> {
  const matcher = loadMatcher(opts.matcherData);
  const finder: MentionFinder = {
    find: (text, pageEvidence) => matcher.findMentions(text, { pageEvidence }),
    evidence: (text) => matcher.evidenceIn(text),
    starts: (text, evidenceFor, kept) => placesIn(matcher.prefilter, text, evidenceFor, kept),
  };

  const controller: PageController = new PageController(finder, {
    loadCard: (id) => ask<EntityCard>({ type: 'entity/get', id }),
    loadReport: async () => {
      const info = await ask<PackInfo>({ type: 'pack/info' });
      return { title: info.report.title, authors: info.report.authors, year: info.report.year, url: info.report.url };
    },
    createPopoverHost: () => new PopoverHost(document),
    saveMention: async (m, _surface) => (await saveMention(m)).id,
    annotate: async (id, note, tags) => {
      await ask({ type: 'highlights/update', id, patch: { note, tags } });
    },
    disableSite: async () => {
      await ask({ type: 'site/set', url: location.href, enabled: false, scope: 'site' });
    },
    openLibrary: (entityId) => void ask({ type: 'library/open', entityId }).catch(() => undefined),
    reportCounts: (total, byEntity) => {
      void ask({ type: 'page/mentions', enabled, total, byEntity }).catch(() => undefined);
      if (enabled) savedPageChanged();
    },
  });

  const pageRoot = () => document.body ?? document.documentElement;
  const saved = new SavedLayer(pageRoot);

  let loads = 0;
  let loadedFor = '';
  async function loadSaved(): Promise<void> {
    const load = ++loads;
    loadedFor = location.href;
    const { records } = await ask<ReadResult>({ type: 'highlights/for-page', url: location.href, canonical: canonicalUrl() });
    // Only the latest answer is painted: an older one may predate a save or a delete.
    if (!enabled || load !== loads) return;
    saved.place(records);
    // Pages without saved highlights (most of them) cost the background no write.
    if (records.length) await reportOrphans();
  }

  /** Scrolls a placed saved highlight into view and emphasises it briefly. */
  function scrollToSaved(id: string): boolean {
    const range = saved.rangeOf(id);
    if (!range) return false;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    controller.flash(range);
    return true;
  }

  /** Opened from the library's "Open page": scroll to that highlight, even if its text comes late. */
  async function arriveAtPendingHighlight(): Promise<void> {
    const id = await ask<string | null>({ type: 'page/pending-highlight' });
    if (!id || scrollToSaved(id)) return;
    const until = Date.now() + 10_000;
    const retry = setInterval(() => {
      if (scrollToSaved(id) || Date.now() > until || !enabled) clearInterval(retry);
    }, 400);
  }

  /** The page changed: an SPA moved to another address (load its highlights), or text came or went. */
  function savedPageChanged(): void {
    // Compared without the fragment; the background normalises the rest (the Public Suffix List
    // it needs stays out of the content script).
    if (loadedFor && withoutFragment(location.href) !== withoutFragment(loadedFor)) void loadSaved().catch(() => undefined);
    else saved.pageChanged(() => void reportOrphans());
  }

  async function reportOrphans(): Promise<void> {
    await ask({ type: 'highlights/anchored', url: location.href, canonical: canonicalUrl(), orphans: saved.orphans.map((o) => o.id) }).catch(() => undefined);
  }

  /** Saves a page-text span [start, end) as a highlight (mention sentence or a selection). */
  async function saveSpan(pageText: string, start: number, end: number, entityIds: string[]): Promise<HighlightRecord> {
    const { quote, position } = describeQuote(pageText, start, end);
    const record = await ask<HighlightRecord>({
      type: 'highlights/save',
      record: {
        url: location.href,
        originalUrl: location.href,
        canonical: canonicalUrl(),
        title: document.title,
        quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        position: { start: position.start, end: position.end },
        scheme: ANCHORING_SCHEME,
        entityIds,
      },
    });
    await loadSaved();
    return record;
  }

  async function saveSelection(): Promise<HighlightRecord | null> {
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const r = sel.getRangeAt(0);
    const map = collectText(pageRoot());
    const start = offsetOf(map, r.startContainer, r.startOffset);
    const end = offsetOf(map, r.endContainer, r.endOffset);
    if (start === null || end === null || end <= start) return null;
    const text = anchoringText(map);
    if (!text.slice(start, end).trim()) return null;
    // Topics of the mentions inside the selection itself, not of the rest of a paragraph it touches.
    const inside = (controller.mentionLayer?.mentions() ?? []).filter((m) => {
      const ms = offsetOf(map, m.range.startContainer, m.range.startOffset);
      const me = offsetOf(map, m.range.endContainer, m.range.endOffset);
      return ms !== null && me !== null && ms < end && me > start;
    });
    return saveSpan(text, start, end, [...new Set(inside.map((m) => m.entityId))]);
  }

  async function saveMention(m: PageMention): Promise<HighlightRecord> {
    const map = collectText(pageRoot());
    const start = offsetOf(map, m.range.startContainer, m.range.startOffset);
    const end = offsetOf(map, m.range.endContainer, m.range.endOffset);
    if (start === null || end === null) throw new Error('The mention is no longer on the page.');
    const text = anchoringText(map);
    const sentence = sentenceAround(text, start, end);
    return saveSpan(text, sentence.start, sentence.end, [m.entityId]);
  }

  let enabled = false;
  const apply = (on: boolean) => {
    if (on === enabled) return;
    enabled = on;
    if (on) {
      void controller
        .start()
        .then(() => loadSaved())
        .then(() => arriveAtPendingHighlight())
        .catch(() => undefined);
    } else {
      controller.stop();
      saved.clear();
    }
  };

  // Decided before anything is scanned or painted, from extension storage (no service worker).
  // The listener comes first so no change is missed; a change that lands while the first read is
  // on its way wins over that read.
  const decide = (s: Settings) => apply(isEnabledFor(location.href, s).enabled);
  let changedMeanwhile = false;
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    changedMeanwhile = true;
    decide(readSettingsForDecision(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(onStorage);
  const initial = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (!changedMeanwhile) decide(readSettingsForDecision(initial));
  // A page loaded switched off says so on the toolbar too (badge "off", grey icon).
  if (!enabled) void ask({ type: 'page/mentions', enabled: false, total: 0, byEntity: {} }).catch(() => undefined);
  const unwatch = () => browser.storage.onChanged.removeListener(onStorage);

  const onMessage = (raw: unknown, sender: { id?: string }): Promise<Reply<unknown>> | undefined => {
    if (!isOwnSender(sender)) return undefined;
    const req = parseTabRequest(raw);
    if (!req) return undefined;
    const reply = <T,>(data: T): Promise<Reply<unknown>> => Promise.resolve({ ok: true, data });
    switch (req.type) {
      case 'tab/mentions':
        return reply({ enabled, ...controller.counts(), scanned: controller.scanned, url: location.href });
      case 'tab/goto-mention':
        return reply(!!controller.gotoEntity(req.entityId, req.index));
      case 'tab/saved':
        return reply({
          placed: saved.placed.map((p) => p.record),
          orphans: saved.orphans,
        });
      case 'tab/goto-highlight':
        return reply(scrollToSaved(req.id));
      case 'tab/highlights-changed':
        if (enabled) void loadSaved().catch(() => undefined);
        return reply(null);
      case 'tab/save-selection':
        return saveSelection().then(
          (r) => ({ ok: true, data: r }),
          (e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
        );
      case 'tab/command':
        if (req.command === 'next-mention') return reply(!!controller.step(1));
        if (req.command === 'previous-mention') return reply(!!controller.step(-1));
        return reply(false);
      default:
        return reply(null);
    }
  };
  browser.runtime.onMessage.addListener(onMessage as never);

  opts.onInvalidated(() => {
    unwatch();
    browser.runtime.onMessage.removeListener(onMessage as never);
    controller.stop();
  });
  return controller;
}
