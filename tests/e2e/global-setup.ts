import { ensureBuilt, findChromium, NO_CHROMIUM } from './browser';

export default function setup(): void {
  if (!findChromium()) throw new Error(NO_CHROMIUM);
  ensureBuilt();
}
