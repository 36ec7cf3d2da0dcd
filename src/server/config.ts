import { resolve } from 'node:path';

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
}

/** Reads DATA_DIR (default ./data) and TIPS_RETENTION_DAYS (default 180). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const days = Number(env['TIPS_RETENTION_DAYS'] ?? '180');
  const factor = Number(env['TIPS_RATE_LIMIT_FACTOR'] ?? '1');
  return {
    dataDir: resolve(env['DATA_DIR'] ?? 'data'),
    retentionDays: Number.isFinite(days) && days > 0 ? days : 180,
    rateLimitFactor: Number.isFinite(factor) && factor >= 1 ? factor : 1,
  };
}
