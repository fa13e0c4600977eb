// Bundled into test pages by layer-slices.e2e.ts: runs lib/mention-layer.ts on the page as the
// content script does, with a given slice length, and describes what it found.
import { loadMatcher } from '../../core/matcher/precompiled';
import { placesIn } from '../../core/matcher/prefilter';
import { detectionMatcherData } from '../../data/detection-bundle';
import { MentionLayer } from '../../lib/mention-layer';
import { readRawText, type MentionFinder } from '../../lib/scanner';

/** The product's matcher, wired as the content script wires it (lib/content-app.ts). */
function newFinder(): MentionFinder {
  const m = loadMatcher(detectionMatcherData);
  return {
    find: (text, pageEvidence) => m.findMentions(text, { pageEvidence }),
    evidence: (text) => m.evidenceIn(text),
    starts: (text, evidenceFor, kept) => placesIn(m.prefilter, text, evidenceFor, kept),
  };
}

async function scanWith(sliceMs: number): Promise<{ mentions: string[]; yields: number }> {
  const finder = newFinder();
  const sched = (globalThis as unknown as { scheduler: { yield: () => Promise<void> } }).scheduler;
  const original = sched.yield.bind(sched);
  let yields = 0;
  sched.yield = () => {
    yields++;
    return original();
  };
  const layer = new MentionLayer(document, finder, { sliceMs });
  try {
    await layer.start();
  } finally {
    sched.yield = original;
  }
  const index = new Map<Node, number>();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(), i = 0; n; n = w.nextNode(), i++) index.set(n, i);
  const mentions = layer.mentions().map((x) => {
    const r = x.range;
    return `${x.entityId} ${index.get(r.startContainer)}:${r.startOffset}-${index.get(r.endContainer)}:${r.endOffset}`;
  });
  layer.stop();
  return { mentions, yields };
}

(window as unknown as { __scanWith: typeof scanWith }).__scanWith = scanWith;

/**
 * A hidden menu's place is watched until the menu is removed: the elements watched for text that
 * is not rendered, before and after (the removal is flushed 100 ms after it).
 */
async function watchedAfterRemoval(): Promise<{ before: number; after: number }> {
  const menu = document.body.appendChild(document.createElement('nav'));
  menu.style.display = 'none';
  menu.appendChild(document.createElement('a')).textContent = 'Huawei';
  const finder = newFinder();
  const layer = new MentionLayer(document, finder);
  await layer.start();
  const watched = (): number => (layer as unknown as { unreadByElement: Map<Element, unknown> }).unreadByElement.size;
  const before = watched();
  menu.remove();
  await new Promise((ok) => setTimeout(ok, 400));
  const after = watched();
  layer.stop();
  return { before, after };
}

(window as unknown as { __watchedAfterRemoval: typeof watchedAfterRemoval }).__watchedAfterRemoval = watchedAfterRemoval;

/** What readRawText leaves out of the body's text: characters, <style> text nodes, hidden text nodes. */
function rawOfBody(): { whole: number; raw: number; cut: number; hidden: number } {
  const raw = readRawText(document.body);
  return { whole: document.body.textContent?.length ?? 0, raw: raw.text.length, cut: raw.cut.length, hidden: raw.hidden.length };
}

(window as unknown as { __rawOfBody: typeof rawOfBody }).__rawOfBody = rawOfBody;
