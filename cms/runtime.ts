import type { CmsEnvironment } from './config.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The backend settings baked into /admin/ at build time, with one runtime
 * override for development and tests: `?decap=<port>` points the local backend
 * at decap-server on another loopback port. It is ignored unless both the page
 * and the backend are on this machine, so a link cannot send editors' content
 * anywhere else. Without SITE_URL at build time, the site is where /admin/ is
 * served from (the CMS is part of the site), so 查看发布 still opens the story.
 */
export function resolveEnvironment(
  json: string,
  location: { hostname: string; search: string; origin?: string },
): CmsEnvironment {
  const parsed = JSON.parse(json) as CmsEnvironment;
  const env = parsed.siteUrl || !location.origin ? parsed : { ...parsed, siteUrl: location.origin };
  const port = new URLSearchParams(location.search).get('decap');
  if (env.backend === 'local' && port !== null && /^\d{2,5}$/.test(port) && LOOPBACK.has(location.hostname)) {
    return { ...env, localUrl: `http://127.0.0.1:${port}/api/v1` };
  }
  return env;
}
