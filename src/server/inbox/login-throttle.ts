import { SESSION_LIMITS } from '../config.ts';
import type { Db } from '../db.ts';
import { SlidingWindowLimiter, type AddressHasher, type Hit } from '../security/ratelimit.ts';

/** Audit actions after which an account's failed logins are forgotten (both are run from the command line). */
export const UNLOCK_ACTIONS = ['unlock', 'reset-password'] as const;

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
 * editor out at another. An administrator's `npm run inbox -- unlock` (or
 * `reset-password`) writes an audit entry that this process reads, so the way
 * back needs no restart and keeps no counter on disk.
 */
export class LoginThrottle {
  private readonly failures: SlidingWindowLimiter;
  private readonly notices: SlidingWindowLimiter;
  private readonly db: Db;
  private readonly addresses: AddressHasher;
  /** Audit rows up to this id have been read for unlocks. */
  private seenAuditId: number;

  constructor(db: Db, addresses: AddressHasher, now: () => number = Date.now) {
    this.db = db;
    this.addresses = addresses;
    this.failures = new SlidingWindowLimiter(SESSION_LIMITS.loginWindowMs, now);
    this.notices = new SlidingWindowLimiter(SESSION_LIMITS.loginWindowMs, now);
    const row = db.prepare('SELECT MAX(id) AS id FROM audit_log').get() as { id: number | null };
    this.seenAuditId = row.id ?? 0;
  }

  /**
   * Counts this attempt before the password is checked. The count and the
   * hit happen in one synchronous step, before the caller's first await, so a
   * burst of parallel guesses gets five checks, not forty.
   */
  begin(name: string, address: string): LoginGate {
    this.readUnlocks();
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

  private readUnlocks(): void {
    // Every row since the last look, in one read, so an entry the command line adds meanwhile is not skipped.
    const rows = this.db
      .prepare('SELECT id, action, detail FROM audit_log WHERE id > ? ORDER BY id')
      .all(this.seenAuditId) as { id: number; action: string; detail: string }[];
    for (const row of rows) {
      this.seenAuditId = row.id;
      if (!(UNLOCK_ACTIONS as readonly string[]).includes(row.action)) continue;
      this.failures.clearPrefix(pairKey(row.detail, ''));
      this.notices.clearPrefix(pairKey(row.detail, ''));
    }
  }
}

// The name is escaped so that no name is a prefix of another's keys (":" never survives encodeURIComponent).
function pairKey(name: string, addressKey: string): string {
  return `pair:${encodeURIComponent(name)}:${addressKey}`;
}
