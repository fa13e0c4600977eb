// Per-site control, settings and page-address normalisation: the pure core the background, the content
// script and the popup share.
export * from './settings';
export * from './site-key';
export * from './decide';
export * from './site-control';
export * from './host-key';
export * from './normalize-url';
export { toUnicodeHost } from './punycode';
