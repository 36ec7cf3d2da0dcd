import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordForeignRequests } from '../support/browser.ts';
import { runAxe } from '../support/axe.ts';
import { startSite, type RunningSite } from '../support/server.ts';
import { addEditor, tipForm } from '../server/tips-site.ts';

/** An editor signs in, finds a reader's tip, moves it to 核实中 and adds a note — all without JavaScript. */
let site: RunningSite;
let browser: Browser;
beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
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
    const ref = decodeURIComponent((posted.headers.get('location') ?? '').split('ref=')[1] ?? '');
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
