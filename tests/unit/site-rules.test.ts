import { describe, expect, it } from 'vitest';
import { domainToUnicode } from 'node:url';
import {
  addStarterSites,
  DEFAULT_SETTINGS,
  describeDecision,
  isEnabledFor,
  migrateSettings,
  normalizeRulePattern,
  registrableDomain,
  removeSiteRule,
  ruleScopeLabel,
  rulesMatching,
  setMode,
  setPaused,
  setSiteRule,
  settingsSchema,
  siteControlFor,
  siteKeysFor,
  STARTER_NEWS_SITES,
  STARTER_NEWS_SOURCES,
  toUnicodeHost,
  type Settings,
  type SiteRule,
} from '../../core/sites';

function settings(rules: Array<Partial<SiteRule> & Pick<SiteRule, 'pattern' | 'scope' | 'enabled'>>, extra: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, rules: rules.map((r) => ({ updatedAt: 1, ...r })), ...extra };
}

describe('siteKeysFor', () => {
  const web: Array<[string, { host: string; ruleHost?: string; site: string; port?: string; isIp?: boolean }]> = [
    ['https://example.com/', { host: 'example.com', site: 'example.com' }],
    ['https://www.example.com/path?q=1#x', { host: 'www.example.com', ruleHost: 'example.com', site: 'example.com' }],
    ['https://news.bbc.co.uk/world', { host: 'news.bbc.co.uk', site: 'bbc.co.uk' }],
    ['https://WWW.BBC.CO.UK./news', { host: 'www.bbc.co.uk', ruleHost: 'bbc.co.uk', site: 'bbc.co.uk' }],
    ['https://a.b.c.example.com/', { host: 'a.b.c.example.com', site: 'example.com' }],
    ['https://www.news.example.com/', { host: 'www.news.example.com', ruleHost: 'news.example.com', site: 'example.com' }],
    ['https://www2.example.com/', { host: 'www2.example.com', site: 'example.com' }],
    ['https://example.com:8443/', { host: 'example.com', site: 'example.com', port: '8443' }],
    ['https://example.com:443/', { host: 'example.com', site: 'example.com' }],
    ['http://example.com:80/', { host: 'example.com', site: 'example.com' }],
    ['http://example.com:443/', { host: 'example.com', site: 'example.com', port: '443' }],
    ['https://www.com/', { host: 'www.com', ruleHost: 'www.com', site: 'www.com' }],
    ['https://пример.рф/', { host: 'xn--e1afmkfd.xn--p1ai', site: 'xn--e1afmkfd.xn--p1ai' }],
    ['https://WWW.ПРИМЕР.РФ/статья', { host: 'www.xn--e1afmkfd.xn--p1ai', ruleHost: 'xn--e1afmkfd.xn--p1ai', site: 'xn--e1afmkfd.xn--p1ai' }],
    ['https://新闻.例子.中国/', { host: 'xn--efvy88h.xn--fsqu00a.xn--fiqs8s', site: 'xn--fsqu00a.xn--fiqs8s' }],
    ['http://192.168.0.1:8080/admin', { host: '192.168.0.1', site: '192.168.0.1', port: '8080', isIp: true }],
    ['http://[2001:DB8::1]/', { host: '[2001:db8::1]', site: '[2001:db8::1]', isIp: true }],
    ['http://[::1]:3000/', { host: '[::1]', site: '[::1]', port: '3000', isIp: true }],
    ['http://localhost:5173/', { host: 'localhost', site: 'localhost', port: '5173' }],
    ['http://localhost./', { host: 'localhost', site: 'localhost' }],
    ['http://app.localhost/', { host: 'app.localhost', site: 'app.localhost' }],
    ['http://intranet/', { host: 'intranet', site: 'intranet' }],
    ['https://co.uk/', { host: 'co.uk', site: 'co.uk' }],
    // Private suffixes: each user's site is its own site.
    ['https://alice.github.io/blog', { host: 'alice.github.io', site: 'alice.github.io' }],
    ['https://github.io/', { host: 'github.io', site: 'github.io' }],
    ['https://a.b.blogspot.com/', { host: 'a.b.blogspot.com', site: 'b.blogspot.com' }],
    ['https://chrome.google.com/search', { host: 'chrome.google.com', site: 'google.com' }],
    ['  https://example.com/  ', { host: 'example.com', site: 'example.com' }],
  ];
  it.each(web)('%s', (url, expected) => {
    expect(siteKeysFor(url)).toEqual({
      kind: 'web',
      host: expected.host,
      ruleHost: expected.ruleHost ?? expected.host,
      site: expected.site,
      isIp: expected.isIp ?? false,
      ...(expected.port ? { port: expected.port } : {}),
    });
  });

  it('gives Unicode and punycode spellings of an IDN the same keys', () => {
    expect(siteKeysFor('https://пример.рф/')).toEqual(siteKeysFor('https://xn--e1afmkfd.xn--p1ai/'));
    expect(siteKeysFor('https://Пример.РФ/a')).toEqual(siteKeysFor('https://XN--E1AFMKFD.XN--P1AI/b'));
    expect(siteKeysFor('https://例子.中国/')).toEqual(siteKeysFor('https://xn--fsqu00a.xn--fiqs8s/'));
  });

  const unsupported: Array<[string, string]> = [
    ['file:///home/me/article.html', 'local-file'],
    ['chrome://settings', 'browser-page'],
    ['chrome://newtab/', 'browser-page'],
    ['edge://extensions', 'browser-page'],
    ['about:blank', 'browser-page'],
    ['about:newtab', 'browser-page'],
    ['view-source:https://example.com/', 'browser-page'],
    ['chrome-extension://abcdefghijklmnop/popup.html', 'extension-page'],
    ['moz-extension://0d8e6a4e-1111-2222-3333-444455556666/library.html', 'extension-page'],
    ['data:text/html,<p>hi</p>', 'not-web'],
    ['javascript:void(0)', 'not-web'],
    ['blob:https://example.com/uuid', 'not-web'],
    ['ftp://example.com/file', 'not-web'],
    ['ws://example.com/socket', 'not-web'],
    ['', 'malformed'],
    ['example.com', 'malformed'],
    ['not a url', 'malformed'],
    ['https://', 'malformed'],
    ['http://exa mple.com/', 'malformed'],
    ['http://[::1/', 'malformed'],
    ['https://chromewebstore.google.com/detail/xyz', 'store-page'],
    ['https://chrome.google.com/webstore/detail/xyz', 'store-page'],
    ['https://addons.mozilla.org/en-US/firefox/', 'store-page'],
  ];
  it.each(unsupported)('%s is unsupported (%s)', (url, reason) => {
    expect(siteKeysFor(url)).toEqual({ kind: 'unsupported', reason });
  });
});

