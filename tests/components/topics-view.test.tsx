// @vitest-environment happy-dom
// axe runs with color-contrast disabled: happy-dom has no layout or computed colours to judge.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { packSchema, SECTIONS, VOICES } from '../../core/pack/schema';
import { TopicsView } from '../../components/library/TopicsView';
import { libraryCss } from '../../components/library/library.css';
import { testPack } from './topics-fixtures';

async function expectNoAxeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
  expect(summary).toEqual([]);
}

function topicList() {
  return screen.getByRole('navigation', { name: 'Browse topics' });
}

function listedNames(): string[] {
  return within(topicList())
    .getAllByRole('link')
    .map((a) => a.querySelector('.kx-topics-item-name')!.textContent!);
}

function search(text: string) {
  fireEvent.input(screen.getByLabelText('Search topics'), { target: { value: text } });
}

/** The result count under the search box (the citation box has a status of its own). */
function listStatus(): string {
  return within(screen.getByRole('search').parentElement!).getAllByRole('status')[0]!.textContent!;
}

function detailHeading(): HTMLElement {
  return document.getElementById('kx-topic-h')!;
}

beforeEach(() => history.replaceState(null, '', '/library.html'));
afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/library.html');
});

describe('fixture', () => {
  it('is a valid pack', () => {
    const parsed = packSchema.safeParse(testPack);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});

describe('browsing by kind', () => {
  it('groups topics under kind headings in schema order, sorted by English name', () => {
    render(<TopicsView pack={testPack} />);
    const headings = within(topicList())
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual(['Regulators (2)', 'Companies (2)', 'Organisations (1)', 'Agreements (2)']);
    const regulators = screen.getByRole('region', { name: 'Regulators (2)' });
    expect(within(regulators).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '#topic=cac',
      '#topic=roskomnadzor',
    ]);
    expect(listStatus()).toBe('7 topics');
  });

  it('shows an introduction until a topic is chosen', () => {
    render(<TopicsView pack={testPack} />);
    expect(detailHeading().textContent).toBe('Choose a topic');
    expect(location.hash).toBe('');
  });
});

describe('search', () => {
  it('finds Roskomnadzor by its Russian name and by an inflected alias in lower case', () => {
    render(<TopicsView pack={testPack} />);
    search('Роскомнадзор');
    expect(listedNames()[0]).toBe('Roskomnadzor');
    search('роскомнадзора');
    expect(listedNames()).toEqual(['Roskomnadzor']);
    expect(within(topicList()).getByText('Роскомнадзора').getAttribute('lang')).toBe('ru');
  });

  it('finds Huawei by 华为 and the SCO by its acronym, exact match first', () => {
    render(<TopicsView pack={testPack} />);
    search('华为');
    expect(listedNames()).toEqual(['Huawei']);
    search('SCO');
    const names = listedNames();
    expect(names[0]).toBe('Shanghai Cooperation Organisation');
    expect(names[1]).toBe('SCO Code of Conduct');
    // Only the description ("Moscow-based") matches Kaspersky, so it comes last.
    expect(names.at(-1)).toBe('Kaspersky');
    expect(listStatus()).toBe('3 topics match “SCO”.');
  });

  it('treats ё as е and says when nothing matches', () => {
    render(<TopicsView pack={testPack} />);
    search('запрещенной');
    expect(listedNames()).toEqual(['2019 agreement on prohibited information']);
    search('no such thing');
    expect(listStatus()).toBe('No topic matches “no such thing”.');
    expect(within(topicList()).queryAllByRole('link')).toEqual([]);
  });

  it('Enter opens the best match, Escape clears the query', async () => {
    render(<TopicsView pack={testPack} />);
    const input = screen.getByLabelText('Search topics') as HTMLInputElement;
    search('ШОС');
    await act(() => void fireEvent.keyDown(input, { key: 'Enter' }));
    expect(detailHeading().textContent).toBe('Shanghai Cooperation Organisation');
    expect(location.hash).toBe('#topic=sco');
    expect(document.activeElement).toBe(detailHeading());
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('');
    expect(listStatus()).toBe('7 topics');
  });
});

describe('topic detail', () => {
  it('shows the full entry when a topic is selected, and the hash names it', async () => {
    render(<TopicsView pack={testPack} />);
    await act(() => void fireEvent.click(within(topicList()).getByRole('link', { name: /^Roskomnadzor/ })));
    expect(location.hash).toBe('#topic=roskomnadzor');
    expect(within(topicList()).getByRole('link', { name: /^Roskomnadzor/ }).getAttribute('aria-current')).toBe('page');

    const article = screen.getByRole('article', { name: 'Roskomnadzor' });
    const a = within(article);
    expect(a.getByText('Роскомнадзор').getAttribute('lang')).toBe('ru');
    expect(a.getByText('俄罗斯联邦通信监督局').getAttribute('lang')).toBe('zh-Hans');
    a.getByText(testPack.entities[0]!.whatItIs);
    a.getByText(testPack.entities[0]!.perspective);
    // Voices, with the named expert's name.
    a.getByText(VOICES.officials);
    a.getByText('Example Person (named expert)');
    a.getByText(VOICES['liberal-media']);
    // Section titles and footnote numbers on each point; a point without a footnote says so.
    expect(a.getAllByText(`Section: ${SECTIONS['content-regulation']}`)).toHaveLength(2);
    a.getByText(`Section: ${SECTIONS['internet-governance']}`);
    a.getByText('no footnote in the report');
    expect(a.getAllByRole('button', { name: /^Footnote \d+$/ }).map((b) => b.textContent)).toEqual(['30', '31', '32', '99']);
    // Tensions.
    a.getByRole('heading', { name: 'Tensions' });
    a.getByText('Example tension: dependence on foreign vendors.');
    // Aliases not already shown as names.
    expect(a.getByText('Also written as (3)')).toBeTruthy();
  });

  it('resolves sources: safe links open in a new tab, unsafe URLs and missing notes are plain text', async () => {
    render(<TopicsView pack={testPack} initialTopic="roskomnadzor" />);
    const sources = screen.getByRole('region', { name: 'Sources' });
    const items = within(sources).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('value'))).toEqual(['30', '31', '32', '99']);
    expect(items[0]!.textContent).toContain('Example Agency (2019). Example headline about regulators.');
    expect(items[1]!.textContent).toContain('Russian service.');
    const link = within(items[0]!).getByRole('link');
    expect(link.getAttribute('href')).toBe('https://example.org/a');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')!.split(' ')).toContain('noopener');
    expect(within(items[2]!).queryByRole('link')).toBeNull();
    expect(items[3]!.textContent).toContain('Footnote 99 is not in the pack.');

    await act(() => void fireEvent.click(screen.getAllByRole('button', { name: 'Footnote 31' })[0]!));
    expect(document.activeElement).toBe(items[1]);
  });

  it('a related topic link switches topic, moves focus and is linkable; unknown ids are skipped', async () => {
    render(<TopicsView pack={testPack} initialTopic="roskomnadzor" />);
    const related = screen.getByRole('region', { name: 'Related topics' });
    expect(within(related).getAllByRole('link').map((l) => l.textContent)).toEqual([
      'Cyberspace Administration of China',
      'Huawei',
    ]);
    const link = within(related).getByRole('link', { name: 'Cyberspace Administration of China' });
    expect(link.getAttribute('href')).toBe('#topic=cac');
    await act(() => void fireEvent.click(link));
    expect(detailHeading().textContent).toBe('Cyberspace Administration of China');
    expect(document.activeElement).toBe(detailHeading());
    expect(location.hash).toBe('#topic=cac');
  });

  it('picking from the list moves focus to the entry only in the one-column layout', async () => {
    const narrow = { value: false };
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (q: string) => ({ matches: narrow.value && q === '(max-width: 48em)', media: q }) as MediaQueryList,
    );
    render(<TopicsView pack={testPack} />);
    const huawei = within(topicList()).getByRole('link', { name: /^Huawei/ });
    huawei.focus();
    await act(() => void fireEvent.click(huawei));
    expect(document.activeElement).toBe(huawei);
    narrow.value = true;
    await act(() => void fireEvent.click(within(topicList()).getByRole('link', { name: /^Kaspersky/ })));
    expect(detailHeading().textContent).toBe('Kaspersky');
    expect(document.activeElement).toBe(detailHeading());
  });

  it('a modified click is left to the browser (open in new tab)', async () => {
    render(<TopicsView pack={testPack} initialTopic="roskomnadzor" />);
    const link = within(screen.getByRole('region', { name: 'Related topics' })).getByRole('link', { name: 'Huawei' });
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
    await act(() => void link.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(false);
    expect(detailHeading().textContent).toBe('Roskomnadzor');
  });
});

