/**
 * A throwaway content repository for the publishing tests: the fixture tree
 * committed on `main`, plus helpers to commit as an editor would (a file
 * written, a commit with the editor's name) and to run `npm start` on it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CONTENT_FOLDER, copyFixtureInto, FIXTURE_CONTENT } from './fixture.ts';
import { freePort } from './server.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * An empty publisher work folder for one test file. It must be inside the project (the build resolves photos
 * and packages from there; `.builds/` is ignored by Git, ESLint and the dev server). Its Astro cache is kept
 * between runs, as a newsroom's build machine keeps it, so only the first run processes every photo.
 */
export function workFolder(name: string): string {
  const dir = join(ROOT, '.builds', `test-${name}`);
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    if (entry !== 'cache') rmSync(join(dir, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs git in `repo`. */
export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

/** A new repository holding only `content/` (the fixture tree), committed on `main`. */
export function makeContentRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'publish-repo-'));
  copyFixtureInto(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'commit.gpgsign', 'false');
  git(repo, 'add', '-A');
  git(
    repo,
    '-c',
    'user.name=初始化',
    '-c',
    'user.email=init@example.invalid',
    'commit',
    '-q',
    '-m',
    'fixture content',
  );
  return repo;
}

/** Writes `files` (paths relative to the repository) and commits them as `author`; returns the commit. */
export function commitAs(
  repo: string,
  author: string,
  message: string,
  files: Record<string, string>,
): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git(repo, 'add', '-A');
  git(
    repo,
    '-c',
    `user.name=${author}`,
    '-c',
    'user.email=editor@example.invalid',
    'commit',
    '-q',
    '-m',
    message,
  );
  return git(repo, 'rev-parse', 'HEAD');
}

/** The first entry id of a data collection in the fixture, so stories written here link to real entries. */
function firstId(collection: string): string {
  const name = readdirSync(join(FIXTURE_CONTENT, collection)).sort()[0] ?? '';
  return name.replace(/\.yml$/, '');
}

/** Beijing time with its offset, as an editor's CMS writes it. */
export function beijing(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** The path and text of a valid brief with `title` and `body`, published at `publishedAt`. */
export function story(
  slug: string,
  title: string,
  body: string,
  publishedAt = '2026-04-20 08:00',
): Record<string, string> {
  return {
    [`${CONTENT_FOLDER}/articles/${slug}/index.mdx`]: `---
title: ${title}
summary: 这是一条用于检验自动发布的简讯，导语写够二十个字，列表和搜索结果里都会显示它。
kind: brief
column: ${firstId('columns')}
authors:
  - author: ${firstId('authors')}
    role: reporter
publishedAt: ${publishedAt}
---

${body}
`,
  };
}

/** A running `npm start` and its output. */
export interface RunningProduct {
  origin: string;
  /** The CMS's local Git backend (decap-server) on loopback. */
  cmsPort: number;
  statusFile: string;
  child: ChildProcess;
  output: () => string;
  /** Ctrl-C, and waits for the process to exit. */
  stop: () => Promise<void>;
}

/**
 * Starts `scripts/start.ts` (what `npm start` runs) on `repo`, with its own
 * ports, data folder and work folder, and returns at once: the first build
 * is still running.
 */
export async function startProduct(repo: string, workDir: string): Promise<RunningProduct> {
  const [port, cmsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: {
      // As from a shell: without the test runner's NODE_ENV=test and VITEST variables, which change Vite's mode.
      ...Object.fromEntries(
        Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')),
      ),
      PORT: String(port),
      DECAP_PORT: String(cmsPort),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'publish-data-')),
      PUBLISH_REPO: repo,
      PUBLISH_DIR: workDir,
      PUBLISH_POLL_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    cmsPort,
    statusFile: join(workDir, 'status.json'),
    child,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          done();
          return;
        }
        child.once('exit', () => {
          done();
        });
        child.kill('SIGINT');
      }),
  };
}

/** Polls `check` every 100 ms until it returns a value or `ms` pass. */
export async function waitFor<T>(check: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
