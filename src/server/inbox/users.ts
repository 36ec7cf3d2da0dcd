import type { Db } from '../db.ts';
import { generatePassword, hashPassword } from './passwords.ts';

/** An editor account. */
export interface User {
  id: number;
  name: string;
  must_change: number;
}

/** Account names: 2–32 letters, digits, dots, hyphens, underscores or 汉字. */
export function isValidUserName(name: string): boolean {
  return /^[\p{L}\p{N}._-]{2,32}$/u.test(name);
}

/**
 * Creates an account with a random one-time password, which is returned once
 * and must be changed at first login. There is no default account.
 */
export async function addUser(db: Db, name: string, now = new Date()): Promise<string> {
  if (!isValidUserName(name)) throw new Error('账号名只能包含 2 到 32 个字母、数字、汉字或 . _ -');
  const password = generatePassword();
  const hash = await hashPassword(password);
  const existing = db.prepare('SELECT id FROM users WHERE name = ?').get(name);
  if (existing) throw new Error(`账号“${name}”已经存在`);
  db.prepare('INSERT INTO users (name, password_hash, must_change, created_at) VALUES (?, ?, 1, ?)').run(
    name,
    hash,
    now.toISOString(),
  );
  return password;
}

/** Resets an account's password to a new one-time password (and ends its sessions). */
export async function resetPassword(db: Db, name: string): Promise<string> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  const row = db
    .prepare('UPDATE users SET password_hash = ?, must_change = 1 WHERE name = ? RETURNING id')
    .get(hash, name) as { id: number } | undefined;
  if (!row) throw new Error(`没有名为“${name}”的账号`);
  db.prepare('DELETE FROM sessions WHERE user_id = ?').run(row.id);
  return password;
}

/** All accounts, by name. */
export function listUsers(db: Db): User[] {
  return db.prepare('SELECT id, name, must_change FROM users ORDER BY name').all() as unknown as User[];
}
