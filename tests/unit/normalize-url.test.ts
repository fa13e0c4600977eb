import { describe, expect, it } from 'vitest';
import { documentKey, isTrackingParam, normalizePageUrl, sameDocument, TRACKING_PARAMS } from '../../core/sites';

const BASE = 'https://www.example.com/news/story-1';

describe('normalizePageUrl: tracking parameters', () => {
  // One parameter per family, each next to a parameter that identifies the document and must stay.
  const families: Array<[string, string]> = [
    ['utm_*', 'utm_source=twitter&utm_medium=social&utm_campaign=x&utm_content=a&utm_term=b&utm_id=1'],
    ['Google Analytics', '_ga=2.123.456&_gl=1*abc'],
    ['Google Ads', 'gclid=EAIaIQ&gclsrc=aw.ds&dclid=CJ&gbraid=0A&wbraid=Cj&gad_source=1'],
    ['Meta', 'fbclid=IwAR0abc&igshid=MzRlODBiNWFlZA%3D%3D&igsh=abc'],
    ['Microsoft', 'msclkid=6c9f'],
    ['Yandex', 'yclid=1234&ysclid=lq9&_openstat=dGVzdA'],
    ['Mailchimp', 'mc_cid=abc123&mc_eid=def456'],
    ['HubSpot', '_hsenc=p2A&_hsmi=123&__hstc=1.2&__hssc=3&__hsfp=4&hsa_acc=5'],
    ['Marketo', 'mkt_tok=eyJp'],
    ['Matomo / Piwik', 'pk_campaign=x&pk_kwd=y&mtm_source=z'],
    ['Adobe', 's_cid=em:123&ef_id=abc'],
    ['X / Twitter', 'ref_src=twsrc%5Etfw&ref_url=https%3A%2F%2Fx.com&twclid=2'],
    ['TikTok and LinkedIn', 'ttclid=E.C.P&li_fat_id=abc'],
    ['Alibaba', 'spm=a2c4g.11186623.0.0&scm=1007.1'],
    ['WeChat', 'sharer_sharetime=1600000000&sharer_shareid=abc&isappinstalled=0'],
    ['Yahoo', 'guccounter=1&guce_referrer=aHR0&guce_referrer_sig=AQAA'],
    ['comScore / AT Internet', 'ns_mchannel=social&ns_source=twitter&ns_campaign=bbc&at_medium=custom7&at_campaign=64&xtor=RSS-3'],
    ['news publishers', 'smid=tw-nytimes&smtyp=cur&CMP=share_btn_tw&cmpid=socialflow&ocid=msedgntp&sref=abc'],
    ['AMP viewers', 'amp_js_v=0.1&usqp=mq331AQ&aoh=123&ampshare=x&amp_tf=From%20%251%24s'],
  ];
  it.each(families)('removes %s parameters and keeps the rest', (_family, params) => {
    expect(normalizePageUrl(`${BASE}?id=7&${params}&page=2`)).toBe(`${BASE}?id=7&page=2`);
  });

  it('removes every documented name and prefix', () => {
    for (const family of Object.values(TRACKING_PARAMS)) {
      for (const name of family.names ?? []) expect(normalizePageUrl(`${BASE}?${name}=v&id=1`), name).toBe(`${BASE}?id=1`);
      for (const prefix of family.prefixes ?? []) {
        expect(normalizePageUrl(`${BASE}?${prefix}anything=v&id=1`), prefix).toBe(`${BASE}?id=1`);
      }
    }
  });

  it('matches names case-insensitively and after percent-decoding', () => {
    expect(normalizePageUrl(`${BASE}?UTM_Source=x&FBCLID=y&Cmp=z&utm%5Fmedium=w`)).toBe(BASE);
  });

  const kept = ['id=1', 'page=2', 'from=main', 'source=rss', 'ref=home', 'q=huawei', 'output=json', 'outputType=html',
    'amplitude=3', 'utm=1', 'ampersand=1', 'spmx=1', 'pk=1', 'at=5', 'gclid_like=1', 'share=1'];
  it.each(kept)('keeps %s, which can choose the content', (param) => {
    expect(normalizePageUrl(`${BASE}?${param}`)).toBe(`${BASE}?${param}`);
  });

  it('drops the query mark when nothing is left, and empty pieces', () => {
    expect(normalizePageUrl(`${BASE}?utm_source=x&fbclid=y`)).toBe(BASE);
    expect(normalizePageUrl(`${BASE}?`)).toBe(BASE);
    expect(normalizePageUrl(`${BASE}?&&a=1&&b=2&`)).toBe(`${BASE}?a=1&b=2`);
  });

  it('sorts remaining parameters by name, keeping repeated names in their order and their spelling', () => {
    expect(normalizePageUrl(`${BASE}?z=1&b=2&a=3`)).toBe(`${BASE}?a=3&b=2&z=1`);
    expect(normalizePageUrl(`${BASE}?tag=b&id=1&tag=a`)).toBe(`${BASE}?id=1&tag=b&tag=a`);
    expect(normalizePageUrl(`${BASE}?q=a+b&flag&r=%2F`)).toBe(`${BASE}?flag&q=a+b&r=%2F`);
  });
});

