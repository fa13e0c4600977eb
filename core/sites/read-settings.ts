// The content script's reader of stored settings: no zod and no Public Suffix List, so every page
// pays for a few lines instead of hundreds of kilobytes. Writers (background, popup, library)
// always store settings that migrateSettings (settings.ts) produced, so a structural check is
// enough here; anything unexpected falls back to the defaults, i.e. Kontekst on.
import type { Mode, Settings, SiteRule } from './settings';

const DEFAULTS: Settings = { version: 1, mode: 'everywhere-except', paused: false, rules: [] };

function isRule(r: unknown): r is SiteRule {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return (
    typeof o.pattern === 'string' &&
    o.pattern !== '' &&
    (o.scope === 'host' || o.scope === 'site') &&
    typeof o.enabled === 'boolean' &&
    typeof o.updatedAt === 'number'
  );
}

export function readSettingsForDecision(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return DEFAULTS;
  const o = raw as Record<string, unknown>;
  if (o.version !== 1) return DEFAULTS;
  const mode: Mode = o.mode === 'only-listed' ? 'only-listed' : 'everywhere-except';
  const rules = Array.isArray(o.rules) ? o.rules.filter(isRule) : [];
  return { version: 1, mode, paused: o.paused === true, rules };
}
