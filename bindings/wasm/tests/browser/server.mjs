// A tiny static server on loopback for the browser test: the test page and the built package, nothing else.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** URL prefixes and the directories they serve. */
const ROOTS = [
  ['/pkg/', fileURLToPath(new URL('../../pkg/', import.meta.url))],
  ['/', fileURLToPath(new URL('./page/', import.meta.url))],
];

/** Maps a request path to a file inside one of the served directories, or `null` (never outside them). */
function resolve(pathname) {
  const path = pathname === '/' ? '/index.html' : pathname;
  for (const [prefix, dir] of ROOTS) {
    if (path.startsWith(prefix)) {
      const file = normalize(dir + decodeURIComponent(path.slice(prefix.length)));
      return file.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? file : null;
    }
  }
  return null;
}

/** Starts the server on 127.0.0.1 with a free port; resolves to `{ url, close() }`. */
export async function serve() {
  const server = createServer(async (request, response) => {
    const file = resolve(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    try {
      if (file === null) throw new Error('outside the served directories');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
