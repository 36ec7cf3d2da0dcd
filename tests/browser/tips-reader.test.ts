import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordForeignRequests } from '../support/browser.ts';
import { runAxe } from '../support/axe.ts';
import { startSite, type RunningSite } from '../support/server.ts';
import { validateHtml } from '../support/vnu.ts';

/**
 * A reader sends a tip with a photo, with and without JavaScript. The server
 * is the production wrapper (src/server/serve.ts), so the page runs under its
 * real Content-Security-Policy.
 */
let site: RunningSite;
let browser: Browser;
let photo: Buffer;
beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3070c0' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 27/1 0/1' } })
    .toBuffer();
});
afterAll(async () => {
  await browser.close();
  await site.stop();
});

/** axe injects an inline script, which the page's CSP rightly blocks; audit the same URL in a context that bypasses CSP. */
async function axeAt(url: string, html?: string) {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  // A POST result cannot be fetched again with GET; serve the same HTML at the same URL instead.
  if (html !== undefined)
    await page.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.goto(url);
  const violations = await runAxe(page);
  await context.close();
  return violations;
}

const CODE = /^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$/;
const BODY = '东昌府区柳园街道一处井盖松动，车辆经过时响声很大，晚上有行人差点绊倒。';

describe('hotline page', () => {
  it('shows the contacts and QR code, passes axe and makes no foreign request', async () => {
    const page = await browser.newPage();
    const foreign = recordForeignRequests(page);
    await page.goto(`${site.origin}/hotline/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('党报热线');
    const text = await page.locator('main').textContent();
    expect(text).toContain('0635-2921234');
    expect(text).toContain('549542711');
    expect(text).toContain('lcrb2921234@163.com');
    const qr = page.getByRole('img', { name: /二维码/ });
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const svg = await (await fetch(`${site.origin}/hotline/qr.svg`)).text();
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(await axeAt(page.url())).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('sends a tip with a photo with JavaScript: inline checks, upload progress, reference number', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    // The proof of work runs in a worker (keeps the main thread free), and its solution goes with the tip.
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    // Playwright does not expose multipart bodies with files, so note the pow field as the page sends it.
    await page.addInitScript(() => {
      const { send } = XMLHttpRequest.prototype as { send: (this: XMLHttpRequest, body?: unknown) => void };
      XMLHttpRequest.prototype.send = function (
        this: XMLHttpRequest,
        body?: Document | XMLHttpRequestBodyInit | null,
      ) {
        const pow = body instanceof FormData ? body.get('pow') : null;
        if (typeof pow === 'string') sessionStorage.setItem('pow', pow);
        send.call(this, body);
      };
    });
    await page.goto(`${site.origin}/hotline/`);
    // Inline validation: a too-short text gets its message without a round trip.
    await page.getByLabel('发生了什么').fill('太短');
    await page.getByRole('button', { name: '提交报料' }).click();
    await expect(page.locator('#err-body').textContent()).resolves.toContain('至少要写 10 个字');
    expect(page.url()).toBe(`${site.origin}/hotline/`);

    await page.getByLabel('投诉求助').check();
    await page.getByLabel('所在区县').selectOption({ label: '聊城市 东昌府区' });
    await page.getByLabel('发生了什么').fill(BODY);
    await page.getByLabel('地点').fill('柳园街道');
    await page
      .locator('#field-photos')
      .setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByLabel('电话或邮箱').fill('18663513326');
    await page.getByLabel(/我已阅读上面的隐私说明/).check();
    await page.waitForTimeout(3200); // the server-signed minimum fill time
    // Remember the highest upload progress shown; sessionStorage survives the navigation that follows.
    await page.evaluate(() => {
      const bar = document.querySelector('progress');
      if (!bar) return;
      new MutationObserver(() => {
        const seen = Number(sessionStorage.getItem('progress') ?? '0');
        sessionStorage.setItem('progress', String(Math.max(seen, bar.hidden ? seen : bar.value)));
      }).observe(bar, { attributes: true });
    });
    await page.getByRole('button', { name: '提交报料' }).click();
    await page.waitForURL(/\/api\/tips\/\?ref=XS-\d{8}-\d{4}&receipt=[\w-]+$/, { timeout: 60_000 });
    expect(await page.evaluate(() => sessionStorage.getItem('progress'))).toBe('100');
    const ref = await page.locator('[data-tip-ref]').textContent();
    expect(ref).toMatch(/^XS-\d{8}-\d{4}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('报料已收到');
    expect(cspErrors).toEqual([]);
    expect(workers.some((url) => url.startsWith(`${site.origin}/_astro/pow-worker`))).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('pow'))).toContain('"solution"');
    // The 查询码 beside the reference, with the plain instruction to keep it; shown once only.
    const code = (await page.locator('[data-tip-code]').textContent())?.trim() ?? '';
    expect(code).toMatch(CODE);
    expect(await page.locator('main').textContent()).toContain('复制、打印或截图');
    const confirmation = await page.content();
    await page.reload();
    expect(await page.locator('[data-tip-code]').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('只在提交后显示一次');
    expect(await page.locator('[data-tip-ref]').textContent()).toBe(ref);
    expect(await axeAt(page.url(), confirmation)).toEqual([]);

    // Back with the code, scripts on: the status, then a photo added to the same tip.
    await page.getByRole('link', { name: '查询报料进展' }).click();
    await page.getByLabel('查询码').fill(code.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: '查询', exact: true }).click();
    expect(await page.locator('[data-status-ref]').textContent()).toBe(ref);
    expect(await page.locator('[data-status-state]').textContent()).toBe('已收到');
    await page
      .locator('#add-photos')
      .setInputFiles({ name: 'later.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: '提交补充' }).click();
    expect(await page.locator('[data-added]').textContent()).toContain('补充已收到');
    expect(await page.locator('[data-sender="reader"]').textContent()).toContain('附照片 1 张');
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('answers a wrong code the same way as an unknown one; the status pages pass axe and vnu', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const foreign = recordForeignRequests(page);
    await page.goto(`${site.origin}/hotline/status/`);
    const empty = await page.content();
    await page.getByLabel('查询码').fill('K7QX-M2PA-9RTZ-4HWD-E3NB');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const wrong = (await page.locator('[data-status-problem]').textContent()) ?? '';
    expect(wrong).toContain('没有找到');
    const wrongHtml = await page.content();
    await page.getByLabel('查询码').fill('不是查询码');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    expect(await page.locator('[data-status-problem]').textContent()).toBe(wrong);
    expect(await axeAt(`${site.origin}/hotline/status/`, wrongHtml)).toEqual([]);
    expect(await axeAt(`${site.origin}/hotline/status/`, empty)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'status-vnu-'));
    const files = [join(dir, 'status.html'), join(dir, 'status-wrong.html')];
    writeFileSync(files[0] as string, empty);
    writeFileSync(files[1] as string, wrongHtml);
    expect(await validateHtml(files)).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('shows the 回音 board from the content tree, with no reader details; axe and vnu clean', async () => {
    const page = await browser.newPage();
    const foreign = recordForeignRequests(page);
    await page.goto(`${site.origin}/hotline/replies/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('回音');
    const entries = page.locator('[data-echo-entries] li');
    expect(await entries.count()).toBe(1);
    expect(await entries.first().textContent()).toContain('三天后路灯全部修好');
    expect(await entries.first().textContent()).toContain('2026年4月22日 发表');
    expect(await axeAt(page.url())).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'replies-vnu-'));
    writeFileSync(join(dir, 'replies.html'), await page.content());
    expect(await validateHtml([join(dir, 'replies.html')])).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('sends a tip with a photo without JavaScript and keeps typed text after an error', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.origin}/hotline/`);
    await page.getByLabel('所在区县').selectOption({ label: '聊城市 开发区' });
    await page.getByLabel('发生了什么').fill(BODY);
    await page.getByLabel('电话或邮箱').fill('not a phone');
    await page
      .locator('#field-photos')
      .setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByLabel(/我已阅读上面的隐私说明/).check();
    await page.getByRole('button', { name: '提交报料' }).click();
    await page.waitForURL(`${site.origin}/api/tips/`);
    // The server re-rendered the form: the message, the text kept, the photo must be chosen again.
    expect(await page.locator('#err-contact').textContent()).toContain('正确的电话号码');
    expect(await page.getByLabel('发生了什么').inputValue()).toBe(BODY);
    expect(await page.locator('#lost-photos').textContent()).toContain('请重新选择照片');
    expect(await axeAt(page.url(), await page.content())).toEqual([]);

    await page.getByLabel('电话或邮箱').fill('reader@example.com');
    await page
      .locator('#field-photos')
      .setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: '提交报料' }).click();
    await page.waitForURL(/\/api\/tips\/\?ref=XS-\d{8}-\d{4}&receipt=[\w-]+$/);
    expect(await page.locator('[data-tip-ref]').textContent()).toMatch(/^XS-\d{8}-\d{4}$/);
    expect(await page.locator('[data-tip-code]').textContent()).toMatch(CODE);
    await context.close();
  });
});