describe('toUnicodeHost', () => {
  const hosts = [
    'xn--e1afmkfd.xn--p1ai',
    'xn--fsqu00a.xn--fiqs8s',
    'www.xn--80ak6aa92e.com',
    'xn--mnchen-3ya.de',
    'xn--bcher-kva.example',
    'xn--fiqs8s',
    'xn--j1ail.xn--p1ai',
    'xn--i-7iq.ws',
    'example.com',
  ];
  it.each(hosts)('%s decodes as Node does', (host) => {
    expect(toUnicodeHost(host)).toBe(domainToUnicode(host));
  });
  it('keeps labels that are not valid punycode', () => {
    expect(toUnicodeHost('xn--.example.com')).toBe('xn--.example.com');
    expect(toUnicodeHost('xn--a_b!.com')).toBe('xn--a_b!.com');
  });
});

describe('normalizeRulePattern', () => {
  const cases: Array<[string, string | null]> = [
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['www.example.com', 'example.com'],
    ['https://www.bbc.co.uk/news?x=1', 'bbc.co.uk'],
    ['news.example.com:8080', 'news.example.com'],
    ['example.com.', 'example.com'],
    ['*.example.com', 'example.com'],
    ['Пример.РФ', 'xn--e1afmkfd.xn--p1ai'],
    ['[2001:DB8::1]:80', '[2001:db8::1]'],
    ['www.com', 'www.com'],
    ['', null],
    ['   ', null],
    ['exa mple.com', null],
    ['file:///tmp/x', null],
    ['chrome://settings', null],
  ];
  it.each(cases)('%j -> %j', (input, expected) => {
    expect(normalizeRulePattern(input)).toBe(expected);
  });
});

