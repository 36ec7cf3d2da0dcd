import type { Db } from '../db.ts';
import { serverSecret } from '../services.ts';

const secrets = new WeakMap<Db, string>();

/** The key of the 查询码 hashes; created once per database and kept there, read once per process. */
export function readerCodeSecret(db: Db): string {
  let secret = secrets.get(db);
  if (secret === undefined) {
    secret = serverSecret(db, 'reader-code');
    secrets.set(db, secret);
  }
  return secret;
}
