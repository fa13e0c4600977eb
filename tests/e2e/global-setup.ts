import { ensureBuilt, findChromium, NO_CHROMIUM } from '../../scripts/lib/browser';

export default function setup(): void {
  if (!findChromium()) throw new Error(NO_CHROMIUM);
  ensureBuilt();
}
