// Evaluated in the saved-highlights benchmark page (bundled by bundle.ts): picks passages the way
// a reader would select them, and times SavedLayer.place (re-anchor every record + paint).
import { ANCHORING_SCHEME, describe } from '../../core/anchoring';
import type { HighlightRecord } from '../../core/annotations/record';
import { normalizePageUrl } from '../../core/sites/normalize-url';
import { SavedLayer, anchoringText } from '../../lib/saved-layer';
import { collectText } from '../../lib/scanner';

interface Passage {
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
}

/** `n` passages (20-90 characters, inside one block, cut at spaces), spread evenly over the page's text. */
function passages(n: number): { url: string; title: string; chars: number; scheme: string; passages: Passage[] } {
  const text = anchoringText(collectText(document.body));
  const spans: [number, number][] = [];
  let blockStart = 0;
  for (const block of text.split('\n')) {
    let s = blockStart;
    const blockEnd = blockStart + block.length;
    while (s < blockEnd) {
      while (s < blockEnd && /\s/.test(text[s]!)) s++;
      let e = Math.min(blockEnd, s + 30 + (spans.length % 5) * 15);
      const space = text.lastIndexOf(' ', e);
      if (e < blockEnd && space > s + 20) e = space;
      if (text.slice(s, e).trim().length >= 20) spans.push([s, e]);
      s = e + 1;
    }
    blockStart = blockEnd + 1;
  }
  const out: Passage[] = [];
  const take = Math.min(n, spans.length);
  for (let i = 0; i < take; i++) {
    const [s, e] = spans[Math.floor((i * spans.length) / take)]!;
    const d = describe(text, s, e);
    out.push({ quote: { exact: d.quote.exact, prefix: d.quote.prefix, suffix: d.quote.suffix }, position: { start: d.position.start, end: d.position.end } });
  }
  const canonical = document.querySelector<HTMLLinkElement>('link[rel~="canonical"]')?.href ?? null;
  return { url: normalizePageUrl(location.href, { canonical }), title: document.title, chars: text.length, scheme: ANCHORING_SCHEME, passages: out };
}

/** Re-anchors and paints `records` as the content script does; time of place() and to the next paint. */
async function place(records: HighlightRecord[]): Promise<{ ms: number; paintMs: number; placed: number; orphans: number }> {
  const layer = new SavedLayer(() => document.body);
  const t0 = performance.now();
  const orphans = layer.place(records);
  const ms = performance.now() - t0;
  const painted = await new Promise<number>((ok) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok(performance.now());
      ch.port2.postMessage(0);
    }),
  );
  return { ms, paintMs: painted - t0, placed: layer.placed.length, orphans: orphans.length };
}

const api = { passages, place };
export type SavedWindow = { __saved: typeof api };
(window as unknown as SavedWindow).__saved = api;
