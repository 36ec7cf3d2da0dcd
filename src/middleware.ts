import { defineMiddleware } from 'astro:middleware';
import { authenticate, guard, mustChangeRefusal } from './server/inbox/handlers.ts';
import type { User } from './server/inbox/users.ts';
import { isProtectedPath, withSecurityHeaders } from './server/security/headers.ts';
import { getServices } from './server/services.ts';

declare global {
  // Astro types Astro.locals through this global namespace; a module cannot augment it any other way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace App {
    interface Locals {
      /** The signed-in editor; set by the middleware on every /inbox/ route that needs a session. */
      inboxUser?: User;
      /** How many days the running server keeps tips; set for the tips endpoint, which renders the form again. */
      tipsRetentionDays?: number;
    }
  }
}

/**
 * Inbox routes (as Astro's route patterns) anyone may reach: the sign-in
 * form, and signing out, which must also work with an expired session or
 * before the one-time password has been changed.
 */
const PUBLIC_INBOX_ROUTES: ReadonlySet<string> = new Set(['/inbox/login', '/inbox/logout']);

/**
 * Header with which the tip form's challenge tells the prerendered /hotline/ page how long this server keeps
 * tips: a page built in advance cannot know the server's TIPS_RETENTION_DAYS.
 */
const RETENTION_HEADER = 'X-Tips-Retention-Days';

/** Routes an editor may use before changing the one-time password. */
const MUST_CHANGE_ROUTES: ReadonlySet<string> = new Set(['/inbox/password']);

// Both the matched route and the raw path count, so that a path Astro matches some other way
// (case, encoding) or a 404 under /inbox/ is refused rather than let through.
const isInboxRoute = (routePattern: string, pathname: string) =>
  /^\/inbox(\/|$)/i.test(routePattern) || /^\/inbox(\/|$)/i.test(pathname);

/**
 * The session check for the whole inbox, in one place so that a new page
 * under src/pages/inbox/ cannot forget it: no session means a 303 to the
 * login page (401 for photos, which are loaded by <img>), a one-time password
 * not yet changed means a 303 to the password page (403 for photos).
 */
function inboxGate(request: Request, routePattern: string): { user: User } | { refuse: Response } {
  const services = getServices().inbox;
  if (routePattern === '/inbox/photos/[id]') {
    const user = authenticate(request, services);
    if (user?.must_change) return { refuse: mustChangeRefusal() };
    if (user) return { user };
    return {
      refuse: new Response('需要登录', {
        status: 401,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }),
    };
  }
  const checked = guard(request, services, MUST_CHANGE_ROUTES.has(routePattern));
  return 'redirect' in checked ? { refuse: checked.redirect } : checked;
}

/**
 * The inbox's session check, then security headers for the on-demand routes
 * (the tips endpoint and the inbox): a CSP whose hashes are computed from the
 * HTML actually sent, no referrer, no caching, no sniffing, no framing. The
 * prerendered /hotline/ page is a static file that middleware never sees;
 * src/server/serve.ts covers it.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  let pathname = context.url.pathname;
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    // A malformed escape cannot name a public route; the raw path is checked as it is.
  }
  if (isInboxRoute(context.routePattern, pathname) && !PUBLIC_INBOX_ROUTES.has(context.routePattern)) {
    const gate = inboxGate(context.request, context.routePattern);
    if ('refuse' in gate) return withSecurityHeaders(gate.refuse);
    context.locals.inboxUser = gate.user;
  }
  const retentionDays = /^\/api\/tips(\/|$)/.test(pathname) ? getServices().config.retentionDays : undefined;
  if (retentionDays !== undefined) context.locals.tipsRetentionDays = retentionDays;
  const response = await next();
  if (!isProtectedPath(context.url.pathname)) return response;
  const secured = await withSecurityHeaders(response);
  if (retentionDays !== undefined) secured.headers.set(RETENTION_HEADER, String(retentionDays));
  return secured;
});
