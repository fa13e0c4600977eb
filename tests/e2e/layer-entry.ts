// Bundled into test pages by layer-slices.e2e.ts: runs lib/mention-layer.ts on the page as the
// content script does, with a given slice length, and describes what it found.
import { loadMatcher } from '../../core/matcher/precompiled';
import { placesIn } from '../../core/matcher/prefilter';
import { detectionMatcherData } from '../../data/detection-bundle';
import { MentionLayer } from '../../lib/mention-layer';
import type { MentionFinder } from '../../lib/scanner';

async function scanWith(sliceMs: number): Promise<{ mentions: string[]; yields: number }> {
  const m = loadMatcher(detectionMatcherData);
  const finder: MentionFinder = {
    find: (text, pageEvidence) => m.findMentions(text, { pageEvidence }),
    evidence: (text) => m.evidenceIn(text),
    starts: (text, evidenceFor, skip) => placesIn(m.prefilter, text, evidenceFor, skip),
  };
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
