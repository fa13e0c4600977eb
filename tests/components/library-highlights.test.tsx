// @vitest-environment happy-dom
// The library's Highlights tab and page shell. axe runs with color-contrast disabled: happy-dom
// has no layout or computed colours to judge.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { HighlightsView, PAGE_SIZE } from '../../components/library/HighlightsView';
import { LibraryApp, routeFromHash } from '../../components/library/LibraryApp';
import { makeHighlights } from '../fixtures/make-highlights';
import { highlightRecordSchema } from '../../core/annotations/record';
import { fakeLibrary, record } from './library-fakes';
import { testPack } from './topics-fixtures';

async function expectNoAxeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

function cards(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('article.hl-card')];
}

function quotes(): string[] {
  return cards().map((c) => c.querySelector('.hl-quote')!.textContent!);
}

function search(text: string) {
  fireEvent.input(screen.getByLabelText('Search highlights'), { target: { value: text } });
}

function countText(): string {
  return document.querySelector('.hl-count')!.textContent!;
}

const huawei = record({
  text: 'Huawei will build a research centre in Moscow.',
  entityIds: ['huawei'],
  tags: ['telecom'],
  created: Date.UTC(2025, 2, 10, 12),
});
const rkn = record({
  url: 'https://meduza.io/news/rkn',
  title: 'Роскомнадзор и китайский опыт',
  text: 'Роскомнадзор изучает опыт Китая в фильтрации.',
  entityIds: ['roskomnadzor'],
  note: 'Compare with the Great Firewall',
  created: Date.UTC(2025, 5, 1, 12),
});
const both = record({
  url: 'https://meduza.io/news/rkn',
  title: 'Роскомнадзор и китайский опыт',
  text: 'Huawei equipment was approved by Roskomnadzor.',
  entityIds: ['huawei', 'roskomnadzor'],
  tags: ['telecom', 'to-check'],
  created: Date.UTC(2025, 8, 20, 12),
});
const plain = record({
  url: 'https://www.scmp.com/tech/article',
  title: 'Chip rules',
  text: 'Export rules changed again this spring.',
  created: Date.UTC(2026, 0, 5, 12),
});
const SAMPLE = [huawei, rkn, both, plain];

async function renderView(records = SAMPLE, props: { focusId?: string } = {}, opts = {}) {
  const lib = fakeLibrary(records, opts);
  const utils = render(<HighlightsView services={lib.services} {...props} />);
  await screen.findByRole('heading', { name: /^Highlights$/ }).catch(() => screen.findByRole('heading', { name: 'No saved highlights yet' }));
  return { lib, ...utils };
}

beforeEach(() => history.replaceState(null, '', '/library.html'));
afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/library.html');
});

