/**
 * The newsroom's own Git backend of the CMS (src/server/cms-git/), called as
 * Decap's proxy backend calls it, with real Requests, against a real Git
 * repository and real inbox accounts in SQLite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT } from '../../cms/config.ts';
import { commitInfo } from '../../src/publishing/git.ts';
import { renderStatusPage } from '../../src/publishing/status-page.ts';
import type { PublishStatus } from '../../src/publishing/status.ts';
import { GitStore, StaleBranchError } from '../../src/server/cms-git/git-store.ts';
import { COMMITTER, handleCmsGit } from '../../src/server/cms-git/handler.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { CONTENT_FOLDER } from '../support/fixture.ts';
import { git, makeContentRepo, signedInEditor, STORY, STORY_TEXT } from './cms-git-helpers.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

let repo: string;
let services: Services;
let wang: string;
let li: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  repo = makeContentRepo();
  services = createServices({ dataDir: mkdtempSync(join(tmpdir(), 'cms-git-data-')), retentionDays: 180 });
  wang = await signedInEditor(services.db, 'wangmin');
  li = await signedInEditor(services.db, 'lina');
  env = { CMS_BACKEND: 'newsroom', PUBLISH_REPO: repo, PUBLISH_BRANCH: 'main' };
});
afterAll(() => {
  services.close();
});

const CHINESE = /[\u4e00-\u9fff]/;

function call(body: unknown, cookie?: string, init: RequestInit = {}): Promise<Response> {
  return handleCmsGit(
    new Request('http://127.0.0.1:4321/api/cms/git/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(body),
      ...init,
    }),
    { inbox: services.inbox, env },
  );
}

const head = (branch = 'main') => git(repo, 'rev-parse', branch);
const branches = () => git(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/');

/** What Decap's proxy backend sends to save an entry in the editorial workflow. */
function persist(
  path: string,
  raw: string,
  slug = 'xin-gao/index',
  assets: { path: string; content: string }[] = [],
) {
  return {
    action: 'persistEntry',
    params: {
      branch: 'main',
      dataFiles: [{ slug, path, raw }],
      assets: assets.map((a) => ({ ...a, encoding: 'base64' })),
      options: {
        collectionName: 'articles',
        commitMessage: `Create Articles “${slug}”`,
        useWorkflow: true,
        status: 'draft',
      },
    },
  };
}

describe('only a signed-in editor reaches the backend', () => {
  it.each([
    ['no cookie', undefined],
    ['an unknown session', '__Host-swd_inbox=not-a-session'],
  ])(
    'with %s every action is refused with 401 and a Chinese message, and Git is untouched',
    async (_, cookie) => {
      const before = head();
      for (const body of [
        { action: 'info' },
        { action: 'getEntry', params: { branch: 'main', path: STORY } },
        persist(`${CONTENT.articles}/xin-gao/index.mdx`, 'x'),
        { action: 'nonsense' },
        'not even an object',
      ]) {
        const response = await call(body, cookie);
        expect(response.status).toBe(401);
        const { error } = (await response.json()) as { error: string };
        expect(error).toMatch(CHINESE);
      }
      const get = await handleCmsGit(new Request('http://127.0.0.1:4321/api/cms/git/'), {
        inbox: services.inbox,
        env,
      });
      expect(get.status).toBe(401);
      const signedInGet = await handleCmsGit(
        new Request('http://127.0.0.1:4321/api/cms/git/', { headers: { Cookie: wang } }),
        { inbox: services.inbox, env },
      );
      expect(signedInGet.status).toBe(405);
      expect(((await signedInGet.json()) as { error: string }).error).toContain('POST');
      expect(head()).toBe(before);
      expect(branches()).toBe('main');
    },
  );

  it('refuses an editor who has not yet changed the one-time password with 403', async () => {
    const fresh = await signedInEditor(services.db, 'xinren', true);
    const response = await call({ action: 'getEntry', params: { branch: 'main', path: STORY } }, fresh);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain('一次性密码');
  });

  it('answers a signed-in editor, and reads the story from the branch', async () => {
    const response = await call({ action: 'getEntry', params: { branch: 'main', path: STORY } }, wang);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: STORY_TEXT, file: { path: STORY } });
    const folder = await call(
      {
        action: 'entriesByFolder',
        params: { branch: 'main', folder: CONTENT.articles, extension: 'mdx', depth: 2 },
      },
      wang,
    );
    expect(((await folder.json()) as { file: { path: string } }[]).map((e) => e.file.path)).toEqual([STORY]);
  });

  it('says so when this server does not use the newsroom backend, still only to a signed-in editor', async () => {
    const local = (cookie?: string) =>
      handleCmsGit(
        new Request('http://127.0.0.1:4321/api/cms/git/', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
          body: JSON.stringify({ action: 'info' }),
        }),
        { inbox: services.inbox, env: { PUBLISH_REPO: repo } },
      );
    expect((await local()).status).toBe(401);
    const signedIn = await local(wang);
    expect(signedIn.status).toBe(404);
    expect(((await signedIn.json()) as { error: string }).error).toContain('CMS_BACKEND=newsroom');
  });
});

