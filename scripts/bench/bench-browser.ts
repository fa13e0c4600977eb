// The extension harness of scripts/lib/browser.ts with one more switch for benchmarks:
// --disable-site-isolation-trials. Corpus pages embed iframes of hosts that fail here; with site
// isolation each gets an error-page process, and Tracing.end then waits about 5 s for them to
// flush. Without it the iframes share the page's renderer (they run no script).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { EXT_DIR, findChromium, NO_CHROMIUM, type Harness } from '../lib/browser';
import { BROWSER_ARGS } from './scan-bench';

// Corpus noise that is not ours: missing web app manifests, inline handlers of removed scripts.
const IGNORED = [/Failed to load resource/i, /net::ERR_/i, /ERR_NAME_NOT_RESOLVED/i, /Manifest fetch/i, /Not allowed to load local resource/i];

export async function launchBench(): Promise<Harness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM);
  const dir = mkdtempSync(join(tmpdir(), 'kontekst-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    args: [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, ...BROWSER_ARGS],
  });
  const errors: string[] = [];
  context.on('console', (msg) => {
    if (msg.type() !== 'error' || IGNORED.some((r) => r.test(msg.text()))) return;
    errors.push(`${msg.page()?.url() ?? 'extension'}: ${msg.text()}`);
  });
  let worker = context.serviceWorkers()[0];
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  worker.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`service worker: ${msg.text()}`);
  });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    errors,
    extensionUrl: (p) => `chrome-extension://${extensionId}/${p.replace(/^\//, '')}`,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
