import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

export type Db = DatabaseSync;

/** Name of the database file under DATA_DIR. */
export const DATABASE_FILE = 'tips.sqlite';

/**
 * Storage the server cannot use. The message is the whole story for the
 * person starting the server (Chinese, then English, with the path), so the
 * stack is left out of what Node prints.
 */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
    this.stack = `StorageError: ${message}`;
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The data folder: created 0700 if missing, narrowed to 0700 if it exists
 * wider (tips, photos and the editors' password hashes are inside), and
 * proved writable by creating and removing a file in it.
 */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (!statSync(dataDir).isDirectory()) throw new Error('not a directory');
    if ((statSync(dataDir).mode & 0o777) !== 0o700) chmodSync(dataDir, 0o700);
    accessSync(dataDir, constants.W_OK | constants.X_OK);
    const probe = join(dataDir, `.write-check-${String(process.pid)}`);
    closeSync(openSync(probe, 'w', 0o600));
    unlinkSync(probe);
  } catch (error) {
    throw new StorageError(
      `数据文件夹 ${dataDir} 无法使用（${reason(error)}）：请确认它是运行服务器的用户自己的文件夹、可以写入、磁盘没有写满，或用 DATA_DIR 指定别的文件夹。` +
        ` (Data folder ${dataDir} is not usable: ${reason(error)}.)`,
    );
  }
}

/** The database and its WAL and shared-memory files, 0600: SQLite gives new -wal and -shm files the database's mode. */
function narrowFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if (mode !== 0o600) chmodSync(file, 0o600);
  }
}

/**
 * Opens (and creates) the tips database under `dataDir`, with the settings
 * that make an acknowledged tip durable: WAL with synchronous=FULL fsyncs the
 * log on every commit, so a tip that got its 303 survives a crash or power cut.
 * secure_delete overwrites deleted rows, so retention really forgets.
 *
 * Storage is checked before anything is served: folder and file permissions,
 * a real write, and `PRAGMA quick_check` (which reads every page, so
 * overwritten pages are found at start rather than by the first editor). Any
 * failure is a {@link StorageError} naming the path; the handle of a database
 * that fails is closed.
 */
export function openDatabase(dataDir: string): Db {
  prepareDataDir(dataDir);
  const path = join(dataDir, DATABASE_FILE);
  let db: Db | undefined;
  try {
    // Created 0600 before SQLite sees it, so the file is never readable by others, not even briefly.
    closeSync(openSync(path, 'a', 0o600));
    narrowFiles(path);
    db = new DatabaseSync(path);
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA secure_delete = ON;
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
    `);
    const check = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    const problems = check.map((row) => row.quick_check).filter((line) => line !== 'ok');
    if (problems.length > 0) throw new Error(`quick_check: ${problems.slice(0, 3).join('; ')}`);
    migrate(db);
    db.exec(
      "BEGIN IMMEDIATE; INSERT OR REPLACE INTO secrets (name, value) VALUES ('storage-check', datetime('now')); COMMIT",
    );
    narrowFiles(path);
    return db;
  } catch (error) {
    if (db?.isTransaction) db.exec('ROLLBACK');
    if (db?.isOpen) db.close();
    throw new StorageError(
      `报料数据库 ${path} 无法使用（${reason(error)}）：请从备份恢复这个文件，或检查磁盘与权限后再启动；服务器没有启动，以免收下存不住的报料。` +
        ` (Tips database ${path} is not usable: ${reason(error)}. The server did not start.)`,
    );
  }
}

/**
 * Opens the storage once, with every check of {@link openDatabase}, and closes it again. The server
 * runs this before it listens, so bad storage stops it with a message naming the path instead of a
 * server whose every tip gets a 500.
 */
export function checkStorage(dataDir: string): void {
  openDatabase(dataDir).close();
}

/** Applies the migrations newer than the database's user_version, each in its own transaction. */
export function migrate(db: Db): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let version = row.user_version; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[version] as string);
      db.exec(`PRAGMA user_version = ${String(version + 1)}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/**
 * Runs `work` in an IMMEDIATE transaction (the write lock is taken up front, so no upgrade deadlocks).
 * Inside a transaction already (a {@link GroupCommit} batch), `work` runs in a savepoint of it instead,
 * so its failure undoes only its own writes.
 */
export function transaction<T>(db: Db, work: () => T): T {
  if (db.isTransaction) {
    db.exec('SAVEPOINT work');
    try {
      const result = work();
      db.exec('RELEASE work');
      return result;
    } catch (error) {
      db.exec('ROLLBACK TO work');
      db.exec('RELEASE work');
      throw error;
    }
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // Read through a call: the check above narrowed the property, but a failed COMMIT may have ended it.
    if (inTransaction(db)) db.exec('ROLLBACK');
    throw error;
  }
}

const inTransaction = (db: Db): boolean => db.isTransaction;

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Commits the writes that arrive while one commit is under way together, with one fsync.
 * node:sqlite is synchronous, so each fsynced COMMIT (about 6 ms on the benchmark disk) stops the
 * event loop: one commit per tip caps the server at roughly 1/fsync tips per second, however many
 * readers wait. Writes queued here run at the next turn of the event loop, each in its own
 * savepoint of one IMMEDIATE transaction; every promise settles only after the COMMIT (or its
 * failure), so a write is reported done only once it is durable.
 */
export class GroupCommit {
  private readonly db: Db;
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(db: Db) {
    this.db = db;
  }

  /** Runs `work` in the next batch; resolves with its result once the batch is committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: transaction(this.db, item.work) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok === true) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }
}