describe('URL hash and history', () => {
  it('selects the topic named in the hash on load, over initialTopic; ignores unknown ids', () => {
    history.replaceState(null, '', '#topic=huawei');
    render(<TopicsView pack={testPack} initialTopic="roskomnadzor" />);
    expect(detailHeading().textContent).toBe('Huawei');
    cleanup();
    history.replaceState(null, '', '#topic=nope');
    render(<TopicsView pack={testPack} />);
    expect(detailHeading().textContent).toBe('Choose a topic');
  });

  it('writes initialTopic into an empty hash without adding a history entry', () => {
    const before = history.length;
    render(<TopicsView pack={testPack} initialTopic="sco" />);
    expect(location.hash).toBe('#topic=sco');
    expect(history.length).toBe(before);
  });

  it('each selection adds a history entry, and back/forward (popstate) restore the topic', async () => {
    render(<TopicsView pack={testPack} />);
    const before = history.length;
    await act(() => void fireEvent.click(within(topicList()).getByRole('link', { name: /^Huawei/ })));
    await act(() => void fireEvent.click(within(topicList()).getByRole('link', { name: /^Kaspersky/ })));
    expect(history.length).toBe(before + 2);
    expect(detailHeading().textContent).toBe('Kaspersky');

    // What the browser does on Back: the URL changes, then popstate fires.
    history.replaceState(null, '', '#topic=huawei');
    await act(() => void window.dispatchEvent(new PopStateEvent('popstate')));
    expect(detailHeading().textContent).toBe('Huawei');

    // A hand-edited hash.
    history.replaceState(null, '', '#topic=sco');
    await act(() => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(detailHeading().textContent).toBe('Shanghai Cooperation Organisation');

    // Back to the entry without a topic.
    history.replaceState(null, '', '/library.html');
    await act(() => void window.dispatchEvent(new PopStateEvent('popstate')));
    expect(detailHeading().textContent).toBe('Choose a topic');
  });
});

describe('copy citation', () => {
  const expected =
    'Zhang, E. S., & Creemers, R. (2021). Russian Perspectives on China as an Actor in Cyberspace. LeidenAsiaCentre. ' +
    'https://hdl.handle.net/1887/3721436 — sections “Internet Governance Models”, “Online Content Regulation”, ' +
    '“Cooperation in Digital Economy, on Paper?”';

  function mockClipboard(writeText: (text: string) => Promise<void>) {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  }

  it('shows the citation and copies it with a confirmation', async () => {
    const writeText = vi.fn(async () => {});
    mockClipboard(writeText);
    render(<TopicsView pack={testPack} initialTopic="roskomnadzor" />);
    const box = screen.getByRole('region', { name: 'Cite this' });
    within(box).getByText(expected);
    await act(async () => void fireEvent.click(within(box).getByRole('button', { name: 'Copy citation' })));
    expect(writeText).toHaveBeenCalledWith(expected);
    expect(within(box).getByRole('status').textContent).toBe('Citation copied to the clipboard.');
  });

  it('cites a single section in the singular', () => {
    render(<TopicsView pack={testPack} initialTopic="huawei" />);
    screen.getByText(/https:\/\/hdl\.handle\.net\/1887\/3721436 — section “Cooperation in Digital Economy, on Paper\?”$/);
  });

  it('falls back to a visible message and selects the text when the clipboard refuses', async () => {
    mockClipboard(vi.fn(async () => Promise.reject(new Error('denied'))));
    render(<TopicsView pack={testPack} initialTopic="roskomnadzor" />);
    const box = screen.getByRole('region', { name: 'Cite this' });
    await act(async () => void fireEvent.click(within(box).getByRole('button', { name: 'Copy citation' })));
    const status = await within(box).findByText(/^Could not copy automatically/);
    expect(status.getAttribute('role')).toBe('status');
    expect(window.getSelection()!.toString()).toBe(expected);
  });
});

describe('accessibility (axe)', () => {
  it('list, search results and topic detail have no violations', async () => {
    const { container } = render(<TopicsView pack={testPack} />);
    await expectNoAxeViolations(container);
    search('SCO');
    await expectNoAxeViolations(container);
    await act(() => void fireEvent.click(within(topicList()).getByRole('link', { name: /^Shanghai Cooperation Organisation/ })));
    await expectNoAxeViolations(container);
    cleanup();
    const detail = render(<TopicsView pack={testPack} initialTopic="roskomnadzor" />);
    await expectNoAxeViolations(detail.container);
  });
});

describe('styles', () => {
  it('support dark mode, visible keyboard focus and a one-column layout when narrow', () => {
    expect(libraryCss).toContain('@media (prefers-color-scheme: dark)');
    expect(libraryCss).toMatch(/:focus-visible\s*\{[^}]*outline: 3px solid/);
    expect(libraryCss).toMatch(/@media \(max-width: 48em\)\s*\{\s*\.kx-topics \{ grid-template-columns: minmax\(0, 1fr\)/);
    // rem/em only for text: px font sizes would ignore the user's settings.
    expect(libraryCss).not.toMatch(/font-size:\s*\d+px/);
  });
});
