// @vitest-environment happy-dom
// The library's Sites tab: mode, pause, rules (state, scope, remove, add) and the starter news list.
// axe runs with color-contrast disabled: happy-dom has no layout or computed colours to judge.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { SitesView, previewRule, setRuleScope } from '../../components/library/SitesView';
import { DEFAULT_SETTINGS, STARTER_NEWS_SOURCES, type Settings } from '../../core/sites/settings';
import { fakeLibrary, NOW } from './library-fakes';

async function expectNoAxeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

const withRules: Settings = {
  ...DEFAULT_SETTINGS,
  rules: [
    { pattern: 'news.bbc.co.uk', scope: 'host', enabled: false, updatedAt: 1 },
    { pattern: 'meduza.io', scope: 'site', enabled: false, updatedAt: 2 },
    { pattern: 'xn--e1afmkfd.xn--p1ai', scope: 'site', enabled: true, updatedAt: 3 },
  ],
};

async function renderSites(settings: Settings = withRules) {
  const lib = fakeLibrary([], { settings });
  const utils = render(<SitesView services={lib.services} />);
  await screen.findByRole('heading', { name: 'Where Kontekst runs' });
  return { lib, ...utils };
}

function ruleRows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.st-rule')];
}

function rowFor(host: string): HTMLElement {
  const row = ruleRows().find((r) => r.querySelector('.st-host')!.textContent === host);
  if (!row) throw new Error(`no rule row for ${host}`);
  return row;
}

afterEach(cleanup);

