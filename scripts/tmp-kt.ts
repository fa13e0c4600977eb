import { chromium } from 'playwright-core';
import { startServer } from './lib/server';
import { BROWSER_ARGS } from './bench/scan-bench';
import { bundleForPage } from './bench/bundle';
const bundle = await bundleForPage('scripts/bench/page-scan-entry.ts');
const server = await startServer({ isolated: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...BROWSER_ARGS, ...(process.env.JSF ? ['--js-flags=' + process.env.JSF] : [])] });
const page = await (await browser.newContext()).newPage();
page.on('console', (m) => { if (m.text().startsWith('KT')) console.log(m.text()); });
const settle = 'await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0))));';
for (const f of (process.argv[2] ?? 'gne-huanqiu').split(',')) for (let r = 0; r < 3; r++) {
  await page.goto(server.url('/corpus/' + f + '.html'), { waitUntil: 'load' });
  const res = (await page.evaluate(`${bundle}\n;(async () => { ${settle} return window.__bench.kontekst(); })()`)) as any;
  console.log(f, 'busy', res.busyMs.toFixed(2), 'match', res.matchMs.toFixed(2), 'warm', res.warmBusyMs.toFixed(2), 'n', res.mentions);
}
await browser.close(); server.close();