describe('writes go only under the content tree and the media folders', () => {
  const TRICKS = [
    'package.json',
    'astro.config.mjs',
    'src/pages/index.astro',
    `${CONTENT_FOLDER}/../package.json`,
    `${CONTENT_FOLDER}/./articles/x/index.mdx`,
    `${CONTENT_FOLDER}\\..\\package.json`,
    `/${CONTENT_FOLDER}/articles/x/index.mdx`,
    '/srv/newsroom/package.json',
    '/etc/passwd',
    `${CONTENT_FOLDER}/.gitattributes`,
    '.git/config',
    `${CONTENT_FOLDER.toUpperCase()}/articles/x/index.mdx`,
    `${CONTENT_FOLDER}/articles/x/index.mdx\u0000.txt`,
    `${CONTENT_FOLDER}//articles/x/index.mdx`,
    `${CONTENT_FOLDER}/link/evil.ts`,
    `${CONTENT_FOLDER}/link`,
    `${CONTENT.articles}/yi-zhan-shu-jia/index.mdx/child.mdx`,
    // Served from the site's own origin, beside the inbox and the CMS: never HTML, SVG or scripts.
    'public/uploads/evil.html',
    `${CONTENT.articles}/yi-zhan-shu-jia/evil.svg`,
    `${CONTENT.articles}/x/index.js`,
    `${CONTENT.articles}/x/noextension`,
  ];

  it.each(TRICKS)(
    'refuses a save to %j with a 4xx and a Chinese message, leaving every branch as it was',
    async (path) => {
      const before = head();
      for (const body of [
        persist(path, 'export const x = 1;\n'),
        persist(`${CONTENT.articles}/xin-gao/index.mdx`, '---\ntitle: 新稿\n---\n', 'xin-gao/index', [
          { path, content: Buffer.from('evil').toString('base64') },
        ]),
        {
          action: 'persistMedia',
          params: {
            branch: 'main',
            asset: { path, content: 'ZXZpbA==', encoding: 'base64' },
            options: { commitMessage: 'Upload' },
          },
        },
        {
          action: 'deleteFiles',
          params: { branch: 'main', paths: [path], options: { commitMessage: 'Delete' } },
        },
        {
          action: 'persistEntry',
          params: { ...persist(path, 'x').params, options: { commitMessage: 'Simple', useWorkflow: false } },
        },
      ]) {
        const response = await call(body, wang);
        expect(response.status, JSON.stringify(body).slice(0, 120)).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(((await response.json()) as { error: string }).error).toMatch(CHINESE);
      }
      expect(head()).toBe(before);
      expect(branches()).toBe('main');
      expect(readFileSync(join(repo, 'package.json'), 'utf8')).toBe('{ "name": "newsroom" }\n');
    },
  );

  it('names the file and why in the refusal', async () => {
    const response = await call(persist('package.json', '{}'), wang);
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: string };
    expect(error).toContain('package.json');
    expect(error).toContain(`${CONTENT_FOLDER}/`);
    expect(error).toContain('不能改动代码或配置');
  });

  it('refuses to publish an entry branch that someone pushed with a change to the code', async () => {
    git(repo, 'branch', 'cms/articles/hei-ke/index', 'main');
    const work = mkdtempSync(join(tmpdir(), 'cms-git-wt-'));
    git(repo, 'worktree', 'add', '--quiet', work, 'cms/articles/hei-ke/index');
    git(work, 'rm', '--quiet', 'package.json');
    git(work, 'commit', '--quiet', '-m', 'drop package.json');
    git(repo, 'worktree', 'remove', '--force', work);
    const before = head();
    const response = await call(
      {
        action: 'publishUnpublishedEntry',
        params: { branch: 'main', collection: 'articles', slug: 'hei-ke/index' },
      },
      wang,
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain('package.json');
    expect(head()).toBe(before);
    git(repo, 'branch', '-D', 'cms/articles/hei-ke/index');
  });
});

