import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordForeignRequests } from '../support/browser.ts';
import { runAxe } from '../support/axe.ts';
import { startSite, type RunningSite } from '../support/server.ts';
import { validateHtml } from '../support/vnu.ts';
import { CONTENT_FOLDER } from '../support/fixture.ts';
import { addEditor, tipForm } from '../server/tips-site.ts';

/** An editor signs in, finds a reader's tip, moves it to 核实中 and adds a note — all without JavaScript. */
let site: RunningSite;
let browser: Browser;
// The content repository the 回音 board commits to (PUBLISH_REPO), a scratch one, never the project's.
const contentRepo = mkdtempSync(join(tmpdir(), 'inbox-content-'));
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: contentRepo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@x',
    },
  }).trim();
beforeAll(async () => {
  git('init', '--quiet', '-b', 'main');
  mkdirSync(join(contentRepo, CONTENT_FOLDER));
  writeFileSync(join(contentRepo, CONTENT_FOLDER, 'README'), 'content\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'initial content tree');
  [site, browser] = await Promise.all([
    startSite({ PUBLISH_REPO: contentRepo, PUBLISH_BRANCH: 'main' }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser.close();
  await site.stop();
});

const TIP = '阳光小区南门外的下水道堵了三天，污水漫到人行道上，附近商户反映多次没人管。';

describe('editors inbox', () => {
  it('signs in with a __Host- cookie on http://127.0.0.1, triages a tip and passes axe', async () => {
    const posted = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: tipForm(TIP),
      headers: { Origin: site.origin },
      redirect: 'manual',
    });
    const ref = new URL(posted.headers.get('location') ?? '', site.origin).searchParams.get('ref') ?? '';
    expect(ref).toMatch(/^XS-\d{8}-0001$/);
    const password = await addEditor(site.dataDir, 'liu');

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const foreign = recordForeignRequests(page);
    const audit = async () => {
      // axe needs scripts; audit the same page (same cookie) in a scripted context that ignores CSP.
      const scripted = await browser.newContext({
        bypassCSP: true,
        storageState: await context.storageState(),
      });
      const p = await scripted.newPage();
      await p.goto(page.url());
      const violations = await runAxe(p);
      await scripted.close();
      return violations;
    };

    await page.goto(`${site.origin}/inbox/`);
    expect(page.url()).toBe(`${site.origin}/inbox/login/`);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    expect(await audit()).toEqual([]);
    await page.getByLabel('账号').fill('liu');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();

    // Chromium accepted the Secure __Host- cookie over plain http on loopback.
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === '__Host-swd_inbox');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });

    expect(page.url()).toBe(`${site.origin}/inbox/password/`);
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码（至少 12 个字符）').fill('liu-strong-passphrase');
    await page.getByLabel('再输入一次新密码').fill('liu-strong-passphrase');
    await page.getByRole('button', { name: '保存新密码' }).click();
    expect(page.url()).toBe(`${site.origin}/inbox/?changed=1`);

    const row = page.locator(`tr[data-tip-ref="${ref}"]`);
    expect(await row.textContent()).toContain('新线索');
    expect(await audit()).toEqual([]);
    await page.getByLabel('状态').selectOption('new');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await row.getByRole('link', { name: ref }).click();
    expect(await page.locator('[data-tip-body]').textContent()).toBe(TIP);
    expect(await audit()).toEqual([]);

    await page.getByLabel('状态', { exact: true }).selectOption({ label: '核实中' });
    await page.getByRole('button', { name: '更改状态' }).click();
    expect(await page.locator('[data-tip-status]').textContent()).toBe('核实中');
    await page.getByLabel('新备注（只有编辑能看到）').fill('已联系物业，明天上午去现场。');
    await page.getByRole('button', { name: '添加备注' }).click();
    expect(await page.locator('[data-notes]').textContent()).toContain('已联系物业，明天上午去现场。');

    await page.goto(`${site.origin}/inbox/?status=checking`);
    expect(await page.locator(`tr[data-tip-ref="${ref}"]`).textContent()).toContain('核实中');
    await page.goto(`${site.origin}/inbox/audit/`);
    const log = await page.locator('main').textContent();
    expect(log).toContain('新线索 → 核实中');
    expect(log).toContain('添加备注');
    expect(await audit()).toEqual([]);

    await page.getByRole('button', { name: '退出登录' }).click();
    expect(page.url()).toBe(`${site.origin}/inbox/login/?out=1`);
    await page.goto(`${site.origin}/inbox/`);
    expect(page.url()).toBe(`${site.origin}/inbox/login/`);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

/** axe in a scripted copy of a no-JS context (same cookies), on the same URL or on HTML a POST answered. */
async function axeOf(context: BrowserContext, url: string, html?: string) {
  const scripted = await browser.newContext({ bypassCSP: true, storageState: await context.storageState() });
  const p = await scripted.newPage();
  if (html !== undefined)
    await p.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await p.goto(url);
  const violations = await runAxe(p);
  await scripted.close();
  return violations;
}

async function signInAs(page: Page, name: string) {
  const password = await addEditor(site.dataDir, name);
  await page.goto(`${site.origin}/inbox/login/`);
  await page.getByLabel('账号').fill(name);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码（至少 12 个字符）').fill(`${name}-strong-passphrase`);
  await page.getByLabel('再输入一次新密码').fill(`${name}-strong-passphrase`);
  await page.getByRole('button', { name: '保存新密码' }).click();
}

const READER_TIP = '柳园街道光明路口的红绿灯坏了两天，早晚高峰车很多，孩子过马路很危险。';

describe('the reader comes back with the 查询码 (phone, no JavaScript)', () => {
  it('sees 核实中, reads the editor’s reply and adds a photo; the editor sees the look-up and the photo', async () => {
    const photo = await sharp({ create: { width: 480, height: 360, channels: 3, background: '#208040' } })
      .jpeg()
      .toBuffer();
    const reader = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const phone = await reader.newPage();
    const foreign = recordForeignRequests(phone);
    await phone.goto(`${site.origin}/hotline/`);
    await phone.getByLabel('所在区县').selectOption({ label: '聊城市 东昌府区' });
    await phone.getByLabel('发生了什么').fill(READER_TIP);
    await phone.getByLabel(/我已阅读上面的隐私说明/).check();
    await phone.getByLabel(/同意报社在“回音”栏目发表/).check();
    await phone.getByRole('button', { name: '提交报料' }).click();
    const ref = (await phone.locator('[data-tip-ref]').textContent())?.trim() ?? '';
    const code = (await phone.locator('[data-tip-code]').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$/);

    // The editor moves the tip to 核实中 and replies with a template.
    const desk = await browser.newContext({ javaScriptEnabled: false });
    const inbox = await desk.newPage();
    await signInAs(inbox, 'sun');
    await inbox.locator(`tr[data-tip-ref="${ref}"]`).getByRole('link', { name: ref }).click();
    const tipUrl = inbox.url();
    await inbox.getByLabel('状态', { exact: true }).selectOption({ label: '核实中' });
    await inbox.getByRole('button', { name: '更改状态' }).click();
    await inbox.getByLabel('常用回复').selectOption({ index: 1 });
    await inbox.getByRole('button', { name: '发送回复' }).click();
    expect(await inbox.locator('[role="status"]').textContent()).toContain('回复已发送');
    const template = (await inbox.locator('[data-sender="newsroom"] .body').textContent()) ?? '';
    expect(template).toContain('正在安排记者核实');
    await inbox.getByLabel(/回复内容/).fill('记者明天上午去光明路口看看，请您留意。');
    await inbox.getByRole('button', { name: '发送回复' }).click();
    expect(await axeOf(desk, inbox.url())).toEqual([]);

    // Days later, on the phone, still without JavaScript.
    await phone.goto(`${site.origin}/hotline/status/`);
    await phone.getByLabel('查询码').fill(code);
    await phone.getByRole('button', { name: '查询', exact: true }).click();
    expect(await phone.locator('[data-status-ref]').textContent()).toBe(ref);
    expect(await phone.locator('[data-status-state]').textContent()).toBe('核实中');
    const replies = await phone.locator('[data-sender="newsroom"]').allTextContents();
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain(template);
    expect(replies[1]).toContain('记者明天上午去光明路口看看');
    const statusHtml = await phone.content();
    // The reader sees 报社回复, never the editor's account name.
    expect(await phone.locator('[data-sender="newsroom"]').first().textContent()).toContain('报社回复');
    expect(replies.join('')).not.toContain('sun');
    await phone.getByLabel('补充说明').fill('路口东侧的灯也不亮了，照片是今天早上拍的。');
    await phone
      .locator('#add-photos')
      .setInputFiles({ name: 'IMG_3001.jpg', mimeType: 'image/jpeg', buffer: photo });
    await phone.getByRole('button', { name: '提交补充' }).click();
    expect(await phone.locator('[data-added]').textContent()).toContain('补充已收到');
    const added = phone.locator('[data-sender="reader"]');
    expect(await added.textContent()).toContain('路口东侧的灯也不亮了');
    expect(await added.textContent()).toContain('附照片 1 张');
    const addedHtml = await phone.content();
    expect(await axeOf(reader, `${site.origin}/hotline/status/`, statusHtml)).toEqual([]);
    expect(await axeOf(reader, `${site.origin}/hotline/status/`, addedHtml)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'reader-loop-vnu-'));
    const files = ['status.html', 'added.html', 'inbox-tip.html'].map((name) => join(dir, name));
    writeFileSync(files[0] as string, statusHtml);
    writeFileSync(files[1] as string, addedHtml);

    // The editor sees the reader's addition with its photo, and that the reader looked after the reply.
    await inbox.goto(tipUrl);
    const entry = inbox.locator('[data-sender="reader"]');
    expect(await entry.textContent()).toContain('路口东侧的灯也不亮了');
    const img = entry.getByRole('img', { name: '读者补充的第 1 张照片' });
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(480);
    expect(await inbox.locator('[data-reader-looked]').textContent()).toContain('读者最近一次查询');
    writeFileSync(files[2] as string, await inbox.content());
    expect(await validateHtml(files)).toEqual([]);
    await inbox.goto(`${site.origin}/inbox/`);
    expect(await inbox.locator(`tr[data-tip-ref="${ref}"] [data-reader-waiting]`).textContent()).toBe(
      '回复后读者查看过',
    );

    // The reader agreed to the 回音 board: the editor publishes a summary, which becomes a content commit.
    await inbox.goto(tipUrl);
    await inbox
      .getByLabel(/读者反映（摘要/)
      .fill('读者反映，柳园街道光明路口的红绿灯坏了两天，孩子过马路很危险。');
    await inbox.getByLabel('报社答复').fill('记者联系了交警部门，红绿灯已在第二天修复。');
    await inbox.getByRole('button', { name: '发表到回音栏目' }).click();
    expect(await inbox.locator('[role="status"]').textContent()).toContain('回音已发表');
    expect(await inbox.locator('[data-echo-published]').textContent()).toContain(
      git('rev-parse', 'HEAD').slice(0, 10),
    );
    const file = readFileSync(
      join(contentRepo, CONTENT_FOLDER, 'replies', `${ref.toLowerCase()}.yml`),
      'utf8',
    );
    expect(file).toContain('红绿灯已在第二天修复');
    expect(file).not.toContain('IMG_3001');
    expect(await axeOf(desk, inbox.url())).toEqual([]);

    await inbox.goto(`${site.origin}/inbox/audit/`);
    const log = (await inbox.locator('main').textContent()) ?? '';
    expect(log).toContain('回复读者');
    expect(log).toContain('读者补充');
    expect(log).toContain('发表回音');
    expect(foreign).toEqual([]);
    await desk.close();
    await reader.close();
  });
});
