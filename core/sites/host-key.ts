// Which host a page belongs to, as per-site rules see it, WITHOUT the Public Suffix List: the
// content script decides whether to run from this alone (rules match by host and dot-suffix), so
// it never loads tldts' list. Registrable domains are added by site-key.ts where they are needed.


export type UnsupportedReason =
  | 'malformed' // not a URL at all
  | 'not-web' // data:, blob:, javascript:, ftp:, view-source:, ...
  | 'local-file' // file:
  | 'browser-page' // about:, chrome://, edge://, brave://, ...
  | 'extension-page' // chrome-extension://, moz-extension://, ...
  | 'store-page' // extension stores, where browsers forbid content scripts
  | 'no-host'; // http(s) URL with an empty host

export type HostKeys =
  | {
      kind: 'web';
      /** Lowercase ASCII (punycode) hostname without trailing dot or port; IPv6 keeps its brackets. */
      host: string;
      /** `host` without a leading "www." label: www.example.com and example.com are one host for rules. */
      ruleHost: string;
      /** Only when not the scheme's default port. */
      port?: string;
      isIp: boolean;
    }
  | { kind: 'unsupported'; reason: UnsupportedReason };

export const UNSUPPORTED_REASON_TEXT: Record<UnsupportedReason, string> = {
  malformed: 'This is not a valid web address.',
  'not-web': 'Kontekst works on web pages (http and https) only.',
  'local-file': 'Kontekst does not run on local files.',
  'browser-page': 'Browsers do not let extensions run on their own pages.',
  'extension-page': 'Kontekst does not run on extension pages.',
  'store-page': 'Browsers do not let extensions run on extension store pages.',
  'no-host': 'This address has no host name.',
};

const BROWSER_SCHEMES = new Set([
  'about:', 'chrome:', 'chrome-untrusted:', 'chrome-search:', 'devtools:', 'edge:', 'brave:', 'opera:',
  'vivaldi:', 'resource:', 'view-source:',
]);
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:', 'extension:']);

// Browsers block content scripts on these hosts (Chrome: Web Store; Firefox: the "restricted domains").
const STORE_HOSTS = new Set([
  'chromewebstore.google.com', 'microsoftedge.microsoft.com', 'addons.mozilla.org', 'accounts.firefox.com',
  'support.mozilla.org',
]);

export const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Drops a leading "www." label when what remains is still a domain (www.bbc.co.uk → bbc.co.uk). */
export function stripWwwLabel(host: string): string {
  return host.startsWith('www.') && host.indexOf('.', 4) > 0 ? host.slice(4) : host;
}

export function hostKeysFor(url: string): HostKeys {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { kind: 'unsupported', reason: 'malformed' };
  }
  const scheme = parsed.protocol;
  if (scheme !== 'http:' && scheme !== 'https:') {
    if (scheme === 'file:') return { kind: 'unsupported', reason: 'local-file' };
    if (BROWSER_SCHEMES.has(scheme)) return { kind: 'unsupported', reason: 'browser-page' };
    if (EXTENSION_SCHEMES.has(scheme)) return { kind: 'unsupported', reason: 'extension-page' };
    return { kind: 'unsupported', reason: 'not-web' };
  }
  // The URL parser has already lowercased and punycoded the host (пример.рф -> xn--e1afmkfd.xn--p1ai).
  const host = parsed.hostname.replace(/\.+$/, '');
  if (host === '') return { kind: 'unsupported', reason: 'no-host' };
  if (STORE_HOSTS.has(host) || (host === 'chrome.google.com' && parsed.pathname.startsWith('/webstore'))) {
    return { kind: 'unsupported', reason: 'store-page' };
  }
  const isIp = host.startsWith('[') || IPV4.test(host);
  const keys: HostKeys = { kind: 'web', host, ruleHost: isIp ? host : stripWwwLabel(host), isIp };
  if (parsed.port !== '') keys.port = parsed.port; // the parser already drops default ports
  return keys;
}
