import { useSiteSession } from '../support/session.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtArticles, fileOf } from './reader-pages.ts';

const session = useSiteSession();

const article = (): string => builtArticles()[0] ?? '/';

describe('large-text (适老化) mode', () => {
  it('enlarges the text with one toggle and remembers it on the next page', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    const bodySize = () =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('.article-body p') ?? document.body).fontSize),
      );
    const before = await bodySize();
    const toggle = page.getByRole('button', { name: '大字模式' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');

    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    expect(await bodySize()).toBeGreaterThanOrEqual(before * 1.2);

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
    await page.waitForURL(`${session.site.origin}/`);
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    expect(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: '大字模式' }).click();
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);
    await context.close();
  });

  it('sets the mode in the head, before anything is painted', () => {
    const html = readFileSync(fileOf(article()), 'utf8');
    const script = html.indexOf("localStorage.getItem('swd-elder')");
    expect(script).toBeGreaterThan(0);
    expect(script).toBeLessThan(html.indexOf('<body'));
    expect(script).toBeLessThan(html.search(/<link rel="stylesheet"|<style/));
  });

  it('without JavaScript hides the button and links to an explanation instead', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    expect(await page.getByRole('button', { name: '大字模式' }).isVisible()).toBe(false);
    const help = page.getByRole('link', { name: '大字模式说明' });
    expect(await help.isVisible()).toBe(true);
    await help.click();
    await page.waitForURL('**/about/#elder');
    expect(await page.locator('#elder + p').innerText()).toContain('大字模式');
    await context.close();
  });
});
