import { createHmac, randomBytes } from 'node:crypto';
import { LimitStore } from './limit-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Turns a client address into an opaque key: an HMAC under a key of the
 * day (UTC), derived from a secret that lives only in memory. Every worker
 * the publisher starts gets the same secret from the front process
 * (TIPS_ADDRESS_SECRET), so the counts of one worker are found by the next;
 * without it (tests, a server run alone) the secret is random per process.
 * Neither the database nor a memory dump from tomorrow can link a key back
 * to an address once the secret is gone. The previous day's key still counts
 * for one hour, so the rotation does not reset the hourly limits.
 */
export class AddressHasher {
  private readonly secret: Buffer;
  private readonly now: () => number;
  private readonly dayKeys = new Map<number, Buffer>();

  constructor(now: () => number = Date.now, secret?: string) {
    this.now = now;
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /** Keys under which this address is counted (today's key, and yesterday's in the first hour of a day). */
  keys(address: string): string[] {
    const now = this.now();
    const day = Math.floor(now / DAY_MS);
    const keys = [hmac(this.dayKey(day), address)];
    if (now - day * DAY_MS < HOUR_MS) keys.push(hmac(this.dayKey(day - 1), address));
    return keys;
  }

  private dayKey(day: number): Buffer {
    let key = this.dayKeys.get(day);
    if (!key) {
      key = createHmac('sha256', this.secret)
        .update(`address-day:${String(day)}`)
        .digest();
      this.dayKeys.set(day, key);
      for (const old of this.dayKeys.keys()) if (old < day - 1) this.dayKeys.delete(old);
    }
    return key;
  }
}

function hmac(key: Buffer, address: string): string {
  return createHmac('sha256', key).update(address).digest('base64url');
}

/** One counted hit; {@link SlidingWindowLimiter.release} takes it back. */
export interface Hit {
  readonly key: string;
  readonly at: number;
  readonly id: number;
}

/** Where a limiter keeps its hits, and under which name. */
export interface LimiterPlace {
  store: LimitStore;
  /** Unique among the limiters of one store. */
  name: string;
}

/**
 * A sliding-window counter. Hits are kept in a {@link LimitStore}: the
 * services give every limiter a place in the data folder's counters
 * database, so counts survive the worker switch of every publish; without
 * one, a private in-memory store. All operations are synchronous (SQLite),
 * so a reserve before a request's first await is still one atomic step.
 */
export class SlidingWindowLimiter {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly store: LimitStore;
  private readonly name: string;
  private hitsSincePrune = 0;

  constructor(windowMs: number, now: () => number = Date.now, place?: LimiterPlace) {
    this.windowMs = windowMs;
    this.now = now;
    this.store = place?.store ?? new LimitStore();
    this.name = place?.name ?? 'limiter';
  }

  /** Hits of these keys within the window (summed across the keys). */
  count(keys: readonly string[]): number {
    return this.store.count(this.name, keys, this.now() - this.windowMs);
  }

  /** Records one hit under the first key. */
  hit(keys: readonly string[]): Hit | undefined {
    const key = keys[0];
    if (key === undefined) return undefined;
    const at = this.now();
    const id = this.store.add(this.name, key, at);
    if (++this.hitsSincePrune >= 1000) {
      this.hitsSincePrune = 0;
      this.store.prune(this.name, at - this.windowMs);
    }
    return { key, at, id };
  }

  /**
   * Counts and records in one synchronous step: undefined when the keys are
   * at `limit` already, else the hit just recorded. Callers reserve before
   * their first await, so requests running side by side cannot all see the
   * same count below the limit (a check now and a hit after an await let 40
   * parallel logins through a limit of 5).
   */
  reserve(keys: readonly string[], limit: number): Hit | undefined {
    if (this.count(keys) >= limit) return undefined;
    return this.hit(keys);
  }

  /** Takes back one hit (an attempt that turned out not to count, such as a correct password). */
  release(hit: Hit | undefined): void {
    if (hit !== undefined) this.store.remove(hit.id);
  }

  /** Forgets every count for these keys (an administrator unlocking an account). */
  clear(keys: readonly string[]): void {
    this.store.clear(this.name, keys);
  }

  /** Forgets every key that starts with `prefix`. */
  clearPrefix(prefix: string): void {
    this.store.clearPrefix(this.name, prefix);
  }
}