describe('rules', () => {
  it('lists every rule with its state and scope label, hosts shown in Unicode, with no axe violations', async () => {
    const { container } = await renderSites();
    expect(ruleRows().map((r) => r.querySelector('.st-host')!.textContent)).toEqual(['meduza.io', 'news.bbc.co.uk', 'пример.рф']);
    expect(rowFor('news.bbc.co.uk').textContent).toContain('Off for this host only (news.bbc.co.uk)');
    expect(rowFor('пример.рф').textContent).toContain('On for the whole site пример.рф');
    expect((within(rowFor('meduza.io')).getByRole('switch') as HTMLInputElement).checked).toBe(false);
    await expectNoAxeViolations(container);
  });

  it('switches a rule on and off', async () => {
    const { lib } = await renderSites();
    fireEvent.click(within(rowFor('meduza.io')).getByRole('switch'));
    await waitFor(() => expect(lib.settings().rules.find((r) => r.pattern === 'meduza.io')!.enabled).toBe(true));
    expect(lib.settings().rules.find((r) => r.pattern === 'meduza.io')!.updatedAt).toBe(NOW);
    await waitFor(() => expect(rowFor('meduza.io').textContent).toContain('On for the whole site meduza.io'));
  });

  it('changes a host rule to the whole site (its registrable domain)', async () => {
    const { lib } = await renderSites();
    fireEvent.change(within(rowFor('news.bbc.co.uk')).getByRole('combobox'), { target: { value: 'site' } });
    await waitFor(() => expect(lib.settings().rules).toContainEqual({ pattern: 'bbc.co.uk', scope: 'site', enabled: false, updatedAt: NOW }));
    expect(lib.settings().rules.some((r) => r.pattern === 'news.bbc.co.uk')).toBe(false);
    await waitFor(() => expect(rowFor('bbc.co.uk').textContent).toContain('Off for the whole site bbc.co.uk'));
  });

  it('removes a rule', async () => {
    const { lib } = await renderSites();
    fireEvent.click(within(rowFor('meduza.io')).getByRole('button', { name: /^Remove/ }));
    await waitFor(() => expect(ruleRows()).toHaveLength(2));
    expect(lib.settings().rules.map((r) => r.pattern)).toEqual(['news.bbc.co.uk', 'xn--e1afmkfd.xn--p1ai']);
  });

  it('adds a rule from a pasted address, previewing what it will cover', async () => {
    const { lib } = await renderSites();
    const input = screen.getByLabelText('Site or address');
    fireEvent.input(input, { target: { value: 'https://www.Kommersant.ru/doc/123?x=1' } });
    expect(screen.getByText('Kontekst will be off for the whole site kommersant.ru.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await waitFor(() => expect(lib.settings().rules).toContainEqual({ pattern: 'kommersant.ru', scope: 'site', enabled: false, updatedAt: NOW }));
    expect((input as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(rowFor('kommersant.ru')).toBeTruthy());

    fireEvent.input(input, { target: { value: 'tech.example.co.uk' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Applies to' }), { target: { value: 'host' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Kontekst' }), { target: { value: 'on' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await waitFor(() => expect(lib.settings().rules).toContainEqual({ pattern: 'tech.example.co.uk', scope: 'host', enabled: true, updatedAt: NOW }));
  });

  it('refuses what is not a host and changes nothing', async () => {
    const { lib } = await renderSites();
    fireEvent.input(screen.getByLabelText('Site or address'), { target: { value: 'file:///home/me/page.html' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(screen.getByRole('alert').textContent).toContain('is not a web address or host name');
    expect(lib.services.updateSettings).not.toHaveBeenCalled();
  });

  it('explains an empty list', async () => {
    await renderSites({ ...DEFAULT_SETTINGS, rules: [] });
    expect(screen.getByText(/No site rules yet/)).toBeTruthy();
  });
});

describe('mode, pause and the starter list', () => {
  it('pauses and resumes everywhere', async () => {
    const { lib } = await renderSites();
    const pause = screen.getByRole('switch', { name: 'Pause Kontekst on all sites' });
    fireEvent.click(pause);
    await waitFor(() => expect(lib.settings().paused).toBe(true));
    expect(screen.getByText(/Paused: Kontekst highlights nothing/)).toBeTruthy();
    fireEvent.click(pause);
    await waitFor(() => expect(lib.settings().paused).toBe(false));
  });

  it('switching to "only listed sites" offers the news sites by language; "Add selected" adds the checked ones', async () => {
    const { lib, container } = await renderSites({ ...DEFAULT_SETTINGS, rules: [{ pattern: 'meduza.io', scope: 'site', enabled: true, updatedAt: 1 }] });
    fireEvent.click(screen.getByRole('radio', { name: /Only on the listed sites/ }));
    await waitFor(() => expect(lib.settings().mode).toBe('only-listed'));
    const starter = screen.getByRole('region', { name: 'Start with major news sites?' });
    expect(within(starter).getAllByRole('group').map((g) => g.querySelector('legend')!.textContent)).toEqual(['English', 'Russian', 'Chinese']);
    // Already listed: shown checked and disabled.
    const meduza = within(starter).getByRole('checkbox', { name: /Медуза/ }) as HTMLInputElement;
    expect(meduza.checked && meduza.disabled).toBe(true);
    await expectNoAxeViolations(container);

    fireEvent.click(within(starter).getByRole('checkbox', { name: /Reuters/ }));
    fireEvent.click(within(starter).getByRole('checkbox', { name: /Global Times/ }));
    const expected = STARTER_NEWS_SOURCES.length - 3; // minus meduza (listed), Reuters and Global Times (unchecked)
    fireEvent.click(within(starter).getByRole('button', { name: `Add selected (${expected})` }));
    await waitFor(() => expect(lib.settings().rules).toHaveLength(1 + expected));
    const patterns = lib.settings().rules.map((r) => r.pattern);
    expect(patterns).toContain('tass.ru');
    expect(patterns).toContain('caixin.com');
    expect(patterns).not.toContain('reuters.com');
    expect(lib.settings().rules.every((r) => r.enabled && r.scope === 'site')).toBe(true);
    expect(screen.queryByRole('region', { name: 'Start with major news sites?' })).toBeNull();
  });

  it('"Not now" closes the offer and warns that Kontekst runs nowhere; it can be reopened', async () => {
    const { lib } = await renderSites({ ...DEFAULT_SETTINGS, rules: [] });
    fireEvent.click(screen.getByRole('radio', { name: /Only on the listed sites/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(screen.getByText(/No site is switched on, so Kontekst runs nowhere/)).toBeTruthy();
    expect(lib.settings().rules).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Add major news sites…' }));
    expect(screen.getByRole('region', { name: 'Start with major news sites?' })).toBeTruthy();
  });

  it('switches back to "everywhere except"', async () => {
    const { lib } = await renderSites({ ...withRules, mode: 'only-listed' });
    expect((screen.getByRole('radio', { name: /Only on the listed sites/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /Everywhere except the listed sites/ }));
    await waitFor(() => expect(lib.settings().mode).toBe('everywhere-except'));
  });

  it('follows settings changed elsewhere (the popup)', async () => {
    const { lib } = await renderSites({ ...DEFAULT_SETTINGS, rules: [] });
    await lib.services.updateSettings((s) => ({ ...s, rules: [{ pattern: 'rbc.ru', scope: 'site', enabled: false, updatedAt: 5 }] }));
    await waitFor(() => expect(rowFor('rbc.ru')).toBeTruthy());
  });
});

describe('pure helpers', () => {
  it('previewRule normalises hosts and keeps IPs host-scoped', () => {
    expect(previewRule('https://www.bbc.co.uk/news', 'site')).toEqual({ pattern: 'bbc.co.uk', scope: 'site' });
    expect(previewRule('news.bbc.co.uk', 'host')).toEqual({ pattern: 'news.bbc.co.uk', scope: 'host' });
    expect(previewRule('192.168.0.1:8080', 'site')).toEqual({ pattern: '192.168.0.1', scope: 'host' });
    expect(previewRule('not a host', 'site')).toBeNull();
  });

  it('setRuleScope replaces a rule already at the destination instead of duplicating it', () => {
    const s: Settings = {
      ...DEFAULT_SETTINGS,
      rules: [
        { pattern: 'news.bbc.co.uk', scope: 'host', enabled: true, updatedAt: 1 },
        { pattern: 'bbc.co.uk', scope: 'site', enabled: false, updatedAt: 1 },
      ],
    };
    expect(setRuleScope(s, s.rules[0]!, 'site', 9).rules).toEqual([{ pattern: 'bbc.co.uk', scope: 'site', enabled: true, updatedAt: 9 }]);
  });
});
