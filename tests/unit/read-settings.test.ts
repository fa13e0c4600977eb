import { describe, expect, it } from 'vitest';
import { readSettingsForDecision } from '../../core/sites/read-settings';
import { DEFAULT_SETTINGS, migrateSettings, setSiteRule } from '../../core/sites/settings';
import { isEnabledFor } from '../../core/sites/decide';

describe('readSettingsForDecision (content script path)', () => {
  it('reads what the writers store exactly as migrateSettings does', () => {
    let s = migrateSettings(undefined).settings;
    s = setSiteRule(s, 'https://news.example.co.uk/a', { enabled: false, scope: 'site' }, 1);
    s = setSiteRule(s, 'https://www.other.org/', { enabled: false, scope: 'host' }, 2);
    const stored = JSON.parse(JSON.stringify(s));
    expect(readSettingsForDecision(stored)).toEqual(migrateSettings(stored).settings);
    for (const url of ['https://example.co.uk/', 'https://sub.example.co.uk/x', 'https://other.org/', 'https://bbc.com/']) {
      expect(isEnabledFor(url, readSettingsForDecision(stored)).enabled).toBe(isEnabledFor(url, s).enabled);
    }
  });

  it('falls back to defaults (Kontekst on) for anything unexpected', () => {
    for (const raw of [undefined, null, 'x', 42, [], { version: 2 }, { disabledSites: ['a.com'] }]) {
      expect(readSettingsForDecision(raw)).toEqual({ ...DEFAULT_SETTINGS, rules: [] });
    }
  });

  it('drops malformed rules and keeps the valid ones', () => {
    const s = readSettingsForDecision({
      version: 1,
      mode: 'only-listed',
      paused: true,
      rules: [null, { pattern: 'a.com', scope: 'site', enabled: true, updatedAt: 1 }, { pattern: 'b.com', scope: 'zone', enabled: true, updatedAt: 1 }],
    });
    expect(s.mode).toBe('only-listed');
    expect(s.paused).toBe(true);
    expect(s.rules.map((r) => r.pattern)).toEqual(['a.com']);
  });
});
