// W3C Web Annotation selectors over a page's text, and how to describe a passage with them.

/** Stored with each highlight so a later scheme can tell old records apart. */
export const ANCHORING_SCHEME = 'kontekst-text/1';

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface PassageSelectors {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

// Walks CONTEXT_LENGTH visible characters away from `from` (a whitespace run counts as one),
// so indentation between blocks does not eat the context; bounded to stay small in storage.
function contextEdge(text: string, from: number, dir: -1 | 1): number {
  const limit = dir < 0 ? Math.max(0, from - CONTEXT_LENGTH * 32) : Math.min(text.length, from + CONTEXT_LENGTH * 32);
  let i = from;
  let counted = 0;
  let inSpace = false;
  while (i !== limit && counted < CONTEXT_LENGTH) {
    const c = text.charCodeAt(dir < 0 ? i - 1 : i);
    const space = isSpace(c);
    if (!space || !inSpace) counted += 1;
    inSpace = space;
    i += dir;
  }
  return i;
}

/**
 * Describes text[start, end) with a quote (plus ~32 characters of context each side)
 * and a position. Throws RangeError for an empty or out-of-bounds range.
 */
export function describe(
  text: string,
  start: number,
  end: number,
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`describe: invalid range [${start}, ${end}) for a text of ${text.length} characters`);
  }
  let prefixStart = contextEdge(text, start, -1);
  // Never cut an astral character (emoji, rare CJK) in half at the edge of the context.
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart += 1;
  let suffixEnd = contextEdge(text, end, 1);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd -= 1;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
