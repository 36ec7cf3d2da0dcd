import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Argon2id from node:crypto (Node ≥ 24.7) with OWASP's first recommended
 * setting: 19 MiB of memory, 2 passes, 1 lane. The parameters are stored with
 * each hash so they can be raised later without breaking old passwords.
 */
export const ARGON2_PARAMS = { memory: 19 * 1024, passes: 2, parallelism: 1, tagLength: 32 } as const;

function derive(password: string, nonce: Buffer, params: typeof ARGON2_PARAMS): Promise<Buffer> {
  return new Promise((done, fail) => {
    argon2('argon2id', { message: password, nonce, ...params }, (error, key) => {
      if (error) fail(error);
      else done(key);
    });
  });
}

/** Hashes a password as `$argon2id$v=19$m=…,t=…,p=…$salt$hash` (PHC string, base64 without padding). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, ARGON2_PARAMS);
  const { memory, passes, parallelism } = ARGON2_PARAMS;
  return `$argon2id$v=19$m=${String(memory)},t=${String(passes)},p=${String(parallelism)}$${b64(salt)}$${b64(key)}`;
}

/** Checks a password against a stored PHC string in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
    stored,
  );
  const [, m, tPasses, p, salt, hash] = match ?? [];
  if (
    m === undefined ||
    tPasses === undefined ||
    p === undefined ||
    salt === undefined ||
    hash === undefined
  ) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), {
    memory: Number(m),
    passes: Number(tPasses),
    parallelism: Number(p),
    tagLength: expected.length,
  } as typeof ARGON2_PARAMS);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64').replace(/=+$/, '');
}

/** A random initial password: 20 characters without look-alikes (about 110 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Password rule for new passwords: at least 12 characters, at most 200. Returns a Chinese message or undefined. */
export function passwordProblem(password: string): string | undefined {
  const length = Array.from(password).length;
  if (length < 12) return '新密码至少需要 12 个字符';
  if (length > 200) return '新密码最多 200 个字符';
  return undefined;
}