describe('isEnabledFor', () => {
  it('runs everywhere by default and nowhere by default in only-listed mode', () => {
    expect(isEnabledFor('https://example.com/', DEFAULT_SETTINGS)).toEqual({ enabled: true, reason: 'default' });
    expect(isEnabledFor('https://example.com/', setMode(DEFAULT_SETTINGS, 'only-listed'))).toEqual({
      enabled: false,
      reason: 'not-listed',
    });
  });

  const siteOff = settings([{ pattern: 'example.com', scope: 'site', enabled: false }]);
  const hostOff = settings([{ pattern: 'news.example.com', scope: 'host', enabled: false }]);
  const table: Array<[string, Settings, string, boolean, 'rule' | 'default']> = [
    ['site rule: the domain', siteOff, 'https://example.com/a', false, 'rule'],
    ['site rule: www.', siteOff, 'https://www.example.com/a', false, 'rule'],
    ['site rule: subdomain', siteOff, 'https://news.example.com/a', false, 'rule'],
    ['site rule: deep subdomain', siteOff, 'https://a.b.c.example.com/', false, 'rule'],
    ['site rule: any port', siteOff, 'https://example.com:8443/', false, 'rule'],
    ['site rule: not a look-alike', siteOff, 'https://badexample.com/', true, 'default'],
    ['site rule: not a host that only contains it', siteOff, 'https://example.com.evil.org/', true, 'default'],
    ['site rule: not another suffix', siteOff, 'https://example.co.uk/', true, 'default'],
    ['host rule: that host', hostOff, 'https://news.example.com/a', false, 'rule'],
    ['host rule: its www.', hostOff, 'https://www.news.example.com/a', false, 'rule'],
    ['host rule: not the parent', hostOff, 'https://example.com/', true, 'default'],
    ['host rule: not a sibling', hostOff, 'https://sport.example.com/', true, 'default'],
    ['host rule: not a child', hostOff, 'https://eu.news.example.com/', true, 'default'],
  ];
  it.each(table)('%s', (_name, s, url, enabled, reason) => {
    const decision = isEnabledFor(url, s);
    expect(decision.enabled).toBe(enabled);
    expect(decision.reason).toBe(reason);
  });

  it('treats www.example.com and example.com as one host for host rules', () => {
    const s = settings([{ pattern: 'example.com', scope: 'host', enabled: false }]);
    expect(isEnabledFor('https://www.example.com/', s).enabled).toBe(false);
    expect(isEnabledFor('https://example.com/', s).enabled).toBe(false);
    expect(isEnabledFor('https://news.example.com/', s).enabled).toBe(true);
  });

  describe('the most specific rule wins', () => {
    const s = settings([
      { pattern: 'example.com', scope: 'site', enabled: false },
      { pattern: 'news.example.com', scope: 'site', enabled: true },
      { pattern: 'live.news.example.com', scope: 'host', enabled: false },
      { pattern: 'news.example.com', scope: 'host', enabled: false },
      { pattern: 'blog.example.com', scope: 'host', enabled: true },
    ]);
    const cases: Array<[string, boolean, string, string]> = [
      ['https://example.com/', false, 'site', 'example.com'],
      ['https://shop.example.com/', false, 'site', 'example.com'],
      ['https://blog.example.com/', true, 'host', 'blog.example.com'], // host beats site
      ['https://eu.news.example.com/', true, 'site', 'news.example.com'], // deeper site beats parent site
      ['https://news.example.com/', false, 'host', 'news.example.com'], // host beats a site rule of the same name
      ['https://live.news.example.com/', false, 'host', 'live.news.example.com'],
    ];
    it.each(cases)('%s', (url, enabled, scope, pattern) => {
      const d = isEnabledFor(url, s);
      expect(d).toMatchObject({ enabled, reason: 'rule', rule: { scope, pattern } });
    });
    it('lists the matching rules, the deciding one first', () => {
      const keys = siteKeysFor('https://live.news.example.com/');
      if (keys.kind !== 'web') throw new Error('expected web keys');
      expect(rulesMatching(keys, s.rules).map((r) => `${r.scope}:${r.pattern}`)).toEqual([
        'host:live.news.example.com',
        'site:news.example.com',
        'site:example.com',
      ]);
    });
  });

  it('picks the newer of two rules with the same pattern and scope, in any order', () => {
    const older = { pattern: 'example.com', scope: 'site' as const, enabled: false, updatedAt: 10 };
    const newer = { ...older, enabled: true, updatedAt: 20 };
    expect(isEnabledFor('https://example.com/', settings([older, newer])).enabled).toBe(true);
    expect(isEnabledFor('https://example.com/', settings([newer, older])).enabled).toBe(true);
  });

  describe('only-listed mode', () => {
    const s = settings(
      [
        { pattern: 'bbc.co.uk', scope: 'site', enabled: true },
        { pattern: 'sport.bbc.co.uk', scope: 'host', enabled: false },
      ],
      { mode: 'only-listed' },
    );
    it.each([
      ['https://www.bbc.co.uk/news', true, 'rule'],
      ['https://news.bbc.co.uk/', true, 'rule'],
      ['https://sport.bbc.co.uk/', false, 'rule'],
      ['https://www.reuters.com/', false, 'not-listed'],
    ] as const)('%s', (url, enabled, reason) => {
      expect(isEnabledFor(url, s)).toMatchObject({ enabled, reason });
    });
  });

  it('lets pause beat every rule and every mode', () => {
    const on = settings([{ pattern: 'example.com', scope: 'host', enabled: true }], { paused: true });
    expect(isEnabledFor('https://example.com/', on)).toEqual({ enabled: false, reason: 'paused' });
    expect(isEnabledFor('https://other.org/', on)).toEqual({ enabled: false, reason: 'paused' });
    expect(isEnabledFor('chrome://settings', on)).toEqual({ enabled: false, reason: 'paused' });
    expect(isEnabledFor('https://example.com/', setPaused(on, false)).enabled).toBe(true);
  });

  it('never enables unsupported pages, whatever the mode', () => {
    for (const s of [DEFAULT_SETTINGS, setMode(DEFAULT_SETTINGS, 'only-listed')]) {
      expect(isEnabledFor('file:///tmp/a.html', s)).toEqual({ enabled: false, reason: 'unsupported', unsupported: 'local-file' });
      expect(isEnabledFor('moz-extension://x/y.html', s)).toMatchObject({ enabled: false, unsupported: 'extension-page' });
      expect(isEnabledFor('::::', s)).toMatchObject({ enabled: false, unsupported: 'malformed' });
    }
  });

  it('ignores ports: a rule for localhost covers every dev server', () => {
    const s = setSiteRule(DEFAULT_SETTINGS, 'http://localhost:3000/', { enabled: false, scope: 'host' }, 5);
    expect(s.rules).toEqual([{ pattern: 'localhost', scope: 'host', enabled: false, updatedAt: 5 }]);
    expect(isEnabledFor('http://localhost:5173/x', s).enabled).toBe(false);
    expect(isEnabledFor('http://127.0.0.1:5173/x', s).enabled).toBe(true);
  });

  it('matches IP addresses exactly, never by suffix', () => {
    const s = setSiteRule(DEFAULT_SETTINGS, 'http://10.0.0.1/', { enabled: false, scope: 'site' }, 5);
    expect(s.rules).toEqual([{ pattern: '10.0.0.1', scope: 'host', enabled: false, updatedAt: 5 }]);
    expect(isEnabledFor('http://10.0.0.1:8080/', s).enabled).toBe(false);
    expect(isEnabledFor('http://110.0.0.1/', s).enabled).toBe(true);
    const v6 = setSiteRule(DEFAULT_SETTINGS, 'http://[::1]:3000/', { enabled: false, scope: 'host' }, 5);
    expect(isEnabledFor('http://[0:0:0:0:0:0:0:1]/', v6).enabled).toBe(false);
  });

  it('applies a rule made on the Unicode address to the punycode one', () => {
    const s = setSiteRule(DEFAULT_SETTINGS, 'https://новости.пример.рф/', { enabled: false, scope: 'site' }, 5);
    expect(s.rules[0]?.pattern).toBe('xn--e1afmkfd.xn--p1ai');
    expect(isEnabledFor('https://www.xn--e1afmkfd.xn--p1ai/', s).enabled).toBe(false);
  });

  it('keeps separate owners of a private suffix apart', () => {
    const s = setSiteRule(DEFAULT_SETTINGS, 'https://www.alice.github.io/x', { enabled: false, scope: 'site' }, 5);
    expect(s.rules[0]?.pattern).toBe('alice.github.io');
    expect(isEnabledFor('https://alice.github.io/', s).enabled).toBe(false);
    expect(isEnabledFor('https://bob.github.io/', s).enabled).toBe(true);
  });

  it('decides 10 000 pages against 1 000 rules quickly', () => {
    const rules: SiteRule[] = Array.from({ length: 1000 }, (_, i) => ({
      pattern: i % 2 ? `site${i}.example${i % 7}.com` : `news${i}.co.uk`,
      scope: i % 3 ? 'site' : 'host',
      enabled: i % 5 !== 0,
      updatedAt: i,
    }));
    const s = settings(rules);
    const start = performance.now();
    let on = 0;
    for (let i = 0; i < 10_000; i++) if (isEnabledFor(`https://www.news${i % 1200}.co.uk/story/${i}`, s).enabled) on++;
    const ms = performance.now() - start;
    expect(on).toBeGreaterThan(0);
    expect(ms).toBeLessThan(3000); // measured ~0.03 ms per call on the 2-core box
  });
});

