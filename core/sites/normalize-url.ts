// One address per document, so a highlight saved on a page is found again when the same article comes back
// with other tracking parameters, as its AMP variant, with a #fragment, or through an AMP cache.
// Pure: no DOM, no extension APIs.
import { registrableDomain, siteKeysFor, stripWww } from './site-key';

/**
 * Query parameters that say how the reader arrived, not which document it is. Matched case-insensitively on
 * the decoded name. Keep to names that are unambiguous: a parameter that some site uses to pick content
 * (page, id, from, source, ref) must not be here, or two articles would collapse into one address.
 */
export const TRACKING_PARAMS: Readonly<Record<string, { names?: readonly string[]; prefixes?: readonly string[] }>> = {
  'campaign tags (Google Analytics and everyone else)': { prefixes: ['utm_'] },
  'Google Analytics cross-domain': { names: ['_ga', '_gl', '_gac'] },
  'Google Ads / DoubleClick click ids': { names: ['gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'gad_source', 'gad_campaignid'] },
  'Meta (Facebook, Instagram)': { names: ['fbclid', 'igshid', 'igsh'] },
  'Microsoft Ads': { names: ['msclkid'] },
  'Yandex (Direct, Metrica, search)': { names: ['yclid', 'ysclid', '_openstat'] },
  'Mailchimp': { names: ['mc_cid', 'mc_eid'] },
  'HubSpot': { names: ['_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking'], prefixes: ['hsa_'] },
  'Marketo': { names: ['mkt_tok'] },
  'Matomo / Piwik': { prefixes: ['pk_', 'mtm_'] },
  'Adobe Analytics': { names: ['s_cid', 's_kwcid', 'ef_id'] },
  'X / Twitter': { names: ['ref_src', 'ref_url', 'twclid'] },
  'TikTok': { names: ['ttclid'] },
  'LinkedIn': { names: ['li_fat_id'] },
  'Alibaba / Taobao (super position model)': { names: ['spm', 'scm'] },
  'WeChat shares': { names: ['sharer_sharetime', 'sharer_shareid', 'isappinstalled'] },
  'Yahoo consent redirect': { names: ['guccounter', 'guce_referrer', 'guce_referrer_sig'] },
  'comScore / AT Internet (BBC, Le Monde)': {
    prefixes: ['at_'],
    names: ['ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', 'xtor'],
  },
  'news publishers share and campaign tags (NYT, Guardian, Bloomberg, MSN)': {
    names: ['smid', 'smtyp', 'sgrp', 'cmp', 'cmpid', 'ocid', 'sref', 'unlocked_article_code'],
  },
  'AMP viewers and caches': { names: ['amp', '_amp', 'amp_js_v', 'amp_gsa', 'amp_r', 'amp_tf', 'usqp', 'aoh', 'ampshare', '__amp_source_origin'] },
};

const TRACKING_NAMES = new Set(Object.values(TRACKING_PARAMS).flatMap((f) => f.names ?? []));
const TRACKING_PREFIXES = Object.values(TRACKING_PARAMS).flatMap((f) => f.prefixes ?? []);
// Removed only with the value "amp": elsewhere these names choose a real output format.
const AMP_VALUED_PARAMS = new Set(['outputtype', 'output']);

export function isTrackingParam(name: string, value = ''): boolean {
  const key = name.toLowerCase();
  if (TRACKING_NAMES.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p))) return true;
  return AMP_VALUED_PARAMS.has(key) && value.toLowerCase() === 'amp';
}

function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
/** %7e -> ~ and %c3%a9 -> %C3%A9: equivalent spellings of the same address (RFC 3986, 6.2.2). */
function normalizePercentEncoding(s: string): string {
  return s.replace(/%[0-9a-fA-F]{2}/g, (m) => {
    const ch = String.fromCharCode(parseInt(m.slice(1), 16));
    return UNRESERVED.test(ch) ? ch : m.toUpperCase();
  });
}

/** Drops tracking parameters and sorts the rest by name; pieces keep their own spelling. */
function cleanQuery(search: string): string {
  const pieces = search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '')
    .map((raw) => {
      const eq = raw.indexOf('=');
      const name = decodeComponent(eq < 0 ? raw : raw.slice(0, eq));
      const value = eq < 0 ? '' : decodeComponent(raw.slice(eq + 1));
      return { raw: normalizePercentEncoding(raw), name, value };
    })
    .filter((p) => !isTrackingParam(p.name, p.value));
  // Stable: repeated names keep their relative order, which can matter (?tag=a&tag=b).
  pieces.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return pieces.length === 0 ? '' : `?${pieces.map((p) => p.raw).join('&')}`;
}

