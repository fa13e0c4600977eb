// @vitest-environment happy-dom
// Export (files and names) and import (all or nothing, summary first, one restore) in the library.
// axe runs with color-contrast disabled: happy-dom has no layout or computed colours to judge.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { HighlightsView } from '../../components/library/HighlightsView';
import { localDay, validateImportedSettings } from '../../components/library/ImportExport';
import { exportJsonLdText } from '../../core/annotations/export';
import { parseImport } from '../../core/annotations/import';
import { updateHighlight } from '../../core/annotations/record';
import { DEFAULT_SETTINGS, type Settings } from '../../core/sites/settings';
import { fakeLibrary, NOW, record } from './library-fakes';

async function expectNoAxeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

// A path from the project root: in happy-dom, import.meta.url is not a file URL.
const fixture = (name: string) => readFileSync(resolve(process.cwd(), 'tests/fixtures/import', name), 'utf8');

const a = record({ text: 'Huawei opened a lab in Saint Petersburg.', entityIds: ['huawei'], note: 'lab', tags: ['telecom'] });
const b = record({ url: 'https://meduza.io/news/1', title: 'РКН', text: 'Роскомнадзор заблокировал сервис.', entityIds: ['roskomnadzor'] });
const c = record({ url: 'https://meduza.io/news/2', title: 'ШОС', text: 'ШОС обсудила кибербезопасность.', entityIds: ['sco'] });

const theirSettings: Settings = {
  ...DEFAULT_SETTINGS,
  mode: 'only-listed',
  rules: [{ pattern: 'meduza.io', scope: 'site', enabled: true, updatedAt: 1 }],
};

async function renderLibrary(records = [a, b]) {
  const lib = fakeLibrary(records);
  const utils = render(<HighlightsView services={lib.services} />);
  await screen.findByRole('heading', { name: /Export and import/ });
  return { lib, ...utils };
}