describe('updaters', () => {
  it('stores a site rule under the registrable domain and a host rule under the host without www.', () => {
    const site = setSiteRule(DEFAULT_SETTINGS, 'https://www.news.bbc.co.uk/a', { enabled: false, scope: 'site' }, 7);
    expect(site.rules).toEqual([{ pattern: 'bbc.co.uk', scope: 'site', enabled: false, updatedAt: 7 }]);
    const host = setSiteRule(DEFAULT_SETTINGS, 'https://www.news.bbc.co.uk/a', { enabled: false, scope: 'host' }, 7);
    expect(host.rules).toEqual([{ pattern: 'news.bbc.co.uk', scope: 'host', enabled: false, updatedAt: 7 }]);
    expect(settingsSchema.safeParse(site).success && settingsSchema.safeParse(host).success).toBe(true);
  });

  it('replaces a rule with the same pattern and scope instead of adding another', () => {
    let s = setSiteRule(DEFAULT_SETTINGS, 'https://example.com/', { enabled: false, scope: 'site' }, 1);
    s = setSiteRule(s, 'https://www.example.com/x', { enabled: true, scope: 'site' }, 2);
    expect(s.rules).toEqual([{ pattern: 'example.com', scope: 'site', enabled: true, updatedAt: 2 }]);
  });

  it('does not mutate its input', () => {
    const before = settings([{ pattern: 'example.com', scope: 'site', enabled: false }]);
    const frozen = structuredClone(before);
    Object.freeze(frozen.rules);
    Object.freeze(frozen);
    const after = setSiteRule(frozen, 'https://news.example.com/', { enabled: true, scope: 'host' }, 9);
    expect(frozen).toEqual(before);
    expect(after.rules).toHaveLength(2);
  });

  // Whatever rules exist, the page the user acts on ends up as they asked.
  const starts: Array<[string, Settings]> = [
    ['empty', DEFAULT_SETTINGS],
    ['site off', settings([{ pattern: 'example.com', scope: 'site', enabled: false }])],
    ['host on', settings([{ pattern: 'news.example.com', scope: 'host', enabled: true }])],
    [
      'layered',
      settings([
        { pattern: 'example.com', scope: 'site', enabled: false },
        { pattern: 'news.example.com', scope: 'site', enabled: true },
        { pattern: 'live.news.example.com', scope: 'host', enabled: false },
      ]),
    ],
    ['only-listed', settings([{ pattern: 'example.com', scope: 'site', enabled: true }], { mode: 'only-listed' })],
  ];
  const urls = ['https://example.com/', 'https://www.example.com/', 'https://news.example.com/', 'https://live.news.example.com/'];
  for (const [name, start] of starts) {
    for (const url of urls) {
      for (const scope of ['host', 'site'] as const) {
        for (const enabled of [true, false]) {
          it(`${name}: ${scope} ${enabled ? 'on' : 'off'} at ${url} takes effect there`, () => {
            const next = setSiteRule(start, url, { enabled, scope }, 100);
            expect(isEnabledFor(url, next)).toMatchObject({ enabled, reason: 'rule' });
          });
        }
      }
    }
  }

  it('removes only the exceptions that would override the new rule on this page', () => {
    const start = settings([
      { pattern: 'example.com', scope: 'site', enabled: false },
      { pattern: 'news.example.com', scope: 'host', enabled: true },
      { pattern: 'blog.example.com', scope: 'host', enabled: true },
    ]);
    const next = setSiteRule(start, 'https://news.example.com/', { enabled: false, scope: 'site' }, 50);
    expect(next.rules.map((r) => `${r.scope}:${r.pattern}:${r.enabled}`)).toEqual([
      'site:example.com:false',
      'host:blog.example.com:true',
    ]);
    expect(isEnabledFor('https://blog.example.com/', next).enabled).toBe(true);
  });

  it('leaves settings untouched for pages it cannot handle', () => {
    const s = settings([{ pattern: 'example.com', scope: 'site', enabled: false }]);
    expect(setSiteRule(s, 'chrome://settings', { enabled: false, scope: 'site' }, 1)).toBe(s);
    expect(setSiteRule(s, 'garbage', { enabled: false, scope: 'host' }, 1)).toBe(s);
  });

  it('removes a rule by pattern and scope, and returns the same object when there is none', () => {
    const s = settings([
      { pattern: 'example.com', scope: 'site', enabled: false },
      { pattern: 'example.com', scope: 'host', enabled: true },
    ]);
    expect(removeSiteRule(s, 'example.com', 'site').rules).toEqual([s.rules[1]]);
    expect(removeSiteRule(s, 'other.com', 'site')).toBe(s);
  });

  it('changes mode and pause, returning the same object when nothing changes', () => {
    expect(setMode(DEFAULT_SETTINGS, 'everywhere-except')).toBe(DEFAULT_SETTINGS);
    expect(setMode(DEFAULT_SETTINGS, 'only-listed').mode).toBe('only-listed');
    expect(setPaused(DEFAULT_SETTINGS, false)).toBe(DEFAULT_SETTINGS);
    expect(setPaused(DEFAULT_SETTINGS, true).paused).toBe(true);
    expect(DEFAULT_SETTINGS).toEqual({ version: 1, mode: 'everywhere-except', paused: false, rules: [] });
  });

  it('adds the starter news sites as "on" site rules without overriding the user\'s own', () => {
    const own = settings([{ pattern: 'rbc.ru', scope: 'site', enabled: false }], { mode: 'only-listed' });
    const next = addStarterSites(own, 3);
    expect(next.rules).toHaveLength(STARTER_NEWS_SITES.length);
    expect(next.rules.find((r) => r.pattern === 'rbc.ru')?.enabled).toBe(false);
    expect(isEnabledFor('https://www.rbc.ru/politics/', next).enabled).toBe(false);
    expect(isEnabledFor('https://www.reuters.com/world/', next).enabled).toBe(true);
    expect(isEnabledFor('https://meduza.io/feature/x', next).enabled).toBe(true);
    expect(isEnabledFor('https://www.example.com/', next).enabled).toBe(false);
    expect(addStarterSites(next, 4)).toBe(next);
    expect(settingsSchema.safeParse(next).success).toBe(true);
  });
});

