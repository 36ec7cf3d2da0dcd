import type { CmsEnvironment } from './config.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The backend settings baked into /admin/ at build time, with one runtime
 * override for development and tests: `?decap=<port>` points the local backend
 * at decap-server on another loopback port. It is ignored unless both the page
 * and the backend are on this machine, so a link cannot send editors' content
 * anywhere else.
 */
export function resolveEnvironment(
  json: string,
  location: { hostname: string; search: string },
): CmsEnvironment {
  const env = JSON.parse(json) as CmsEnvironment;
  const port = new URLSearchParams(location.search).get('decap');
  if (env.backend === 'local' && port !== null && /^\d{2,5}$/.test(port) && LOOPBACK.has(location.hostname)) {
    return { ...env, localUrl: `http://127.0.0.1:${port}/api/v1` };
  }
  return env;
}
