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
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerMessage } from '../publishing/live-site.ts';
import { readStatus } from '../publishing/status.ts';
import {
  HOOK_PATH,
  publicStatus,
  renderStatusPage,
  STATUS_JSON_PATH,
  STATUS_PATH,
} from '../publishing/status-page.ts';
import { serveCompressed } from './compressed.ts';
import { readConfig, readProxyConfig, type ProxyConfig } from './config.ts';
import {
  contentSecurityPolicy,
  HSTS,
  HTML_REFERRER_POLICY,
  inlineHashes,
  isProtectedPath,
  READER_HEADERS,
  SECURITY_HEADERS,
} from './security/headers.ts';
import { overHttps, PagePolicies, settleForwarding } from './security/site-headers.ts';
import { checkStorage } from './db.ts';
import { withAdminGate } from './cms-git/admin-gate.ts';

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

/** Astro's on-demand image endpoint (the Node adapter registers it); every image is built ahead of time. */
const IMAGE_ENDPOINT = /^\/_image(\/|$)/;

/**
 * Wraps the adapter's handler: every response gets its security headers before the adapter answers.
 * Protected paths (/hotline/, /api/, /inbox/) get the strict set; the reader's pages, /admin/ and the
 * 404 page a CSP hashed from the page file served, nosniff and frame denial; HTTPS responses HSTS.
 * Forwarding headers count only from TRUSTED_PROXY (see {@link settleForwarding}). Building the
 * wrapper checks the storage under DATA_DIR first (checkStorage in db.ts).
 */
export function withHeaders(
  handler: NodeHandler,
  policies: ReadonlyMap<string, string>,
  bodyLimit: number,
  clientDir?: string,
  proxy: ProxyConfig = readProxyConfig(),
): NodeHandler {
  // Built once at start, before the server listens: storage that cannot keep a tip stops the start here.
  checkStorage(readConfig().dataDir);
  if (proxy.httpsSite && proxy.trustedProxies.size === 0)
    console.warn(
      '提示：SITE_URL 是 https，但没有设置 TRUSTED_PROXY。若服务器在反向代理之后，请把代理的地址写进 TRUSTED_PROXY，否则报料和收件箱登录会被 403 拒绝 (SITE_URL is https and TRUSTED_PROXY is empty: behind a proxy, set it or form posts get 403).',
    );
  const pages = new PagePolicies(clientDir);
  return (req, res) => {
    const trustedPeer = settleForwarding(req, proxy);
    let pathname = '/';
    try {
      pathname = decodeURI(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      // The adapter answers malformed URLs with 400.
    }
    if (overHttps(req, trustedPeer, proxy)) res.setHeader('Strict-Transport-Security', HSTS);
    if (isProtectedPath(pathname)) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      // /hotline/ and /hotline/index.html are the same file and need the same hashes.
      const page =
        policies.get(pathname.replace(/\/index\.html$/, '/')) ?? pages.forPath(pathname, 'protected');
      res.setHeader('Content-Security-Policy', page ?? contentSecurityPolicy());
      if (page) res.setHeader('Referrer-Policy', HTML_REFERRER_POLICY);
    } else {
      const kind = /^\/admin(\/|$)/.test(pathname) ? 'admin' : 'reader';
      for (const [name, value] of Object.entries(READER_HEADERS)) res.setHeader(name, value);
      res.setHeader(
        'Content-Security-Policy',
        pages.forPath(pathname, kind) ?? pages.otherwise(pathname, kind),
      );
    }
    if (IMAGE_ENDPOINT.test(pathname)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
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

/**
 * Answers the publishing status page and the Git host's webhook from the
 * publisher's status file; everything else goes on to `next`. The status
 * file is read on every request, so the page is current without the worker
 * having to hear from the publisher.
 */
export function withPublishing(next: NodeHandler, statusFile: string, hookSecret?: string): NodeHandler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === STATUS_PATH || path === STATUS_PATH.slice(0, -1)) {
      if (path !== STATUS_PATH) {
        res.writeHead(301, { Location: STATUS_PATH });
        res.end();
        return;
      }
      const html = renderStatusPage(readStatus(statusFile));
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': contentSecurityPolicy(inlineHashes(html)),
      });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    if (path === STATUS_JSON_PATH) {
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(publicStatus(readStatus(statusFile))));
      return;
    }
    if (path === HOOK_PATH) {
      handleHook(req, res, hookSecret);
      return;
    }
    next(req, res);
  };
}

