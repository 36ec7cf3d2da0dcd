/**
 * The CMS story search and story list read the repository and branch the
 * editors save to: PUBLISH_REPO and PUBLISH_BRANCH, as `npm start` gives them
 * to the publisher and the backends, not the server's working directory.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { git, makeTempRepo, removeTempRepo } from '../../cms/testing/repo.ts';
import { startSite, type RunningSite } from '../support/server.ts';
import { CONTENT } from '../../cms/config.ts';

/** A word that only the story committed below contains. */
const WORD = '鸬鹚渔歌';
const FOLDER = 'lu-ci-yu-ge-shi-yan';

let repo: string;
let site: RunningSite;

beforeAll(async () => {
  repo = makeTempRepo();
  // The desk's own branch, with one story that is nowhere else.
  git(repo, 'checkout', '-q', '-b', 'desk');
  const stories = join(repo, CONTENT.articles);
  const source = join(stories, 'dong-e-wang-pi-xi');
  cpSync(source, join(stories, FOLDER), { recursive: true });
  const file = join(stories, FOLDER, 'index.mdx');
  const text = readFileSync(file, 'utf8')
    .replace(/^publishedAt: .*$/m, 'publishedAt: 2030-05-01 09:00')
    .concat(`\n运河上又响起${WORD}。\n`);
  writeFileSync(file, text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'a story on the desk branch');
  git(repo, 'checkout', '-q', 'main');
  site = await startSite({ PUBLISH_REPO: repo, PUBLISH_BRANCH: 'desk' });
}, 60_000);

afterAll(async () => {
  await site.stop();
  removeTempRepo(repo);
});

const ask = async (query: string) => {
  const res = await fetch(`${site.origin}/api/cms/search.json?${query}`);
  return {
    status: res.status,
    body: (await res.json()) as { hits?: { path: string }[]; total?: number; error?: string },
  };
};

test('the search finds a story that is only on PUBLISH_BRANCH of PUBLISH_REPO', async () => {
  const { status, body } = await ask(`q=${encodeURIComponent(WORD)}`);
  expect(status).toBe(200);
  expect(body.hits?.map((h) => h.path)).toEqual([`${CONTENT.articles}/${FOLDER}/index.mdx`]);
});

test('the story list comes a page at a time from the same branch, newest first', async () => {
  const all = (await ask('page=1&size=100')).body;
  const first = await ask('page=1&size=2');
  const second = await ask('page=2&size=2');
  expect(first.status).toBe(200);
  expect(first.body.total).toBe(all.total);
  expect(first.body.hits?.map((h) => h.path)).toEqual(all.hits?.slice(0, 2).map((h) => h.path));
  expect(second.body.hits?.map((h) => h.path)).toEqual(all.hits?.slice(2, 4).map((h) => h.path));
  // Only the scheduled fixture story (2099) is newer than the desk's story of 2030.
  expect(all.hits?.[1]?.path).toBe(`${CONTENT.articles}/${FOLDER}/index.mdx`);
});

test('a page that is not a number is refused with what to send', async () => {
  const { status, body } = await ask('page=zero');
  expect(status).toBe(400);
  expect(body.error).toContain('page');
});
