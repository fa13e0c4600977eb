// @vitest-environment happy-dom
// axe runs with color-contrast disabled: happy-dom has no layout or computed colours, so that rule
// cannot judge anything here (contrast is checked on the real popover end to end).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { entitySchema, footnoteSchema, SECTIONS, VOICES } from '../../core/pack/schema';
import type { Entity } from '../../core/pack/schema';
import { Popover } from '../../components/popover/Popover';
import type { PopoverProps } from '../../components/popover/Popover';
import { popoverCss } from '../../components/popover/popover.css';
import { SECTION_LABELS, VOICE_LABELS, safeHref, scriptLang, shortAuthors } from '../../components/popover/labels';
import { sampleEntity, sampleFootnotes, samplePopoverProps, sampleRelated } from './popover-fixtures';

afterEach(cleanup);

async function expectNoAxeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
  expect(summary).toEqual([]);
}

function renderPopover(overrides: Partial<PopoverProps> = {}, options = {}) {
  const props = samplePopoverProps(overrides, options);
  const utils = render(<Popover {...props} />);
  return { ...utils, props, dialog: screen.getByRole('dialog') };
}

function press(key: string, init: KeyboardEventInit = {}) {
  const target = (document.activeElement ?? document.body) as HTMLElement;
  fireEvent.keyDown(target, { key, ...init });
}

describe('fixtures', () => {
  it('are valid pack data', () => {
    for (const e of [sampleEntity, ...sampleRelated]) expect(entitySchema.safeParse(e).success).toBe(true);
    for (const f of sampleFootnotes) expect(footnoteSchema.safeParse(f).success).toBe(true);
  });
});

describe('Popover content', () => {
  it('renders name, page form, what it is, perspective, points with voices, tensions and sources', () => {
    const { dialog } = renderPopover();
    const title = screen.getByRole('heading', { level: 2 });
    expect(title.textContent).toBe('Roskomnadzor');
    expect(dialog.getAttribute('aria-labelledby')).toBe(title.id);
    expect(screen.getByText('Regulator')).toBeTruthy();
    const surface = screen.getByText('“Роскомнадзора”');
    expect(surface.getAttribute('lang')).toBe('ru');
    expect(screen.getByText(sampleEntity.whatItIs)).toBeTruthy();
    const perspective = screen.getByText(sampleEntity.perspective);
    expect(dialog.getAttribute('aria-describedby')).toBe(perspective.id);
    expect(screen.getByText('俄罗斯联邦通信、信息技术和大众传媒监督局').getAttribute('lang')).toBe('zh');

    const points = within(screen.getByRole('heading', { name: 'Key points' }).parentElement!).getAllByRole('listitem');
    expect(points).toHaveLength(3);
    expect(points[0]!.textContent).toContain('Russian officials');
    expect(points[0]!.textContent).toContain('Online Content Regulation');
    // A named expert shows the name, not the generic label.
    expect(points[1]!.textContent).toContain('Regulator head (example)');
    expect(points[1]!.textContent).not.toContain('A named expert');
    // Other voices keep their label and add the detail.
    expect(points[2]!.textContent).toContain('Liberal Russian media');
    expect(points[2]!.textContent).toContain('Example Gazette');

    const tensions = screen.getByRole('heading', { name: /Tensions between Russian and Chinese interests/ }).parentElement!;
    expect(tensions.textContent).toContain('dependence on Chinese vendors');
    expect(tensions.textContent).toContain('Cooperation in Digital Economy, on Paper?');

    const sources = dialog.querySelector('details')!;
    expect(sources.querySelector('summary')!.textContent).toContain('Zhang & Creemers 2021');
    expect(sources.querySelector('summary')!.textContent).toContain('3 notes');
    const notes = sources.querySelectorAll('li');
    expect(Array.from(notes, (li) => li.querySelector('.kx-note-n')!.textContent)).toEqual(['30', '31', '37']);
    expect(notes[0]!.textContent).toContain('Example News Agency (2019).');
    expect(notes[2]!.textContent).toContain('Journal of Examples 4(2), 10-31');
  });

  it('says "no footnote in the report" for an unfootnoted claim', () => {
    renderPopover();
    const item = screen.getByText(/legislation more than on technical blocking/).closest('li')!;
    expect(item.textContent).toContain('no footnote in the report');
    expect(item.querySelector('.kx-fnref')).toBeNull();
  });

  it('opens source links in a new tab, and never links non-http URLs', () => {
    const { dialog } = renderPopover({
      footnotes: (n) => n === 30
        ? { n, author: 'Evil', title: 'Click me', url: 'javascript:alert(1)' }
        : sampleFootnotes.find((f) => f.n === n),
    });
    const links = Array.from(dialog.querySelectorAll('a'));
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('href')).toMatch(/^https?:/);
      expect(a.textContent).toContain('(opens in a new tab)');
    }
    expect(screen.getByText('Click me').closest('a')).toBeNull();
    expect(links.some((a) => a.getAttribute('href') === 'https://hdl.handle.net/1887/3721436')).toBe(true);
  });

  it('a footnote number opens the sources and focuses that footnote', async () => {
    const { dialog } = renderPopover();
    const details = dialog.querySelector('details')!;
    expect(details.open).toBe(false);
    await act(() => { fireEvent.click(screen.getAllByRole('button', { name: 'Footnote 37' })[0]!); });
    expect(details.open).toBe(true);
    expect(document.activeElement?.textContent).toContain('Filtering without a firewall');
  });

  it('renders hostile text as literal text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const entity: Entity = { ...sampleEntity, whatItIs: evil, names: { ...sampleEntity.names, en: evil } };
    const { container } = renderPopover({ entity, surface: evil });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(evil);
    expect(screen.getAllByText(evil).length).toBeGreaterThanOrEqual(2);
  });

  it('handles long content: every point, unbroken words and many notes are rendered', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      text: `Point ${i} ${'x'.repeat(300)} https://example.org/${'a'.repeat(200)}`,
      section: 'conclusion' as const,
      footnotes: [i + 1],
      voice: 'authors' as const,
    }));
    const entity: Entity = { ...sampleEntity, points: many, perspective: 'Long. '.repeat(400).trim() };
    const { dialog } = renderPopover({ entity });
    expect(dialog.querySelectorAll('.kx-point')).toHaveLength(40 + sampleEntity.tensions.length);
    expect(dialog.querySelectorAll('.kx-note')).toHaveLength(40);
    // Footnotes missing from the pack still get a line rather than disappearing.
    expect(dialog.textContent).toContain('Footnote 1 of the report (details unavailable).');
    // The scrolling body sits between the fixed header and footer.
    expect(Array.from(dialog.children, (c) => c.className)).toEqual(['kx-header', 'kx-body', 'kx-footer']);
  });
});

