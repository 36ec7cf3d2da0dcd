import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from '../../publishing/git.ts';
import { t } from '../../i18n/t.ts';
import { ECHO_FOLDER, ECHO_TEXT, echoFileName, formatEchoFile, type EchoEntry } from '../../tips/echo.ts';
import { countChars, normaliseText } from '../../tips/contract.ts';
import { audit } from '../audit.ts';
import type { Db } from '../db.ts';
import type { InboxServices } from '../inbox/handlers.ts';
import type { User } from '../inbox/users.ts';
import { readForm, type FormShape } from './body.ts';
import { categoryLabel } from './fields.ts';

/**
 * Where 回音 summaries go: the content repository and branch the publisher builds (src/publishing/ watches
 * the branch, so a commit there is all it takes), and, in production, the remote it pulls from.
 */
export interface EchoTarget {
  repo: string;
  branch: string;
  /** The content tree's folder inside the repository (`content`, as cms/config.ts's CONTENT). */
  contentFolder: string;
  /** When set, the summary is pushed there and the publisher fetches it like any other commit. */
  remote?: string | undefined;
}

/**
 * The target from the server's environment at runtime: PUBLISH_REPO (required: without it publishing is
 * refused, so a test server can never commit into the project it runs from), PUBLISH_BRANCH (else the
 * branch the repository has checked out), PUBLISH_PULL_REMOTE, as `npm start` uses them.
 */
export async function echoTargetFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<EchoTarget | undefined> {
  const repo = env['PUBLISH_REPO'];
  if (!repo) return undefined;
  const branch =
    env['PUBLISH_BRANCH'] ?? (await git(repo, ['symbolic-ref', '--short', 'HEAD']).catch(() => ''));
  if (!branch) return undefined;
  return {
    repo,
    branch,
    contentFolder: env['PUBLISH_CONTENT_FOLDER'] ?? 'content',
    remote: env['PUBLISH_PULL_REMOTE'],
  };
}

const identity = (editor: string): NodeJS.ProcessEnv => ({
  GIT_AUTHOR_NAME: editor,
  GIT_AUTHOR_EMAIL: 'inbox@localhost',
  GIT_COMMITTER_NAME: editor,
  GIT_COMMITTER_EMAIL: 'inbox@localhost',
});

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A commit with one file changed on top of `base`, made with a private index so that no working tree,
 * checked-out index or other editor's staged work is touched.
 */
