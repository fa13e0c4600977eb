// Which host and which site a page belongs to, as per-site rules see them. Pure: no DOM, no extension APIs.
//
// "Site" is the registrable domain (example.co.uk for news.example.co.uk). Finding it needs the Public
// Suffix List — no string rule can tell bbc.co.uk from co.uk — so we use tldts: a maintained, dependency-free
// PSL library with the list compiled in (no network), fast enough to call on every page load.
//
// Private suffixes (github.io, blogspot.com, pages.dev, ...) are honoured (allowPrivateDomains: true):
// alice.github.io and bob.github.io belong to different people, so "the whole site" for one of them must not
// switch Kontekst off for every GitHub Pages site. Browsers draw the same line for cookies.
import { parse } from 'tldts';
import { hostKeysFor, IPV4, type HostKeys, type UnsupportedReason } from './host-key';

export { UNSUPPORTED_REASON_TEXT, hostKeysFor, stripWwwLabel } from './host-key';
export type { HostKeys, UnsupportedReason } from './host-key';

export type SiteKeys =
  | (Extract<HostKeys, { kind: 'web' }> & {
      /** Registrable domain; for IPs, localhost and bare public suffixes, the host itself. */
      site: string;
    })
  | { kind: 'unsupported'; reason: UnsupportedReason };

const TLDTS_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false, // we hand it a hostname the URL parser already validated and lowercased
  validateHostname: false,
  detectIp: false,
} as const;

/** Registrable domain of a normalised hostname, or the hostname itself when it has none. */
export function registrableDomain(host: string): string {
  if (host.startsWith('[') || IPV4.test(host)) return host;
  return parse(host, TLDTS_OPTIONS).domain ?? host;
}

/** Drops a leading "www." when it is a subdomain label (not for www.com, nor www.github.io). */
export function stripWww(host: string, site: string = registrableDomain(host)): string {
  return host.startsWith('www.') && host.length > site.length ? host.slice(4) : host;
}

export function siteKeysFor(url: string): SiteKeys {
  const keys = hostKeysFor(url);
  if (keys.kind !== 'web') return keys;
  return { ...keys, site: keys.isIp ? keys.host : registrableDomain(keys.host) };
}