describe('Popover keyboard', () => {
  it('focuses the heading on open, or nothing when initialFocus is false', () => {
    renderPopover();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
    cleanup();
    renderPopover({ initialFocus: false });
    expect(document.activeElement).toBe(document.body);
  });

  it('Escape calls onClose', () => {
    const onClose = vi.fn();
    renderPopover({ onClose });
    press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('Tab wraps within the dialog in both directions', () => {
    const { dialog } = renderPopover();
    const close = screen.getByRole('button', { name: 'Close' });
    const last = screen.getByRole('button', { name: 'Not on this site' });
    // From the heading, Tab goes to the next control in order: the close button.
    press('Tab');
    expect(document.activeElement).toBe(close);
    last.focus();
    press('Tab');
    expect(document.activeElement).toBe(close);
    press('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(last);
    // Controls inside the closed sources are skipped; the summary is reachable.
    const summary = dialog.querySelector('summary')!;
    summary.focus();
    press('Tab');
    expect(document.activeElement?.textContent).toBe('Save highlight');
  });
});

describe('Popover related topics', () => {
  it('opens a related topic in place and Back returns, restoring focus', async () => {
    const onOpenLibrary = vi.fn();
    renderPopover({ onOpenLibrary });
    const related = within(screen.getByRole('list', { name: 'Related topics' }));
    // The id the pack does not know is left out.
    expect(related.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Cyberspace Administration of China',
      'Sovereign internet',
    ]);
    await act(() => { fireEvent.click(related.getByRole('button', { name: 'Cyberspace Administration of China' })); });
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading.textContent).toBe('Cyberspace Administration of China');
    expect(document.activeElement).toBe(heading);
    expect(screen.queryByText(/On this page/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save highlight' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open in library' }));
    expect(onOpenLibrary).toHaveBeenCalledWith('cac');

    await act(() => { fireEvent.click(screen.getByRole('button', { name: 'Back to Roskomnadzor' })); });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Roskomnadzor');
    expect(document.activeElement?.textContent).toBe('Cyberspace Administration of China');
    expect(screen.queryByRole('button', { name: /Back/ })).toBeNull();
  });

  it('shows placeholders while an async resolver loads, then the topics', async () => {
    vi.useFakeTimers();
    try {
      renderPopover({}, { relatedDelayMs: 50 });
      const list = screen.getByRole('list', { name: 'Related topics' });
      expect(list.getAttribute('aria-busy')).toBe('true');
      expect(within(list).queryAllByRole('button')).toHaveLength(0);
      await act(async () => { await vi.advanceTimersByTimeAsync(60); });
      expect(list.getAttribute('aria-busy')).toBeNull();
      expect(within(list).getAllByRole('button')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('related topics whose resolver throws or rejects are left out', async () => {
    const base = samplePopoverProps();
    const resolveEntity: PopoverProps['resolveEntity'] = (id) => {
      if (id === 'cac') throw new Error('broken entry');
      if (id === 'sovereign-internet') return Promise.reject(new Error('load failed'));
      return base.resolveEntity(id);
    };
    renderPopover({ resolveEntity });
    const list = screen.getByRole('list', { name: 'Related topics' });
    expect(list.getAttribute('aria-busy')).toBe('true');
    await act(async () => { await Promise.resolve(); });
    expect(screen.queryByRole('list', { name: 'Related topics' })).toBeNull();
  });

  it('a new mention resets the trail', async () => {
    const props = samplePopoverProps();
    const { rerender } = render(<Popover {...props} />);
    await act(() => { fireEvent.click(screen.getByRole('button', { name: 'Sovereign internet' })); });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Sovereign internet');
    rerender(<Popover {...props} entity={sampleRelated[0]!} surface="CAC" />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Cyberspace Administration of China');
    expect(screen.queryByRole('button', { name: /Back/ })).toBeNull();
  });
});

describe('Popover actions and states', () => {
  it('Save calls onSave; saving and saved states do not save twice and are announced', () => {
    const onSave = vi.fn();
    const props = samplePopoverProps({ onSave });
    const { rerender } = render(<Popover {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save highlight' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    rerender(<Popover {...props} savedState="saving" />);
    fireEvent.click(screen.getByRole('button', { name: 'Saving…' }));
    rerender(<Popover {...props} savedState="saved" />);
    const saved = screen.getByRole('button', { name: /Saved/ });
    expect(saved.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(saved);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Highlight saved to your library.');
    rerender(<Popover {...props} savedState="error" />);
    expect(screen.getByRole('status').textContent).toContain('Could not save');
    fireEvent.click(screen.getByRole('button', { name: 'Save highlight' }));
    expect(onSave).toHaveBeenCalledTimes(2);
  });

  it('once saved, takes a note and tags for the new highlight', async () => {
    const onAnnotate = vi.fn(async () => undefined);
    renderPopover({ savedState: 'idle', onAnnotate });
    expect(screen.queryByLabelText('Add a note (optional)')).toBeNull(); // nothing to annotate yet
    cleanup();
    renderPopover({ savedState: 'saved', onAnnotate });
    fireEvent.input(screen.getByLabelText('Add a note (optional)'), { target: { value: '  Compare with the 2015 text. ' } });
    fireEvent.input(screen.getByLabelText('Tags, separated by commas'), { target: { value: 'treaty, content control;;' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    });
    expect(onAnnotate).toHaveBeenCalledWith('Compare with the 2015 text.', ['treaty', 'content control']);
    expect(screen.getByText('Note saved.')).toBeTruthy();
  });

  it('says so when the note could not be saved, and keeps what was typed', async () => {
    const onAnnotate = vi.fn(async () => {
      throw new Error('storage full');
    });
    renderPopover({ savedState: 'saved', onAnnotate });
    const box = screen.getByLabelText('Add a note (optional)') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'keep me' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    });
    expect(screen.getByText(/Could not save the note/)).toBeTruthy();
    expect(box.value).toBe('keep me');
  });

  it('Not on this site, Open in library and Close call their callbacks', () => {
    const onDisableSite = vi.fn();
    const onOpenLibrary = vi.fn();
    const onClose = vi.fn();
    renderPopover({ onDisableSite, onOpenLibrary, onClose });
    fireEvent.click(screen.getByRole('button', { name: 'Not on this site' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open in library' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onDisableSite).toHaveBeenCalledTimes(1);
    expect(onOpenLibrary).toHaveBeenCalledWith('roskomnadzor');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('loading state: skeleton titled with the page form, busy, no Save', () => {
    const { dialog } = renderPopover({ entity: null, loading: true });
    expect(dialog.getAttribute('data-state')).toBe('loading');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Роскомнадзора');
    expect(dialog.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toMatch(/Loading/);
    expect(screen.queryByRole('button', { name: 'Save highlight' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Not on this site' })).toBeTruthy();
  });

  it('error state: message as an alert, retry when offered', () => {
    const onRetry = vi.fn();
    const { dialog } = renderPopover({ entity: null, error: 'The context pack could not be read.', onRetry });
    expect(dialog.getAttribute('data-state')).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('The context pack could not be read.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('no entity and no error still explains itself', () => {
    renderPopover({ entity: null });
    expect(screen.getByRole('alert').textContent).toBe('Nothing is known about this mention.');
  });
});

describe('Popover accessibility (axe)', () => {
  it('content state has no violations', async () => {
    const { container } = renderPopover();
    await expectNoAxeViolations(container);
  });

  it('content with sources open and a related topic has no violations', async () => {
    const { container, dialog } = renderPopover({ savedState: 'saved' });
    await act(() => { fireEvent.click(screen.getAllByRole('button', { name: 'Footnote 30' })[0]!); });
    expect(dialog.querySelector('details')!.open).toBe(true);
    await expectNoAxeViolations(container);
    await act(() => { fireEvent.click(screen.getByRole('button', { name: 'Sovereign internet' })); });
    await expectNoAxeViolations(container);
  });

  it('loading and error states have no violations', async () => {
    const loading = renderPopover({ entity: null, loading: true });
    await expectNoAxeViolations(loading.container);
    cleanup();
    const failed = renderPopover({ entity: null, error: 'Failed.', onRetry: () => {} });
    await expectNoAxeViolations(failed.container);
  });
});

describe('popover helpers and CSS', () => {
  it('section and voice labels match the schema (copied to keep zod out of the content script)', () => {
    expect(SECTION_LABELS).toEqual(SECTIONS);
    expect(VOICE_LABELS).toEqual(VOICES);
  });

  it('safeHref keeps http(s) only', () => {
    expect(safeHref('https://example.org/a')).toBe('https://example.org/a');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });

  it('shortAuthors and scriptLang', () => {
    expect(shortAuthors(['Eric Siyi Zhang', 'Rogier Creemers'])).toBe('Zhang & Creemers');
    expect(shortAuthors(['A B', 'C D', 'E F'])).toBe('B et al.');
    expect(scriptLang('Роскомнадзора')).toBe('ru');
    expect(scriptLang('上海合作组织')).toBe('zh');
    expect(scriptLang('SCO')).toBe('en');
  });

  it('CSS resets the host, uses px not rem, and honours themes, motion and the max-height variable', () => {
    expect(popoverCss).toMatch(/:host\s*{\s*all: initial;/);
    expect(popoverCss).not.toMatch(/\d(\.\d+)?rem\b/);
    expect(popoverCss).toContain('font-size: 14px');
    expect(popoverCss).toContain('prefers-color-scheme: dark');
    expect(popoverCss).toContain('prefers-reduced-motion: reduce');
    expect(popoverCss).toContain('var(--kontekst-max-height');
    expect(popoverCss).toContain('min(360px, calc(100vw - 16px))');
    // Animation is declared only inside the no-preference block.
    const motionBlock = popoverCss.indexOf('prefers-reduced-motion: no-preference');
    expect(popoverCss.indexOf('animation: kx-enter')).toBeGreaterThan(motionBlock);
    // The sheet parses in a constructable stylesheet, as the content script will use it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(popoverCss);
    expect(sheet.cssRules.length).toBeGreaterThan(20);
  });
});
