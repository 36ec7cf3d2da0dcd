import { createHash, randomBytes } from 'node:crypto';
import { SESSION_LIMITS } from '../config.ts';
import type { Db } from '../db.ts';
import type { User } from './users.ts';

/** The session cookie: the __Host- prefix pins it to this host, path / and Secure. */
export const SESSION_COOKIE = '__Host-swd_inbox';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session and returns its token (256 random bits); only the token's hash is stored. */
export function createSession(db: Db, userId: number, now = Date.now()): string {
  const token = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)').run(
    hashToken(token),
    userId,
    now,
    now,
  );
  db.prepare('DELETE FROM sessions WHERE last_seen < ? OR created_at < ?').run(
    now - SESSION_LIMITS.idleMs,
    now - SESSION_LIMITS.absoluteMs,
  );
  return token;
}

/**
 * The user of a session token, or undefined when the token is unknown or the
 * session has been idle too long or reached its absolute age. A valid session
 * is touched, which extends the idle timeout.
 */
export function sessionUser(db: Db, token: string | undefined, now = Date.now()): User | undefined {
  if (!token) return undefined;
  const hash = hashToken(token);
  const row = db
    .prepare(
      `SELECT s.created_at, s.last_seen, u.id, u.name, u.must_change
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    )
    .get(hash) as (User & { created_at: number; last_seen: number }) | undefined;
  if (!row) return undefined;
  if (now - row.last_seen > SESSION_LIMITS.idleMs || now - row.created_at > SESSION_LIMITS.absoluteMs) {
    db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
    return undefined;
  }
  if (now - row.last_seen > 60_000)
    db.prepare('UPDATE sessions SET last_seen = ? WHERE token_hash = ?').run(now, hash);
  return { id: row.id, name: row.name, must_change: row.must_change };
}

/** Ends a session on the server (logout). */
export function endSession(db: Db, token: string | undefined): void {
  if (token) db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
}

/** Set-Cookie value for a new session. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${String(SESSION_LIMITS.absoluteMs / 1000)}`;
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** The session token from a request's Cookie header. */
export function readSessionToken(request: Request): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=') || undefined;
  }
  return undefined;
}