function parseWeb(url: string, base?: string): URL | null {
  try {
    const u = new URL(url.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * The publisher's URL behind an AMP cache or viewer address:
 *   https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a  (Google AMP cache; /v/ = viewer)
 *   https://www-example-com.bing-amp.com/c/s/www.example.com/a        (Bing AMP cache)
 *   https://www.google.com/amp/s/www.example.com/a                    (Google search viewer)
 * "/s/" marks an https origin.
 */
export function unwrapAmpCache(url: URL): URL | null {
  const host = url.hostname;
  let match: RegExpExecArray | null = null;
  if (host.endsWith('.cdn.ampproject.org') || host.endsWith('.bing-amp.com')) {
    match = /^\/[cv]\/(s\/)?([^/]+.*)$/.exec(url.pathname);
  } else if (/^google\.[a-z.]+$/.test(registrableDomain(host))) {
    match = /^\/amp\/(s\/)?([^/]+.*)$/.exec(url.pathname);
  }
  if (!match) return null;
  return parseWeb(`${match[1] ? 'https' : 'http'}://${match[2] ?? ''}${url.search}`);
}

/** amp.example.com -> www.example.com; amp.news.example.com -> news.example.com. */
function unAmpHost(host: string): string {
  if (!host.startsWith('amp.')) return host;
  const rest = host.slice(4);
  const site = registrableDomain(host);
  if (host === site) return host; // amp.dev, amp.com: the site itself, not an AMP variant
  return rest === site ? `www.${rest}` : rest;
}

/** /news/amp/world-1 -> /news/world-1, /story/amp/ -> /story/, /story.amp.html -> /story.html. */
function unAmpPath(path: string): string {
  const withoutSegments = path.replace(/\/amp(?=\/|$)/g, '') || '/';
  return withoutSegments.replace(/\.amp(?=(?:\.html?)?$)/, '');
}

/**
 * Takes the page's rel=canonical only when it is http(s) and on the page's own registrable domain. The page
 * declares its canonical itself, so across sites it is a claim we cannot check: a syndicated copy or a hostile
 * page would file the reader's highlights under another site's address, where the library would then send
 * them. A canonical that points every article at the home page (a common misconfiguration) is ignored too.
 */
function acceptCanonical(canonical: string, page: URL): URL | null {
  const candidate = parseWeb(canonical, page.href);
  if (!candidate) return null;
  const target = unwrapAmpCache(candidate) ?? candidate;
  const a = siteKeysFor(target.href);
  const b = siteKeysFor(page.href);
  if (a.kind !== 'web' || b.kind !== 'web' || a.site !== b.site) return null;
  if (target.pathname === '/' && target.search === '' && page.pathname !== '/') return null;
  return target;
}

function clean(input: URL): string {
  const u = new URL(input.href);
  u.username = '';
  u.password = '';
  u.hostname = unAmpHost(u.hostname.replace(/\.+$/, ''));
  u.pathname = normalizePercentEncoding(unAmpPath(u.pathname));
  u.search = cleanQuery(u.search);
  // Fragments are places in a document, except in hash-routed apps (#!/... or #/...), where they are the document.
  u.hash = /^#[!/]./.test(u.hash) ? u.hash : '';
  return u.href; // the URL parser has already lowercased the host and dropped default ports
}

/**
 * The address a saved highlight is filed under. http(s) only: other URLs just lose their fragment, and
 * strings that are not URLs come back trimmed.
 */
export function normalizePageUrl(url: string, opts: { canonical?: string | null } = {}): string {
  const page = parseWeb(url);
  if (!page) {
    try {
      const other = new URL(url.trim());
      other.hash = '';
      return other.href;
    } catch {
      return url.trim();
    }
  }
  const origin = unwrapAmpCache(page) ?? page;
  const canonical = opts.canonical ? acceptCanonical(opts.canonical, origin) : null;
  return clean(canonical ?? origin);
}

/**
 * A key under which two addresses of one document meet: the normalised URL without its scheme and without a
 * leading "www.", since http/https and www/bare variants of a page serve the same article.
 */
export function documentKey(url: string, opts: { canonical?: string | null } = {}): string {
  const normalized = normalizePageUrl(url, opts);
  const u = parseWeb(normalized);
  if (!u) return normalized;
  const host = u.hostname.startsWith('[') ? u.hostname : stripWww(u.hostname);
  return `${host}${u.port ? `:${u.port}` : ''}${u.pathname}${u.search}${u.hash}`;
}

/** Do two addresses show the same document? Compares normalised URLs, ignoring http/https and www. */
export function sameDocument(a: string, b: string): boolean {
  return documentKey(a) === documentKey(b);
}
