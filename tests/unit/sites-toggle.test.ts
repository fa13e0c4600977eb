import { describe, expect, it } from 'vitest';
import { isEnabledFor } from '../../core/sites/decide';
import { DEFAULT_SETTINGS, setPaused, setSiteRule, type Settings } from '../../core/sites/settings';
import { rescopeSiteRule, toggleSiteRule } from '../../core/sites/site-control';

const on = (url: string, s: Settings) => isEnabledFor(url, s).enabled;

describe('toggleSiteRule (keyboard command, context menu)', () => {
  it('switches the whole site off, then back on', () => {
    const off = toggleSiteRule(DEFAULT_SETTINGS, 'https://www.news.example.co.uk/a', 1);
    expect(off.rules).toEqual([{ pattern: 'example.co.uk', scope: 'site', enabled: false, updatedAt: 1 }]);
    expect(on('https://other.example.co.uk/', off)).toBe(false);
    const back = toggleSiteRule(off, 'https://news.example.co.uk/b', 2);
    expect(on('https://news.example.co.uk/', back)).toBe(true);
    expect(back.rules).toEqual([{ pattern: 'example.co.uk', scope: 'site', enabled: true, updatedAt: 2 }]);
  });

  it('keeps a host-only choice host-only', () => {
    const hostOff = setSiteRule(DEFAULT_SETTINGS, 'https://news.example.com/', { enabled: false, scope: 'host' }, 1);
    const back = toggleSiteRule(hostOff, 'https://news.example.com/x', 2);
    expect(back.rules).toEqual([{ pattern: 'news.example.com', scope: 'host', enabled: true, updatedAt: 2 }]);
  });

  it('turns a site on in only-listed mode', () => {
    const listed: Settings = { ...DEFAULT_SETTINGS, mode: 'only-listed', rules: [] };
    expect(on('https://tass.ru/', listed)).toBe(false);
    expect(on('https://tass.ru/', toggleSiteRule(listed, 'https://tass.ru/', 1))).toBe(true);
  });

  it('flips the site under the pause, which stays', () => {
    const paused = setPaused(DEFAULT_SETTINGS, true);
    const next = toggleSiteRule(paused, 'https://example.com/', 1);
    expect(next.paused).toBe(true);
    expect(next.rules).toEqual([{ pattern: 'example.com', scope: 'site', enabled: false, updatedAt: 1 }]);
  });

  it('uses the host for IP addresses, ignoring the port', () => {
    const s = toggleSiteRule(DEFAULT_SETTINGS, 'http://127.0.0.1:8080/a', 1);
    expect(s.rules).toEqual([{ pattern: '127.0.0.1', scope: 'host', enabled: false, updatedAt: 1 }]);
    expect(on('http://127.0.0.1:9999/b', s)).toBe(false);
  });

  it('leaves settings alone on pages Kontekst cannot run on', () => {
    expect(toggleSiteRule(DEFAULT_SETTINGS, 'chrome://extensions', 1)).toBe(DEFAULT_SETTINGS);
  });
});

describe('rescopeSiteRule (the popup’s “Apply to”)', () => {
  const siteOff = setSiteRule(DEFAULT_SETTINGS, 'https://news.example.com/', { enabled: false, scope: 'site' }, 1);

  it('narrows a whole-site choice to this host: the other hosts come back on', () => {
    const next = rescopeSiteRule(siteOff, 'https://news.example.com/', 'host', 2);
    expect(next.rules).toEqual([{ pattern: 'news.example.com', scope: 'host', enabled: false, updatedAt: 2 }]);
    expect(on('https://news.example.com/', next)).toBe(false);
    expect(on('https://blog.example.com/', next)).toBe(true);
  });

  it('widens a host choice to the whole site', () => {
    const hostOff = rescopeSiteRule(siteOff, 'https://news.example.com/', 'host', 2);
    const next = rescopeSiteRule(hostOff, 'https://news.example.com/', 'site', 3);
    expect(next.rules).toEqual([{ pattern: 'example.com', scope: 'site', enabled: false, updatedAt: 3 }]);
    expect(on('https://blog.example.com/', next)).toBe(false);
  });

  it('changes nothing without a deciding rule, or when the scope is already that one', () => {
    expect(rescopeSiteRule(DEFAULT_SETTINGS, 'https://example.com/', 'host', 1)).toBe(DEFAULT_SETTINGS);
    expect(rescopeSiteRule(siteOff, 'https://news.example.com/', 'site', 2)).toBe(siteOff);
  });
});
