/**
 * Full-build benchmark: this project (`npm run build`, search index
 * included) against a bare Astro 7 + MDX site, the same bare site with
 * `.md` bodies, and Hugo, all on the same generated corpus, one after the
 * other in the same run. --runs says which builds each variant gets, in
 * order:
 *   cold            output and cache folders removed: nothing reused
 *   images-cached   only the processed images (cacheDir/assets) kept from the
 *                   build before: every page and the search index are built
 *                   again, photos are not re-encoded (a CI that keeps its
 *                   cache folder)
 *   warm            everything in the cache folder kept (content-layer data
 *                   store too)
 *
 *   node bench/build.ts --count 1000
 *   node bench/build.ts --count 1000 --variants project --runs cold,images-cached,warm
 *   node bench/build.ts --count 10000 --wait-quiet
 *   node bench/build.ts --count 200 --variants project,hugo --keep
 *
 * Prints a Markdown table and appends one JSON record per build to
 * bench/.out/results.json.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bareAstro, hugoSite, markdownCorpus } from './perf/baselines.ts';
import { ensureCorpus } from './perf/corpus.ts';
import { appendResults, machine, mb, mib, OUT, seconds, waitForQuiet } from './perf/machine.ts';
import { measure, outputSize, type RunResult } from './perf/measure.ts';
import {
  ASTRO_MARKERS,
  astroPhases,
  clean,
  pagefindMs,
  projectBuild,
  saveImageCache,
} from './perf/project.ts';

const VARIANTS = ['project', 'bare-mdx', 'bare-md', 'hugo'] as const;
const DEFAULT_VARIANTS = ['project', 'bare-mdx', 'bare-md', 'hugo'];
type Variant = (typeof VARIANTS)[number];

const { values } = parseArgs({
  options: {
    'max-wait-min': { type: 'string', default: '60' },
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    'image-share': { type: 'string', default: '0.05' },
    variants: { type: 'string', default: DEFAULT_VARIANTS.join(',') },
    runs: { type: 'string', default: 'cold,images-cached' },
    keep: { type: 'boolean', default: false },
    'wait-quiet': { type: 'boolean', default: false },
    'timeout-min': { type: 'string', default: '20' },
  },
});
const count = Number(values.count);
const variants = values.variants.split(',').map((v) => v.trim()) as Variant[];
for (const v of variants)
  if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v}; use ${VARIANTS.join(',')}`);
const timeoutMs = Number(values['timeout-min']) * 60_000;
const label = String(count);

const corpus = await ensureCorpus({
  count,
  seed: Number(values.seed),
  imageShare: Number(values['image-share']),
});
console.log(
  `corpus: ${String(corpus.articles)} articles (${String(corpus.withComponents)} with MDX components, ${String(corpus.heroes)} lead photos, ${String(corpus.figures)} body figures) in ${corpus.contentDir}${corpus.reused ? ' (reused)' : ` (generated in ${seconds(corpus.generatedMs)})`}`,
);

const quiet = values['wait-quiet']
  ? await waitForQuiet({ maxWaitMs: Number(values['max-wait-min']) * 60_000 })
  : undefined;
const info = machine();
const date = new Date().toISOString();

interface BuildSpec {
  cwd: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  outDir: string;
  cacheDir: string;
  /** The static site part of the output (the project also writes a server bundle). */
  siteDir: string;
  description: string;
}

function spec(variant: Variant): BuildSpec {
  switch (variant) {
    case 'project': {
      const b = projectBuild(`project-${label}`, corpus.contentDir);
      return {
        ...b,
        siteDir: join(b.outDir, 'client'),
        description: 'npm run build (this project, Pagefind included)',
      };
    }
    case 'bare-mdx': {
      const b = bareAstro('mdx', corpus.contentDir, label);
      return {
        ...b,
        cwd: b.dir,
        siteDir: b.outDir,
        description: 'bare Astro + MDX, one [slug].astro template',
      };
    }
    case 'bare-md': {
      const md = markdownCorpus(corpus.dir);
      const b = bareAstro('md', md.contentDir, label);
      return {
        ...b,
        cwd: b.dir,
        siteDir: b.outDir,
        description: 'bare Astro, same bodies as .md (components → HTML)',
      };
    }
    case 'hugo': {
      const b = hugoSite(corpus.dir, label);
      return {
        ...b,
        cwd: b.dir,
        siteDir: b.outDir,
        description: `hugo (${info.hugo.split(' ')[0] ?? 'hugo'}), shortcodes`,
      };
    }
  }
}

const RUN_KINDS = ['cold', 'images-cached', 'warm'] as const;
type RunKind = (typeof RUN_KINDS)[number];

/** Empties what a run of this kind must not reuse. */
function prepare(s: BuildSpec, run: RunKind): void {
  rmSync(s.outDir, { recursive: true, force: true });
  if (run === 'cold') clean(s);
  if (run === 'images-cached' && existsSync(s.cacheDir)) {
    for (const entry of readdirSync(s.cacheDir)) {
      if (entry !== 'assets') rmSync(join(s.cacheDir, entry), { recursive: true, force: true });
    }
  }
}