describe('the list', () => {
  it('shows every highlight grouped by page, newest page first, with no axe violations', async () => {
    const { container } = await renderView();
    expect(cards()).toHaveLength(4);
    const groups = [...document.querySelectorAll('.hl-group h3')].map((h) => h.textContent);
    expect(groups).toEqual(['Chip rules (1)', 'Роскомнадзор и китайский опыт (2)', 'Huawei expands in Russia (1)']);
    expect(countText()).toBe('4 highlights.');
    const open = within(cards()[0]!).getByRole('link', { name: /Open page/ });
    expect(open.getAttribute('href')).toBe(plain.originalUrl);
    expect(open.getAttribute('target')).toBe('_blank');
    await expectNoAxeViolations(container);
  });

  it('shows corrupted records in a notice and still lists the rest', async () => {
    await renderView(SAMPLE, {}, { problems: [{ id: 'broken-1', problem: 'text: must not be empty' }] });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('1 saved highlight could not be read');
    expect(alert.textContent).toContain('broken-1');
    expect(alert.textContent).toContain('text: must not be empty');
    expect(cards()).toHaveLength(4);
  });

  it('marks highlights their page could not place, and keeps them', async () => {
    await renderView(SAMPLE, {}, { orphans: [rkn.id] });
    const marked = cards().filter((c) => c.textContent?.includes('Not found on the page'));
    expect(marked).toHaveLength(1);
    expect(marked[0]!.id).toBe(`hl-${rkn.id}`);
    expect(cards()).toHaveLength(4);
  });

  it('tells a new reader how to save a first highlight', async () => {
    const { container } = await renderView([]);
    expect(screen.getByRole('heading', { name: 'No saved highlights yet' })).toBeTruthy();
    expect(container.textContent).toContain('Save highlight with Kontekst');
    expect(screen.queryByLabelText('Search highlights')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('groups by actor with display names; a highlight with two actors shows under both', async () => {
    await renderView();
    fireEvent.click(screen.getByRole('radio', { name: 'Actor' }));
    const groups = [...document.querySelectorAll('.hl-group h3')].map((h) => h.textContent);
    expect(groups).toEqual(['Huawei (2)', 'Roskomnadzor (2)', 'No linked actor (1)']);
    expect(quotes().filter((q) => q === both.text)).toHaveLength(2);
    // In actor groups each card names its page.
    expect(cards()[0]!.querySelector('.hl-page')!.textContent).toContain('Роскомнадзор и китайский опыт');
  });
});

describe('search and filters', () => {
  it('narrows the results as the reader types, across text, notes, titles and actor names', async () => {
    await renderView();
    search('huawei');
    expect(quotes().sort()).toEqual([both.text, huawei.text].sort());
    expect(countText()).toBe('2 highlights of 4 match.');
    search('great firewall'); // note
    expect(quotes()).toEqual([rkn.text]);
    search('chip'); // page title
    expect(quotes()).toEqual([plain.text]);
    search('华为'); // an actor's Chinese name
    expect(quotes().sort()).toEqual([both.text, huawei.text].sort());
    search('nothing like this');
    expect(cards()).toHaveLength(0);
    expect(screen.getByText(/No highlights match “nothing like this”/)).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear search and filters' })[0]!);
    expect(cards()).toHaveLength(4);
  });

  it('marks the matched words in the quote', async () => {
    await renderView();
    search('research');
    const marks = [...cards()[0]!.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['research']);
  });

  it('filters by actor, site, tag and date range', async () => {
    await renderView();
    fireEvent.change(screen.getByRole('combobox', { name: 'Actor' }), { target: { value: 'roskomnadzor' } });
    expect(quotes().sort()).toEqual([both.text, rkn.text].sort());
    fireEvent.change(screen.getByRole('combobox', { name: 'Tag' }), { target: { value: 'telecom' } });
    expect(quotes()).toEqual([both.text]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear search and filters' })[0]!);

    fireEvent.change(screen.getByLabelText('Site'), { target: { value: 'scmp.com' } });
    expect(quotes()).toEqual([plain.text]);
    fireEvent.change(screen.getByLabelText('Site'), { target: { value: '' } });

    fireEvent.change(screen.getByLabelText('Saved from'), { target: { value: '2025-05-01' } });
    fireEvent.change(screen.getByLabelText('Saved until'), { target: { value: '2025-12-31' } });
    expect(quotes().sort()).toEqual([both.text, rkn.text].sort());
  });
});

describe('editing', () => {
  it('saves a note on blur and shows it was saved', async () => {
    const { lib } = await renderView();
    const card = cards().find((c) => c.textContent!.includes(huawei.text))!;
    fireEvent.click(within(card).getByRole('button', { name: 'Add note' }));
    const note = within(card).getByLabelText('Note');
    await waitFor(() => expect(document.activeElement).toBe(note));
    fireEvent.input(note, { target: { value: 'Check the date of the announcement' } });
    expect(within(card).getByText('Not saved yet')).toBeTruthy();
    fireEvent.blur(note);
    await waitFor(() => expect(within(card).getByText('Note saved')).toBeTruthy());
    expect(lib.services.updateHighlight).toHaveBeenCalledWith(huawei.id, { note: 'Check the date of the announcement' });
    expect(lib.store.get(huawei.id)!.note).toBe('Check the date of the announcement');
    expect(within(card).getByText('Check the date of the announcement')).toBeTruthy();
    // The saved note is searchable at once.
    search('announcement');
    expect(quotes()).toEqual([huawei.text]);
  });

  it('saves with Ctrl+Enter, returns focus, and does not call the background when nothing changed', async () => {
    const { lib } = await renderView();
    const card = cards().find((c) => c.textContent!.includes(rkn.text))!;
    fireEvent.click(within(card).getByRole('button', { name: 'Edit note' }));
    const note = within(card).getByLabelText('Note') as HTMLTextAreaElement;
    expect(note.value).toBe(rkn.note);
    fireEvent.blur(note);
    expect(lib.services.updateHighlight).not.toHaveBeenCalled();
    await waitFor(() => expect(within(card).queryByLabelText('Note')).toBeNull());

    fireEvent.click(within(card).getByRole('button', { name: 'Edit note' }));
    const again = within(card).getByLabelText('Note');
    fireEvent.input(again, { target: { value: 'New thought' } });
    fireEvent.keyDown(again, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(lib.services.updateHighlight).toHaveBeenCalledWith(rkn.id, { note: 'New thought' }));
    await waitFor(() => expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Edit note' })));
  });

  it('Escape cancels an edit without saving', async () => {
    const { lib } = await renderView();
    const card = cards().find((c) => c.textContent!.includes(rkn.text))!;
    fireEvent.click(within(card).getByRole('button', { name: 'Edit note' }));
    const note = within(card).getByLabelText('Note');
    fireEvent.input(note, { target: { value: 'Draft I do not want' } });
    fireEvent.keyDown(note, { key: 'Escape' });
    await waitFor(() => expect(within(card).queryByLabelText('Note')).toBeNull());
    expect(lib.services.updateHighlight).not.toHaveBeenCalled();
    expect(within(card).getByText(rkn.note)).toBeTruthy();
  });

  it('keeps the text and says why when a note was not saved', async () => {
    const { lib } = await renderView();
    lib.services.updateHighlight.mockRejectedValueOnce(new Error('Highlight is damaged'));
    const card = cards()[0]!;
    fireEvent.click(within(card).getByRole('button', { name: 'Add note' }));
    const note = within(card).getByLabelText('Note') as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: 'keep me' } });
    fireEvent.blur(note);
    await waitFor(() => expect(within(card).getByText('Not saved: Highlight is damaged')).toBeTruthy());
    expect((within(card).getByLabelText('Note') as HTMLTextAreaElement).value).toBe('keep me');
  });

  it('adds and removes tags', async () => {
    const { lib } = await renderView();
    const card = () => cards().find((c) => c.textContent!.includes(plain.text))!;
    fireEvent.click(within(card()).getByRole('button', { name: 'Add tag' }));
    const input = within(card()).getByLabelText('Add a tag');
    fireEvent.input(input, { target: { value: '#Chips, Export Controls' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(lib.store.get(plain.id)!.tags).toEqual(['chips', 'export controls']));
    await waitFor(() => expect(within(card()).getByText('#chips')).toBeTruthy());
    fireEvent.click(within(card()).getByRole('button', { name: 'Remove tag chips' }));
    await waitFor(() => expect(lib.store.get(plain.id)!.tags).toEqual(['export controls']));
    expect(lib.services.updateHighlight).toHaveBeenLastCalledWith(plain.id, { tags: ['export controls'] });
    // The new tag is offered as a filter.
    const tagFilter = screen.getByRole('combobox', { name: 'Tag' });
    expect([...tagFilter.querySelectorAll('option')].map((o) => o.textContent)).toContain('#export controls (1)');
  });
});

describe('delete and undo', () => {
  it('deletes, then Undo in the toast restores the same record through highlights/restore', async () => {
    const { lib } = await renderView();
    const card = cards().find((c) => c.textContent!.includes(rkn.text))!;
    fireEvent.click(within(card).getByRole('button', { name: /^Delete highlight/ }));
    await waitFor(() => expect(cards()).toHaveLength(3));
    expect(lib.services.deleteHighlights).toHaveBeenCalledWith([rkn.id]);
    expect(lib.store.has(rkn.id)).toBe(false);
    // Focus moves to the next highlight rather than being lost.
    expect(document.activeElement?.classList.contains('hl-card')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(cards()).toHaveLength(4));
    expect(lib.services.restoreHighlights).toHaveBeenCalledTimes(1);
    expect(lib.services.restoreHighlights.mock.calls[0]![0]).toEqual([rkn]);
    expect(lib.store.get(rkn.id)).toEqual(rkn);
    expect(screen.getByText(/Restored/)).toBeTruthy();
  });

  it('Ctrl+Z undoes the last delete, but not while typing in a field', async () => {
    const { lib } = await renderView();
    fireEvent.click(within(cards()[0]!).getByRole('button', { name: /^Delete highlight/ }));
    await waitFor(() => expect(cards()).toHaveLength(3));
    fireEvent.keyDown(screen.getByLabelText('Search highlights'), { key: 'z', ctrlKey: true });
    expect(lib.services.restoreHighlights).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(cards()).toHaveLength(4));
    expect(lib.services.restoreHighlights).toHaveBeenCalledTimes(1);
  });
});

describe('#highlight=<id>', () => {
  it('selects and focuses the linked highlight, clearing filters that hide it', async () => {
    const records = makeHighlights(300, { seed: 7 });
    const target = records[records.length - 1]!;
    await renderView(records, { focusId: target.id });
    await waitFor(() => expect(document.getElementById(`hl-${target.id}`)).toBeTruthy());
    const el = document.getElementById(`hl-${target.id}`)!;
    expect(el.getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(el));
    // It was not among the first page of results: the list grew to include it.
    expect(cards().length).toBeGreaterThan(PAGE_SIZE);
  });

  it('says so when the linked highlight no longer exists', async () => {
    await renderView(SAMPLE, { focusId: '00000000-0000-4000-8000-999999999999' });
    expect(await screen.findByText('The highlight this link points to is no longer in your library.')).toBeTruthy();
    expect(cards()).toHaveLength(4);
  });
});

describe('10,000 highlights', () => {
  it('generates valid, deterministic records', () => {
    const a = makeHighlights(500, { seed: 3 });
    const b = makeHighlights(500, { seed: 3 });
    expect(a).toEqual(b);
    expect(a.filter((r) => !highlightRecordSchema.safeParse(r).success)).toEqual([]);
    expect(new Set(a.map((r) => r.id)).size).toBe(500);
  });

  it('renders only the first results, searches per keystroke and grows with Show more', async () => {
    const records = makeHighlights(10_000, { seed: 1 });
    await renderView(records);
    expect(cards()).toHaveLength(PAGE_SIZE);
    expect(countText()).toContain('10,000 highlights.');
    // Speed is the benchmark's business (docs/benchmarks.md); here: each keystroke keeps the DOM small.
    for (const q of ['h', 'hu', 'hua', 'huaw', 'huawe', 'huawei']) {
      act(() => search(q));
      expect(cards().length).toBeLessThanOrEqual(PAGE_SIZE);
    }
    const expected = records.filter((r) => /huawei/i.test(`${r.title} ${r.text} ${r.note}`) || r.entityIds.includes('huawei')).length;
    expect(countText()).toContain(`${expected.toLocaleString('en')} highlights of 10,000 match`);
    expect(cards().length).toBeLessThanOrEqual(PAGE_SIZE);
    fireEvent.click(screen.getByRole('button', { name: /^Show more/ }));
    expect(cards()).toHaveLength(PAGE_SIZE * 2);
  }, 30_000);
});

describe('library shell', () => {
  it('maps hashes to tabs', () => {
    expect(routeFromHash('')).toEqual({ tab: 'highlights' });
    expect(routeFromHash('#sites')).toEqual({ tab: 'sites' });
    expect(routeFromHash('#topic=huawei')).toEqual({ tab: 'topics' });
    expect(routeFromHash('#highlight=abc%2Dd')).toEqual({ tab: 'highlights', highlightId: 'abc-d' });
  });

  it('has keyboard-operable tabs reflected in the URL hash', async () => {
    const lib = fakeLibrary(SAMPLE);
    const { container } = render(<LibraryApp services={lib.services} pack={testPack} />);
    await screen.findByRole('heading', { name: /^Highlights$/ });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Highlights', 'Topics', 'Sites']);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    await expectNoAxeViolations(container);

    tabs[0]!.focus();
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(location.hash).toBe('#topics');
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tabs[1]);
    expect(screen.getByRole('tabpanel').id).toBe('lib-panel-topics');
    expect(screen.getByRole('heading', { name: 'Browse topics' })).toBeTruthy();

    fireEvent.keyDown(tabs[1]!, { key: 'End' });
    expect(location.hash).toBe('#sites');
    await screen.findByRole('heading', { name: 'Where Kontekst runs' });
    fireEvent.keyDown(tabs[2]!, { key: 'Home' });
    expect(location.hash).toBe('#highlights');
    // The Highlights tab kept its state while hidden.
    expect(cards()).toHaveLength(4);
    expect(document.title).toBe('Highlights · Kontekst library');
  });

  it('opens on the tab the hash names, and an actor link switches to that topic', async () => {
    history.replaceState(null, '', '/library.html#sites');
    const lib = fakeLibrary(SAMPLE);
    render(<LibraryApp services={lib.services} pack={testPack} />);
    expect(screen.getByRole('tab', { name: 'Sites' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'Highlights' }));
    await screen.findByRole('heading', { name: /^Highlights$/ });
    const link = within(cards().find((c) => c.textContent!.includes(huawei.text))!).getByRole('link', { name: 'Huawei' });
    expect(link.getAttribute('href')).toBe('#topic=huawei');
    history.pushState(null, '', '#topic=huawei');
    act(() => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(screen.getByRole('tab', { name: 'Topics' }).getAttribute('aria-selected')).toBe('true');
    expect(document.getElementById('kx-topic-h')!.textContent).toBe('Huawei');
  });
});
