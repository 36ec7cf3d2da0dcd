/**
 * Rebuild benchmark: at N articles, a first full build (with the photos
 * processed by an earlier `bench/build.ts` at the same N, when there are
 * any, so it does not spend its time encoding images), then a rebuild with
 * nothing changed, then a rebuild after one article's body was edited,
 * all keeping the cache folder (content-layer data store, processed
 * images) between builds. Each rebuild is checked: the edited sentence must
 * be on the article's page, or the figure is worthless.
 *
 * The project builds incrementally (Astro's incremental build with a cache key on every page, see
 * src/lib/page-keys.ts), always into the same output folder, as the publisher does. "Routes rendered /
 * cached" counts the pages Astro drew against those it took from its cache.
 *
 *   node bench/rebuild.ts --count 10000 --wait-quiet
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './perf/corpus.ts';
import { appendResults, machine, mib, OUT, ROOT, seconds, waitForQuiet } from './perf/machine.ts';
import { measure, type RunResult } from './perf/measure.ts';
import {
  ASTRO_MARKERS,
  astroPhases,
  clean,
  imageCacheDir,
  projectBuild,
  seedImageCache,
} from './perf/project.ts';

const VARIANTS = ['project'] as const;
type Variant = (typeof VARIANTS)[number];

const { values } = parseArgs({
  options: {
    'max-wait-min': { type: 'string', default: '60' },
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    variants: { type: 'string', default: 'project' },
    'wait-quiet': { type: 'boolean', default: false },
    'timeout-min': { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    // Start from the output and cache a run with --keep left (its first build is then not run again).
    reuse: { type: 'boolean', default: false },
    // 'unchanged' (a rebuild with no edit) shows the floor of a rebuild; leave it out to save a build.
    steps: { type: 'string', default: 'first,unchanged,one-edit' },
  },
});
const count = Number(values.count);
const variants = values.variants.split(',').map((v) => v.trim()) as Variant[];
for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v}`);
const timeoutMs = Number(values['timeout-min']) * 60_000;

const corpus = await ensureCorpus({ count, seed: Number(values.seed) });
// Builds edit the content, so they work on a copy and the stamped corpus stays pristine.
const contentDir = join(OUT, `rebuild-${String(count)}-content`);
const quiet = values['wait-quiet']
  ? await waitForQuiet({ maxWaitMs: Number(values['max-wait-min']) * 60_000 })
  : undefined;
const info = machine();
const date = new Date().toISOString();

interface Step {
  variant: Variant;
  step: 'first' | 'unchanged' | 'one-edit';
  imagesSeeded: boolean;
  result: RunResult;
  phases: Record<string, number | undefined>;
  cached: number;
  rendered: number;
  editVisible?: boolean;
}
const steps: Step[] = [];

function countRoutes(log: string): { cached: number; rendered: number } {
  const cached = (log.match(/\((cached|restored)\)/g) ?? []).length;
  const rendered = (log.match(/├─ \S+ \(\+\d/g) ?? []).length;
  return { cached, rendered };
}

for (const variant of variants) {
  rmSync(contentDir, { recursive: true, force: true });
  cpSync(corpus.contentDir, contentDir, { recursive: true });
  const build = projectBuild(`rebuild-${variant}-${String(count)}`, contentDir, ROOT);
  const reuse = values.reuse && existsSync(build.cacheDir);
  if (!reuse) clean(build);
  const seeded = !reuse && seedImageCache(build.cacheDir, count);
  console.log(
    reuse
      ? `starting from the output and cache of an earlier --keep run (${build.cacheDir})`
      : seeded
        ? `first build starts with the processed photos of an earlier build (${imageCacheDir(count)}); its figure is not a cold build`
        : 'no processed photos to reuse: the first build encodes every photo',
  );
  const slugs = readdirSync(join(contentDir, 'articles')).sort();
  const slug = slugs[Math.floor(slugs.length / 2)] as string;
  const marker = `编者注：本段为重建基准测试加入的文字${String(Date.now())}。`;

  const wanted = new Set(values.steps.split(',').map((x) => x.trim()));
  for (const step of (['first', 'unchanged', 'one-edit'] as const).filter(
    (x) => (x === 'first' && !reuse) || wanted.has(x),
  )) {
    if (step === 'one-edit') {
      const file = join(contentDir, 'articles', slug, 'index.mdx');
      writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${marker}\n`);
    }
    console.log(`\n▶ ${variant}: ${step}`);
    const result = await measure({
      command: build.command,
      args: build.args,
      cwd: build.cwd,
      env: build.env,
      timeoutMs,
      logFile: join(OUT, 'logs', `rebuild-${variant}-${String(count)}-${step}.log`),
      markers: ASTRO_MARKERS,
    });
    const log = readFileSync(result.logFile, 'utf8');
    const routes = countRoutes(log.replace(/\u001b\[[0-9;]*m/g, ''));
    const record: Step = {
      variant,
      step,
      imagesSeeded: seeded,
      result,
      phases: astroPhases(result),
      ...routes,
    };
    if (step === 'one-edit') {
      const page = join(build.outDir, 'client', 'articles', slug, 'index.html');
      record.editVisible = existsSync(page) && readFileSync(page, 'utf8').includes(marker);
    }
    steps.push(record);
    const ok = result.exitCode === 0 && !result.timedOut;
    console.log(
      `  ${ok ? 'ok' : 'FAILED'} ${seconds(result.wallMs)}, peak ${mib(result.peakTreeRssKb)}, ${String(routes.rendered)} routes rendered, ${String(routes.cached)} cached${record.editVisible === undefined ? '' : `, edit visible: ${String(record.editVisible)}`}; load ${result.loadBefore[0].toFixed(2)} → ${result.loadAfter[0].toFixed(2)}`,
    );
    if (!ok) console.log(result.tail);
    appendResults([
      {
        benchmark: 'rebuild',
        date,
        machine: info,
        quietWait: quiet,
        count,
        command: `node bench/rebuild.ts --count ${String(count)} --variants ${variant}`,
        ok,
        ...record,
        result: { ...result, tail: ok ? undefined : result.tail },
      },
    ]);
    if (!ok) break;
  }
  if (!values.keep) clean(build);
}
rmSync(contentDir, { recursive: true, force: true });

const fmt = (n: number | undefined) => (n === undefined ? '–' : seconds(n));
console.log(`\n${String(count)} articles, ${info.cpus} × ${info.cpuModel}, Node ${info.node}, ${date}`);
console.log(
  '| variant | build | wall | peak RSS | sync | bundle | render | images | routes rendered / cached | edit visible | load 1-min |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|');
for (const s of steps) {
  const p = s.phases;
  console.log(
    `| ${s.variant} | ${s.step} | ${s.result.exitCode === 0 ? seconds(s.result.wallMs) : 'failed'} | ${mib(s.result.peakTreeRssKb)} | ${fmt(p['startupAndSync'])} | ${fmt(p['bundle'])} | ${fmt(p['render'])} | ${fmt(p['images'])} | ${String(s.rendered)} / ${String(s.cached)} | ${s.editVisible === undefined ? '–' : String(s.editVisible)} | ${s.result.loadBefore[0].toFixed(2)} → ${s.result.loadAfter[0].toFixed(2)} |`,
  );
}
if (steps.some((s) => s.result.exitCode !== 0 || s.editVisible === false)) process.exitCode = 1;
