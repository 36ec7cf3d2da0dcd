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
  private readonly sql: Record<
    | 'expire'
    | 'lower'
    | 'total'
    | 'add'
    | 'raise'
    | 'remove'
    | 'clear'
    | 'clearTotal'
    | 'clearPrefix'
    | 'clearPrefixTotals'
    | 'prune'
    | 'recount',
    ReturnType<Db['prepare']>
  >;

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
    this.db.exec(TABLES);
    const key = 'limiter = ? AND key = ?';
    const prefix = 'limiter = ? AND substr(key, 1, length(?)) = ?';
    this.sql = {
      expire: this.db.prepare(`DELETE FROM limit_hits WHERE ${key} AND at <= ?`),
      lower: this.db.prepare(`UPDATE limit_totals SET n = n - ? WHERE ${key}`),
      total: this.db.prepare(`SELECT n FROM limit_totals WHERE ${key}`),
      add: this.db.prepare('INSERT INTO limit_hits (limiter, key, at) VALUES (?, ?, ?)'),
      raise: this.db.prepare(
        'INSERT INTO limit_totals (limiter, key, n) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1',
      ),
      remove: this.db.prepare('DELETE FROM limit_hits WHERE id = ? RETURNING limiter, key'),
      clear: this.db.prepare(`DELETE FROM limit_hits WHERE ${key}`),
      clearTotal: this.db.prepare(`DELETE FROM limit_totals WHERE ${key}`),
      clearPrefix: this.db.prepare(`DELETE FROM limit_hits WHERE ${prefix}`),
      clearPrefixTotals: this.db.prepare(`DELETE FROM limit_totals WHERE ${prefix}`),
      prune: this.db.prepare('DELETE FROM limit_hits WHERE limiter = ? AND at <= ?'),
      recount: this.db.prepare(
        `UPDATE limit_totals SET n = (SELECT COUNT(*) FROM limit_hits h
           WHERE h.limiter = limit_totals.limiter AND h.key = limit_totals.key) WHERE limiter = ?`,
      ),
    };
  }

  /**
   * Hits of `limiter` under these keys after `since` (ms), summed. Expired hits are dropped first and a
   * running total is read, so a count costs the same at ten hits as at ten thousand (a COUNT over the window
   * made the counters the endpoint's largest cost under load).
   */
  count(limiter: string, keys: readonly string[], since: number): number {
    let total = 0;
    for (const key of keys) {
      const expired = Number(this.sql.expire.run(limiter, key, since).changes);
      if (expired > 0) this.sql.lower.run(expired, limiter, key);
      total += (this.sql.total.get(limiter, key) as { n: number } | undefined)?.n ?? 0;
    }
    return total;
  }

  /** Records a hit and returns its id, for {@link LimitStore.remove}. */
  add(limiter: string, key: string, at: number): number {
    const id = Number(this.sql.add.run(limiter, key, at).lastInsertRowid);
    this.sql.raise.run(limiter, key);
    return id;
  }

  /** Takes back one hit. */
  remove(id: number): void {
    const row = this.sql.remove.get(id) as { limiter: string; key: string } | undefined;
    if (row) this.sql.lower.run(1, row.limiter, row.key);
  }

  /** Forgets every hit of these keys. */
  clear(limiter: string, keys: readonly string[]): void {
    for (const key of keys) {
      this.sql.clear.run(limiter, key);
      this.sql.clearTotal.run(limiter, key);
    }
  }

  /** Forgets every hit of the keys that start with `prefix`. */
  clearPrefix(limiter: string, prefix: string): void {
    this.sql.clearPrefix.run(limiter, prefix, prefix);
    this.sql.clearPrefixTotals.run(limiter, prefix, prefix);
  }

  /** Closes the database (the services' close). */
  close(): void {
    this.db.close();
  }

  /** Forgets hits of `limiter` at or before `before`, keys nobody asked about since included. */
  prune(limiter: string, before: number): void {
    if (Number(this.sql.prune.run(limiter, before).changes) > 0) this.sql.recount.run(limiter);
  }
}

// Created here rather than in a migration: the table holds only short-lived counters, no record the newsroom
// keeps, and an in-memory store needs it too.
const TABLES = `
  CREATE TABLE IF NOT EXISTS limit_hits (
    id INTEGER PRIMARY KEY,
    limiter TEXT NOT NULL,
    key TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS limit_hits_key ON limit_hits(limiter, key, at);
  CREATE TABLE IF NOT EXISTS limit_totals (
    limiter TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (limiter, key)
  ) WITHOUT ROWID;
`;
