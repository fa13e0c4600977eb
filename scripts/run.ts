/// <reference types="chrome" />
// `npm start`: builds Kontekst and opens Chromium with it on the bundled demo article.
// With a display: a normal browser window, until you close it. Without one (servers, CI):
// headless, writes a screenshot and prints what Kontekst found.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, launch, NO_CHROMIUM, waitForHighlights } from './lib/browser';
import { ROOT, startServer } from './lib/server';

async function main(): Promise<number> {
  const chromium = findChromium();
  if (!chromium) {
    console.error(NO_CHROMIUM);
    return 1;
  }
  console.log('Building Kontekst (.output/chrome-mv3)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

  const server = await startServer({ port: Number(process.env.PORT ?? 0) || undefined });
  const demo = server.url('/demo/article.html');
  const headed = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.KONTEKST_HEADLESS !== '1';
  const h = await launch({ headless: !headed, viewport: headed ? null : { width: 1280, height: 900 } });
  const page = h.context.pages()[0] ?? (await h.context.newPage());
  await page.goto(demo);
  await waitForHighlights(page, 1, 'kontekst-mention', 15_000).catch(() => 0);
  // The content script answers the same question the toolbar popup asks it.
  const counts = (await h.worker.evaluate(async () => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      const reply = await chrome.tabs.sendMessage(tab.id, { type: 'tab/mentions' }).catch(() => null);
      if (reply?.ok) return reply;
    }
    return null;
  })) as { ok: true; data: { byEntity: Record<string, number>; total: number } } | null;
  const byEntity = counts?.ok ? counts.data.byEntity : {};
  const total = counts?.ok ? counts.data.total : 0;
  const summary = Object.entries(byEntity)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  console.log(`Kontekst found ${total} mentions on the demo article${summary ? `: ${summary}` : ''}.`);

  if (headed) {
    console.log(`Chromium is open on ${demo}. Close the browser window to stop.`);
    await new Promise<void>((ok) => h.context.on('close', () => ok()));
    await server.close();
    return 0;
  }
  const dir = join(ROOT, 'tmp');
  mkdirSync(dir, { recursive: true });
  const shot = join(dir, 'kontekst-demo.png');
  await page.screenshot({ path: shot });
  console.log(`Screenshot: ${shot}`);
  await h.close();
  await server.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Kontekst could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
