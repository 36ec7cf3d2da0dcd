/**
 * An editor works from home against the newsroom's own Git backend
 * (CMS_BACKEND=newsroom): the built site, real Decap CMS in Chromium, the
 * editor's own inbox account, and a throwaway copy of the project as the
 * content repository. /admin/ asks for the sign-in first; the story the
 * editor publishes lands on the content branch as the editor's commit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CONTENT } from '../../cms/config.ts';
import { git, makeTempRepo, removeTempRepo } from '../../cms/testing/repo.ts';
import {
  expand,
  fillNewArticle,
  group,
  openAdmin,
  publishFromEditor,
  saveEntry,
  uploadImage,
} from '../../cms/testing/editor.ts';
import { openDatabase } from '../../src/server/db.ts';
import { addUser } from '../../src/server/inbox/users.ts';
import { launchBrowser, recordForeignRequests } from '../support/browser.ts';
import { startSite, type RunningSite } from '../support/server.ts';

let repo: string;
let site: RunningSite;
let browser: Browser;
let page: Page;
let foreign: string[];
let password: string;
const EDITOR = 'wangmin';
const SLUG = 'she-qu-shi-tang-kai-zhang';
/** /admin/ ignores ?decap= unless the backend is the local one; the port is a placeholder. */
const NO_DECAP = 0;
const PHOTO = 'shi-tang.jpg';
const images = mkdtempSync(join(tmpdir(), 'cms-newsroom-images-'));

beforeAll(async () => {
  repo = makeTempRepo();
  site = await startSite({ CMS_BACKEND: 'newsroom', PUBLISH_REPO: repo, PUBLISH_BRANCH: 'main' });
  // A real account in the site's SQLite, as `npm run inbox -- add-user` makes it, its password already changed.
  const db = openDatabase(site.dataDir);
  password = await addUser(db, EDITOR);
  db.prepare('UPDATE users SET must_change = 0 WHERE name = ?').run(EDITOR);
  db.close();
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#b0161e' } })
    .jpeg()
    .toFile(join(images, PHOTO));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  foreign = recordForeignRequests(page);
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  removeTempRepo(repo);
});

describe('the CMS on the newsroom’s own server', () => {
  test('/admin/ first asks for the editor’s account, then comes back to the CMS', async () => {
    await page.goto(`${site.origin}/admin/`);
    expect(new URL(page.url()).pathname).toBe('/inbox/login/');
    await page.getByLabel('账号').fill(EDITOR);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${site.origin}/admin/`);
    await openAdmin(page, site.origin, NO_DECAP);
    await expect.poll(() => page.getByRole('link', { name: '稿件' }).first().isVisible()).toBe(true);
  });

  test('a story created and published in the CMS is the editor’s commit on the content branch', async () => {
    const before = git(repo, 'rev-parse', 'main').trim();
    await fillNewArticle(page, site.origin, NO_DECAP, {
      title: '社区食堂开张了',
      slug: SLUG,
      summary: '东昌府区的第一家社区食堂开张，老人花十元就能吃上两荤一素，志愿者每天送餐上门。',
      body: '早上十点，食堂门口已经排起了队。',
    });
    // A photo from the editor's computer, saved beside the story through the same backend.
    await expand(page, 'hero');
    await group(page, 'hero').getByRole('button', { name: '选择图片' }).click();
    await uploadImage(page, join(images, PHOTO));
    await group(page, 'hero').locator('input[id^="alt-field"]').fill('社区食堂门口排队等午饭的老人');
    await saveEntry(page);
    // Saved in the workflow: on its own branch, the content branch untouched.
    expect(git(repo, 'rev-parse', 'main').trim()).toBe(before);
    expect(git(repo, 'log', '-1', '--format=%an', `cms/articles/${SLUG}/index`).trim()).toBe(EDITOR);

    await publishFromEditor(page);
    const path = `${CONTENT.articles}/${SLUG}/index.mdx`;
    expect(git(repo, 'show', `main:${path}`)).toContain('社区食堂开张了');
    expect(git(repo, 'show', `main:${path}`)).toContain(`./${PHOTO}`);
    expect(git(repo, 'cat-file', '-t', `main:${CONTENT.articles}/${SLUG}/${PHOTO}`).trim()).toBe('blob');
    expect(git(repo, 'log', '-1', '--format=%an <%ae>', 'main').trim()).toBe(
      `${EDITOR} <${EDITOR}@editors.newsroom.invalid>`,
    );
    // Every commit the CMS made is the editor's; none is the copy's own Git identity.
    expect(git(repo, 'log', '--format=%an', `${before}..main`).trim().split('\n')).toEqual([EDITOR, EDITOR]);
    expect(git(repo, 'branch', '--list', 'cms/*').trim()).toBe('');
    expect(foreign).toEqual([]);
  });
});