async function commitOnto(
  repo: string,
  base: string,
  path: string,
  text: string,
  message: string,
  editor: string,
) {
  const scratch = await mkdtemp(join(tmpdir(), 'echo-'));
  try {
    const file = join(scratch, 'entry.yml');
    await writeFile(file, text);
    const blob = await git(repo, ['hash-object', '-w', file]);
    const index = { ...identity(editor), GIT_INDEX_FILE: join(scratch, 'index') };
    await git(repo, ['read-tree', base], index);
    await git(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], index);
    const tree = await git(repo, ['write-tree'], index);
    return await git(repo, ['commit-tree', tree, '-p', base, '-m', message], index);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Commits a summary file to the content branch and returns the commit. Three cases, one per way the
 * publisher can run:
 * - with a remote (production): on top of the remote branch, pushed there; the publisher's next fetch
 *   fast-forwards to it, so its own clone never diverges;
 * - the branch checked out in the repository (`npm start` in the project): written into the working tree and
 *   committed with `git commit -- <file>`, so the CMS's local backend, which commits from the same tree, keeps
 *   seeing the file;
 * - otherwise: on top of the branch, moved with a compare-and-swap `update-ref`.
 * Concurrent writers (an editor saving in the CMS) make a step fail; it is retried from the new head.
 */
export async function commitEcho(
  target: EchoTarget,
  ref: string,
  text: string,
  editor: string,
): Promise<string> {
  const path = `${target.contentFolder}/${ECHO_FOLDER}/${echoFileName(ref)}`;
  const message = `回音：发表报料 ${ref} 的摘要与答复`;
  const { repo, branch, remote } = target;
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      if (remote !== undefined) {
        await git(repo, ['fetch', '--quiet', remote, branch]);
        const base = await git(repo, ['rev-parse', 'FETCH_HEAD^{commit}']);
        const sha = await commitOnto(repo, base, path, text, message, editor);
        await git(repo, ['push', '--quiet', remote, `${sha}:refs/heads/${branch}`]);
        return sha;
      }
      const checkedOut = await git(repo, ['symbolic-ref', '--short', '-q', 'HEAD']).catch(() => '');
      const bare = (await git(repo, ['rev-parse', '--is-bare-repository'])) === 'true';
      if (checkedOut === branch && !bare) {
        const top = await git(repo, ['rev-parse', '--show-toplevel']);
        await mkdir(dirname(join(top, path)), { recursive: true });
        await writeFile(join(top, path), text);
        await git(repo, ['add', '--', path]);
        await git(repo, ['commit', '--quiet', '--no-verify', '-m', message, '--', path], identity(editor));
        return await git(repo, ['rev-parse', 'HEAD']);
      }
      const base = await git(repo, ['rev-parse', `refs/heads/${branch}^{commit}`]);
      const sha = await commitOnto(repo, base, path, text, message, editor);
      await git(repo, ['update-ref', `refs/heads/${branch}`, sha, base]);
      return sha;
    } catch (error) {
      lastError = error;
      await wait(150 * (attempt + 1));
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

const ECHO_FORM: FormShape = {
  text: new Set(['question', 'answer']),
  maxBytes: 64 * 1024,
  maxTextBytes: 64 * 1024,
  maxParts: 3,
  maxFieldBytes: 16 * 1024,
};

/** A tip's published summary, as the inbox shows it. */
export interface EchoRecord {
  question: string;
  answer: string;
  author: string;
  published_at: string;
  commit_sha: string;
}

/** The summary published for a tip, if any. */
export function echoOf(db: Db, tipId: number): EchoRecord | undefined {
  return db
    .prepare('SELECT question, answer, author, published_at, commit_sha FROM echo_summaries WHERE tip_id = ?')
    .get(tipId) as EchoRecord | undefined;
}

const see = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

/**
 * POST /inbox/tips/<id>/echo/: publishes the editor's anonymised summary of a tip and the newsroom's answer
 * on the 回音 board, only when the reader agreed. The summary is a content file committed to the content
 * branch; the next build puts it on /hotline/replies/.
 */
export async function handleEcho(
  request: Request,
  services: InboxServices,
  editor: User,
  id: number,
  options: { target: EchoTarget | undefined; districtNames?: ReadonlyMap<string, string> },
): Promise<Response> {
  const back = `/inbox/tips/${String(id)}/`;
  const { db } = services;
  const tip = db
    .prepare('SELECT id, ref, category, district, echo_consent FROM tips WHERE id = ?')
    .get(id) as
    { id: number; ref: string; category: string; district: string; echo_consent: number } | undefined;
  if (!tip)
    return new Response(t('inbox.tip.notFound'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  if (tip.echo_consent !== 1) return see(`${back}?error=echo-consent#echo`);
  const read = await readForm(request, ECHO_FORM);
  if (!read.ok) return see(`${back}?error=echo#echo`);
  const field = (name: string) => {
    const value = read.form.get(name);
    return typeof value === 'string' ? normaliseText(value, true) : '';
  };
  const question = field('question');
  const answer = field('answer');
  const fits = (text: string) => countChars(text) >= ECHO_TEXT.min && countChars(text) <= ECHO_TEXT.max;
  if (!fits(question) || !fits(answer)) return see(`${back}?error=echo#echo`);
  if (!options.target) return see(`${back}?error=echo-config#echo`);
  const at = new Date(services.now());
  const entry: EchoEntry = {
    published: at.toISOString(),
    category: categoryLabel(tip.category),
    district: options.districtNames?.get(tip.district) ?? '',
    question,
    answer,
  };
  let sha: string;
  try {
    sha = await commitEcho(options.target, tip.ref, formatEchoFile(entry), editor.name);
  } catch (error) {
    console.error('echo not published:', error);
    return see(`${back}?error=echo-failed#echo`);
  }
  db.prepare(
    `INSERT INTO echo_summaries (tip_id, question, answer, author, published_at, commit_sha) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(tip_id) DO UPDATE SET question = excluded.question, answer = excluded.answer,
       author = excluded.author, published_at = excluded.published_at, commit_sha = excluded.commit_sha`,
  ).run(id, question, answer, editor.name, entry.published, sha);
  audit(db, editor.name, 'echo', tip.ref, sha.slice(0, 10), at);
  return see(`${back}?saved=echo#echo`);
}
