/**
 * Load test of the tips endpoint on loopback: N tips (default 2000) at
 * concurrency C (default 16), every P-th with a photo (default 10; 0 for
 * text tips only), bounded by a time limit. Reports throughput, latency
 * quantiles, the server's peak RSS and the machine's load average.
 *
 *   ASTRO_OUT_DIR=dist node bench/tips-load.ts [count] [concurrency] [maxSeconds] [photoEvery]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { postTip, quantile, samplePhoto, startServer } from './tips-common.ts';
import { freePort } from '../tests/support/server.ts';

const count = Number(process.argv[2] ?? '2000');
const concurrency = Number(process.argv[3] ?? '16');
const maxSeconds = Number(process.argv[4] ?? '300');
const photoEvery = Number(process.argv[5] ?? '10');
const dataDir = mkdtempSync(join(tmpdir(), 'tips-load-'));
const port = await freePort();
const server = await startServer(port, dataDir);
const origin = `http://127.0.0.1:${String(port)}`;
const photo = await samplePhoto();

const rssOf = (pid: number) => {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? '0') / 1024;
};
// CPU milliseconds a process has used (user + system; clock ticks of 10 ms). On a shared machine what a tip
// costs the server is a steadier figure than tips per second.
const cpuOf = (pid: number) => {
  const fields =
    readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  return (Number(fields[11] ?? '0') + Number(fields[12] ?? '0')) * 10;
};
let peakRss = 0;
const sampler = setInterval(() => {
  if (server.pid) peakRss = Math.max(peakRss, rssOf(server.pid));
}, 100);

const loadBefore = loadavg();
const cpuAtStart = server.pid ? cpuOf(server.pid) : 0;
const latencies: number[] = [];
const statuses = new Map<number, number>();
let next = 0;
const started = performance.now();
const deadline = started + maxSeconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count && performance.now() < deadline) {
      const n = next++;
      const t0 = performance.now();
      const { status } = await postTip(origin, n, photo, photoEvery);
      latencies.push(performance.now() - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const serverCpuMs = server.pid ? cpuOf(server.pid) - cpuAtStart : 0;
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
const db = new DatabaseSync(join(dataDir, 'tips.sqlite'), { readOnly: true });
const stored = (db.prepare('SELECT COUNT(*) AS n FROM tips').get() as { n: number }).n;
const photos = (db.prepare('SELECT COUNT(*) AS n FROM tip_photos').get() as { n: number }).n;
db.close();
rmSync(dataDir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const ms = (v: number) => `${v.toFixed(1)} ms`;
console.log(
  `tips load test — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'cpu'} × ${String(cpus().length)}, Node ${process.version}`,
);
console.log(
  `requests: ${String(latencies.length)} of ${String(count)} at concurrency ${String(concurrency)} in ${seconds.toFixed(1)} s`,
);
console.log(
  `statuses: ${JSON.stringify(Object.fromEntries(statuses))}; stored tips ${String(stored)}, photos ${String(photos)}`,
);
console.log(`throughput: ${(latencies.length / seconds).toFixed(1)} tips/s`);
console.log(
  `latency: p50 ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}, p99 ${ms(quantile(latencies, 0.99))}, max ${ms(latencies.at(-1) ?? NaN)}`,
);
console.log(`server peak RSS: ${peakRss.toFixed(0)} MB`);
console.log(
  `server CPU: ${(serverCpuMs / 1000).toFixed(1)} s in ${seconds.toFixed(1)} s, ${(serverCpuMs / Math.max(1, latencies.length)).toFixed(2)} ms per tip`,
);
const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
console.log(
  `photos: ${photoEvery > 0 ? `every ${String(photoEvery)}th tip` : 'none (text tips)'}; load average before ${load(loadBefore)}, after ${load(loadavg())}`,
);
if (stored !== (statuses.get(303) ?? 0)) {
  console.error('MISMATCH: stored tips differ from 303 answers');
  process.exitCode = 1;
}