function chooseFile(text: string, name = 'backup.jsonld') {
  const input = screen.getByLabelText('Import a file:') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

afterEach(cleanup);

describe('export', () => {
  it('downloads JSON-LD with the settings, which imports back losslessly', async () => {
    const { lib } = await renderLibrary();
    fireEvent.click(screen.getByRole('button', { name: 'JSON-LD' }));
    await waitFor(() => expect(lib.downloads).toHaveLength(1));
    const file = lib.downloads[0]!;
    expect(file.name).toBe(`kontekst-highlights-${localDay(NOW)}.jsonld`);
    expect(file.type).toBe('application/ld+json');
    const back = parseImport(file.text, { validateSettings: validateImportedSettings });
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.records.sort((x, y) => x.id.localeCompare(y.id))).toEqual([a, b]);
    expect(back.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('downloads Markdown and CSV with actor names', async () => {
    const { lib } = await renderLibrary();
    fireEvent.click(screen.getByRole('button', { name: 'Markdown' }));
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(lib.downloads).toHaveLength(2));
    const [md, csv] = lib.downloads;
    expect(md!.name).toMatch(/^kontekst-highlights-\d{4}-\d{2}-\d{2}\.md$/);
    expect(md!.text).toContain('> Роскомнадзор заблокировал сервис.');
    expect(md!.text).toContain('Actors: Huawei');
    expect(csv!.name).toMatch(/\.csv$/);
    expect(csv!.text.startsWith('\uFEFFid,created')).toBe(true);
    expect(csv!.text).toContain('Roskomnadzor');
  });

  it('can export only the highlights the search matches', async () => {
    const { lib } = await renderLibrary();
    fireEvent.input(screen.getByLabelText('Search highlights'), { target: { value: 'роскомнадзор' } });
    fireEvent.change(screen.getByRole('combobox', { name: /^Export/ }), { target: { value: 'matching' } });
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(lib.downloads).toHaveLength(1));
    const rows = lib.downloads[0]!.text.trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(b.id);
  });
});

describe('import', () => {
  it('lists the problems of a malformed file and changes nothing', async () => {
    const { lib, container } = await renderLibrary();
    chooseFile(fixture('trailing-comma.json'), 'broken.json');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“broken.json” could not be imported');
    expect(alert.textContent).toContain('not valid JSON');
    expect(alert.textContent).toMatch(/line \d+, column \d+/);
    expect(lib.services.restoreHighlights).not.toHaveBeenCalled();
    expect(lib.services.updateSettings).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('refuses a file whose settings are invalid, saying why', async () => {
    const { lib } = await renderLibrary();
    chooseFile(fixture('bad-settings.json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The settings in this file are not valid');
    expect(within(alert).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(lib.services.restoreHighlights).not.toHaveBeenCalled();
    expect(lib.services.updateSettings).not.toHaveBeenCalled();
  });

  it('summarises a good file, then applies it with ONE restore and replaces the settings', async () => {
    const newer = updateHighlight(b, { note: 'edited on the laptop' }, NOW + 60_000);
    const text = exportJsonLdText([a, newer, c], { version: '0.1.0', now: NOW, settings: theirSettings });
    const { lib, container } = await renderLibrary();
    chooseFile(text);
    const panel = await screen.findByRole('region', { name: 'Import “backup.jsonld”?' });
    const summary = within(panel).getAllByRole('listitem').map((li) => li.textContent);
    expect(summary).toEqual([
      '1 new highlight',
      '1 updated (the file’s copy is newer)',
      '1 unchanged (already in your library)',
      'Site settings included (1 site rule).',
    ]);
    expect(lib.services.restoreHighlights).not.toHaveBeenCalled();
    const replace = within(panel).getByRole('checkbox', { name: 'Replace my site settings with the ones in this file' }) as HTMLInputElement;
    expect(replace.checked).toBe(true);
    await expectNoAxeViolations(container);

    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    await screen.findByText(/Imported “backup.jsonld”/);
    expect(lib.services.restoreHighlights).toHaveBeenCalledTimes(1);
    expect(lib.services.restoreHighlights.mock.calls[0]![0]).toHaveLength(3);
    expect(lib.settings()).toEqual(theirSettings);
    expect(lib.store.get(b.id)!.note).toBe('edited on the laptop');
    expect(screen.getByText(/1 new highlight, 1 updated, 1 unchanged\./)).toBeTruthy();
    // The list reloads with the imported highlight.
    await waitFor(() => expect(document.querySelectorAll('article.hl-card')).toHaveLength(3));
  });

  it('keeps the reader’s settings when they untick "replace"', async () => {
    const text = exportJsonLdText([c], { version: '0.1.0', now: NOW, settings: theirSettings });
    const { lib } = await renderLibrary();
    chooseFile(text);
    const panel = await screen.findByRole('region', { name: /^Import/ });
    fireEvent.click(within(panel).getByRole('checkbox'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    await screen.findByText(/Imported/);
    expect(lib.services.restoreHighlights).toHaveBeenCalledTimes(1);
    expect(lib.services.updateSettings).not.toHaveBeenCalled();
    expect(lib.settings()).toEqual(DEFAULT_SETTINGS);
  });

  it('imports a W3C annotation from another tool and shows no settings line', async () => {
    const { lib } = await renderLibrary();
    chooseFile(fixture('ok-w3c-single.json'), 'w3c.json');
    const panel = await screen.findByRole('region', { name: 'Import “w3c.json”?' });
    expect(panel.textContent).toContain('No site settings in this file.');
    expect(within(panel).queryByRole('checkbox')).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    await screen.findByText(/Imported “w3c.json”/);
    const imported = [...lib.store.values()].find((r) => r.text.startsWith('ШОС обсудила'));
    expect(imported?.note).toBe('The SCO angle.');
  });

  it('Cancel changes nothing', async () => {
    const { lib } = await renderLibrary();
    chooseFile(exportJsonLdText([c], { version: '0.1.0', now: NOW }));
    const panel = await screen.findByRole('region', { name: /^Import/ });
    fireEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: /^Import/ })).toBeNull();
    expect(lib.services.restoreHighlights).not.toHaveBeenCalled();
  });

  it('reports a failed write and says nothing was saved', async () => {
    const { lib } = await renderLibrary();
    lib.services.restoreHighlights.mockRejectedValueOnce(new Error('QuotaExceededError'));
    chooseFile(exportJsonLdText([c], { version: '0.1.0', now: NOW }));
    fireEvent.click(within(await screen.findByRole('region', { name: /^Import/ })).getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('QuotaExceededError');
    expect(alert.textContent).toContain('none of this file’s highlights were saved');
  });

  it('can import into an empty library (from the empty state)', async () => {
    const { lib } = await renderLibrary([]);
    expect(screen.getByRole('heading', { name: 'No saved highlights yet' })).toBeTruthy();
    chooseFile(exportJsonLdText([a, c], { version: '0.1.0', now: NOW }));
    fireEvent.click(within(await screen.findByRole('region', { name: /^Import/ })).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(document.querySelectorAll('article.hl-card')).toHaveLength(2));
    expect(lib.store.size).toBe(2);
  });
});

describe('validateImportedSettings', () => {
  it('accepts current and cleanly migrated settings, refuses damaged or newer ones', () => {
    expect(validateImportedSettings(theirSettings)).toEqual({ ok: true });
    expect(validateImportedSettings({ disabledSites: ['bbc.co.uk'] })).toEqual({ ok: true });
    expect(validateImportedSettings({ version: 1, enabledByDefault: 'yes' }).ok).toBe(false);
    expect(validateImportedSettings({ ...theirSettings, version: 9 }).ok).toBe(false);
    expect(validateImportedSettings('on').ok).toBe(false);
  });
});
