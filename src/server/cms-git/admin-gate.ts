/**
 * With the newsroom backend, /admin/ is for signed-in editors only. The CMS
 * page is a prerendered file, which the Node adapter serves without running
 * middleware, so the production wrapper (src/server/serve.ts) asks here
 * first: no valid session sends the browser to the inbox's sign-in page,
 * which brings it back afterwards.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cmsEnvironment } from '../../../cms/config.ts';
import { HOOK_PATH, STATUS_PATH } from '../../publishing/status-page.ts';
import { readConfig } from '../config.ts';
import { openDatabase, type Db } from '../db.ts';
import { SECURITY_HEADERS } from '../security/headers.ts';
import { readSessionToken, sessionUser } from '../inbox/sessions.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The sign-in page that comes back to `path`. */
export const loginFor = (path: string) => `/inbox/login/?next=${encodeURIComponent(path)}`;

/** Paths under /admin/ that stay open: the Git host's webhook, which proves itself with its HMAC signature. */
const OPEN = new Set([HOOK_PATH]);

/**
 * Wraps the server's handler: when CMS_BACKEND=newsroom, every /admin/ path
 * (the CMS page, its script, the publishing status) needs a signed-in editor
 * who has changed the one-time password; others get a 303 to the sign-in
 * page. Other backends pass everything through unchanged. The database is
 * opened on the first /admin/ request only.
 */
export function withAdminGate(next: NodeHandler, env: NodeJS.ProcessEnv = process.env): NodeHandler {
  if (cmsEnvironment(env).backend !== 'newsroom') return next;
  let db: Db | undefined;
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
      next(req, res);
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
