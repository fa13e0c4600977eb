// @vitest-environment happy-dom
// axe runs with color-contrast disabled: happy-dom has no layout or computed colours (contrast is
// looked at on the real popup's screenshots, light and dark).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { Popup, type PopupServices, type TabMentions, type TabSaved } from '../../components/popup/Popup';
import { newHighlight } from '../../core/annotations/record';
import { isEnabledFor } from '../../core/sites/decide';
import { DEFAULT_SETTINGS, setSiteRule, type Settings } from '../../core/sites/settings';

afterEach(cleanup);

async function expectNoAxeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

const URL_ = 'https://www.news.example.co.uk/2024/huawei';
const TAB = 7;

function record(id: string, exact: string, note = '') {
  return newHighlight({ url: URL_, quote: { exact }, note }, 1_700_000_000_000, `00000000-0000-4000-8000-00000000000${id}`);
}

interface FakeOptions {
  url?: string | undefined;
  settings?: Settings;
  mentions?: TabMentions | null;
  saved?: TabSaved | null;
  shortcuts?: Awaited<ReturnType<PopupServices['shortcuts']>>;
}

/** Services backed by in-memory settings; the fake page follows settings like the content script. */
function fakeServices(opts: FakeOptions = {}) {
  let settings = opts.settings ?? { ...DEFAULT_SETTINGS, rules: [] };
  const settingsWatchers = new Set<(s: Settings) => void>();
  const mentionWatchers = new Set<(m: TabMentions) => void>();
  const page = opts.mentions === undefined ? { enabled: true, total: 5, byEntity: { huawei: 3, sco: 1, roskomnadzor: 1 } } : opts.mentions;
  const pageMentions = (): TabMentions | null =>
    page && (isEnabledFor(url ?? '', settings).enabled ? page : { enabled: false, total: 0, byEntity: {} });
  const url = 'url' in opts ? opts.url : URL_;
  let now = 1000;
  const services = {
    tab: vi.fn(async () => ({ id: TAB, ...(url ? { url } : {}) })),
    settings: vi.fn(async () => settings),
    watchSettings: vi.fn((cb: (s: Settings) => void) => {
      settingsWatchers.add(cb);
      return () => settingsWatchers.delete(cb);
    }),
    updateSettings: vi.fn(async (update: (s: Settings) => Settings) => {
      settings = update(settings);
      for (const w of settingsWatchers) w(settings);
      return settings;
    }),
    mentions: vi.fn(async () => pageMentions()),
    watchMentions: vi.fn((_tabId: number, cb: (m: TabMentions) => void) => {
      mentionWatchers.add(cb);
      return () => mentionWatchers.delete(cb);
    }),
    saved: vi.fn(async () => (opts.saved === undefined ? { placed: [], orphans: [] } : opts.saved)),
    entityNames: vi.fn(async () => [
      { id: 'huawei', names: { en: 'Huawei', ru: 'Хуавэй', zh: '华为' } },
      { id: 'sco', names: { en: 'Shanghai Cooperation Organisation', ru: 'ШОС', zh: '上海合作组织' } },
      { id: 'roskomnadzor', names: { en: 'Roskomnadzor', ru: 'Роскомнадзор', zh: '俄罗斯联邦通信监督局' } },
    ]),
    gotoMention: vi.fn(),
    gotoHighlight: vi.fn(),
    openLibrary: vi.fn(),
    shortcuts: vi.fn(async () =>
      opts.shortcuts ?? [
        { name: 'next-mention', shortcut: 'Alt+Shift+N', suggested: 'Alt+Shift+N', description: 'Next' },
        { name: 'toggle-site', shortcut: 'Alt+Shift+K', suggested: 'Alt+Shift+K', description: 'Toggle' },
        { name: 'save-selection', shortcut: '', suggested: 'Alt+Shift+S', description: 'Save' },
      ],
    ),
    now: () => ++now,
  } satisfies PopupServices;
  return {
    services,
    get settings() {
      return settings;
    },
    pushMentions: (m: TabMentions) => act(() => mentionWatchers.forEach((w) => w(m))),
    externalChange: (s: Settings) =>
      act(() => {
        settings = s;
        settingsWatchers.forEach((w) => w(s));
      }),
  };
}

