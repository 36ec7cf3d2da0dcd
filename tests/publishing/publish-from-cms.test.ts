/**
 * The core loop, as a newsroom lives it: `npm start` on a content
 * repository; an editor writes a brief in /admin/ and presses 发布; nobody
 * types a command; the story is on the site and found by search within
 * seconds, and the CMS says so. Real Chromium, real Decap CMS against
 * decap-server, real Git, real builds and a real Pagefind index.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { admin, choose, login, publishFromEditor, saveEntry } from '../../cms/testing/editor.ts';
import { readStatus } from '../../src/publishing/status.ts';
import { runAxe } from '../support/axe.ts';
import { validateHtml } from '../support/vnu.ts';
import { launchBrowser, recordForeignRequests } from '../support/browser.ts';
import {
  git,
  makeContentRepo,
  startProduct,
  waitFor,
  workFolder,
  type RunningProduct,
} from '../support/publish-repo.ts';

const TITLE = '古楼街道开出第一家社区书房';
// The CMS makes the slug from the title's pinyin.
const SLUG = 'gu-lou-jie-dao-kai-chu-di-yi-jia-she-qu-shu-fang';
const WORD = '社区书房';

let repo: string;
let product: RunningProduct;
let browser: Browser;
let page: Page;
let foreign: string[];
const workDir = workFolder('publish-cms');

beforeAll(async () => {
  repo = makeContentRepo();
  product = await startProduct(repo, workDir);
  const head = git(repo, 'rev-parse', 'HEAD');
  const live = await waitFor(
    () => Promise.resolve(readStatus(product.statusFile)?.live?.commit.sha === head ? true : undefined),
    170_000,
  );
  expect(live, product.output()).toBe(true);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  foreign = recordForeignRequests(page);
}, 180_000);

afterAll(async () => {
  await browser.close();
  await product.stop();
  rmSync(repo, { recursive: true, force: true });
});

test('an editor presses 发布 in the CMS and the story is on the site and in search within seconds', async () => {
  await page.goto(admin(product.origin, product.cmsPort, '#/collections/articles/new'));
  await login(page);
  // The CMS shows what is live, from the publisher.
  const badge = page.locator('#publish-badge');
  await expect.poll(() => badge.innerText(), { timeout: 20_000 }).toMatch(/^线上版本 [0-9a-f]{7}/);

  const title = page.locator('input[id^="title-field"]').first();
  await title.click();
  await page.keyboard.insertText(TITLE);
  await page.locator('textarea[id^="summary-field"]').click();
  await page.keyboard.insertText(
    '古楼街道把闲置的社区活动室改成书房，晚上九点前都开着，居民刷身份证就能借书。',
  );
  await choose(page, 'kind', '简讯');
  await choose(page, 'column', '广角镜');
  await page.getByRole('button', { name: '新增署名' }).click();
  await choose(page, 'author', '赵琦', 0);
  await choose(page, 'role', '记者', 0);
  await page.locator('input[id^="publishedAt-field"]').fill('2026-05-02T09:00');
  const body = page.locator('[data-slate-editor="true"]').first();
  await body.scrollIntoViewIfNeeded();
  await body.click();
  await page.keyboard.insertText(`书房有三千多册图书，${WORD}由社区志愿者轮流值守。`);
  await expect.poll(() => page.locator('input[id^="slug-field"]').inputValue()).toBe(SLUG);

  await saveEntry(page);
  await publishFromEditor(page);
  const published = Date.now();

  // Nobody runs a build: the page appears by itself.
  const onSite = await waitFor(async () => {
    const res = await fetch(`${product.origin}/articles/${SLUG}/`);
    return res.status === 200 ? Date.now() : undefined;
  }, 120_000);
  expect(onSite, product.output()).toBeDefined();
  console.log(`CMS 发布 → story served: ${(((onSite as number) - published) / 1000).toFixed(1)} s`);

  const reader = await browser.newPage();
  await reader.goto(`${product.origin}/search/?q=${encodeURIComponent(WORD)}`);
  await expect
    .poll(() => reader.locator(`a[href="/articles/${SLUG}/"]`).count(), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await reader.goto(`${product.origin}/`);
  expect(await reader.locator('main').innerText()).toContain(TITLE);
  await reader.close();

  // The CMS's badge and the status page say who published what.
  await expect
    .poll(() => badge.innerText(), { timeout: 20_000 })
    .toContain(git(repo, 'rev-parse', '--short=7', 'HEAD'));
  await page.goto(`${product.origin}/admin/publishing/`);
  expect(await page.locator('main').innerText()).toContain(git(repo, 'log', '-1', '--format=%s'));
  expect(foreign).toEqual([]);
}, 300_000);

test('the publishing status page is accessible and valid HTML', async () => {
  // axe is injected as a script, which the page's own CSP rightly refuses.
  const context = await browser.newContext({ bypassCSP: true });
  const status = await context.newPage();
  await status.goto(`${product.origin}/admin/publishing/`);
  expect(await runAxe(status)).toEqual([]);
  const file = join(workDir, 'status-page.html');
  writeFileSync(file, await (await fetch(`${product.origin}/admin/publishing/`)).text());
  expect(await validateHtml([file])).toEqual([]);
  await context.close();
});
