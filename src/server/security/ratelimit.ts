import { createHmac, randomBytes } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Turns a client address into an opaque key. The HMAC key lives only in this
 * process's memory and is replaced every 24 hours, so neither the database nor
 * a memory dump from tomorrow can link a key back to an address. The previous
 * key is kept for one more hour so a rotation does not reset the hourly limits.
 */
export class AddressHasher {
  private current: { key: Buffer; since: number };
  private previous: { key: Buffer; since: number } | undefined;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
    this.current = { key: randomBytes(32), since: now() };
  }

  /** Keys under which this address is counted (the current key, and the previous one for an hour). */
  keys(address: string): string[] {
    const now = this.now();
    if (now - this.current.since >= DAY_MS) {
      this.previous = this.current;
      this.current = { key: randomBytes(32), since: now };
    }
    const keys = [hmac(this.current.key, address)];
    if (this.previous && now - this.current.since < 60 * 60 * 1000)
      keys.push(hmac(this.previous.key, address));
    else this.previous = undefined;
    return keys;
  }
}

function hmac(key: Buffer, address: string): string {
  return createHmac('sha256', key).update(address).digest('base64url');
}

/** One counted hit; {@link SlidingWindowLimiter.release} takes it back. */
export interface Hit {
  readonly key: string;
  readonly at: number;
}

/**
 * A sliding-window counter in memory. Counts are lost on restart, which is
 * acceptable for spam limits and keeps keyed address hashes off the disk.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, Hit[]>();
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(windowMs: number, now: () => number = Date.now) {
    this.windowMs = windowMs;
    this.now = now;
  }

  /** Hits of these keys within the window (summed across the keys). */
  count(keys: readonly string[]): number {
    const since = this.now() - this.windowMs;
    let total = 0;
    for (const key of keys) {
      const list = this.hits.get(key);
      if (!list) continue;
      // Hits are appended in time order, so the expired ones are a prefix: dropping it keeps a count
      // O(expired) instead of a filter over every hit in the window on every request.
      let stale = 0;
      while (stale < list.length && (list[stale] as Hit).at <= since) stale++;
      if (stale === list.length) {
        this.hits.delete(key);
        continue;
      }
      if (stale > 0) list.splice(0, stale);
      total += list.length;
    }
    return total;
  }

  /** Records one hit under the first key. */
  hit(keys: readonly string[]): Hit | undefined {
    const key = keys[0];
    if (key === undefined) return undefined;
    const hit: Hit = { key, at: this.now() };
    const list = this.hits.get(key) ?? [];
    list.push(hit);
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.prune();
    return hit;
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
    if (hit === undefined) return;
    const list = this.hits.get(hit.key);
    const index = list?.indexOf(hit) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  /** Forgets every count for these keys (an administrator unlocking an account). */
  clear(keys: readonly string[]): void {
    for (const key of keys) this.hits.delete(key);
  }

  /** Forgets every key that starts with `prefix`. */
  clearPrefix(prefix: string): void {
    for (const key of this.hits.keys()) if (key.startsWith(prefix)) this.hits.delete(key);
  }

  private prune(): void {
    const since = this.now() - this.windowMs;
    for (const [key, list] of this.hits) if (!list.some((hit) => hit.at > since)) this.hits.delete(key);
  }
}