async function renderPopup(opts: FakeOptions = {}) {
  const fake = fakeServices(opts);
  const utils = render(<Popup services={fake.services} />);
  await screen.findByText(/Keyboard shortcuts/);
  return { ...utils, fake };
}

const siteSwitch = () => screen.getByRole('switch', { name: /Kontekst on/ });

describe('site switch', () => {
  it('shows the site as on by default and names the host', async () => {
    await renderPopup();
    const sw = await waitFor(siteSwitch);
    expect((sw as HTMLInputElement).checked).toBe(true);
    expect(sw.closest('label')!.textContent).toContain('news.example.co.uk');
    expect(screen.getByRole('status').textContent).toMatch(/^On: Kontekst runs on every site/);
  });

  it('switches the whole site off in one click, and the page list follows', async () => {
    const { fake } = await renderPopup();
    fireEvent.click(await waitFor(siteSwitch));
    await waitFor(() => expect((siteSwitch() as HTMLInputElement).checked).toBe(false));
    expect(fake.settings.rules).toEqual([{ pattern: 'example.co.uk', scope: 'site', enabled: false, updatedAt: expect.any(Number) }]);
    expect(screen.getByRole('status').textContent).toBe('Off for the whole site example.co.uk.');
    await screen.findByText('Switched off here: nothing is highlighted.');
    expect(screen.queryByRole('button', { name: /Huawei/ })).toBeNull();
    fireEvent.click(siteSwitch());
    await waitFor(() => expect((siteSwitch() as HTMLInputElement).checked).toBe(true));
    expect(isEnabledFor(URL_, fake.settings).enabled).toBe(true);
    await screen.findByRole('button', { name: /Huawei/ });
  });

  it('switches this host only when that scope is chosen first', async () => {
    const { fake } = await renderPopup();
    fireEvent.click(await screen.findByRole('radio', { name: /this host only/ }));
    expect(fake.settings.rules).toEqual([]); // choosing a scope alone writes nothing
    fireEvent.click(siteSwitch());
    await waitFor(() => expect(fake.settings.rules).toHaveLength(1));
    expect(fake.settings.rules[0]).toMatchObject({ pattern: 'news.example.co.uk', scope: 'host', enabled: false });
    expect(isEnabledFor('https://blog.example.co.uk/', fake.settings).enabled).toBe(true);
  });

  it('moves an existing choice to another scope, keeping the site off', async () => {
    const off = setSiteRule(DEFAULT_SETTINGS, URL_, { enabled: false, scope: 'site' }, 1);
    const { fake } = await renderPopup({ settings: off });
    const hostOnly = await screen.findByRole('radio', { name: /this host only/ });
    expect((screen.getByRole('radio', { name: /whole site/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(hostOnly);
    await waitFor(() => expect(fake.settings.rules).toEqual([expect.objectContaining({ pattern: 'news.example.co.uk', scope: 'host', enabled: false })]));
    expect((siteSwitch() as HTMLInputElement).checked).toBe(false);
    expect((hostOnly as HTMLInputElement).checked).toBe(true);
  });

  it('shows the new scope at once while a slow write of it is under way', async () => {
    const off = setSiteRule(DEFAULT_SETTINGS, URL_, { enabled: false, scope: 'site' }, 1);
    const { fake } = await renderPopup({ settings: off });
    const hostOnly = (await screen.findByRole('radio', { name: /this host only/ })) as HTMLInputElement;
    let finish: () => void = () => undefined;
    const write = fake.services.updateSettings.getMockImplementation()!;
    fake.services.updateSettings.mockImplementationOnce(
      (update) => new Promise((ok) => (finish = () => ok(write(update)))),
    );
    fireEvent.click(hostOnly);
    // Before the write has finished, the radio the reader chose stays chosen.
    await new Promise((ok) => setTimeout(ok, 20));
    expect(hostOnly.checked).toBe(true);
    expect((screen.getByRole('radio', { name: /whole site/ }) as HTMLInputElement).checked).toBe(false);
    finish();
    await waitFor(() => expect(fake.settings.rules).toEqual([expect.objectContaining({ scope: 'host' })]));
    expect(hostOnly.checked).toBe(true);
  });

  it('greys the switch out while paused, keeping the site’s own state, and resumes', async () => {
    const { fake } = await renderPopup({ settings: { ...DEFAULT_SETTINGS, rules: [], paused: true } });
    const sw = (await waitFor(siteSwitch)) as HTMLInputElement;
    expect(sw.disabled).toBe(true);
    expect(sw.checked).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Paused on all sites.');
    const pause = screen.getByRole('checkbox', { name: 'Pause Kontekst on all sites' }) as HTMLInputElement;
    expect(pause.checked).toBe(true);
    fireEvent.click(pause);
    await waitFor(() => expect(fake.settings.paused).toBe(false));
    expect((siteSwitch() as HTMLInputElement).disabled).toBe(false);
  });

  it('follows a change made elsewhere (another tab, the keyboard command)', async () => {
    const { fake } = await renderPopup();
    await waitFor(siteSwitch);
    fake.externalChange(setSiteRule(fake.settings, URL_, { enabled: false, scope: 'site' }, 5));
    await waitFor(() => expect((siteSwitch() as HTMLInputElement).checked).toBe(false));
  });

  it('offers no scope for an IP address', async () => {
    await renderPopup({ url: 'http://127.0.0.1:8080/a' });
    await waitFor(siteSwitch);
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('explains pages Kontekst cannot run on', async () => {
    await renderPopup({ url: 'chrome://extensions/', mentions: null });
    await screen.findByText('Browsers do not let extensions run on their own pages.');
    expect(screen.queryByRole('switch')).toBeNull();
    await screen.findByText(/Kontekst does not run on this page/);
  });

  it('says so when the tab’s address is unknown', async () => {
    await renderPopup({ url: undefined, mentions: null });
    await screen.findByText(/cannot see this tab’s address/);
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('shows an error when the change cannot be saved', async () => {
    const { fake } = await renderPopup();
    fake.services.updateSettings.mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    fireEvent.click(await waitFor(siteSwitch));
    expect((await screen.findByRole('alert')).textContent).toContain('QUOTA_BYTES');
  });
});

describe('mentions on this page', () => {
  it('lists entities by count with their names; a click jumps to the first mention', async () => {
    const { fake } = await renderPopup();
    const buttons = await waitFor(() => {
      const b = within(screen.getByRole('region', { name: /Mentions on this page/ })).getAllByRole('button');
      expect(b).toHaveLength(3);
      return b;
    });
    expect(buttons.map((b) => b.textContent)).toEqual(['Huawei3 mentions', 'Roskomnadzor1 mention', 'Shanghai Cooperation Organisation1 mention']);
    expect(screen.getByRole('heading', { name: /Mentions on this page 5 in all/ })).toBeTruthy();
    fireEvent.click(buttons[0]!);
    expect(fake.services.gotoMention).toHaveBeenCalledWith(TAB, 'huawei');
  });

  it('updates live from the page’s reports', async () => {
    const { fake } = await renderPopup();
    await screen.findByRole('button', { name: /Huawei/ });
    fake.pushMentions({ enabled: true, total: 9, byEntity: { huawei: 8, telegram: 1 } });
    await screen.findByRole('button', { name: 'telegram 1 mention' });
    expect(screen.getByRole('button', { name: 'Huawei 8 mentions' })).toBeTruthy();
    fake.pushMentions({ enabled: false, total: 0, byEntity: {} });
    await screen.findByText('Switched off here: nothing is highlighted.');
  });

  it('folds a long list of topics, and unfolds it on request', async () => {
    const byEntity = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`topic-${String(i).padStart(2, '0')}`, 20 - i]));
    await renderPopup({ mentions: { enabled: true, total: 174, byEntity } });
    const region = await screen.findByRole('region', { name: /Mentions on this page/ });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(8));
    const more = within(region).getByRole('button', { name: 'Show all 12 topics' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(within(region).getAllByRole('listitem')).toHaveLength(12);
    expect(within(region).getByRole('button', { name: 'Show fewer topics' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('says when no actor is mentioned', async () => {
    await renderPopup({ mentions: { enabled: true, total: 0, byEntity: {} } });
    await screen.findByText('No actors of the report are mentioned on this page.');
  });
});

describe('saved on this page', () => {
  const saved: TabSaved = {
    placed: [record('1', 'Huawei builds the network', 'check the date')],
    orphans: [record('2', 'A passage that was edited away')],
  };

  it('lists placed and orphaned highlights, orphans marked', async () => {
    const { fake } = await renderPopup({ saved });
    const region = await screen.findByRole('region', { name: /Saved on this page/ });
    await within(region).findByText('“Huawei builds the network”');
    expect(within(region).getByText('check the date')).toBeTruthy();
    const orphan = within(region).getByText('“A passage that was edited away”').closest('li')!;
    expect(orphan.textContent).toContain('Not found on the page');
    expect(within(region).getByText(/1 highlight was not found/)).toBeTruthy();
    fireEvent.click(within(region).getByText('“Huawei builds the network”'));
    expect(fake.services.gotoHighlight).toHaveBeenCalledWith(TAB, saved.placed[0]!.id);
    fireEvent.click(within(orphan).getByRole('button'));
    expect(fake.services.openLibrary).toHaveBeenCalledWith(`#highlight=${saved.orphans[0]!.id}`);
  });

  it('says nothing is saved yet', async () => {
    await renderPopup();
    await screen.findByText(/Nothing saved here yet/);
  });
});

describe('shortcuts and library', () => {
  it('shows the bound shortcuts, and the default of an unset one', async () => {
    await renderPopup();
    const region = screen.getByRole('region', { name: 'Keyboard shortcuts' });
    const rows = within(region).getAllByRole('term').map((dt) => `${dt.textContent} = ${dt.nextElementSibling!.textContent}`);
    expect(rows).toEqual([
      'Switch this site on or off = Alt+Shift+K',
      'Next mention = Alt+Shift+N',
      'Save the selected text = not set (default Alt+Shift+S)',
    ]);
    expect(within(region).getByText(/assign one in the browser’s extension shortcuts settings/)).toBeTruthy();
  });

  it('opens the library', async () => {
    const { fake } = await renderPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Open the library' }));
    expect(fake.services.openLibrary).toHaveBeenCalledWith();
  });

  it('puts the site switch first in keyboard order', async () => {
    const { container } = await renderPopup();
    await waitFor(siteSwitch);
    const first = container.querySelector('input, button, a[href], select, textarea');
    expect(first).toBe(siteSwitch());
  });
});

describe('accessibility (axe)', () => {
  it('has no violations when on, with mentions and saved highlights', async () => {
    const { container } = await renderPopup({
      saved: { placed: [record('1', 'Huawei builds the network')], orphans: [record('2', 'Gone')] },
    });
    await screen.findByRole('button', { name: 'Huawei 3 mentions' });
    await screen.findByText('“Gone”');
    await expectNoAxeViolations(container);
  });

  it('has no violations when off and when unsupported', async () => {
    const off = setSiteRule(DEFAULT_SETTINGS, URL_, { enabled: false, scope: 'site' }, 1);
    const a = await renderPopup({ settings: off });
    await screen.findByText('Switched off here: nothing is highlighted.');
    await expectNoAxeViolations(a.container);
    cleanup();
    const b = await renderPopup({ url: 'about:blank', mentions: null });
    await screen.findByText(/do not let extensions run/);
    await expectNoAxeViolations(b.container);
  });
});
