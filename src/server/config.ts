import { resolve } from 'node:path';
import { isIP } from 'node:net';

/** Limits of the tip form; the page, the handler and the tests read the same numbers. */
export const TIP_LIMITS = {
  bodyMin: 10,
  bodyMax: 5000,
  placeMax: 200,
  whenMax: 100,
  nameMax: 50,
  contactMax: 100,
  photosMax: 4,
  photoBytesMax: 10 * 1024 * 1024,
  /** Four full photos plus a megabyte of text and multipart framing; the adapter's own limit is 42 MB. */
  requestBytesMax: 41 * 1024 * 1024,
  /** Longest edge of a stored photo: enough to judge a tip, small enough to keep the disk tidy. */
  photoEdgeMax: 3000,
  /** Decoding bombs: refuse images above 50 megapixels before sharp allocates them. */
  photoPixelsMax: 50_000_000,
} as const;

/** Spam thresholds. */
export const SPAM_LIMITS = {
  /** Tips per hour from one address (counted by a keyed hash of the address, never the address). */
  perHour: 10,
  /** Tips per hour from one address without proof of work (no JavaScript). */
  perHourNoPow: 3,
  /** Tips per hour from all addresses together without proof of work. */
  globalPerHourNoPow: 60,
  /** Seconds between fetching a challenge and submitting. */
  minFillSeconds: 3,
  /** How long a proof-of-work challenge stays valid. */
  challengeTtlSeconds: 2 * 60 * 60,
} as const;

/** Inbox session and login limits. */
export const SESSION_LIMITS = {
  idleMs: 30 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  /** Failed logins per account name from one address. */
  loginFailuresPerWindow: 5,
  /** Failed logins from one address over all names. */
  loginFailuresPerAddress: 20,
  loginWindowMs: 15 * 60 * 1000,
} as const;

/** Runtime settings read from the environment. */
export interface ServerConfig {
  dataDir: string;
  retentionDays: number;
  /** Multiplies the hourly tip limits; only the load benchmark raises it (TIPS_RATE_LIMIT_FACTOR). */
  rateLimitFactor: number;
  /**
   * The secret of the keyed address hashes (TIPS_ADDRESS_SECRET), the same for every worker `npm start`
   * runs, so that counts survive a publish; random per process when unset.
   */
  addressSecret?: string | undefined;
}

/** Reads DATA_DIR (default ./data), TIPS_RETENTION_DAYS (default 180) and TIPS_ADDRESS_SECRET. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const days = Number(env['TIPS_RETENTION_DAYS'] ?? '180');
  const factor = Number(env['TIPS_RATE_LIMIT_FACTOR'] ?? '1');
  return {
    dataDir: resolve(env['DATA_DIR'] ?? 'data'),
    retentionDays: Number.isFinite(days) && days > 0 ? days : 180,
    rateLimitFactor: Number.isFinite(factor) && factor >= 1 ? factor : 1,
    // An empty value counts as unset.
    addressSecret: env['TIPS_ADDRESS_SECRET'] === '' ? undefined : env['TIPS_ADDRESS_SECRET'],
  };
}

/** How the server learns who and where a request came from, when a reverse proxy stands in front of it. */
export interface ProxyConfig {
  /**
   * Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
   * (TRUSTED_PROXY, comma-separated; default none). From any other peer those headers are dropped
   * and the client's address is the socket's.
   */
  trustedProxies: ReadonlySet<string>;
  /** SITE_URL is https: every response says so with HSTS, wherever TLS ends. */
  httpsSite: boolean;
}

/** One spelling per address: IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

/** Reads TRUSTED_PROXY and SITE_URL. A value that is not an IP address stops the server with a message naming it. */
export function readProxyConfig(env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  const list = (env['TRUSTED_PROXY'] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of list) {
    if (isIP(item) === 0)
      throw new Error(
        `TRUSTED_PROXY 里的“${item}”不是 IP 地址：请写反向代理连到本服务器时的地址，多个用逗号隔开，例如 TRUSTED_PROXY=127.0.0.1,::1 (TRUSTED_PROXY "${item}" is not an IP address)`,
      );
  }
  return {
    trustedProxies: new Set(list.map(normalizeAddress)),
    httpsSite: (env['SITE_URL'] ?? '').startsWith('https://'),
  };
}
