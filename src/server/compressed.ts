import { createReadStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text files worth compressing ahead of time, with the type they are served as. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Below this size a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes `.br` and `.gz` copies beside every compressible file of the built
 * client, once, at build time, so the server never compresses per request.
 * Returns how many files were compressed.
 */
export function precompress(clientDir: string): number {
  let count = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (TYPES[extname(entry.name)] !== undefined && statSync(path).size >= MIN_BYTES) {
        const body = readFileSync(path);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
        count++;
      }
    }
  };
  walk(clientDir);
  return count;
}

/** Long caching for content-hashed assets; revalidation for everything else. */
function cacheControl(pathname: string): string {
  return pathname.startsWith('/_astro/')
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=0, must-revalidate';
}

/**
 * Serves the precompressed copy of a static file when the browser accepts it.
 * Returns false to let the adapter answer (no copy, no match, or not GET/HEAD).
 */
export function serveCompressed(clientDir: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const accepts = req.headers['accept-encoding'] ?? '';
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
  if (encoding === undefined) return false;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return false;
  }
  const relative = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname);
  if (relative.split(sep).includes('..')) return false;
  const type = TYPES[extname(relative)];
  if (type === undefined) return false;
  const file = join(clientDir, relative) + (encoding === 'br' ? '.br' : '.gz');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', size);
  res.setHeader('Vary', 'Accept-Encoding');
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', cacheControl(pathname));
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
