import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { normalizeAddress, type ProxyConfig } from '../config.ts';
import { adminPolicy, contentSecurityPolicy, inlineHashes } from './headers.ts';

const FORWARDED = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'forwarded',
];

/**
 * Astro's Node adapter takes the leftmost X-Forwarded-For as the client's
 * address whenever the Host (or X-Forwarded-Host) matches SITE_URL, which any
 * client can send (node_modules/astro/dist/core/app/node.js,
 * createRequestFromNodeRequest). So the forwarding headers are believed only
 * from a configured proxy, and then only the address that proxy itself saw
 * (the rightmost entry, which it appended); from anyone else they are removed
 * before the adapter reads them. Returns whether the peer is a trusted proxy.
 */
export function settleForwarding(req: IncomingMessage, proxy: ProxyConfig): boolean {
  const peer = normalizeAddress(req.socket.remoteAddress ?? '');
  const trusted = peer !== '' && proxy.trustedProxies.has(peer);
  if (!trusted) {
    for (const name of FORWARDED) Reflect.deleteProperty(req.headers, name);
    return false;
  }
  const chain = req.headers['x-forwarded-for'];
  const last = (Array.isArray(chain) ? chain.join(',') : (chain ?? ''))
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .at(-1);
  if (last === undefined) Reflect.deleteProperty(req.headers, 'x-forwarded-for');
  else req.headers['x-forwarded-for'] = last;
  return true;
}

/** Whether the reader reached this response over HTTPS (TLS here, at a trusted proxy, or an https SITE_URL). */
export function overHttps(req: IncomingMessage, trustedPeer: boolean, proxy: ProxyConfig): boolean {
  if (proxy.httpsSite) return true;
  if ('encrypted' in req.socket && req.socket.encrypted === true) return true;
  const proto = req.headers['x-forwarded-proto'];
  return trustedPeer && (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim() === 'https';
}

/** Which family of policy a path gets. */
export type PolicyKind = 'protected' | 'admin' | 'reader';

/**
 * CSPs of the prerendered pages, computed from the bytes of the HTML file
 * that is served for a path and kept for the life of the worker (a build
 * never changes under a worker). A path that names no page file gets the 404
 * page's policy, since that is what the adapter sends for it.
 */
export class PagePolicies {
  private readonly clientDir: string | undefined;
  private readonly cache = new Map<string, string>();
  private readonly missing = new Set<string>();

  constructor(clientDir: string | undefined) {
    this.clientDir = clientDir;
  }

  /** The policy of the page file a decoded path names, or undefined when there is no such page. */
  forPath(pathname: string, kind: PolicyKind): string | undefined {
    const page = pageFile(pathname);
    return page === undefined ? undefined : this.cached(kind, page);
  }

  /** The policy for a path that names no page: the 404 page's, or the family's without hashes. */
  otherwise(pathname: string, kind: PolicyKind): string {
    if (pageFile(pathname) !== undefined) {
      const missing = this.cached(kind, '404.html');
      if (missing !== undefined) return missing;
    }
    return kind === 'admin' ? adminPolicy('') : contentSecurityPolicy(undefined, wasm(kind));
  }

  // Only files of the build are kept, so a scan of made-up paths cannot grow the cache.
  private cached(kind: PolicyKind, page: string): string | undefined {
    const key = `${kind}:${page}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    if (this.missing.has(page)) return undefined;
    const html = this.read(page);
    if (html === undefined) {
      // On-demand routes (/api/tips/ on every tip) have no page file: remember that, up to a bound.
      if (this.missing.size < 10_000) this.missing.add(page);
      return undefined;
    }
    const policy =
      kind === 'admin' ? adminPolicy(html) : contentSecurityPolicy(inlineHashes(html), wasm(kind));
    this.cache.set(key, policy);
    return policy;
  }

  private read(relative: string): string | undefined {
    if (this.clientDir === undefined) return undefined;
    try {
      return readFileSync(join(this.clientDir, relative), 'utf8');
    } catch {
      return undefined;
    }
  }
}

const wasm = (kind: PolicyKind) => ({ wasm: kind !== 'protected' });

/** The HTML file under the client folder served for a path (`/a/` and `/a/index.html` alike), if it names a page. */
function pageFile(pathname: string): string | undefined {
  const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  if (!relative.endsWith('.html')) return undefined;
  const clean = normalize(relative).replace(/^[/\\]+/, '');
  if (clean.split(sep).includes('..')) return undefined;
  return clean;
}
