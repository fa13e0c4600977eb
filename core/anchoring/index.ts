// Anchoring of saved passages: describe a passage with W3C selectors, find it again later.
export { ANCHORING_SCHEME, CONTEXT_LENGTH, describe } from './selectors';
export type { PassageSelectors, TextPositionSelector, TextQuoteSelector } from './selectors';
export { MAX_ERROR_RATIO, anchor } from './match-quote';
export type { AnchorMethod, AnchorResult } from './match-quote';
export { foldText, foldedIndexAt, foldedIndexEndingAt, toOriginalRange } from './normalize';
export type { FoldedText } from './normalize';
