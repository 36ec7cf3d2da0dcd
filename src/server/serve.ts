/**
 * The production server: the adapter's standalone handler wrapped so that the
 * prerendered /hotline/ pages get the same security headers as the on-demand
 * routes. The Node adapter serves prerendered files without running
 * middleware, so headers for them must be set around it.
 *
 *   node src/server/serve.ts [dist/server/entry.mjs]
 *
 * HOST and PORT as for the adapter (default 127.0.0.1:4321); DATA_DIR for the tips database.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveCompressed } from './compressed.ts';
import {
  contentSecurityPolicy,
  HTML_REFERRER_POLICY,
  inlineHashes,
  isProtectedPath,
  SECURITY_HEADERS,
} from './security/headers.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** CSPs of the prerendered pages under the protected paths, from the hashes of their inline elements. */
export function staticPolicies(clientDir: string): Map<string, string> {
  const policies = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html') {
        const rel = relative(clientDir, dir).split(sep).join('/');
        policies.set(`/${rel}/`, contentSecurityPolicy(inlineHashes(readFileSync(path, 'utf8'))));
      }
    }
  };
  for (const top of ['hotline', 'inbox']) {
    try {
      walk(join(clientDir, top));
    } catch {
      // No prerendered pages under this path.
    }
  }
  return policies;
}

/** Wraps the adapter's handler: protected paths get the strict headers before the adapter answers. */
export function withHeaders(
  handler: NodeHandler,
  policies: ReadonlyMap<string, string>,
  bodyLimit: number,
  clientDir?: string,
): NodeHandler {
  return (req, res) => {
    let pathname = '/';
    try {
      pathname = decodeURI(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      // The adapter answers malformed URLs with 400.
    }
    if (isProtectedPath(pathname)) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      const page = policies.get(pathname);
      res.setHeader('Content-Security-Policy', page ?? contentSecurityPolicy());
      if (page) res.setHeader('Referrer-Policy', HTML_REFERRER_POLICY);
    }
    // Refuse oversized uploads without parsing them. The body is drained rather than the socket
    // closed: a browser still uploading would otherwise see a broken connection instead of the 413.
    // The drain is capped so a client cannot keep the server reading for ever.
    const length = Number(req.headers['content-length'] ?? '0');
    if (req.method === 'POST' && length > bodyLimit) {
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('提交的内容太大。请减少照片数量或压缩照片后再试。');
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > 2 * bodyLimit) req.destroy();
      });
      req.resume();
      return;
    }
    if (clientDir !== undefined && serveCompressed(clientDir, req, res)) return;
    handler(req, res);
  };
}

async function main(): Promise<void> {
  process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
  const entry = resolve(
    process.argv[2] ?? join(process.env['ASTRO_OUT_DIR'] ?? 'dist', 'server', 'entry.mjs'),
  );
  const mod = (await import(pathToFileURL(entry).href)) as {
    handler: NodeHandler;
    options: { bodySizeLimit?: number };
  };
  const clientDir = resolve(dirname(entry), '..', 'client');
  const policies = staticPolicies(clientDir);
  const limit = mod.options.bodySizeLimit ?? 42 * 1024 * 1024;
  const host = process.env['HOST'] ?? '127.0.0.1';
  const port = Number(process.env['PORT'] ?? '4321');
  const server = createServer(withHeaders(mod.handler, policies, limit, clientDir));
  server.listen(port, host, () => {
    console.log(`水城·温度 server listening on http://${host}:${String(port)}`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