describe('normalizePageUrl: host, port, path, fragment', () => {
  const cases: Array<[string, string]> = [
    ['HTTPS://WWW.Example.COM/News/Story', 'https://www.example.com/News/Story'],
    ['https://www.example.com./a', 'https://www.example.com/a'],
    ['https://www.example.com:443/a', 'https://www.example.com/a'],
    ['http://www.example.com:80/a', 'http://www.example.com/a'],
    ['https://www.example.com:8443/a', 'https://www.example.com:8443/a'],
    ['http://www.example.com:443/a', 'http://www.example.com:443/a'],
    ['https://user:secret@www.example.com/a', 'https://www.example.com/a'],
    ['https://www.example.com', 'https://www.example.com/'],
    ['https://www.example.com/', 'https://www.example.com/'],
    ['https://www.example.com/a/', 'https://www.example.com/a/'],
    ['https://www.example.com/a', 'https://www.example.com/a'],
    ['https://www.example.com/a#section-2', 'https://www.example.com/a'],
    ['https://www.example.com/a#:~:text=Huawei', 'https://www.example.com/a'],
    ['https://www.example.com/a?b=1#c', 'https://www.example.com/a?b=1'],
    ['https://www.example.com/#', 'https://www.example.com/'],
    ['https://www.example.com/#!/article/42', 'https://www.example.com/#!/article/42'],
    ['https://www.example.com/#/article/42', 'https://www.example.com/#/article/42'],
    ['https://www.example.com/#/', 'https://www.example.com/'],
    ['https://www.example.com/%7euser/%c3%a9t%C3%A9', 'https://www.example.com/~user/%C3%A9t%C3%A9'],
    ['https://www.example.com/статья', 'https://www.example.com/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F'],
    ['https://пример.рф/новости?utm_source=tg', 'https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8'],
    ['http://[2001:DB8::1]:8080/a#x', 'http://[2001:db8::1]:8080/a'],
    ['  https://www.example.com/a  ', 'https://www.example.com/a'],
  ];
  it.each(cases)('%s -> %s', (input, expected) => {
    expect(normalizePageUrl(input)).toBe(expected);
  });

  it('leaves non-web addresses alone apart from their fragment, and returns non-URLs trimmed', () => {
    expect(normalizePageUrl('file:///home/me/report.html#p3')).toBe('file:///home/me/report.html');
    expect(normalizePageUrl('about:blank')).toBe('about:blank');
    expect(normalizePageUrl('  not a url ')).toBe('not a url');
  });
});

