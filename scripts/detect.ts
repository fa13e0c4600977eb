// Prints the mentions found in a file, one JSON object a line:
//   npm run detect -- page.html     {"entity":"huawei","text":"Huawei","start":4,"end":10,"path":"html>body>p:nth-of-type(3)"}
//   npm run detect -- notes.txt     {"entity":"sco","text":"ШОС","start":120,"end":123}
// HTML: offsets are within the text of the block element named by `path` (its text nodes and
// inline descendants joined). Text: the whole file is one block, offsets are into the file.
// Exit code 0 when the file was read (even with no mentions), 1 on any error.
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { compileMatcher, type Matcher } from '../core/matcher';
import { loadDetectionEntities } from './lib/detection-data';
import { cssPath, textBlocks } from './lib/text-blocks';

export interface DetectIo {
  out(line: string): void;
  err(line: string): void;
}

export interface DetectedMention {
  entity: string;
  text: string;
  start: number;
  end: number;
  path?: string;
}

const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const TEXT_EXT = new Set(['.txt', '.text', '.md']);

function looksLikeHtml(s: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(s.slice(0, 2048));
}

/** Mentions in an HTML document: block by block, with the page (title included) as evidence. */
export function detectHtml(matcher: Matcher, html: string): DetectedMention[] {
  const { document } = parseHTML(html);
  const root = (document.body ?? document.documentElement) as unknown as Element | null;
  if (!root) return [];
  const blocks = textBlocks(root);
  const pageEvidence = matcher.evidenceIn([document.title ?? '', ...blocks.map((b) => b.text)].join('\u0000'));
  const out: DetectedMention[] = [];
  for (const b of blocks) {
    const found = matcher.findMentions(b.text, { pageEvidence });
    if (found.length === 0) continue;
    const path = cssPath(b.element);
    for (const m of found) out.push({ entity: m.entityId, text: b.text.slice(m.start, m.end), start: m.start, end: m.end, path });
  }
  return out;
}

/** Mentions in plain text: the whole text is one block. */
export function detectText(matcher: Matcher, text: string): DetectedMention[] {
  return matcher.findMentions(text).map((m) => ({ entity: m.entityId, text: text.slice(m.start, m.end), start: m.start, end: m.end }));
}

function readUtf8(file: string): string {
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new Error('it is not UTF-8 text');
  }
}

const USAGE = 'usage: npm run detect -- <file.html|file.txt>';

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], io: DetectIo): number {
  if (argv.length !== 1 || argv[0] === '-h' || argv[0] === '--help') {
    io.err(USAGE);
    return argv[0] === '-h' || argv[0] === '--help' ? 0 : 1;
  }
  const file = resolve(argv[0]!);
  let content: string;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new Error('it is a directory, not a file');
    content = readUtf8(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') io.err(`detect: no such file: ${argv[0]}`);
    else if (code === 'EACCES' || code === 'EPERM') io.err(`detect: cannot read ${argv[0]}: permission denied`);
    else io.err(`detect: cannot read ${argv[0]}: ${(e as Error).message}`);
    return 1;
  }
  let matcher: Matcher;
  try {
    matcher = compileMatcher(loadDetectionEntities());
  } catch (e) {
    io.err(`detect: cannot load the detection data (data/detection/*.json): ${(e as Error).message}`);
    return 1;
  }
  const ext = extname(file).toLowerCase();
  const html = HTML_EXT.has(ext) || (!TEXT_EXT.has(ext) && looksLikeHtml(content));
  const found = html ? detectHtml(matcher, content) : detectText(matcher, content);
  for (const m of found) io.out(JSON.stringify(m));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  });
}

export const DETECT_SCRIPT = fileURLToPath(import.meta.url);
