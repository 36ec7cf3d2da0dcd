import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs git in `repo` and returns its trimmed standard output. */
export async function git(repo: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd: repo,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

/** One commit as editors see it on the status page. */
export interface CommitInfo {
  sha: string;
  /** The author's name: the editor whose save or merge made the commit. */
  author: string;
  /** When the commit was made. */
  date: string;
  subject: string;
}

/**
 * The commit at the tip of `branch`, or undefined while the branch does not
 * exist (a repository with no commit yet).
 */
export async function branchHead(repo: string, branch: string): Promise<string | undefined> {
  try {
    return await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  } catch {
    return undefined;
  }
}

/** The branch the repository has checked out, used as the content branch when none is configured. */
export async function currentBranch(repo: string): Promise<string | undefined> {
  try {
    return await git(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  } catch {
    return undefined;
  }
}

/** Author, time and subject of one commit. */
export async function commitInfo(repo: string, sha: string): Promise<CommitInfo> {
  // A unit separator cannot occur in a name or subject, so the fields split cleanly.
  const out = await git(repo, ['show', '-s', '--format=%H%x1f%an%x1f%aI%x1f%s', sha]);
  const [full = sha, author = '', date = '', subject = ''] = out.split('\x1f');
  return { sha: full, author, date, subject };
}

/**
 * Makes `dir` hold exactly the `content/` tree of `sha`, changing only the
 * files that differ from the previous snapshot. The snapshot has its own Git
 * index beside it, so the repository's working tree, which the CMS's local
 * backend checks branches out into, is never read or touched: a build sees
 * the commit, not whatever an editor has half-saved.
 */
export async function snapshotContent(repo: string, sha: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await git(repo, ['--work-tree', dir, 'read-tree', '--reset', '-u', `${sha}:content`], {
    GIT_INDEX_FILE: `${dir}.index`,
  });
}
