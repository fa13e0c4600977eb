import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/detect';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ARTICLE = join(ROOT, 'tests/fixtures/detect/article.html');
const tmp = mkdtempSync(join(tmpdir(), 'kontekst-detect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('detect CLI', () => {
  it('prints one JSON line per mention in an HTML file, with block offsets and paths', () => {
    const r = run([ARTICLE]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const lines = r.out.map((l) => JSON.parse(l) as { entity: string; text: string; start: number; end: number; path: string });
    expect(lines.map((l) => `${l.entity}:${l.text}`)).toEqual([
      'sco:Shanghai Cooperation Organisation', // split by a link, found as one
      'sco:SCO',
      'huawei:Huawei',
      'roskomnadzor:Роскомнадзоре',
      'sco:ШОС',
      'huawei:华为',
      'sco:上合组织',
    ]);
    expect(lines[0]).toMatchObject({ start: 17, end: 50, path: 'html>body>article>p:nth-of-type(1)' });
    expect(lines[5]!.path).toBe('html>body>article>div:nth-of-type(1)>p');
  });

  it('skips code, form fields, hidden and editable content, and text around nested blocks', () => {
    const texts = run([ARTICLE]).out.join('\n');
    for (const s of ['code sample', 'hidden', 'editable', 'form', 'SCO Group', '上合同']) {
      expect(texts).not.toContain(s);
    }
  });

  it('treats a .txt file as one block with file offsets', () => {
    const file = join(tmp, 'notes.txt');
    writeFileSync(file, 'Пресс-служба Роскомнадзора.\n\nHuawei в Москве.');
    const r = run([file]);
    expect(r.code).toBe(0);
    expect(r.out.map((l) => JSON.parse(l))).toEqual([
      { entity: 'roskomnadzor', text: 'Роскомнадзора', start: 13, end: 26 },
      { entity: 'huawei', text: 'Huawei', start: 29, end: 35 },
    ]);
  });

  it('sniffs HTML in a file without a known extension', () => {
    const file = join(tmp, 'page');
    writeFileSync(file, '<!doctype html><html><body><p>Huawei</p></body></html>');
    expect(JSON.parse(run([file]).out[0]!)).toMatchObject({ entity: 'huawei', path: 'html>body>p' });
  });

  it('prints nothing and exits 0 when there are no mentions', () => {
    const file = join(tmp, 'empty.txt');
    writeFileSync(file, 'Nothing relevant in Moscow or San Francisco.');
    expect(run([file])).toEqual({ code: 0, out: [], err: [] });
  });

  it('fails with a clear message on a missing file, a directory, non-UTF-8 or no argument', () => {
    const missing = run([join(tmp, 'nope.html')]);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/no such file: .*nope\.html/);
    const dir = run([tmp]);
    expect(dir.code).toBe(1);
    expect(dir.err[0]).toMatch(/is a directory/);
    const bin = join(tmp, 'bin.txt');
    writeFileSync(bin, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]));
    expect(run([bin])).toMatchObject({ code: 1, err: [expect.stringMatching(/not UTF-8/)] });
    expect(run([])).toMatchObject({ code: 1, err: [expect.stringMatching(/usage/)] });
  });

  it('reports an unreadable file', () => {
    const file = join(tmp, 'secret.txt');
    writeFileSync(file, 'Huawei');
    chmodSync(file, 0o000);
    const r = run([file]);
    // root can read anything: then the file is read normally.
    if (process.getuid?.() === 0) expect(r.code).toBe(0);
    else expect(r).toMatchObject({ code: 1, err: [expect.stringMatching(/permission denied/)] });
  });
});
