import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContentProblem } from '../lib/content-check.ts';
import { DEFER_ENV } from '../integrations/pagefind.ts';

const require = createRequire(import.meta.url);

/** The stages of a build in the order they run, as the status page names them. */
export const BUILD_PHASES = [
  'check',
  'sync',
  'bundle',
  'render',
  'images',
  'search',
  'compress',
  'verify',
] as const;
export type BuildPhase = (typeof BUILD_PHASES)[number];

/** Lines of Astro's log that open a phase. Astro prints no machine-readable progress. */
const PHASE_MARKERS: [RegExp, BuildPhase][] = [
  [/\[content\] Syncing content/, 'sync'],
  [/Building server entrypoints/, 'bundle'],
  [/prerendering static routes/, 'render'],
  [/generating optimized images/, 'images'],
  [/^\[finish\] search$/, 'search'],
  [/^\[finish\] compress$/, 'compress'],
];

/** One run of `astro build` over a content snapshot. */
export interface AstroBuildOptions {
  /** The project whose code builds the site. */
  root: string;
  /** The content tree to build (a snapshot of one commit). */
  contentDir: string;
  /** A fresh output folder; `client/` and `server/` are written inside it. */
  outDir: string;
  /**
   * Where Astro writes before the result moves to `outDir`, the same folder for every build. Astro's
   * incremental build reuses a page only while the code of its route is unchanged, and that code names the
   * output folder (astro:assets embeds it): built straight into fresh folders, no page would ever be reused.
   */
  buildDir?: string | undefined;
  /** The moment the build treats as "now" for scheduled stories. */
  now: Date;
  /** Where the full log goes. */
  logFile: string;
  env?: NodeJS.ProcessEnv | undefined;
  onPhase?: (phase: BuildPhase) => void;
}

/** How a build ended. */
export interface AstroBuildResult {
  ok: boolean;
  /** The last lines of the log, with colours stripped and snapshot paths shown as content/…. */
  tail: string[];
}

// Astro colours its log; the status page shows plain text.
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Runs `astro build`, then the search index and compression in a second
 * process once Astro's heap is gone (finish-build.ts). Each runs in its own
 * process group, so an abort stops every process the build started; both
 * also stop when the publisher dies (see orphan-guard.ts).
 */
export async function runAstroBuild(
  options: AstroBuildOptions,
  signal?: AbortSignal,
): Promise<AstroBuildResult> {
  const astro = join(dirname(require.resolve('astro/package.json')), 'bin/astro.mjs');
  const log = createWriteStream(options.logFile);
  const tail: string[] = [];
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      CONTENT_DIR: options.contentDir,
      ASTRO_OUT_DIR: options.buildDir ?? options.outDir,
      BUILD_NOW: options.now.toISOString(),
      [DEFER_ENV]: '1',
    };
    if (options.buildDir !== undefined) await rm(options.buildDir, { recursive: true, force: true });
    const built = await runGuarded([astro, 'build'], env, options, log, tail, signal);
    if (!built) return { ok: false, tail };
    if (options.buildDir !== undefined) await rename(options.buildDir, options.outDir);
    const finish = join(import.meta.dirname, 'finish-build.ts');
    const cache = env['ASTRO_CACHE_DIR'];
    const args = cache === undefined ? [finish, options.outDir] : [finish, options.outDir, cache];
    return { ok: await runGuarded(args, env, options, log, tail, signal), tail };
  } finally {
    log.end();
  }
}

/** One Node process of a build, its output teed to the log and the phase markers. */
function runGuarded(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: AstroBuildOptions,
  log: NodeJS.WritableStream,
  tail: string[],
  signal?: AbortSignal,
): Promise<boolean> {
  const guard = join(import.meta.dirname, 'orphan-guard.ts');
  const child = spawn(process.execPath, ['--import', pathToFileURL(guard).href, ...args], {
    cwd: options.root,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env,
  });
  // Editors know the files as content/…, wherever the snapshot of their commit sits.
  const snapshotPrefix = new RegExp(
    [options.contentDir, relative(options.root, options.contentDir)]
      .map((p) => escapeRegExp(`${p}/`))
      .join('|'),
    'g',
  );
  let pending = '';
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.replace(ANSI, '').replace(snapshotPrefix, 'content/').trimEnd();
      if (line === '') continue;
      for (const [pattern, phase] of PHASE_MARKERS) if (pattern.test(line)) options.onPhase?.(phase);
      tail.push(line);
      if (tail.length > 60) tail.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const kill = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  signal?.addEventListener('abort', kill, { once: true });
  return new Promise((resolve) => {
    child.once('close', (code) => {
      signal?.removeEventListener('abort', kill);
      resolve(code === 0 && signal?.aborted !== true);
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What an editor is told about a failed build: the content problem Astro named, and the log around it. */
export function explainFailure(tail: readonly string[]): { problems: ContentProblem[]; details: string[] } {
  // Stack frames say where in Astro it broke, which no editor can act on.
  const lines = tail
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'Stack trace:' && !l.startsWith('at '));
  const found = lines.findIndex((line) => /\[ERROR\]|error|✗|Expected|Location:/i.test(line));
  // Astro prints the message on the line before "Location:".
  const start = found > 0 && lines[found] === 'Location:' ? found - 1 : found;
  const details = start === -1 ? lines.slice(-12) : lines.slice(start, start + 12);
  const problems: ContentProblem[] = [];
  const at = lines.findIndex((l) => l === 'Location:');
  const where = at === -1 ? undefined : /^(content\/\S+?):(\d+)(?::\d+)?$/.exec(lines[at + 1] ?? '');
  if (where?.[1] !== undefined) {
    const message = (lines[at - 1] ?? '').replace(/^\d+:\d+:\s*/, '');
    problems.push({
      file: where[1],
      field: '正文',
      message: `第 ${where[2] ?? '?'} 行附近无法排版：${message}`,
    });
  }
  return { problems, details };
}
