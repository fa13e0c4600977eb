// A static server on 127.0.0.1 for end-to-end tests, the run command and benchmarks.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CORPUS_DIR = resolve(ROOT, '../shared/corpus/pages');

const MOUNTS: Record<string, string> = {
  '/demo/': join(ROOT, 'demo'),
  '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
  '/corpus/': CORPUS_DIR,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  url(path: string): string;
  /** Pages registered at run time (generated stress pages and the like). */
  put(path: string, body: string): void;
  close(): Promise<void>;
}

export async function startServer(opts: { isolated?: boolean; port?: number } = {}): Promise<StaticServer> {
  const dynamic = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (opts.isolated) {
      // Cross-origin isolation gives performance.now() its full resolution (benchmarks).
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    const body = dynamic.get(path);
    if (body !== undefined) {
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(path)] ?? TYPES['.html']! });
      res.end(body);
      return;
    }
    const mount = Object.keys(MOUNTS).find((m) => path.startsWith(m));
    if (!mount) {
      res.writeHead(404).end('not found');
      return;
    }
    const base = MOUNTS[mount]!;
    const file = normalize(join(base, path.slice(mount.length)));
    if (!file.startsWith(base)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const s = await stat(file);
      const target = s.isDirectory() ? join(file, 'index.html') : file;
      const data = await readFile(target);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
      res.end(data);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p) => origin + p,
    put: (p, b) => void dynamic.set(p, b),
    // Browsers keep preconnected sockets open; without closing them, close() waits for their timeout.
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