describe('STARTER_NEWS_SITES', () => {
  it('holds about twenty to thirty-odd distinct, normalised registrable domains', () => {
    expect(STARTER_NEWS_SITES.length).toBeGreaterThanOrEqual(20);
    expect(STARTER_NEWS_SITES.length).toBeLessThanOrEqual(40);
    expect(new Set(STARTER_NEWS_SITES).size).toBe(STARTER_NEWS_SITES.length);
    for (const d of STARTER_NEWS_SITES) {
      expect(normalizeRulePattern(d), d).toBe(d);
      expect(registrableDomain(d), d).toBe(d);
    }
  });
  it('covers English, Russian and Chinese sources, including the ones named in the brief', () => {
    for (const lang of ['en', 'ru', 'zh'] as const) {
      expect(STARTER_NEWS_SOURCES.filter((s) => s.lang === lang).length).toBeGreaterThanOrEqual(6);
    }
    for (const d of ['reuters.com', 'bbc.co.uk', 'nytimes.com', 'theguardian.com', 'ft.com', 'rbc.ru', 'kommersant.ru',
      'meduza.io', 'vedomosti.ru', 'tass.ru', 'scmp.com', 'caixin.com', 'xinhuanet.com']) {
      expect(STARTER_NEWS_SITES).toContain(d);
    }
  });
});

