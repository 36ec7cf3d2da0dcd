/**
 * The machine a figure was measured on, the load it was under, and the
 * shared results file every benchmark appends to.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The project root (bench/perf/ is two levels down). */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** Scratch space for outputs, logs and results; gitignored. */
export const OUT = resolve(ROOT, 'bench', '.out');
/** Generated corpora; gitignored. */
export const CORPUS_ROOT = resolve(ROOT, 'bench', '.corpus');
/** Where every benchmark appends its records. */
export const RESULTS_FILE = resolve(OUT, 'results.json');

/** 1-, 5- and 15-minute load averages. */
export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return [round2(one), round2(five), round2(fifteen)];
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0] as string;
  } catch {
    return 'not installed';
  }
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(resolve(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    };
    return json.version;
  } catch {
    return 'not installed';
  }
}

/** Description of this machine and the tool versions, recorded beside each figure. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  ramGiB: number;
  os: string;
  node: string;
  astro: string;
  mdx: string;
  pagefind: string;
  hugo: string;
  chromium: string;
  lighthouse: string;
  /** The commit and a digest of src/, astro.config.mjs and package.json: the site is built by several people at once. */
  code: { commit: string; srcDigest: string };
}

function codeVersion(): Machine['code'] {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(resolve(ROOT, 'src'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name)),
    resolve(ROOT, 'astro.config.mjs'),
    resolve(ROOT, 'package.json'),
  ].sort();
  for (const file of files) {
    hash.update(file);
    hash.update(readFileSync(file));
  }
  return {
    commit: version('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    srcDigest: hash.digest('hex').slice(0, 12),
  };
}

/** Reads the machine description from /proc, /etc/os-release and the tools themselves. */
export function machine(): Machine {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const os = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  return {
    cpus: availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(os)?.[1] ?? process.platform,
    node: process.version,
    astro: packageVersion('astro'),
    mdx: packageVersion('@astrojs/mdx'),
    pagefind: packageVersion('pagefind'),
    hugo: version('hugo', ['version']),
    chromium: version('/usr/bin/chromium', ['--version']),
    lighthouse: packageVersion('lighthouse'),
    code: codeVersion(),
  };
}

/** Appends records to bench/.out/results.json (an array), creating it if needed. */
export function appendResults(records: object[]): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  let existing: unknown[] = [];
  if (existsSync(RESULTS_FILE)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
      if (Array.isArray(parsed)) existing = parsed;
    } catch {
      // A damaged file is replaced rather than blocking the benchmark; the log keeps the figures too.
    }
  }
  writeFileSync(RESULTS_FILE, JSON.stringify([...existing, ...records], null, 2));
}

/** Outcome of waiting for a quiet machine. */
export interface QuietWait {
  quiet: boolean;
  waitedMs: number;
  samples: number[];
}

/**
 * Polls the 1-minute load average every `intervalMs` until it is below
 * `threshold` for `consecutive` polls in a row, or `maxWaitMs` passes.
 * Other people's builds on a 2-core machine would otherwise be measured too.
 */
export async function waitForQuiet({
  threshold = 0.8,
  consecutive = 2,
  intervalMs = 60_000,
  maxWaitMs = 60 * 60_000,
  log = (line: string) => {
    console.log(line);
  },
} = {}): Promise<QuietWait> {
  const started = Date.now();
  const samples: number[] = [];
  let run = 0;
  for (;;) {
    const [one] = loadAverage();
    samples.push(one);
    run = one < threshold ? run + 1 : 0;
    log(`load ${one.toFixed(2)} (${String(run)}/${String(consecutive)} quiet polls)`);
    if (run >= consecutive) return { quiet: true, waitedMs: Date.now() - started, samples };
    if (Date.now() - started + intervalMs > maxWaitMs) {
      log('the machine did not become quiet; measuring anyway');
      return { quiet: false, waitedMs: Date.now() - started, samples };
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Formats kilobytes as MiB with one decimal. */
export function mib(kb: number): string {
  return `${(kb / 1024).toFixed(1)} MiB`;
}

/** Formats bytes as MB (10^6) with one decimal, like `du --si`. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Formats milliseconds as seconds with one decimal. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
