/**
 * What the CMS refuses or tidies when an editor clicks 保存, seen as the
 * editor sees it: the built /admin/ against decap-server (git mode) on a
 * throwaway copy of the project, in Chromium. A refused save leaves the
 * repository exactly as it was; an accepted one commits cleaned text.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';
import { CONTENT } from '../../cms/config.ts';
import {
  git,
  makeTempRepo,
  removeTempRepo,
  startDecapServer,
  type DecapServer,
} from '../../cms/testing/repo.ts';
import {
  admin,
  choose,
  fillNewArticle,
  login,
  openAdmin,
  refusedSave,
  saveEntry,
} from '../../cms/testing/editor.ts';

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let page: Page;

/** Every commit on every branch, so that a refused save can be shown to have written nothing. */
const allCommits = (): string => git(repo, 'rev-list', '--all');

beforeAll(async () => {
  repo = makeTempRepo();
  decap = await startDecapServer(repo, await freePort());
  site = await startSite();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Leaving a form with unsaved changes asks first; each test starts a new story, so it leaves.
  page.on('dialog', (dialog) => {
    void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
  });
  await page.goto(admin(site.origin, decap.port));
  await login(page);
  await page.getByRole('link', { name: '稿件' }).first().waitFor();
});

// Each test starts in a new tab (the login is kept): the old one holds on to an unsaved form.
beforeEach(async () => {
  await page.close();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

describe('the CMS in the words of the newsroom', () => {
  test('the new-entry buttons read 新建稿件 and the workflow names each state once', async () => {
    await openAdmin(page, site.origin, decap.port, '#/collections/articles');
    await expect.poll(() => page.getByRole('link', { name: '新建稿件' }).isVisible()).toBe(true);
    await page.goto(admin(site.origin, decap.port, '#/workflow'));
    await expect.poll(() => page.getByText('新建稿件', { exact: true }).isVisible()).toBe(true);
    const board = await page.locator('body').innerText();
    for (const state of ['草稿', '审核中', '就绪']) expect(board).toContain(state);
    for (const other of ['帖子', '审查中', '待审', '待检查']) expect(board).not.toContain(other);
  });
});

describe('saving a new story', () => {
  test('a slug another story already has is refused, naming that story, and nothing is committed', async () => {
    const before = allCommits();
    await fillNewArticle(page, site.origin, decap.port, {
      title: '东阿王皮戏再登台',
      slug: 'dong-e-wang-pi-xi',
    });
    const message = await refusedSave(page);
    expect(message).toContain('网址别名："dong-e-wang-pi-xi"已经被稿件《东阿濒危剧种王皮戏焕生机》用了');
    expect(message).not.toMatch(/Error|index-1/);
    // Decap's own fallback would have committed dong-e-wang-pi-xi/index-1.mdx on a cms/ branch.
    await new Promise((r) => setTimeout(r, 1000));
    expect(allCommits()).toBe(before);
    expect(git(repo, 'branch', '--list', 'cms/*').trim()).toBe('');
  });

  test('a rule across fields is refused in plain Chinese, naming the field and no schema keys', async () => {
    const before = allCommits();
    await fillNewArticle(page, site.origin, decap.port, {
      title: '临清快递小哥',
      slug: 'lin-qing-kuai-di-xiao-ge',
    });
    await choose(page, 'kind', '人物');
    const message = await refusedSave(page);
    expect(message).toContain('人物：人物稿必须填写主人公：姓名和身份');
    expect(message).not.toMatch(/Error|kind|profile|subject/);
    expect(allCommits()).toBe(before);
  });

  test('zero-width characters pasted into the title are removed on save, with a note saying so', async () => {
    const slug = 'lin-qing-kuai-di-xiao-ge';
    await fillNewArticle(page, site.origin, decap.port, {
      title: '临清\u200b快递小哥\u200d十年送件不差一单\ufeff',
      slug,
    });
    await saveEntry(page);
    const note = page.getByRole('status').filter({ hasText: '保存时整理了' });
    await expect.poll(() => note.innerText()).toContain('主标题：删除了 3 个看不见的零宽字符');
    const file = git(repo, 'show', `cms/articles/${slug}/index:${CONTENT.articles}/${slug}/index.mdx`);
    expect(file).toContain('\ntitle: 临清快递小哥十年送件不差一单\n');
    expect(file).not.toMatch(/[\u200b\u200d\ufeff]/);
  });

  test('the workflow card of the saved draft shows its date in Chinese', async () => {
    await openAdmin(page, site.origin, decap.port, '#/workflow');
    const card = page.getByRole('link').filter({ hasText: '临清快递小哥十年送件不差一单' }).first();
    await card.waitFor({ timeout: 20_000 });
    expect(await card.innerText()).toMatch(/\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(await card.innerText()).not.toMatch(
      /January|February|March|April|May|June|July|August|September|October|November|December/,
    );
  });

  test('a slug a workflow draft already has is refused too, naming the draft', async () => {
    const before = allCommits();
    await fillNewArticle(page, site.origin, decap.port, {
      title: '临清快递小哥又一年',
      slug: 'lin-qing-kuai-di-xiao-ge',
    });
    const message = await refusedSave(page);
    expect(message).toContain(
      '网址别名："lin-qing-kuai-di-xiao-ge"已经被工作流里的稿件《临清快递小哥十年送件不差一单》用了',
    );
    expect(allCommits()).toBe(before);
  });
});