/**
 * A push webhook (GitHub's `X-Hub-Signature-256`, Gitea's and Gitee's
 * `X-Gitea-Signature`: an HMAC-SHA256 of the body with the shared secret)
 * asks the publisher to pull and publish. Without a configured secret the
 * hook does not exist.
 */
function handleHook(req: IncomingMessage, res: ServerResponse, secret: string | undefined): void {
  if (secret === undefined || secret === '' || req.method !== 'POST') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > 4 * 1024 * 1024) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    const expected = createHmac('sha256', secret).update(Buffer.concat(chunks)).digest('hex');
    const header = req.headers['x-hub-signature-256'] ?? req.headers['x-gitea-signature'] ?? '';
    const given = (Array.isArray(header) ? (header[0] ?? '') : header).replace(/^sha256=/, '');
    const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('签名不对');
      return;
    }
    process.send?.({ type: 'publish-hook' } satisfies WorkerMessage);
    res.writeHead(202, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('已收到，正在拉取并发布');
  });
}

/** How long a replaced worker lets open requests finish before it exits anyway. */
const DRAIN_MS = 60_000;

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
  let handler = withHeaders(mod.handler, policies, limit, clientDir);
  const statusFile = process.env['PUBLISH_STATUS_FILE'];
  if (statusFile !== undefined)
    handler = withPublishing(handler, statusFile, process.env['PUBLISH_HOOK_SECRET']);
  // Replaced by a newer build (worker mode), every response still in progress says "Connection: close", so that
  // reader's next request opens a connection to the new worker.
  let draining = false;
  // With CMS_BACKEND=newsroom, /admin/ (a prerendered page) is for signed-in editors only.
  const serveOne = withAdminGate(handler, clientDir);
  const server = createServer((req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    serveOne(req, res);
  });

  if (process.env['SERVE_MODE'] === 'worker') {
    // Under the publisher (src/publishing/live-site.ts): the front process owns the port and hands over
    // each reader's connection, so a new build takes over without the port ever closing.
    const open = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    });
    const drain = () => {
      if (draining) return;
      draining = true;
      // Idle kept-alive connections are not cut: a request already on its way would fail in clients that do
      // not retry (browsers do). Each gets at most one more answer from this complete older build, marked
      // "Connection: close", or closes at its keep-alive timeout; every new connection reaches the new build.
      server.keepAliveTimeout = 1000;
      if (process.connected) process.send?.({ type: 'drained' } satisfies WorkerMessage);
      setInterval(() => {
        if (open.size === 0) process.exit(0);
      }, 250).unref();
      setTimeout(() => process.exit(0), DRAIN_MS).unref();
    };
    process.on('message', (message: WorkerMessage, socket?: Socket) => {
      if (message.type === 'connection' && socket !== undefined) {
        server.emit('connection', socket);
        socket.resume();
      } else if (message.type === 'drain') {
        drain();
      }
    });
    process.on('disconnect', drain);
    // Node tracks a server's connections, for idle closing and its header and request timeouts (slow-client
    // protection), only once the server is listening. Listen on a Linux abstract socket that nobody connects
    // to: no file, no port, and every reader's connection still comes from the front process.
    server.listen(`\0shuicheng-worker-${String(process.pid)}`, () => {
      process.send?.({ type: 'ready' } satisfies WorkerMessage);
    });
    return;
  }

  const host = process.env['HOST'] ?? '127.0.0.1';
  const port = Number(process.env['PORT'] ?? '4321');
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
