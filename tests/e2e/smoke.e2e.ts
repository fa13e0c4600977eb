import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from '../../scripts/lib/browser';
import { startServer, type StaticServer } from '../../scripts/lib/server';

let h: Harness;
let server: StaticServer;

beforeAll(async () => {
  server = await startServer();
  h = await launch();
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('extension loads', () => {
  it('has a service worker and an id', () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('opens the popup and the library page without errors', async () => {
    for (const p of ['popup.html', 'library.html']) {
      const page = await h.context.newPage();
      await page.goto(h.extensionUrl(p));
      await expect(page.locator('h1').first().textContent()).resolves.toMatch(/Kontekst/);
      await page.close();
    }
    expect(h.errors).toEqual([]);
  });

  it('fails every non-local host at once', async () => {
    const page = await h.context.newPage();
    const t0 = Date.now();
    const err = await page.goto('http://example.com/').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(Date.now() - t0).toBeLessThan(3000);
    await page.close();
  });
});
