import { defineMiddleware } from 'astro:middleware';
import { isProtectedPath, withSecurityHeaders } from './server/security/headers.ts';

/**
 * Security headers for the on-demand routes (the tips endpoint and the inbox):
 * a CSP whose hashes are computed from the HTML actually sent, no referrer,
 * no caching, no sniffing, no framing. The prerendered /hotline/ page is a
 * static file that middleware never sees; src/server/serve.ts covers it.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered || !isProtectedPath(context.url.pathname)) return response;
  return withSecurityHeaders(response);
});
