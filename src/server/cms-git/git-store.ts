import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Who a commit is by: the signed-in editor as author, the newsroom service as committer. */
export interface Identity {
  name: string;
  email: string;
}

/** One file of a tree, as `git ls-tree` reports it. */
export interface TreeFile {
  mode: string;
  type: string;
  sha: string;
  path: string;
}

/** A change to make in a commit: new bytes for a path, or `null` to remove it. */
export interface FileChange {
  path: string;
  content: Buffer | null;
}

/** Git refused a ref update because someone else moved the branch first; the caller retries on the new tip. */
export class StaleBranchError extends Error {}

interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

const ZERO = '0000000000000000000000000000000000000000';

/**
 * Runs git with optional standard input and returns its raw output; the exit
 * code is the caller's to judge (merge-tree exits 1 on a conflict).
 */
function run(repo: string, args: string[], input?: Buffer | string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<RunResult>((done, fail) => {
    // No hooks, no prompts, and paths taken literally (a `*` or `:` in a name is not a pattern): the server
    // speaks to Git, nobody types into it.
    const child = spawn('git', ['--literal-pathspecs', '-c', 'core.hooksPath=/dev/null', ...args], {
      cwd: repo,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => {
      done({ stdout: Buffer.concat(out), stderr: err, code: code ?? 1 });
    });
    child.stdin.end(input);
  });
}

async function ok(repo: string, args: string[], input?: Buffer | string, env?: NodeJS.ProcessEnv) {
  const result = await run(repo, args, input, env);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.toString().trim();
}

/**
 * The repository the newsroom backend writes, read and written with Git's
 * plumbing only: blobs, trees and commits are made with a private index and
 * branches move by compare-and-swap. No branch is ever checked out, so the
 * working tree, the publisher's snapshot and a parallel writer (the inbox's
 * 回音 commits) are never disturbed. Only when the content branch is the one
 * checked out in a non-bare repository is its working tree fast-forwarded, so
 * that `git status` there stays clean.
 */
export class GitStore {
  /** Operations of this process, one at a time: each reads a tip and moves it. */
  private queue: Promise<unknown> = Promise.resolve();

  readonly repo: string;
  private readonly committer: Identity;

  constructor(repo: string, committer: Identity) {
    this.repo = repo;
    this.committer = committer;
  }

  /** Runs `task` after every task queued before it. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The commit at the tip of a branch, or undefined when there is no such branch. */
  async tip(branch: string): Promise<string | undefined> {
    const result = await run(this.repo, [
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/heads/${branch}^{commit}`,
    ]);
    return result.code === 0 ? result.stdout.toString().trim() : undefined;
  }

  /** Local branches under `prefix/`, without `refs/heads/`. */
  async branches(prefix: string): Promise<string[]> {
    const out = await ok(this.repo, ['for-each-ref', '--format=%(refname:short)', `refs/heads/${prefix}/`]);
    return out ? out.split('\n') : [];
  }

  /** Every file under `folder` at `rev` (recursively), or the named paths themselves. */
  async files(rev: string, paths: readonly string[]): Promise<TreeFile[]> {
    const out = await ok(this.repo, ['ls-tree', '-r', '-z', '--full-tree', rev, '--', ...paths]);
    return parseTree(out);
  }

  /** The entries of a tree named by `paths` without descending into them (for the symlink checks). */
  async entries(rev: string, paths: readonly string[]): Promise<TreeFile[]> {
    if (paths.length === 0) return [];
    const out = await ok(this.repo, ['ls-tree', '-z', '--full-tree', rev, '--', ...paths]);
    return parseTree(out);
  }

  /** The bytes of many blobs from one `git cat-file --batch`. */
  async blobs(shas: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (shas.length === 0) return found;
    const { stdout, code, stderr } = await run(this.repo, ['cat-file', '--batch'], `${shas.join('\n')}\n`);
    if (code !== 0) throw new Error(`git cat-file: ${stderr.trim()}`);
    let at = 0;
    for (const sha of shas) {
      const end = stdout.indexOf(10, at);
      const header = stdout.subarray(at, end).toString();
      const [, type, size] = header.split(' ');
      at = end + 1;
      if (type === undefined || size === undefined) continue;
      const length = Number(size);
      found.set(sha, stdout.subarray(at, at + length));
      at += length + 1;
    }
    return found;
  }

  /** The files that differ between the merge base of `base` and `head`, and `head`: an entry's own changes. */
  async changes(base: string, head: string): Promise<{ status: string; path: string }[]> {
    const out = await ok(this.repo, ['diff', '--name-status', '-z', '--no-renames', `${base}...${head}`]);
    const parts = out.split('\0').filter((p) => p !== '');
    const changes: { status: string; path: string }[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      changes.push({ status: parts[i] ?? '', path: parts[i + 1] ?? '' });
    }
    return changes;
  }

  /** Author name and committer time of a commit. */
  async commitMeta(sha: string): Promise<{ author: string; date: string }> {
    const [author = '', date = ''] = (await ok(this.repo, ['show', '-s', '--format=%an%x1f%cI', sha])).split(
      '\x1f',
    );
    return { author, date };
  }

  /**
   * A new commit of `changes` on top of the tree of `base` (or of `tree` when
   * given, as a merge passes its merged tree), with `parents`, authored by
   * `author`. Nothing but objects is written: no ref moves.
   */
  async commit(options: {
    base: string | undefined;
    tree?: string;
    parents: readonly string[];
    changes: readonly FileChange[];
    message: string;
    author: Identity;
  }): Promise<string> {
    let tree = options.tree;
    if (tree === undefined || options.changes.length > 0) {
      // A private index inside the git directory: a bare repository and a clone work alike, and neither the
      // working tree nor the index an editor may be using is touched.
      const gitDir = await ok(this.repo, ['rev-parse', '--absolute-git-dir']);
      const env = { GIT_INDEX_FILE: join(gitDir, `newsroom-index-${randomUUID()}`) };
      try {
        const start = tree ?? options.base;
        await ok(this.repo, start ? ['read-tree', start] : ['read-tree', '--empty'], undefined, env);
        const lines: string[] = [];
        for (const change of options.changes) {
          if (change.content === null) lines.push(`0 ${ZERO}\t${change.path}`);
          else {
            const blob = await ok(this.repo, ['hash-object', '-w', '--stdin'], change.content);
            lines.push(`100644 ${blob}\t${change.path}`);
          }
        }
        if (lines.length > 0)
          await ok(this.repo, ['update-index', '--index-info'], `${lines.join('\n')}\n`, env);
        tree = await ok(this.repo, ['write-tree'], undefined, env);
      } finally {
        await rm(env.GIT_INDEX_FILE, { force: true });
      }
    }
    const parents = options.parents.flatMap((p) => ['-p', p]);
    return ok(this.repo, ['commit-tree', tree, ...parents, '-m', options.message], undefined, {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: this.committer.name,
      GIT_COMMITTER_EMAIL: this.committer.email,
    });
  }

  /** The tree of `ours` and `theirs` merged, or undefined when they conflict. */
  async mergeTree(ours: string, theirs: string): Promise<string | undefined> {
    const result = await run(this.repo, ['merge-tree', '--write-tree', '--no-messages', ours, theirs]);
    if (result.code === 1) return undefined;
    if (result.code !== 0) throw new Error(`git merge-tree: ${result.stderr.trim()}`);
    return result.stdout.toString().split('\n')[0]?.trim();
  }

  /**
   * Moves `branch` from `expected` (undefined: the branch must not exist yet)
   * to `sha`, or throws {@link StaleBranchError} when it has moved meanwhile.
   */
  async moveBranch(branch: string, sha: string, expected: string | undefined): Promise<void> {
    if (expected !== undefined && (await this.checkedOut(branch))) {
      // The working tree follows; --ff-only refuses, touching nothing, unless the checkout is still at `expected`.
      const head = await ok(this.repo, ['rev-parse', 'HEAD']);
      if (head !== expected) throw new StaleBranchError(branch);
      const merged = await run(this.repo, ['merge', '--ff-only', '--quiet', sha]);
      if (merged.code !== 0) throw new StaleBranchError(`${branch}: ${merged.stderr.trim()}`);
      return;
    }
    const result = await run(this.repo, ['update-ref', `refs/heads/${branch}`, sha, expected ?? ZERO]);
    if (result.code !== 0) throw new StaleBranchError(`${branch}: ${result.stderr.trim()}`);
  }

  /** Deletes `branch` if it is still at `expected`. */
  async deleteBranch(branch: string, expected: string): Promise<void> {
    const result = await run(this.repo, ['update-ref', '-d', `refs/heads/${branch}`, expected]);
    if (result.code !== 0) throw new StaleBranchError(`${branch}: ${result.stderr.trim()}`);
    await run(this.repo, ['config', '--unset', `branch.${branch}.description`]);
  }

  /** A branch's description, where decap-server also keeps an entry's workflow label. */
  async description(branch: string): Promise<string> {
    const result = await run(this.repo, ['config', `branch.${branch}.description`]);
    return result.code === 0 ? result.stdout.toString().trim() : '';
  }

  /** Sets a branch's description. */
  async describe(branch: string, text: string): Promise<void> {
    await ok(this.repo, ['config', `branch.${branch}.description`, text]);
  }

  private async checkedOut(branch: string): Promise<boolean> {
    if ((await ok(this.repo, ['rev-parse', '--is-bare-repository'])) === 'true') return false;
    const head = await run(this.repo, ['symbolic-ref', '--quiet', 'HEAD']);
    return head.code === 0 && head.stdout.toString().trim() === `refs/heads/${branch}`;
  }
}

function parseTree(out: string): TreeFile[] {
  return out
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', sha = ''] = line.slice(0, tab).split(' ');
      return { mode, type, sha, path: line.slice(tab + 1) };
    });
}