describe('normalizePageUrl: AMP', () => {
  const cases: Array<[string, string, string]> = [
    ['/amp/ segment in the middle', 'https://www.bbc.co.uk/news/amp/world-asia-123', 'https://www.bbc.co.uk/news/world-asia-123'],
    ['/amp/ segment at the end', 'https://www.example.com/2021/05/story/amp/', 'https://www.example.com/2021/05/story/'],
    ['/amp without slash at the end', 'https://www.example.com/2021/05/story/amp', 'https://www.example.com/2021/05/story'],
    ['/amp/ at the start', 'https://www.example.com/amp/2021/05/story', 'https://www.example.com/2021/05/story'],
    ['AMP home page', 'https://www.example.com/amp/', 'https://www.example.com/'],
    ['.amp.html suffix', 'https://www.nytimes.com/2021/01/01/world/asia/story.amp.html', 'https://www.nytimes.com/2021/01/01/world/asia/story.html'],
    ['.amp suffix', 'https://www.example.com/story-1.amp', 'https://www.example.com/story-1'],
    ['amp. host on the domain', 'https://amp.theguardian.com/world/2021/jan/01/x', 'https://www.theguardian.com/world/2021/jan/01/x'],
    ['amp. host on a subdomain', 'https://amp.news.example.co.uk/x', 'https://news.example.co.uk/x'],
    ['?amp=1', 'https://www.example.com/story?amp=1', 'https://www.example.com/story'],
    ['?amp', 'https://www.example.com/story?id=2&amp', 'https://www.example.com/story?id=2'],
    ['?amp=true', 'https://www.example.com/story?amp=true', 'https://www.example.com/story'],
    ['?_amp=true', 'https://www.example.com/story?_amp=true', 'https://www.example.com/story'],
    ['outputType=amp', 'https://www.washingtonpost.com/world/2021/x/?outputType=amp', 'https://www.washingtonpost.com/world/2021/x/'],
    ['output=AMP', 'https://www.example.com/x?output=AMP', 'https://www.example.com/x'],
    ['Google AMP cache, https', 'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story-1', 'https://www.example.com/news/story-1'],
    ['Google AMP cache, http origin', 'https://www-example-com.cdn.ampproject.org/c/www.example.com/news/story-1', 'http://www.example.com/news/story-1'],
    ['Google AMP cache viewer', 'https://www-example-com.cdn.ampproject.org/v/s/www.example.com/news/amp/story-1?amp_js_v=0.1&usqp=mq331AQ', 'https://www.example.com/news/story-1'],
    ['Google AMP cache keeps the query', 'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/s?id=9&utm_source=x', 'https://www.example.com/s?id=9'],
    ['Google AMP cache of an IDN host (hashed cache subdomain)', 'https://v2c4ucasgcskftbjt4c7phpkbqedcdcqo23tkamleapoa5o6fygq.cdn.ampproject.org/c/s/xn--e1afmkfd.xn--p1ai/a', 'https://xn--e1afmkfd.xn--p1ai/a'],
    ['Bing AMP cache', 'https://www-example-com.bing-amp.com/c/s/www.example.com/story', 'https://www.example.com/story'],
    ['Google viewer', 'https://www.google.com/amp/s/amp.theguardian.com/world/x', 'https://www.theguardian.com/world/x'],
    ['Google viewer, other country', 'https://www.google.co.uk/amp/s/www.example.com/story.amp.html', 'https://www.example.com/story.html'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(normalizePageUrl(input)).toBe(expected);
  });

  const untouched = [
    'https://amp.dev/documentation/guides-and-tutorials/',
    'https://www.example.com/ampersand/story',
    'https://www.example.com/amplifiers/amp-guide',
    'https://www.example.com/a.amp/b',
    'https://www.example.com/campus-amp',
    'https://cdn.ampproject.org/v0.js',
    'https://www.google.com/search?q=amp',
    'https://www-example-com.cdn.ampproject.org/i/s/www.example.com/img.png',
    'https://www.example.com/amp.html',
  ];
  it.each(untouched)('does not mistake %s for an AMP page', (url) => {
    expect(normalizePageUrl(url)).toBe(url);
  });
});

describe('normalizePageUrl: canonical', () => {
  const accepted: Array<[string, string, string, string]> = [
    ['absolute, same host', 'https://www.example.com/story?id=1&utm_source=x', 'https://www.example.com/story', 'https://www.example.com/story'],
    ['relative', 'https://www.example.com/amp/story', '/story', 'https://www.example.com/story'],
    ['another subdomain of the same site', 'https://m.example.co.uk/story', 'https://www.example.co.uk/world/story', 'https://www.example.co.uk/world/story'],
    ['http canonical for an https page', 'https://www.example.com/a', 'http://www.example.com/a', 'http://www.example.com/a'],
    ['with its own tracking and fragment', 'https://www.example.com/a', 'https://www.example.com/a?utm_campaign=c#top', 'https://www.example.com/a'],
    ['from an AMP cache page', 'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/amp/x', 'https://www.example.com/2021/x', 'https://www.example.com/2021/x'],
    ['home page for the home page', 'https://www.example.com/?ref_src=x', 'https://www.example.com/', 'https://www.example.com/'],
    ['with a query that identifies the article', 'https://www.example.com/', 'https://www.example.com/?p=123', 'https://www.example.com/?p=123'],
    ['IDN written in Unicode', 'https://xn--e1afmkfd.xn--p1ai/a?x=1', 'https://пример.рф/a', 'https://xn--e1afmkfd.xn--p1ai/a'],
  ];
  it.each(accepted)('accepts a canonical %s', (_name, page, canonical, expected) => {
    expect(normalizePageUrl(page, { canonical })).toBe(expected);
  });

  const rejected: Array<[string, string, string]> = [
    ['on another site (syndicated copy)', 'https://news.yahoo.com/huawei-123.html', 'https://www.reuters.com/technology/huawei-2021'],
    ['on a look-alike domain', 'https://www.example.com/a', 'https://www.example.com.evil.org/a'],
    ['on another owner of a private suffix', 'https://alice.github.io/post', 'https://bob.github.io/post'],
    ['on the same public suffix only', 'https://www.example.co.uk/a', 'https://www.other.co.uk/a'],
    ['that is not http(s)', 'https://www.example.com/a', 'javascript:alert(1)'],
    ['that is a data: URL', 'https://www.example.com/a', 'data:text/html,hi'],
    ['that is ftp', 'https://www.example.com/a', 'ftp://www.example.com/a'],
    ['that is malformed', 'https://www.example.com/a', 'http://exa mple.com/a'],
    ['that sends an article to the home page', 'https://www.example.com/2021/story', 'https://www.example.com/'],
  ];
  it.each(rejected)('ignores a canonical %s', (_name, page, canonical) => {
    expect(normalizePageUrl(page, { canonical })).toBe(normalizePageUrl(page));
  });

  it('ignores an absent or empty canonical', () => {
    for (const canonical of [undefined, null, '', '   ']) {
      expect(normalizePageUrl(`${BASE}?utm_source=x`, { canonical })).toBe(BASE);
    }
  });
});

