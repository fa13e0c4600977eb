// The extension harness of scripts/lib/browser.ts with one more switch for benchmarks:
// --disable-site-isolation-trials. Corpus pages embed iframes of hosts that fail here; with site
// isolation each gets an error-page process, and Tracing.end then waits about 5 s for them to
// flush. Without it the iframes share the page's renderer (they run no script).
import { launch, type Harness } from '../lib/browser';

// Corpus noise that is not ours: missing web app manifests, inline handlers of removed scripts.
const CORPUS_NOISE = [/Manifest fetch/i, /Not allowed to load local resource/i];

export function launchBench(): Promise<Harness> {
  return launch({ extraArgs: ['--disable-site-isolation-trials'], ignoreConsole: CORPUS_NOISE });
}