describe('migrateSettings', () => {
  it('gives defaults silently when nothing is stored', () => {
    for (const raw of [undefined, null]) {
      expect(migrateSettings(raw)).toEqual({ settings: DEFAULT_SETTINGS, migrated: false, problems: [] });
    }
  });

  it('returns the defaults as a fresh object that can be changed safely', () => {
    const { settings: s } = migrateSettings(undefined);
    expect(s).not.toBe(DEFAULT_SETTINGS);
    s.rules.push({ pattern: 'example.com', scope: 'site', enabled: false, updatedAt: 1 });
    expect(DEFAULT_SETTINGS.rules).toEqual([]);
  });

  it('keeps valid current settings as they are', () => {
    const s = settings([{ pattern: 'example.com', scope: 'site', enabled: false, updatedAt: 42 }], { paused: true });
    expect(migrateSettings(structuredClone(s))).toEqual({ settings: s, migrated: false, problems: [] });
  });

  it('migrates v0 { disabledSites } to v1 rules', () => {
    const result = migrateSettings({
      disabledSites: ['example.com', 'www.bbc.co.uk', 'news.example.org', 'Пример.РФ', 'localhost:3000', 'not a host', 42],
      enabled: false,
    });
    expect(result.migrated).toBe(true);
    expect(result.settings).toEqual({
      version: 1,
      mode: 'everywhere-except',
      paused: true,
      rules: [
        { pattern: 'example.com', scope: 'site', enabled: false, updatedAt: 0 },
        { pattern: 'bbc.co.uk', scope: 'site', enabled: false, updatedAt: 0 },
        { pattern: 'news.example.org', scope: 'host', enabled: false, updatedAt: 0 },
        { pattern: 'xn--e1afmkfd.xn--p1ai', scope: 'site', enabled: false, updatedAt: 0 },
        { pattern: 'localhost', scope: 'site', enabled: false, updatedAt: 0 },
      ],
    });
    expect(result.problems).toHaveLength(2);
    expect(result.problems.join('\n')).toContain('"not a host"');
    expect(isEnabledFor('https://www.bbc.co.uk/news', { ...result.settings, paused: false }).enabled).toBe(false);
  });

  it('migrates a v0 object whose list is missing to empty rules, with a problem', () => {
    const result = migrateSettings({ disabledSites: 'example.com' });
    expect(result.settings.rules).toEqual([]);
    expect(result.settings.paused).toBe(false);
    expect(result.problems).toHaveLength(1);
  });

  const corrupt: Array<[string, unknown]> = [
    ['a string', 'garbage'],
    ['a number', 42],
    ['a list', [1, 2]],
    ['an object without version', { foo: 1 }],
    ['a version as text', { version: '1', mode: 'only-listed', paused: false, rules: [] }],
    ['a negative version', { version: -1 }],
    ['a fractional version', { version: 1.5 }],
  ];
  it.each(corrupt)('restores defaults from %s, with a problem', (_name, raw) => {
    const result = migrateSettings(raw);
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.migrated).toBe(true);
    expect(result.problems).toHaveLength(1);
  });

  it('keeps the valid parts of damaged current settings', () => {
    const result = migrateSettings({
      version: 1,
      mode: 'sometimes',
      paused: 'yes',
      rules: [
        { pattern: 'example.com', scope: 'site', enabled: false, updatedAt: 5 },
        { pattern: 'WWW.Example.ORG.', scope: 'host', enabled: true, updatedAt: 6 },
        { pattern: 'example.com', scope: 'site', enabled: true, updatedAt: 9 },
        { pattern: 'nope nope', scope: 'site', enabled: false, updatedAt: 1 },
        { pattern: 'ok.com', scope: 'domain', enabled: false, updatedAt: 1 },
        { pattern: 'old.com', scope: 'host', enabled: false },
        'junk',
      ],
    });
    expect(result.migrated).toBe(true);
    expect(result.settings).toEqual({
      version: 1,
      mode: 'everywhere-except',
      paused: false,
      rules: [
        { pattern: 'example.com', scope: 'site', enabled: true, updatedAt: 9 },
        { pattern: 'example.org', scope: 'host', enabled: true, updatedAt: 6 },
        { pattern: 'old.com', scope: 'host', enabled: false, updatedAt: 0 },
      ],
    });
    // mode, paused, one normalised pattern, two invalid rules, one non-object, one merged duplicate
    expect(result.problems).toHaveLength(7);
  });

  it('reads settings from a newer version without asking to overwrite them', () => {
    const result = migrateSettings({
      version: 2,
      mode: 'only-listed',
      paused: false,
      rules: [{ pattern: 'tass.ru', scope: 'site', enabled: true, updatedAt: 3, note: 'new field' }],
      theme: 'dark',
    });
    expect(result.migrated).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('newer');
    expect(result.settings).toEqual({
      version: 1,
      mode: 'only-listed',
      paused: false,
      rules: [{ pattern: 'tass.ru', scope: 'site', enabled: true, updatedAt: 3 }],
    });
  });

  it('always returns settings that pass the schema', () => {
    const inputs: unknown[] = [undefined, 'x', { disabledSites: ['a.com', ''] }, { version: 1, rules: [{}] }, { version: 9 }];
    for (const raw of inputs) expect(settingsSchema.safeParse(migrateSettings(raw).settings).success).toBe(true);
  });

  it('rejects patterns that are not normalised in the schema', () => {
    for (const pattern of ['Example.com', 'www.example.com', 'example.com:80', 'example.com.', 'пример.рф', '']) {
      const s = settings([{ pattern, scope: 'host', enabled: false }]);
      expect(settingsSchema.safeParse(s).success, pattern).toBe(false);
    }
  });
});

