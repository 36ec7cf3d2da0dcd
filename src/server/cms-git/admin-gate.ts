/**
 * With the newsroom backend, /admin/ is for signed-in editors only. The CMS
 * page is a prerendered file, which the Node adapter serves without running
 * middleware, so the production wrapper (src/server/serve.ts) asks here
 * first: no valid session sends the browser to the inbox's sign-in page,
 * which brings it back afterwards. A signed-in editor gets the CMS page with
 * this server's backend settings (see {@link pageForServer}).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { cmsEnvironment, type CmsEnvironment } from '../../../cms/config.ts';
import { HOOK_PATH, STATUS_PATH } from '../../publishing/status-page.ts';
import { readConfig } from '../config.ts';
import { openDatabase, type Db } from '../db.ts';
import { adminPolicy, READER_HEADERS, SECURITY_HEADERS } from '../security/headers.ts';
import { readSessionToken, sessionUser } from '../inbox/sessions.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The sign-in page that comes back to `path`. */
export const loginFor = (path: string) => `/inbox/login/?next=${encodeURIComponent(path)}`;

const CMS_ENV = /(<script[^>]*id="cms-env"[^>]*>)([\s\S]*?)(<\/script>)/;

/**
 * The built /admin/ page with its backend settings made this server's: the
 * page is built before the server runs, perhaps with another CMS_BACKEND, and
 * the CMS must talk to the backend that this server answers on. Everything
 * else the build put there (the paper's brand, the site URL) is kept.
 */
export function pageForServer(html: string, runtime: CmsEnvironment): string {
  return html.replace(CMS_ENV, (_, open: string, json: string, close: string) => {
    const built = JSON.parse(json) as Record<string, unknown>;
    const env = { ...built, backend: runtime.backend, branch: runtime.branch };
    // JSON inside <script> must not contain "</script>", as in src/pages/admin/index.astro.
    return `${open}${JSON.stringify(env).replace(/</g, '\\u003c')}${close}`;
  });
}

/** Paths under /admin/ that stay open: the Git host's webhook, which proves itself with its HMAC signature. */
const OPEN = new Set([HOOK_PATH]);
/** The CMS page itself, under the names the static server answers it by. */
const ADMIN_PAGE = new Set(['/admin/', '/admin/index.html']);

/**
 * Wraps the server's handler: when CMS_BACKEND=newsroom, every /admin/ path
 * (the CMS page, its script, the publishing status) needs a signed-in editor
 * who has changed the one-time password; others get a 303 to the sign-in
 * page. Other backends pass everything through unchanged. The database is
 * opened on the first /admin/ request only.
 */
export function withAdminGate(
  next: NodeHandler,
  clientDir?: string,
  env: NodeJS.ProcessEnv = process.env,
): NodeHandler {
  const runtime = cmsEnvironment(env);
  if (runtime.backend !== 'newsroom') return next;
  let db: Db | undefined;
  let page: string | undefined;
  const servePage = (req: IncomingMessage, res: ServerResponse) => {
    if (clientDir === undefined) return false;
    page ??= pageForServer(readFileSync(join(clientDir, 'admin', 'index.html'), 'utf8'), runtime);
    res.writeHead(200, {
      ...READER_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': adminPolicy(page),
    });
    res.end(req.method === 'HEAD' ? undefined : page);
    return true;
  };
  return (req, res) => {
    let pathname = '/';
    try {
      pathname = decodeURI(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      next(req, res);
      return;
    }
    if (!/^\/admin(\/|$)/i.test(pathname) || OPEN.has(pathname)) {
      next(req, res);
      return;
    }
    db ??= openDatabase(readConfig(env).dataDir);
    const cookie = req.headers.cookie ?? '';
    const token = readSessionToken(new Request('http://localhost/', { headers: { cookie } }));
    const user = sessionUser(db, token);
    if (user && !user.must_change) {
      if (!(ADMIN_PAGE.has(pathname) && servePage(req, res))) next(req, res);
      return;
    }
    const back = pathname.startsWith(STATUS_PATH) ? STATUS_PATH : '/admin/';
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      Location: user ? '/inbox/password/' : loginFor(back),
      'Cache-Control': 'no-store',
    });
    res.end();
  };
}
