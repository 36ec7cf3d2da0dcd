import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { SPAM_LIMITS } from '../config.ts';
import type { Db } from '../db.ts';

/** Difficulty: the derived SHA-256 key must start with this many hex zeros (16 bits ≈ 65 000 hashes). */
export const POW_PREFIX = '0000';

/** What the browser solves. `data.iat`/`data.exp` (ms) are covered by the signature; `iat` doubles as the signed form start time. */
export type TipChallenge = Challenge;

/** The solved challenge, as the form posts it (JSON in the `pow` field). */
export interface PowPayload {
  challenge: Challenge;
  solution: Solution;
}

/** Result of checking a posted proof of work. */
export type PowCheck =
  { ok: true; issuedAt: number } | { ok: false; reason: 'invalid' | 'expired' | 'reused' };

/**
 * Self-hosted proof of work (altcha-lib, SHA-256). Challenges are HMAC-signed
 * with a secret kept in the database, so they survive a restart; each solved
 * challenge is accepted once, recorded in `used_challenges` until it expires.
 */
export class ProofOfWork {
  private readonly db: Db;
  private readonly secret: string;
  private readonly now: () => number;

  constructor(db: Db, secret: string, now: () => number = Date.now) {
    this.db = db;
    this.secret = secret;
    this.now = now;
  }

  /** A fresh signed challenge that expires after {@link SPAM_LIMITS.challengeTtlSeconds}. */
  create(): Promise<TipChallenge> {
    const now = this.now();
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      deriveKey,
      keyPrefix: POW_PREFIX,
      // Issue and expiry times live in the signed data and are checked against this server's clock
      // (altcha's own expiresAt is checked against the wall clock, which tests cannot move).
      data: { iat: now, exp: now + SPAM_LIMITS.challengeTtlSeconds * 1000 },
      hmacSignatureSecret: this.secret,
    });
  }

  /** Verifies a posted payload and marks its challenge as used. */
  async verify(raw: string): Promise<PowCheck> {
    let payload: PowPayload;
    try {
      payload = JSON.parse(raw) as PowPayload;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (
      typeof payload !== 'object' ||
      typeof payload.challenge !== 'object' ||
      typeof payload.solution !== 'object'
    ) {
      return { ok: false, reason: 'invalid' };
    }
    const params = payload.challenge.parameters as Challenge['parameters'] | undefined;
    if (params?.keyPrefix !== POW_PREFIX || params.algorithm !== 'SHA-256')
      return { ok: false, reason: 'invalid' };
    let result;
    try {
      result = await verifySolution({
        challenge: payload.challenge,
        solution: payload.solution,
        deriveKey,
        hmacSignatureSecret: this.secret,
      });
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (!result.verified) return { ok: false, reason: 'invalid' };
    const issuedAt = Number(params.data?.['iat']);
    const expiresAt = Number(params.data?.['exp']);
    if (!Number.isFinite(issuedAt) || !Number.isFinite(expiresAt)) return { ok: false, reason: 'invalid' };
    const now = this.now();
    if (now > expiresAt) return { ok: false, reason: 'expired' };
    const signature = payload.challenge.signature ?? '';
    this.db.prepare('DELETE FROM used_challenges WHERE expires_at < ?').run(now);
    const inserted = this.db
      .prepare('INSERT OR IGNORE INTO used_challenges (signature, expires_at) VALUES (?, ?)')
      .run(signature, expiresAt);
    if (inserted.changes === 0) return { ok: false, reason: 'reused' };
    return { ok: true, issuedAt };
  }
}
