/**
 * Test fixtures for the CMS: a throwaway Git copy of the project for
 * decap-server to commit into, and decap-server itself on a free loopback port.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { decapServer } from '../../scripts/processes.ts';
import { CONTENT_FOLDER, copyFixtureInto } from '../../tests/support/fixture.ts';

/** The project root (this file lives in cms/testing/). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Top-level entries that a copy of the project leaves out; its content is the tests' fixture tree instead. */
const SKIP = new Set(['node_modules', 'dist', '.git', '.astro', 'data', '.env', '.builds', CONTENT_FOLDER]);

/** Runs git in `cwd` and returns its output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/**
 * Copies the project (without node_modules, builds and Git history), with the
 * tests' fixture tree as its content, into a new temporary Git repository on
 * branch `main` with one commit, and links node_modules so it can be built.
 */
export function makeTempRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cms-repo-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(ROOT, src);
      const top = rel.split('/')[0] ?? '';
      // .work-*/ are private build folders of parallel work: large, and created and removed while this copies.
      return !SKIP.has(top) && !top.startsWith('.work-') && !rel.startsWith('bench/.');
    },
  });
  copyFixtureInto(dir);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  git(dir, 'init', '-q', '-b', 'main');
  // The link is a file to Git, so `node_modules/` in .gitignore does not hide it; decap-server runs `git add .`.
  appendFileSync(join(dir, '.git', 'info', 'exclude'), '\nnode_modules\n.astro-cache\n');
  git(dir, 'config', 'user.name', '编辑测试');
  git(dir, 'config', 'user.email', 'cms-test@example.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  // node_modules is a link into the real project; never commit it.
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial content');
  return dir;
}

/** The content folder of a temporary repository, where the CMS commits. */
export function repoContent(repo: string): string {
  return join(repo, CONTENT_FOLDER);
}

/** Removes a temporary repository. */
export function removeTempRepo(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A running decap-server. */
export interface DecapServer {
  url: string;
  port: number;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts decap-server in git mode on `port`, bound to loopback, and waits until it answers. */
export async function startDecapServer(repo: string, port: number): Promise<DecapServer> {
  // Exactly what npm start and npm run dev launch, on the test's own port and repository.
  const [args, env] = decapServer(repo);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${String(port)}/api/v1`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`decap-server exited early:\n${output}`);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'info' }),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`decap-server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    process: child,
    log: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) {
          done();
          return;
        }
        child.once('exit', () => {
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