describe('each commit is the signed-in editor’s', () => {
  const PATH = `${CONTENT.articles}/xin-gao/index.mdx`;
  const RAW = '---\ntitle: 新开的社区食堂\n---\n\n社区食堂开张了。\n';
  const PHOTO = `${CONTENT.articles}/xin-gao/shi-tang.jpg`;

  it('saves a draft on its own branch, authored by the editor, committed by the newsroom service', async () => {
    const before = head();
    const response = await call(
      persist(PATH, RAW, 'xin-gao/index', [
        { path: PHOTO, content: Buffer.from('jpeg bytes').toString('base64') },
      ]),
      wang,
    );
    expect(response.status).toBe(200);
    expect(head()).toBe(before);
    const entry = 'cms/articles/xin-gao/index';
    expect(git(repo, 'log', '-1', '--format=%an <%ae>|%cn <%ce>', entry)).toBe(
      `wangmin <wangmin@editors.newsroom.invalid>|${COMMITTER.name} <${COMMITTER.email}>`,
    );
    expect(git(repo, 'show', `${entry}:${PATH}`)).toBe(RAW.trim());
    const listed = await call({ action: 'unpublishedEntries', params: { branch: 'main' } }, wang);
    expect(await listed.json()).toEqual(['articles/xin-gao/index']);
    const unpublished = await call(
      { action: 'unpublishedEntry', params: { branch: 'main', id: 'articles/xin-gao/index' } },
      li,
    );
    expect(await unpublished.json()).toMatchObject({
      status: 'draft',
      pullRequestAuthor: 'wangmin',
      diffs: [
        { path: PATH, newFile: true, binary: false },
        { path: PHOTO, newFile: true, binary: true },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    });
    const data = await call(
      {
        action: 'unpublishedEntryDataFile',
        params: { branch: 'main', collection: 'articles', slug: 'xin-gao/index', path: PATH },
      },
      li,
    );
    expect(await data.json()).toEqual({ data: RAW });
  });

  it('publishes it as a merge authored by the editor who pressed 发布, which the status page shows', async () => {
    const status = await call(
      {
        action: 'updateUnpublishedEntryStatus',
        params: {
          branch: 'main',
          collection: 'articles',
          slug: 'xin-gao/index',
          newStatus: 'pending_publish',
        },
      },
      li,
    );
    expect(status.status).toBe(200);
    expect(git(repo, 'config', 'branch.cms/articles/xin-gao/index.description')).toBe(
      'decap-cms/pending_publish',
    );
    const published = await call(
      {
        action: 'publishUnpublishedEntry',
        params: { branch: 'main', collection: 'articles', slug: 'xin-gao/index' },
      },
      li,
    );
    expect(published.status).toBe(200);
    expect(git(repo, 'log', '-1', '--format=%an|%cn|%P', 'main').split('|').slice(0, 2)).toEqual([
      'lina',
      COMMITTER.name,
    ]);
    expect(git(repo, 'log', '-1', '--format=%P', 'main').split(' ')).toHaveLength(2);
    expect(git(repo, 'show', `main:${PATH}`)).toBe(RAW.trim());
    expect(branches()).toBe('main');
    // main is checked out here: its working tree follows, and nothing is left modified or untracked.
    expect(readFileSync(join(repo, PATH), 'utf8')).toBe(RAW);
    expect(git(repo, 'status', '--porcelain')).toBe('');

    const info = await commitInfo(repo, head());
    const page = renderStatusPage({
      branch: 'main',
      live: {
        commit: info,
        dir: '/srv/site',
        buildNow: info.date,
        liveAt: info.date,
        seconds: 9,
        stories: 2,
      },
      history: [{ commit: info, result: 'live', at: info.date, seconds: 9 }],
      updatedAt: info.date,
    } as PublishStatus);
    expect(page).toContain('lina');
  });

  it('saves straight to the branch in the simple mode, also as the editor', async () => {
    const path = `${CONTENT.articles}/yi-zhan-shu-jia/index.mdx`;
    const response = await call(
      {
        action: 'persistEntry',
        params: {
          ...persist(path, `${STORY_TEXT}\n又多了一排。\n`, 'yi-zhan-shu-jia/index').params,
          options: { commitMessage: 'Update', useWorkflow: false },
        },
      },
      wang,
    );
    expect(response.status).toBe(200);
    expect(git(repo, 'log', '-1', '--format=%an', 'main')).toBe('wangmin');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });
});

describe('parallel saves', () => {
  it('all land, one commit each, none lost', async () => {
    const before = head();
    const saves = Array.from({ length: 6 }, (_, i) =>
      call(
        {
          action: 'persistEntry',
          params: {
            ...persist(
              `${CONTENT.articles}/bing-xing-${String(i)}/index.mdx`,
              `第 ${String(i)} 篇\n`,
              `bing-xing-${String(i)}/index`,
            ).params,
            options: { commitMessage: `Parallel ${String(i)}`, useWorkflow: false },
          },
        },
        i % 2 ? wang : li,
      ),
    );
    expect((await Promise.all(saves)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(git(repo, 'rev-list', '--count', `${before}..main`)).toBe('6');
    for (let i = 0; i < 6; i++) {
      expect(git(repo, 'show', `main:${CONTENT.articles}/bing-xing-${String(i)}/index.mdx`)).toBe(
        `第 ${String(i)} 篇`,
      );
    }
  });

  it('a branch moved by another process meanwhile is not overwritten', async () => {
    const store = new GitStore(repo, COMMITTER);
    const tip = head();
    const mine = await store.commit({
      base: tip,
      parents: [tip],
      changes: [],
      message: 'mine',
      author: COMMITTER,
    });
    git(repo, 'commit', '--quiet', '--allow-empty', '-m', 'someone else');
    const theirs = head();
    await expect(store.moveBranch('main', mine, tip)).rejects.toBeInstanceOf(StaleBranchError);
    expect(head()).toBe(theirs);
  });
});

describe('names are names', () => {
  it('takes a * in a path literally: deleting <articles>/*.mdx removes nothing and says the file is not there', async () => {
    const before = head();
    const response = await call(
      {
        action: 'deleteFiles',
        params: {
          branch: 'main',
          paths: [`${CONTENT.articles}/*.mdx`],
          options: { commitMessage: 'Delete' },
        },
      },
      wang,
    );
    expect(response.status).toBe(404);
    expect(head()).toBe(before);
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main', '--', CONTENT.articles)).toContain(STORY);
  });

  it('keeps Chinese file names of photos as they are', async () => {
    const photo = `${CONTENT.articles}/yi-zhan-shu-jia/书架.jpg`;
    const saved = await call(
      {
        action: 'persistMedia',
        params: {
          branch: 'main',
          asset: { path: photo, content: Buffer.from('jpeg').toString('base64'), encoding: 'base64' },
          options: { commitMessage: 'Upload' },
        },
      },
      wang,
    );
    expect(saved.status).toBe(200);
    const media = await call(
      { action: 'getMedia', params: { branch: 'main', mediaFolder: `${CONTENT.articles}/yi-zhan-shu-jia` } },
      li,
    );
    const files = (await media.json()) as { path: string; name: string; content: string }[];
    expect(files.find((f) => f.name === '书架.jpg')).toMatchObject({ path: photo, content: 'anBlZw==' });
  });
});

describe('requests another site could make a browser send', () => {
  it.each([
    ['text/plain', JSON.stringify(persist(`${CONTENT.articles}/csrf/index.mdx`, 'x', 'csrf/index'))],
    ['application/x-www-form-urlencoded', 'action=persistEntry'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])(
    'a %s body is refused with 415 even with the editor’s cookie, and nothing is written',
    async (type, body) => {
      const before = head();
      const response = await handleCmsGit(
        new Request('http://127.0.0.1:4321/api/cms/git/', {
          method: 'POST',
          headers: { 'Content-Type': type, Cookie: wang },
          body,
        }),
        { inbox: services.inbox, env },
      );
      expect(response.status).toBe(415);
      expect(((await response.json()) as { error: string }).error).toContain('JSON');
      expect(head()).toBe(before);
      expect(branches()).toBe('main');
    },
  );

  it('refuses a body over the server’s limit with 413 and a Chinese message', async () => {
    const photo = 'A'.repeat(43 * 1024 * 1024);
    const response = await call(
      persist(`${CONTENT.articles}/da/index.mdx`, 'x', 'da/index', [
        { path: `${CONTENT.articles}/da/big.jpg`, content: photo },
      ]),
      wang,
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toContain('MB');
  });

  it('answers malformed parameters with 422 naming the field, in Chinese', async () => {
    const response = await call({ action: 'getEntry', params: { branch: 'main', path: 42 } }, wang);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: string };
    expect(error).toContain('params.path');
    expect(error).toMatch(CHINESE);
    for (const id of ['../../heads/main', 'articles/../main', 'nosuchcollection/x', 'articles']) {
      const bad = await call({ action: 'unpublishedEntry', params: { branch: 'main', id } }, wang);
      expect(bad.status, id).toBe(422);
    }
    const unknown = await call({ action: 'dropDatabase', params: {} }, wang);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: string }).error).toContain('dropDatabase');
  });
});
