/**
 * CPU profile of the project's build on a generated corpus: runs Astro's
 * bin under `node --cpu-prof` (the same build `npm run build` runs, minus
 * npm), then sums self time per function and per package from the
 * .cpuprofile files V8 writes (one per thread).
 *
 *   node bench/profile.ts --count 1000
 *   node bench/profile.ts --analyse bench/.out/profile-1000   # only re-read existing profiles
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './perf/corpus.ts';
import {
  appendResults,
  waitForQuiet,
  loadAverage,
  machine,
  mib,
  OUT,
  ROOT,
  seconds,
} from './perf/machine.ts';
import { measure } from './perf/measure.ts';
import { ASTRO_MARKERS, astroPhases, clean, projectBuild, seedImageCache } from './perf/project.ts';

const { values } = parseArgs({
  options: {
    'max-wait-min': { type: 'string', default: '60' },
    'wait-quiet': { type: 'boolean', default: false },
    count: { type: 'string', default: '1000' },
    analyse: { type: 'string' },
    top: { type: 'string', default: '15' },
    'timeout-min': { type: 'string', default: '30' },
  },
});
const quiet = values['wait-quiet']
  ? await waitForQuiet({ maxWaitMs: Number(values['max-wait-min']) * 60_000 })
  : undefined;
const top = Number(values.top);

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The package a script URL belongs to, for grouping. */
function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native / V8 builtins';
  if (url.startsWith('node:')) return 'node core';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm?.[1]) return nm[1];
  if (/\/\.prerender\/|\/server\/chunks\/|\/dist\/server\//.test(url))
    return 'prerender bundle (site code + astro runtime, bundled)';
  if (url.includes('/src/')) return 'project src';
  return 'other';
}

interface Frame {
  name: string;
  where: string;
  pkg: string;
  ms: number;
}

function analyse(file: string): { totalMs: number; frames: Frame[]; packages: [string, number][] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time since the previous sample; it belongs to the sample before it.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const frames = new Map<string, Frame>();
  const packages = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const short = url.replace(`file://${ROOT}/`, '').replace(/^.*node_modules\//, 'node_modules/');
    const where = url ? `${short}:${String(lineNumber + 1)}` : '';
    const key = `${name}@${where}`;
    const pkg = packageOf(url, name);
    const frame = frames.get(key) ?? { name, where, pkg, ms: 0 };
    frame.ms += us / 1000;
    frames.set(key, frame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us / 1000);
  }
  return {
    totalMs: totalUs / 1000,
    frames: [...frames.values()].sort((a, b) => b.ms - a.ms),
    packages: [...packages.entries()].sort((a, b) => b[1] - a[1]),
  };
}

let dir = values.analyse;
let run: Awaited<ReturnType<typeof measure>> | undefined;
if (dir === undefined) {
  const count = Number(values.count);
  const corpus = await ensureCorpus({ count });
  dir = join(OUT, `profile-${String(count)}`);
  rmSync(dir, { recursive: true, force: true });
  const build = projectBuild(`profile-${String(count)}-dist`, corpus.contentDir);
  clean(build);
  // Photo encoding runs in libvips threads that a JS profile cannot see; reuse earlier results.
  const seeded = seedImageCache(build.cacheDir, count);
  console.log(`processed photos reused from an earlier build: ${seeded ? 'yes' : 'no'}`);
  console.log(`profiling the build of ${String(corpus.articles)} articles …`);
  run = await measure({
    command: process.execPath,
    args: [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'),
      'build',
    ],
    cwd: ROOT,
    env: build.env,
    timeoutMs: Number(values['timeout-min']) * 60_000,
    logFile: join(OUT, 'logs', `profile-${String(count)}.log`),
    markers: ASTRO_MARKERS,
  });
  console.log(
    `build ${run.exitCode === 0 ? 'ok' : 'FAILED'} in ${seconds(run.wallMs)} under the profiler (peak ${mib(run.peakTreeRssKb)}); load ${run.loadBefore[0].toFixed(2)} → ${run.loadAfter[0].toFixed(2)}`,
  );
  console.log(`phases (ms): ${JSON.stringify(astroPhases(run))}`);
  if (run.cpu)
    console.log(
      `CPU: user ${String(run.cpu.userS)} s, system ${String(run.cpu.systemS)} s (${String(run.cpu.percent)} % of one core)`,
    );
  console.log('\n| process/thread | CPU s |\n|---|---:|');
  for (const [name, s] of Object.entries(run.cpuByThread).slice(0, 15))
    console.log(`| ${name} | ${s.toFixed(1)} |`);
  clean(build);
}
if (!existsSync(dir)) throw new Error(`no profiles in ${dir}`);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size);
const summaries = [];
for (const file of files) {
  const a = analyse(file);
  if (a.totalMs < 1000) continue; // short helper threads
  console.log(`\n${file.replace(`${ROOT}/`, '')}: ${seconds(a.totalMs)} sampled`);
  console.log(`| # | self time | % | function | where | package |\n|---:|---:|---:|---|---|---|`);
  a.frames.slice(0, top).forEach((f, i) => {
    console.log(
      `| ${String(i + 1)} | ${seconds(f.ms)} | ${((f.ms / a.totalMs) * 100).toFixed(1)} | \`${f.name}\` | ${f.where} | ${f.pkg} |`,
    );
  });
  console.log(`\n| package | self time | % |\n|---|---:|---:|`);
  for (const [pkg, ms] of a.packages.slice(0, top)) {
    console.log(`| ${pkg} | ${seconds(ms)} | ${((ms / a.totalMs) * 100).toFixed(1)} |`);
  }
  summaries.push({
    file,
    totalMs: a.totalMs,
    frames: a.frames.slice(0, 40),
    packages: a.packages.slice(0, 30),
  });
}
appendResults([
  {
    benchmark: 'profile',
    date: new Date().toISOString(),
    machine: machine(),
    load: loadAverage(),
    quietWait: quiet,
    command: `node bench/profile.ts --count ${values.count}`,
    run: run ? { ...run, tail: undefined, phases: astroPhases(run) } : undefined,
    summaries,
  },
]);
