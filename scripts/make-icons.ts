// Renders the toolbar icons (on and off) from one SVG with the same Chromium the tests use.
// Run once after changing the design: `npx tsx scripts/make-icons.ts`.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { findChromium } from './lib/browser';
import { ROOT } from './lib/server';

const svg = (off: boolean) => `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="${off ? '#8a8f98' : '#1d3b6e'}"/>
  <rect x="22" y="78" width="84" height="20" rx="6" fill="${off ? '#c9ccd1' : '#f5b82e'}"/>
  <path d="M38 22h16v30l28-30h20L72 54l32 40H82L60 64l-6 6v24H38z" fill="#fff"/>
</svg>`;

const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium is needed to render icons');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
for (const off of [false, true]) {
  for (const size of [16, 32, 48, 96, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg(off)}`);
    await page.screenshot({ path: join(ROOT, 'public', off ? 'icon-off' : 'icon', `${size}.png`), omitBackground: true });
    await page.close();
  }
}
await browser.close();
