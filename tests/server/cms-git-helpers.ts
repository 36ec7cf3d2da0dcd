/**
 * Shared by the newsroom backend's tests: a real Git repository in a temp
 * folder laid out like the project (content tree, code, configuration), and
 * real inbox accounts in SQLite with signed-in sessions.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CONTENT } from '../../cms/config.ts';
import { SESSION_COOKIE, createSession } from '../../src/server/inbox/sessions.ts';
import { addUser } from '../../src/server/inbox/users.ts';
import type { Db } from '../../src/server/db.ts';
import { CONTENT_FOLDER } from '../support/fixture.ts';

/** The story the test repository starts with, in the articles folder of the CMS config. */
export const STORY = `${CONTENT.articles}/yi-zhan-shu-jia/index.mdx`;
export const STORY_TEXT = '---\ntitle: 驿站里的书架\n---\n\n快递驿站的角落里多了一个书架。\n';

/** Runs git in `repo` as a person at the keyboard would, with a fixed identity. */
export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'setup',
      GIT_AUTHOR_EMAIL: 'setup@example.invalid',
      GIT_COMMITTER_NAME: 'setup',
      GIT_COMMITTER_EMAIL: 'setup@example.invalid',
    },
  }).trim();
}

/**
 * A repository with the content branch `main` checked out: one story, the
 * code and configuration an editor must never reach (package.json, src/,
 * astro.config.mjs), and a symbolic link inside the content tree that points
 * at src/ (as a careless commit could leave one).
 */
export function makeContentRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'cms-git-'));
  git(repo, 'init', '--quiet', '-b', 'main');
  const files: Record<string, string> = {
    [STORY]: STORY_TEXT,
    'package.json': '{ "name": "newsroom" }\n',
    'astro.config.mjs': 'export default {};\n',
    'src/pages/index.astro': '<h1>水城</h1>\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  symlinkSync('../src', join(repo, CONTENT_FOLDER, 'link'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '--quiet', '-m', 'initial content');
  return repo;
}

/** Creates an account that has set its own password and signs it in; returns the Cookie header. */
export async function signedInEditor(db: Db, name: string, mustChange = false): Promise<string> {
  await addUser(db, name);
  const row = db
    .prepare('UPDATE users SET must_change = ? WHERE name = ? RETURNING id')
    .get(mustChange ? 1 : 0, name) as { id: number };
  return `${SESSION_COOKIE}=${createSession(db, row.id)}`;
}
