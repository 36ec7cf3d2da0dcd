import type { SlidingWindowLimiter } from '../security/ratelimit.ts';

/**
 * Requests that passed a limit and are still on their way (reading the body, proof of work, photos), per
 * limiter and key. A limit that is only recorded once the work is done lets every concurrent request past the
 * check (25 concurrent tips against a limit of 10 were all accepted), so the place is taken before the first
 * await and either recorded or given back when the request ends.
 */
const inFlight = new WeakMap<SlidingWindowLimiter, Map<string, number>>();

/** A place held under one or more limits until the request either succeeds or fails. */
export interface Reservation {
  /** The request did what it counted for: record the hits. */
  commit: () => void;
  /** The request failed before doing it: give the places back. */
  release: () => void;
}

interface Limit {
  limiter: SlidingWindowLimiter;
  keys: readonly string[];
  max: number;
}

const held = (limiter: SlidingWindowLimiter, keys: readonly string[]) => {
  const map = inFlight.get(limiter);
  if (!map) return 0;
  let total = 0;
  for (const key of keys) total += map.get(key) ?? 0;
  return total;
};

const adjust = (limiter: SlidingWindowLimiter, key: string, delta: number) => {
  let map = inFlight.get(limiter);
  if (!map) {
    map = new Map();
    inFlight.set(limiter, map);
  }
  const next = (map.get(key) ?? 0) + delta;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
};

/**
 * Takes a place under every limit at once (synchronously, so no other request can slip in between the
 * check and the hold), or none when any of them is full. Undefined means refused.
 */
export function reserve(limits: readonly Limit[]): Reservation | undefined {
  for (const { limiter, keys, max } of limits) {
    if (limiter.count(keys) + held(limiter, keys) >= max) return undefined;
  }
  const taken = limits.filter((l) => l.keys[0] !== undefined);
  for (const { limiter, keys } of taken) adjust(limiter, keys[0] as string, 1);
  let done = false;
  const finish = (record: boolean) => {
    if (done) return;
    done = true;
    for (const { limiter, keys } of taken) {
      adjust(limiter, keys[0] as string, -1);
      if (record) limiter.hit(keys);
    }
  };
  return {
    commit: () => {
      finish(true);
    },
    release: () => {
      finish(false);
    },
  };
}
