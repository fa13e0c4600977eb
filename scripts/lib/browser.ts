/// <reference types="chrome" />
// Launches Debian's Chromium (or CHROME_PATH) with the built extension, through playwright-core.
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Worker } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server';

export const OUT_DIR = join(ROOT, process.env.KONTEKST_OUT_DIR ?? '.output');
export const EXT_DIR = join(OUT_DIR, 'chrome-mv3');

/** Flags for Debian's Chromium here: no sandbox as root, no network but 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every host but 127.0.0.1 fails at once, so corpus pages' external assets never hang.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export function findChromium(): string | null {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter((p): p is string => !!p);
  for (const c of candidates) if (existsSync(c)) return c;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      /* not on PATH */
    }
  }
  return null;
}

export const NO_CHROMIUM =
  'No Chromium or Chrome found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH to the browser binary.';

export function ensureBuilt(): void {
  if (process.env.KONTEKST_SKIP_BUILD === '1' && existsSync(join(EXT_DIR, 'manifest.json'))) return;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Errors from our extension (pages, content scripts, service worker), for tests to assert empty. */
  errors: string[];
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

// Network noise from corpus pages whose external assets fail on purpose (no network here).
const IGNORED = [/Failed to load resource/i, /net::ERR_/i, /ERR_NAME_NOT_RESOLVED/i];

export async function launch(
  opts: {
    headless?: boolean;
    viewport?: { width: number; height: number } | null;
    colorScheme?: 'light' | 'dark';
    /** A profile to reuse (browser-restart tests); kept on close. Default: a temp profile, deleted on close. */
    userDataDir?: string;
    /** The unpacked extension to load (update tests swap its files between launches). Default: EXT_DIR. */
    extensionDir?: string;
    /** More Chromium switches (the benchmarks add one). */
    extraArgs?: string[];
    /** More console errors that are not ours (the corpus pages' own noise). */
    ignoreConsole?: RegExp[];
  } = {},
): Promise<Harness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM);
  const dir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'kontekst-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: opts.headless ?? true,
    viewport: opts.viewport === undefined ? { width: 1280, height: 900 } : opts.viewport,
    colorScheme: opts.colorScheme ?? 'light',
    args: [
      `--disable-extensions-except=${opts.extensionDir ?? EXT_DIR}`,
      `--load-extension=${opts.extensionDir ?? EXT_DIR}`,
      ...CHROMIUM_ARGS,
      ...(opts.extraArgs ?? []),
    ],
  });
  const errors: string[] = [];
  const onConsole = (where: string) => (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (IGNORED.some((r) => r.test(text)) || opts.ignoreConsole?.some((r) => r.test(text))) return;
    errors.push(`${where}: ${text}`);
  };
  context.on('console', (msg) => {
    const url = msg.page()?.url() ?? '';
    onConsole(url.startsWith('chrome-extension://') ? 'extension page' : `page ${url}`)(msg);
  });
  context.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
  let worker = context.serviceWorkers()[0];
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  worker.on('console', onConsole('service worker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    errors,
    extensionUrl: (p) => `chrome-extension://${extensionId}/${p.replace(/^\//, '')}`,
    async close() {
      await context.close();
      if (!opts.userDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The tab id of a page. Without the "tabs" permission tabs carry no URL, so each content script is
 * asked for its address; pages are told apart by their full URL.
 */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await worker.evaluate(async (u) => {
    for (const t of await chrome.tabs.query({})) {
      if (t.id === undefined) continue;
      const reply = (await chrome.tabs.sendMessage(t.id, { type: 'tab/mentions' }).catch(() => null)) as { ok?: boolean; data?: { url?: string } } | null;
      if (reply?.ok && reply.data?.url === u) return t.id;
    }
    return null;
  }, url);
  if (id === null) throw new Error(`no tab with Kontekst running for ${url}`);
  return id;
}

/** The ranges registered under a highlight name, as text, in document order (shadow roots included). */
export function highlightTexts(page: Page, name = 'kontekst-mention'): Promise<string[]> {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    if (!h) return [];
    const out: { text: string; node: Node; offset: number }[] = [];
    for (const r of h as unknown as Iterable<AbstractRange>) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      out.push({ text: live.toString(), node: r.startContainer, offset: r.startOffset });
    }
    // compareDocumentPosition, unlike Range comparison, also orders nodes of different trees.
    out.sort((a, b) => {
      if (a.node === b.node) return a.offset - b.offset;
      return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return out.map((o) => o.text);
  }, name);
}

/** Waits until a highlight name has at least `min` ranges (content script scans asynchronously). */
export async function waitForHighlights(page: Page, min = 1, name = 'kontekst-mention', timeout = 10_000): Promise<number> {
  const handle = await page.waitForFunction(
    ([n, m]) => {
      const h = CSS.highlights.get(n as string);
      return h && h.size >= (m as number) ? h.size : false;
    },
    [name, min] as const,
    { timeout },
  );
  return (await handle.jsonValue()) as number;
}

export async function screenshot(page: Page, path: string): Promise<string> {
  await page.screenshot({ path, fullPage: false });
  return path;
}