interface Row {
  variant: Variant;
  run: RunKind;
  result: RunResult;
  pages: number;
  size: ReturnType<typeof outputSize>;
  phases?: Record<string, number | undefined>;
  pagefindMs?: number | undefined;
}

const rows: Row[] = [];
for (const variant of variants) {
  const s = spec(variant);
  clean(s);
  const runs = values.runs.split(',').map((r) => r.trim()) as RunKind[];
  for (const r of runs)
    if (!RUN_KINDS.includes(r)) throw new Error(`unknown run ${r}; use ${RUN_KINDS.join(',')}`);
  for (const run of runs) {
    prepare(s, run);
    console.log(`\n▶ ${variant} (${run}): ${s.description}`);
    const result = await measure({
      command: s.command,
      args: s.args,
      cwd: s.cwd,
      env: s.env,
      timeoutMs,
      logFile: join(OUT, 'logs', `build-${variant}-${label}-${run}.log`),
      markers: ASTRO_MARKERS,
    });
    const size = outputSize(s.siteDir);
    const log = readFileSync(result.logFile, 'utf8');
    const row: Row = { variant, run, result, pages: size.html.files, size };
    if (variant !== 'hugo') row.phases = astroPhases(result);
    if (variant.startsWith('project')) row.pagefindMs = pagefindMs(result.tail, log);
    rows.push(row);
    const ok = result.exitCode === 0 && !result.timedOut;
    console.log(
      `  ${ok ? 'ok' : result.timedOut ? 'TIMED OUT' : `FAILED (exit ${String(result.exitCode)})`} ${seconds(result.wallMs)}, peak tree RSS ${mib(result.peakTreeRssKb)}, ${String(size.html.files)} HTML files, ${mb(size.bytes)}; load ${result.loadBefore.join(' ')} → ${result.loadAfter.join(' ')}`,
    );
    if (!ok) console.log(result.tail);
    appendResults([
      {
        benchmark: 'build',
        date,
        machine: info,
        quietWait: quiet,
        corpus: { ...corpus, dir: undefined },
        description: s.description,
        command: `node bench/build.ts --count ${label} --variants ${variant} --runs ${values.runs}`,
        ok,
        ...row,
        result: { ...result, tail: ok ? undefined : result.tail },
      },
    ]);
  }
  if (variant === 'project') saveImageCache(s.cacheDir, count);
  if (!values.keep) {
    clean(s);
  }
}

const fmt = (n: number | undefined) => (n === undefined ? '–' : seconds(n));
console.log(
  `\n${String(count)} articles, ${info.cpus} × ${info.cpuModel}, ${String(info.ramGiB)} GiB, Node ${info.node}, ${date}`,
);
console.log(
  '| build | run | wall | CPU user+sys (share of 2 cores) | peak RSS (tree) | max RSS (one process) | HTML pages | output | load 1-min before → after |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
const cpu = (r: RunResult) =>
  r.cpu ? `${(r.cpu.userS + r.cpu.systemS).toFixed(1)} s (${String(r.cpu.percent)} %)` : '–';
for (const r of rows) {
  console.log(
    `| ${r.variant} | ${r.run} | ${r.result.exitCode === 0 ? seconds(r.result.wallMs) : 'failed'} | ${cpu(r.result)} | ${mib(r.result.peakTreeRssKb)} | ${r.result.maxSingleRssKb === null ? '–' : mib(r.result.maxSingleRssKb)} | ${String(r.pages)} | ${mb(r.size.bytes)} | ${r.result.loadBefore[0].toFixed(2)} → ${r.result.loadAfter[0].toFixed(2)} |`,
  );
}
const astroRows = rows.filter((r) => r.phases);
if (astroRows.length > 0) {
  console.log(
    '\n| build | run | start-up + content sync | Vite bundle | render pages | images | → Pagefind done | Pagefind | precompress |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of astroRows) {
    const p = r.phases ?? {};
    console.log(
      `| ${r.variant} | ${r.run} | ${fmt(p['startupAndSync'])} | ${fmt(p['bundle'])} | ${fmt(p['render'])} | ${fmt(p['images'])} | ${fmt(p['afterRenderToPagefindDone'])} | ${fmt(r.pagefindMs)} | ${fmt(p['precompress'])} |`,
    );
  }
}
const project = rows.find((r) => r.variant === 'project');
if (project) {
  const s = project.size;
  console.log(
    `\nproject output: HTML ${mb(s.html.bytes)} (${String(s.html.files)} files), search index ${mb(s.search.bytes)} (${String(s.search.files)} files), images ${mb(s.images.bytes)} (${String(s.images.files)}), CSS/JS ${mb(s.cssJs.bytes)}, other ${mb(s.other.bytes)}`,
  );
}
for (const r of rows) {
  const threads = Object.entries(r.result.cpuByThread).slice(0, 8);
  console.log(
    `CPU by thread, ${r.variant} ${r.run}: ${threads.map(([n, s]) => `${n} ${s.toFixed(1)} s`).join(', ')}`,
  );
}
if (rows.some((r) => r.result.exitCode !== 0)) process.exitCode = 1;
