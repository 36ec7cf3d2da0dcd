import { createHash } from 'node:crypto';

/**
 * Hashes of the inline `<script>` and `<style>` elements of an HTML document,
 * in CSP source form ('sha256-…'). Scripts with a src attribute are external
 * and covered by 'self'. Computing the hashes from the bytes actually served
 * keeps the policy strict without 'unsafe-inline', whatever Astro inlines.
 */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = match[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs) || /type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
    scripts.add(sha256(match[2] ?? ''));
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
    styles.add(sha256(match[1] ?? ''));
  return { scripts: [...scripts], styles: [...styles] };
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Inline hashes of a page, as {@link inlineHashes} returns them. */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

/** What a policy is for besides the page's hashes. */
export interface PolicyOptions {
  /**
   * Reader pages search with Pagefind, which compiles WebAssembly (in a worker, or in the page when
   * workers fail): 'wasm-unsafe-eval' allows that and nothing else (no eval, no new Function).
   */
  wasm?: boolean;
}

/** A strict Content-Security-Policy for a page whose inline elements have these hashes. */
export function contentSecurityPolicy(
  hashes: InlineHashes = { scripts: [], styles: [] },
  options: PolicyOptions = {},
): string {
  return [
    "default-src 'self'",
    `script-src 'self'${options.wasm === true ? " 'wasm-unsafe-eval'" : ''}${hashes.scripts.map((h) => ` ${h}`).join('')}`,
    `style-src 'self'${hashes.styles.map((h) => ` ${h}`).join('')}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The CMS backend settings baked into /admin/ (the `cms-env` JSON), as far as the policy needs them. */
interface CmsBackend {
  backend?: string;
  localUrl?: string;
  baseUrl?: string;
}

function origin(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  return new URL(url).origin;
}

/**
 * The policy of /admin/ (Decap CMS). Decap draws its interface with
 * CSS-in-JS, which adds <style> elements at run time, so styles need
 * 'unsafe-inline' (with a hash present browsers would ignore it, so none is
 * listed). Its bundle evaluates strings as code while it starts (Chromium
 * refuses the CMS without 'unsafe-eval'), so scripts get 'unsafe-eval' but
 * still only from this origin or by hash. It talks to its backend: decap-server on a
 * loopback port (any port on loopback, for `?decap=<port>`, see
 * cms/runtime.ts) or GitHub's API and the OAuth client.
 */
export function adminPolicy(html: string): string {
  const hashes = inlineHashes(html);
  const json = /<script[^>]*id="cms-env"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}';
  let env: CmsBackend = {};
  try {
    env = JSON.parse(json) as CmsBackend;
  } catch {
    // A page without its settings: the CMS cannot start either, and 'self' is all it may reach.
  }
  // Decap reads uploaded photos back from their blob: URLs (fetch) when it saves an entry.
  const connect = new Set(["'self'", 'blob:', 'data:']);
  const images = new Set(["'self'", 'data:', 'blob:']);
  if (env.backend === 'github') {
    connect.add('https://api.github.com');
    images.add('https://avatars.githubusercontent.com');
    const auth = origin(env.baseUrl);
    if (auth !== undefined) connect.add(auth);
  } else if (env.backend !== 'newsroom') {
    // The newsroom backend is this site's own /api/cms/git/, which 'self' covers.
    const local = origin(env.localUrl);
    if (local !== undefined) connect.add(local);
    connect.add('http://127.0.0.1:*');
    connect.add('http://localhost:*');
  }
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval'${hashes.scripts.map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${[...images].join(' ')}`,
    `connect-src ${[...connect].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every reader page and file gets (the static site, /admin/, the 404 page), besides its CSP. */
export const READER_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** HSTS for responses that reached the reader over HTTPS: a year, this host only (other hosts of the domain may not be ready). */
export const HSTS = 'max-age=31536000';

/** The headers every hotline, tips-endpoint and inbox response carries (besides its CSP). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Referrer policy of HTML pages. Not 'no-referrer': under that policy
 * browsers send `Origin: null` with form POSTs (Fetch standard, "serialize a
 * request origin"), and Astro's origin check then refuses every tip and every
 * inbox login with 403 — verified in tests/browser/tips-reader.test.ts.
 * 'same-origin' sends nothing to other sites either, but lets a same-origin
 * form carry its real Origin. Non-HTML responses keep 'no-referrer'.
 */
export const HTML_REFERRER_POLICY = 'same-origin';

/** Paths that get the strict headers: the hotline pages, the API and the inbox. */
export function isProtectedPath(pathname: string): boolean {
  return /^\/(hotline|api|inbox)(\/|$)/.test(pathname);
}

/**
 * Returns a copy of `response` with the security headers and a CSP computed
 * from its body when it is HTML. Used by the middleware for on-demand routes.
 */
export async function withSecurityHeaders(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  const type = headers.get('content-type') ?? '';
  if (type.includes('text/html') && response.body) {
    const html = await response.text();
    headers.set('Content-Security-Policy', contentSecurityPolicy(inlineHashes(html)));
    headers.set('Referrer-Policy', HTML_REFERRER_POLICY);
    if (!/charset/i.test(type)) headers.set('Content-Type', 'text/html; charset=utf-8');
    headers.delete('content-length');
    return new Response(html, { status: response.status, statusText: response.statusText, headers });
  }
  headers.set('Content-Security-Policy', contentSecurityPolicy());
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
