/**
 * Proves a change to how pages are made leaves them as they were: builds the same content with an earlier
 * commit of the project and with the working tree, then compares every file readers get (`client/`) byte
 * for byte.
 *
 *   node bench/mdx-parity.ts --base <commit> [--head <commit>] [--content <dir>]... [--count N]...
 *
 * `--content` builds an existing tree (default: the sample edition, content/); `--count N` the generated
 * corpus of N stories (bench/perf/corpus.ts, seed 42, with photos and components). Each commit is checked
 * out as a Git worktree beside the project, sharing its node_modules; without `--head` the second build is the
 * working tree as it is. Progress goes to stderr; the summary to stdout and bench/.out/results.json.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './perf/corpus.ts';
import { appendResults, machine, ROOT, seconds } from './perf/machine.ts';
import { measure } from './perf/measure.ts';
import { clean, projectBuild } from './perf/project.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    content: { type: 'string', multiple: true },
    count: { type: 'string', multiple: true },
  },
});
if (values.base === undefined)
  throw new Error('usage: node bench/mdx-parity.ts --base <commit> [--content dir] [--count N]');
const base = execFileSync('git', ['rev-parse', values.base], { cwd: ROOT, encoding: 'utf8' }).trim();

/** Every file under `dir` by its path, as a SHA-256 of its bytes. */
function digests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** Builds `contentDir` with the project at `root`, cold, and returns where the reader's files are. */
async function build(
  label: string,
  root: string,
  contentDir: string,
): Promise<{ client: string; wallMs: number }> {
  const spec = projectBuild(`parity-${label}`, contentDir, root);
  clean(spec);
  process.stderr.write(`[parity] building ${label} …\n`);
  const run = await measure({
    command: spec.command,
    args: spec.args,
    cwd: spec.cwd,
    env: spec.env,
    timeoutMs: 60 * 60 * 1000,
    logFile: `${spec.outDir}.log`,
  });
  if (run.exitCode !== 0) throw new Error(`${label}: build failed, see ${spec.outDir}.log`);
  process.stderr.write(`[parity] ${label}: ${seconds(run.wallMs)}\n`);
  return { client: join(spec.outDir, 'client'), wallMs: run.wallMs };
}

/** A checkout of `commit` beside the project, sharing its node_modules. */
function checkout(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
const worktrees = [checkout(base)];
if (values.head !== undefined) worktrees.push(checkout(values.head));
const [baseTree = ROOT, headTree = ROOT] = worktrees;
const trees: { name: string; dir: string }[] = (values.content ?? (values.count ? [] : ['content'])).map(
  (dir) => ({ name: dir.replace(/\W+/g, '-'), dir: resolve(ROOT, dir) }),
);
for (const count of values.count ?? []) {
  const corpus = await ensureCorpus({ count: Number(count) });
  trees.push({ name: `corpus-${count}`, dir: corpus.contentDir });
}

const records: object[] = [];
try {
  for (const tree of trees) {
    if (!existsSync(tree.dir)) throw new Error(`no content tree at ${tree.dir}`);
    const before = await build(`${tree.name}-base`, baseTree, tree.dir);
    const after = await build(`${tree.name}-head`, headTree, tree.dir);
    const a = digests(before.client);
    const b = digests(after.client);
    const differ = [...new Set([...a.keys(), ...b.keys()])]
      .filter((path) => a.get(path) !== b.get(path))
      .sort();
    const html = [...b.keys()].filter((path) => path.endsWith('.html')).length;
    const summary = {
      bench: 'mdx-parity',
      tree: tree.name,
      base: base.slice(0, 7),
      files: b.size,
      html,
      differ: differ.length,
      firstDiffering: differ.slice(0, 20),
      wallMs: { base: before.wallMs, head: after.wallMs },
      machine: machine(),
    };
    records.push(summary);
    process.stdout.write(
      `${tree.name}: ${String(b.size)} files (${String(html)} HTML), ${String(differ.length)} differ` +
        `${differ.length ? `: ${differ.slice(0, 5).join(', ')}` : ''}; build ${seconds(before.wallMs)} → ${seconds(after.wallMs)}\n`,
    );
  }
} finally {
  appendResults(records);
  for (const dir of worktrees) {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}