describe('normalizePageUrl is idempotent', () => {
  const inputs = [
    'https://WWW.Example.com.:443/a/amp/?utm_source=x&b=2&a=1#frag',
    'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story.amp.html?amp=1',
    'https://amp.theguardian.com/world/x?CMP=share',
    'https://www.example.com/%7efoo/%c3%a9?q=a+b&flag',
    'https://пример.рф/статья',
    'https://www.example.com/#!/article/42',
  ];
  it.each(inputs)('%s', (url) => {
    const once = normalizePageUrl(url);
    expect(normalizePageUrl(once)).toBe(once);
  });
});

describe('sameDocument and documentKey', () => {
  const same: Array<[string, string]> = [
    ['https://www.example.com/a?utm_source=x', 'https://www.example.com/a'],
    ['https://www.example.com/a#intro', 'https://www.example.com/a#conclusion'],
    ['http://www.example.com/a', 'https://www.example.com/a'],
    ['https://example.com/a', 'https://www.example.com/a'],
    ['https://WWW.EXAMPLE.COM:443/a', 'https://www.example.com/a'],
    ['https://www.example.com/a?b=1&a=2', 'https://www.example.com/a?a=2&b=1'],
    ['https://amp.theguardian.com/world/x', 'https://www.theguardian.com/world/x'],
    ['https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/amp/x', 'https://example.com/news/x'],
    ['https://www.nytimes.com/2021/x.amp.html?smid=tw', 'https://www.nytimes.com/2021/x.html'],
    ['https://пример.рф/a', 'https://xn--e1afmkfd.xn--p1ai/a'],
    ['https://www.example.com', 'https://example.com/'],
  ];
  it.each(same)('%s is the same document as %s', (a, b) => {
    expect(sameDocument(a, b)).toBe(true);
    expect(documentKey(a)).toBe(documentKey(b));
  });

  const different: Array<[string, string]> = [
    ['https://www.example.com/a', 'https://www.example.com/b'],
    ['https://www.example.com/a', 'https://www.example.com/a/'],
    ['https://www.example.com/a?id=1', 'https://www.example.com/a?id=2'],
    ['https://www.example.com/a', 'https://news.example.com/a'],
    ['https://www.example.com:8443/a', 'https://www.example.com/a'],
    ['https://www.example.com/A', 'https://www.example.com/a'],
    ['https://www.example.com/#!/a', 'https://www.example.com/#!/b'],
    ['https://www.example.com/a', 'https://www.example.org/a'],
  ];
  it.each(different)('%s is not the same document as %s', (a, b) => {
    expect(sameDocument(a, b)).toBe(false);
  });

  it('keys documents without scheme or www.', () => {
    expect(documentKey('https://www.example.com/a?utm_source=x&id=1#p')).toBe('example.com/a?id=1');
    expect(documentKey('http://[::1]:8080/x')).toBe('[::1]:8080/x');
    expect(documentKey('https://www.com/a')).toBe('www.com/a');
  });

  it('recognises tracking parameters by name and value', () => {
    expect(isTrackingParam('utm_source')).toBe(true);
    expect(isTrackingParam('outputType', 'amp')).toBe(true);
    expect(isTrackingParam('outputType', 'html')).toBe(false);
    expect(isTrackingParam('id')).toBe(false);
  });
});