describe('popup helpers', () => {
  it('labels host and site scopes, showing IDN hosts in Unicode', () => {
    expect(ruleScopeLabel({ scope: 'host', pattern: 'news.example.co.uk' })).toBe('this host only (news.example.co.uk)');
    expect(ruleScopeLabel({ scope: 'site', pattern: 'example.co.uk' })).toBe('the whole site example.co.uk');
    expect(ruleScopeLabel({ scope: 'site', pattern: 'xn--e1afmkfd.xn--p1ai' })).toBe('the whole site пример.рф');
  });

  it('offers host and site choices for the current page, with the stored rules', () => {
    const s = settings([{ pattern: 'example.co.uk', scope: 'site', enabled: false }]);
    const control = siteControlFor('https://www.news.example.co.uk/a', s);
    if (control.kind !== 'web') throw new Error('expected a web page');
    expect(control.decision).toMatchObject({ enabled: false, reason: 'rule' });
    expect(control.choices).toEqual([
      { scope: 'host', pattern: 'news.example.co.uk', label: 'this host only (news.example.co.uk)' },
      { scope: 'site', pattern: 'example.co.uk', label: 'the whole site example.co.uk', rule: s.rules[0] },
    ]);
  });

  it('offers only the host for an IP address, and nothing for unsupported pages', () => {
    const ip = siteControlFor('http://192.168.1.1/', DEFAULT_SETTINGS);
    expect(ip.kind === 'web' && ip.choices.map((c) => c.scope)).toEqual(['host']);
    expect(siteControlFor('about:blank', DEFAULT_SETTINGS)).toEqual({
      kind: 'unsupported',
      decision: { enabled: false, reason: 'unsupported', unsupported: 'browser-page' },
    });
  });

  it('describes each kind of decision', () => {
    const s = settings([{ pattern: 'example.com', scope: 'site', enabled: false }]);
    expect(describeDecision(isEnabledFor('https://example.com/', s))).toBe('Off for the whole site example.com.');
    expect(describeDecision(isEnabledFor('https://other.com/', s))).toMatch(/^On/);
    expect(describeDecision(isEnabledFor('https://other.com/', setMode(s, 'only-listed')))).toMatch(/not in your list/);
    expect(describeDecision(isEnabledFor('https://other.com/', setPaused(s, true)))).toMatch(/Paused/);
    expect(describeDecision(isEnabledFor('file:///x', s))).toMatch(/local files/);
  });
});
