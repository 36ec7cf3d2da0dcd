import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit, openDatabase, transaction, type Db } from '../../src/server/db.ts';

let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  db = openDatabase(dir);
  db.exec('CREATE TABLE items (n INTEGER NOT NULL UNIQUE)');
  // A second connection, as another worker or the inbox CLI would read the file.
  const reader = new DatabaseSync(join(dir, 'tips.sqlite'), { readOnly: true });
  const visible = () => (reader.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
  return {
    db,
    visible,
    close: () => {
      reader.close();
    },
  };
}

describe('group commit', () => {
  it('commits parallel writes in one transaction and settles each only once it is visible to others', async () => {
    const { db: d, visible, close } = open();
    const seen: number[] = [];
    const insert = d.prepare('INSERT INTO items (n) VALUES (?)');
    const writes = Array.from({ length: 50 }, (_, n) =>
      new GroupCommit(d).run(() => insert.run(n)).then(() => seen.push(visible())),
    );
    const shared = new GroupCommit(d);
    const batched = Array.from({ length: 50 }, (_, n) =>
      shared.run(() => insert.run(100 + n)).then(() => seen.push(visible())),
    );
    await Promise.all([...writes, ...batched]);
    // Every promise saw its own row (and its whole batch) from another connection.
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(1);
    expect(seen.slice(50).every((n) => n >= 100)).toBe(true);
    expect(visible()).toBe(100);
    close();
  });

  it('rejects only the write that failed; the others of its batch are stored', async () => {
    const { db: d, visible, close } = open();
    const commits = new GroupCommit(d);
    const insert = d.prepare('INSERT INTO items (n) VALUES (?)');
    const results = await Promise.allSettled([
      commits.run(() => insert.run(1)),
      commits.run(() => {
        insert.run(2);
        insert.run(1); // duplicate: this write fails, and its first row goes with it
      }),
      commits.run(() => insert.run(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(
      d
        .prepare('SELECT n FROM items ORDER BY n')
        .all()
        .map((r) => r['n']),
    ).toEqual([1, 3]);
    expect(visible()).toBe(2);
    close();
  });

  it('runs nested transaction() calls as savepoints of the batch', async () => {
    const { db: d, close } = open();
    const commits = new GroupCommit(d);
    const insert = d.prepare('INSERT INTO items (n) VALUES (?)');
    const value = await commits.run(() => transaction(d, () => (insert.run(7), 'stored')));
    expect(value).toBe('stored');
    expect(d.isTransaction).toBe(false);
    close();
  });
});
