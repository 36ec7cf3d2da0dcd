import { chmodSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Db } from '../db.ts';

/** The counters' own database beside tips.sqlite. */
export const LIMITS_FILE = 'limits.sqlite';

/**
 * Where sliding-window hits are kept. The tips service and the inbox run in a
 * worker that the publisher replaces at every publish; counters in the
 * worker's memory would start from zero each time, so a guesser or a spammer
 * would get a fresh allowance with every story the newsroom publishes. In the
 * database they outlive the worker. Keys are keyed hashes of addresses (see
 * {@link AddressHasher}), so what is on disk cannot be linked to an address
 * once the secret that made them is gone; hits expire with their window.
 *
 * They have a database file of their own: tips.sqlite syncs every commit to
 * disk so that no acknowledged tip is lost, and a counter that costs an fsync
 * per request would halve the endpoint's throughput for data nobody needs
 * after a crash.
 */
export class LimitStore {
  private readonly db: Db;
  private readonly statements: {
    count: ReturnType<Db['prepare']>;
    add: ReturnType<Db['prepare']>;
    remove: ReturnType<Db['prepare']>;
    clear: ReturnType<Db['prepare']>;
    clearPrefix: ReturnType<Db['prepare']>;
    prune: ReturnType<Db['prepare']>;
  };

  /** Opens (or creates, 0600) the counters' database in the data folder. */
  static inFolder(dataDir: string): LimitStore {
    const file = join(dataDir, LIMITS_FILE);
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA busy_timeout = 5000;');
    return new LimitStore(db);
  }

  /** Uses the `limit_hits` table of `db`; without one, a private in-memory database (tests, one-off tools). */
  constructor(db?: Db) {
    this.db = db ?? new DatabaseSync(':memory:');
    this.db.exec(TABLE);
    this.statements = {
      count: this.db.prepare('SELECT COUNT(*) AS n FROM limit_hits WHERE limiter = ? AND key = ? AND at > ?'),
      add: this.db.prepare('INSERT INTO limit_hits (limiter, key, at) VALUES (?, ?, ?)'),
      remove: this.db.prepare('DELETE FROM limit_hits WHERE id = ?'),
      clear: this.db.prepare('DELETE FROM limit_hits WHERE limiter = ? AND key = ?'),
      clearPrefix: this.db.prepare(
        'DELETE FROM limit_hits WHERE limiter = ? AND substr(key, 1, length(?)) = ?',
      ),
      prune: this.db.prepare('DELETE FROM limit_hits WHERE limiter = ? AND at <= ?'),
    };
  }

  /** Hits of `limiter` under these keys after `since` (ms), summed. */
  count(limiter: string, keys: readonly string[], since: number): number {
    let total = 0;
    for (const key of keys) total += (this.statements.count.get(limiter, key, since) as { n: number }).n;
    return total;
  }

  /** Records a hit and returns its id, for {@link LimitStore.remove}. */
  add(limiter: string, key: string, at: number): number {
    return Number(this.statements.add.run(limiter, key, at).lastInsertRowid);
  }

  remove(id: number): void {
    this.statements.remove.run(id);
  }

  clear(limiter: string, keys: readonly string[]): void {
    for (const key of keys) this.statements.clear.run(limiter, key);
  }

  clearPrefix(limiter: string, prefix: string): void {
    this.statements.clearPrefix.run(limiter, prefix, prefix);
  }

  /** Closes the database (the services' close). */
  close(): void {
    this.db.close();
  }

  /** Forgets hits of `limiter` at or before `before`. */
  prune(limiter: string, before: number): void {
    this.statements.prune.run(limiter, before);
  }
}

// Created here rather than in a migration: the table holds only short-lived counters, no record the newsroom
// keeps, and an in-memory store needs it too.
const TABLE = `
  CREATE TABLE IF NOT EXISTS limit_hits (
    id INTEGER PRIMARY KEY,
    limiter TEXT NOT NULL,
    key TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS limit_hits_key ON limit_hits(limiter, key, at);
`;
