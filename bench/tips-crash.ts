/**
 * Crash test: posts tips at concurrency 16, kills the server with SIGKILL
 * mid-load, restarts it on the same DATA_DIR, and checks that every tip that
 * got a 303 is in the database with all its photos.
 *
 *   ASTRO_OUT_DIR=dist node bench/tips-crash.ts [rounds] [killAfterMs]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { postTip, samplePhoto, startServer } from './tips-common.ts';
import { freePort } from '../tests/support/server.ts';

const rounds = Number(process.argv[2] ?? '3');
const killAfter = Number(process.argv[3] ?? '3000');
const dataDir = mkdtempSync(join(tmpdir(), 'tips-crash-'));
const photo = await samplePhoto();
const acknowledged: { ref: string; photo: boolean }[] = [];
let failedRequests = 0;

for (let round = 0; round < rounds; round++) {
  const port = await freePort();
  const server = await startServer(port, dataDir);
  const origin = `http://127.0.0.1:${String(port)}`;
  let n = round * 1_000_000;
  let stop = false;
  const killer = setTimeout(() => {
    stop = true;
    server.kill('SIGKILL');
  }, killAfter);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (!stop) {
        const i = n++;
        try {
          const { status, ref } = await postTip(origin, i, photo);
          if (status === 303 && ref) acknowledged.push({ ref, photo: i % 10 === 0 });
        } catch {
          failedRequests++; // connection cut by the kill: never acknowledged
        }
      }
    }),
  );
  clearTimeout(killer);
  await new Promise<void>((r) => {
    if (server.exitCode !== null || server.signalCode !== null) r();
    else
      server.once('exit', () => {
        r();
      });
  });
  console.log(
    `round ${String(round + 1)}: killed with SIGKILL after ${String(killAfter)} ms; acknowledged so far ${String(acknowledged.length)}`,
  );
}

// Restart once more so start-up maintenance (orphan photo cleanup) runs, then check.
const port = await freePort();
const server = await startServer(port, dataDir);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

const db = new DatabaseSync(join(dataDir, 'tips.sqlite'), { readOnly: true });
const find = db.prepare('SELECT id FROM tips WHERE ref = ?');
const files = db.prepare('SELECT file FROM tip_photos WHERE tip_id = ?');
let missing = 0;
let missingPhotos = 0;
for (const { ref, photo: hasPhoto } of acknowledged) {
  const row = find.get(ref) as { id: number } | undefined;
  if (!row) {
    missing++;
    continue;
  }
  const list = files.all(row.id) as { file: string }[];
  if (hasPhoto && (list.length !== 1 || !list.every((f) => existsSync(join(dataDir, 'photos', f.file)))))
    missingPhotos++;
}
const total = (db.prepare('SELECT COUNT(*) AS n FROM tips').get() as { n: number }).n;
db.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(`tips crash test — ${new Date().toISOString()}, Node ${process.version}`);
console.log(
  `${String(rounds)} kill -9 rounds; acknowledged (303) ${String(acknowledged.length)}; in database ${String(total)}; cut requests ${String(failedRequests)}`,
);
console.log(
  `acknowledged but missing: ${String(missing)}; acknowledged with missing photo: ${String(missingPhotos)}`,
);
if (missing > 0 || missingPhotos > 0) process.exitCode = 1;
