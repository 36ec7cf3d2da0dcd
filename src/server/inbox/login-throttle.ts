import { SESSION_LIMITS } from '../config.ts';
import type { LimitStore } from '../security/limit-store.ts';
import { SlidingWindowLimiter, type AddressHasher, type Hit } from '../security/ratelimit.ts';

const FAILURES = 'login-failures';
const NOTICES = 'login-notices';

/** A login attempt that was let through to the password check. */
export interface LoginAttempt {
  readonly hits: readonly Hit[];
}

/** The answer of {@link LoginThrottle.begin}. */
export type LoginGate =
  | { attempt: LoginAttempt }
  /** `notice` is true for the first refusal of this name from this address in the window: log and audit it. */
  | { throttled: true; notice: boolean };

/**
 * Failed logins, counted per account name and address together (five in
 * fifteen minutes), and per address over all names (twenty). A name is
 * never locked for everyone: guesses from one address cannot lock its
 * editor out at another. The counts are in the data folder's counters
 * database (they must outlive the worker a publish replaces), so an
 * administrator's `npm run inbox -- unlock` (or `reset-password`) clears them
 * there directly ({@link forgetLoginFailures}): the way back needs no restart.
 */
export class LoginThrottle {
  private readonly failures: SlidingWindowLimiter;
  private readonly notices: SlidingWindowLimiter;
  private readonly addresses: AddressHasher;

  constructor(store: LimitStore, addresses: AddressHasher, now: () => number = Date.now) {
    this.addresses = addresses;
    const window = SESSION_LIMITS.loginWindowMs;
    this.failures = new SlidingWindowLimiter(window, now, { store, name: FAILURES });
    this.notices = new SlidingWindowLimiter(window, now, { store, name: NOTICES });
  }

  /**
   * Counts this attempt before the password is checked. The count and the
   * hit happen in one synchronous step, before the caller's first await, so a
   * burst of parallel guesses gets five checks, not forty.
   */
  begin(name: string, address: string): LoginGate {
    const keys = this.addresses.keys(address);
    const pair = keys.map((k) => pairKey(name, k));
    const byAddress = keys.map((k) => `addr:${k}`);
    const pairHit = this.failures.reserve(pair, SESSION_LIMITS.loginFailuresPerWindow);
    const addressHit = pairHit && this.failures.reserve(byAddress, SESSION_LIMITS.loginFailuresPerAddress);
    if (!pairHit || !addressHit) {
      this.failures.release(pairHit);
      return { throttled: true, notice: this.notices.reserve(pair, 1) !== undefined };
    }
    return { attempt: { hits: [pairHit, addressHit] } };
  }

  /**
   * A correct password takes back only its own attempt. It does not clear the
   * earlier failures: in a burst of parallel guesses the right one would
   * otherwise wipe the count for the next burst.
   */
  succeeded(attempt: LoginAttempt): void {
    for (const hit of attempt.hits) this.failures.release(hit);
  }

  /** A short tag of the address for log lines: the same within a day, never the address. */
  tag(address: string): string {
    return (this.addresses.keys(address)[0] ?? '').slice(0, 8);
  }
}

/** Forgets an account's failed logins from every address (`npm run inbox -- unlock` and `reset-password`). */
export function forgetLoginFailures(store: LimitStore, name: string): void {
  for (const limiter of [FAILURES, NOTICES]) store.clearPrefix(limiter, pairKey(name, ''));
}

// The name is escaped so that no name is a prefix of another's keys (":" never survives encodeURIComponent).
function pairKey(name: string, addressKey: string): string {
  return `pair:${encodeURIComponent(name)}:${addressKey}`;
}
