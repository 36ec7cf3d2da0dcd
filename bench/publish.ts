/**
 * Publish-to-live: the time from a commit on the content branch to the story
 * served with the edit and found by search, through `npm start` (the real
 * publisher, LiveSite and workers) on a content repository of N stories.
 * Also the peak memory of the build's whole process tree, and whether any
 * request failed while builds ran.
 *
 *   node bench/publish.ts --count 0        # the sample edition (content/)
 *   node bench/publish.ts --count 1000 --edits 3
 *   node bench/publish.ts --count 10000 --seed-images   # photos processed by an earlier build at 10,000
 *
 * Each edit appends a unique sentence to one story's body and commits it as an editor would; the figure is
 * taken when that sentence is on the story's page and the site's own /search/ page (in Chromium) finds the
 * story by it. Progress goes to stderr.
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { readStatus } from '../src/publishing/status.ts';
import { freePort } from '../tests/support/server.ts';
import { ensureCorpus } from './perf/corpus.ts';
import { appendResults, machine, ROOT } from './perf/machine.ts';
import { seedImageCache } from './perf/project.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '0' },
    edits: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    // The first build takes the photos an earlier bench/build.ts or bench/rebuild.ts at the same count processed
    // (bench/.out/images-N), so it is not a cold figure but the edits after it are the same.
    'seed-images': { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const edits = Number(values.edits);
const progress = (line: string) =>
  process.stderr.write(`[publish-bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

/** The summed resident memory of every process building content from `workDir`, in kB. */
function buildTreeRss(workDir: string): number {
  const marker = `CONTENT_DIR=${join(workDir, 'content')}`;
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker)) continue;
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

// The content repository.
const source =
  count === 0 ? join(ROOT, 'content') : (await ensureCorpus({ count, seed: Number(values.seed) })).contentDir;
const repo = mkdtempSync(join(tmpdir(), 'publish-bench-repo-'));
cpSync(source, join(repo, 'content'), { recursive: true });
git(repo, 'init', '-q', '-b', 'main');
git(repo, 'add', '-A');
git(repo, '-c', 'user.name=基准', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', 'corpus');
const stories = readdirSync(join(repo, 'content', 'articles')).sort();
progress(`content repository with ${String(stories.length)} stories at ${repo}`);

const workDir = mkdtempSync(join(ROOT, '.builds', `bench-${String(count)}-`));
if (values['seed-images'] && !seedImageCache(join(workDir, 'cache'), count)) {
  throw new Error(`--seed-images: no processed photos at this count (bench/.out/images-${String(count)})`);
}
const port = await freePort();
const origin = `http://127.0.0.1:${String(port)}`;
const child = spawn(process.execPath, [join(ROOT, 'scripts/start.ts')], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(port),
    DECAP_PORT: String(await freePort()),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'publish-bench-data-')),
    PUBLISH_REPO: repo,
    PUBLISH_DIR: workDir,
    PUBLISH_POLL_SECONDS: '1',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.stdout.on('data', (c: Buffer) => {
  for (const line of c.toString().split('\n')) if (line.startsWith('[发布]')) progress(line);
});
child.stderr.on('data', (c: Buffer) => process.stderr.write(c));

let peakKb = 0;
const sampler = setInterval(() => {
  peakKb = Math.max(peakKb, buildTreeRss(workDir));
}, 200);
const failures: string[] = [];
const probing = { on: true };
const probe = (async () => {
  while (probing.on) {
    for (const path of ['/', '/admin/', '/hotline/']) {
      const res = await fetch(`${origin}${path}`).catch(() => undefined);
      await res?.arrayBuffer();
      // 503 is the "first build" page, before anything is live.
      if (readStatus(join(workDir, 'status.json'))?.live && res?.status !== 200)
        failures.push(`${path} ${String(res?.status)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
})();

async function until<T>(check: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const started = Date.now();
const head = git(repo, 'rev-parse', 'HEAD');
await until(
  () =>
    Promise.resolve(readStatus(join(workDir, 'status.json'))?.live?.commit.sha === head ? true : undefined),
  60 * 60_000,
);
const firstBuild = (Date.now() - started) / 1000;
const firstPeak = peakKb;
progress(
  `first build live after ${firstBuild.toFixed(1)} s, build tree peak ${(firstPeak / 1024).toFixed(0)} MiB`,
);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage();
await page.goto(`${origin}/`);
const results: { seconds: number; served: number }[] = [];
peakKb = 0;
for (let i = 0; i < edits; i++) {
  const slug = stories[(i * 7919) % stories.length] as string;
  const word = `校对记号${String(Date.now()).slice(-6)}号`;
  const file = join(repo, 'content', 'articles', slug, 'index.mdx');
  appendFileSync(file, `\n本段为基准测试追加：${word}。\n`);
  git(repo, 'add', '-A');
  git(
    repo,
    '-c',
    'user.name=基准编辑',
    '-c',
    'user.email=bench@example.invalid',
    'commit',
    '-q',
    '-m',
    `edit ${String(i)}`,
  );
  const t0 = Date.now();
  const served = await until(async () => {
    const res = await fetch(`${origin}/articles/${slug}/`);
    return (await res.text()).includes(word) ? Date.now() : undefined;
  }, 60 * 60_000);
  await until(async () => {
    // The site's own search page, as a new reader would use it (its index is one Pagefind bundle per year).
    await page.goto(`${origin}/search/?q=${encodeURIComponent(word)}&t=${String(Date.now())}`);
    const link = page.locator(`main a[href="/articles/${slug}/"]`);
    await link
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    return (await link.count()) > 0 ? true : undefined;
  }, 60_000);
  const seconds = (Date.now() - t0) / 1000;
  results.push({ seconds, served: (served - t0) / 1000 });
  progress(
    `edit ${String(i + 1)}/${String(edits)}: served after ${((served - t0) / 1000).toFixed(1)} s, found by search after ${seconds.toFixed(1)} s`,
  );
}

probing.on = false;
await probe;
clearInterval(sampler);
await browser.close();
child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
// The last build's log (phase by phase, with timestamps) outlives the work folder.
const logs = readdirSync(workDir)
  .filter((name) => name.endsWith('.log'))
  .sort();
const lastLog = logs.at(-1);
if (lastLog !== undefined) {
  mkdirSync(join(ROOT, 'bench', '.out', 'logs'), { recursive: true });
  cpSync(
    join(workDir, lastLog),
    join(ROOT, 'bench', '.out', 'logs', `publish-${String(count)}-last-edit.log`),
  );
}
rmSync(repo, { recursive: true, force: true });
rmSync(workDir, { recursive: true, force: true });

const sorted = results.map((r) => r.seconds).sort((a, b) => a - b);
const record = {
  bench: 'publish',
  stories: stories.length,
  imagesSeeded: values['seed-images'],
  firstBuildSeconds: firstBuild,
  firstBuildPeakMiB: Math.round(firstPeak / 1024),
  publishToLiveSeconds: { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) },
  servedSeconds: results.map((r) => r.served),
  editBuildPeakMiB: Math.round(peakKb / 1024),
  failedRequests: failures.length,
  machine: machine(),
  at: new Date().toISOString(),
};
appendResults([record]);
console.log(JSON.stringify(record, null, 2));
