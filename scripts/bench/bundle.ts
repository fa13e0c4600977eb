// Bundles a TypeScript entry into one IIFE string to evaluate in a page (page.evaluate), with
// esbuild (installed with tsx and vite). Node built-ins the entry's imports mention are stubbed.
import { build, type Plugin } from 'esbuild';
import { resolve } from 'node:path';
import { ROOT } from '../lib/server';

const stubNode: Plugin = {
  name: 'stub-node',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export const pathToFileURL = () => ({ href: "" }); export default {};',
      loader: 'js',
    }));
  },
};

export async function bundleForPage(entry: string, define: Record<string, string> = {}): Promise<string> {
  const out = await build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: false,
    legalComments: 'none',
    define: { 'process.argv': '[]', 'process.env.NODE_ENV': '"production"', ...define },
    plugins: [stubNode],
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
