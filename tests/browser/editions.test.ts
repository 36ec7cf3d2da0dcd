import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runAxe } from '../support/axe.ts';
import { recordForeignRequests } from '../support/browser.ts';
import { useSiteSession } from '../support/session.ts';
import { validateHtml } from '../support/vnu.ts';
import { CLIENT, fileOf } from './reader-pages.ts';

const session = useSiteSession();

/** The first issue and page of the build, found on disk so the test follows the fixture's editions. */
function firstPage(): { issue: string; page: string } {
  const dates = readdirSync(join(CLIENT, 'editions'))
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const date = dates[0] ?? '';
  const pages = readdirSync(join(CLIENT, 'editions', date), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return { issue: `/editions/${date}/`, page: `/editions/${date}/${pages[0] ?? ''}/` };
}

/** The regions over the page image: link, accessible name and the story list's titles. */
async function regionsOf(page: Page) {
  const regions = page.locator('.sheet svg a');
  const names = await regions.evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? ''));
  const listed = await page.locator('aside li a').allInnerTexts();
  return { regions, names, listed };
}

describe('数字报', () => {
  it('opens an issue from the calendar, then a page, and follows a region to its story with a click', async () => {
    const context = await session.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await context.newPage();
    const foreign = recordForeignRequests(page);
    await page.goto(`${session.site.origin}/editions/`);
    const day = page.locator('.months a').first();
    const dayText = await day.innerText();
    await day.click();
    await page.waitForURL(/\/editions\/\d{4}-\d{2}-\d{2}\/$/);
    expect(await page.locator('h1').innerText()).toContain(dayText);
    // Every page of the issue shows its 版次 and 版名 and a thumbnail that loaded.
    const headings = await page.locator('.print-page h2').allInnerTexts();
    expect(headings.length).toBeGreaterThan(0);
    for (const h of headings) expect(h).toMatch(/^第\d+版\s+\S+/);
    const thumb = page.locator('.thumb img').first();
    await thumb.scrollIntoViewIfNeeded();
    expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    await page.locator('.print-page h2 a').first().click();
    await page.waitForURL(/\/editions\/\d{4}-\d{2}-\d{2}\/\d+\/$/);
    const image = page.locator('.sheet img');
    await image.evaluate((img: HTMLImageElement) => img.decode());
    // The browser picked AVIF from the responsive picture.
    expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.avif(\?|$)/);
    const { regions, names, listed } = await regionsOf(page);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual(listed.map((title) => `阅读：${title}`));

    const last = regions.last();
    const title = (await last.getAttribute('aria-label'))?.replace(/^阅读：/, '');
    const box = await last.boundingBox();
    if (!box) throw new Error('region has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL('**/articles/**');
    expect(await page.locator('h1').innerText()).toBe(title);
    // And back: the story's print line leads to the page it ran on, where its region is.
    await page.locator('.print-ref a').click();
    await page.waitForURL(/\/editions\/\d{4}-\d{2}-\d{2}\/\d+\/$/);
    expect(await page.locator(`.sheet svg a[aria-label="阅读：${title ?? ''}"]`).count()).toBe(1);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('reaches a story from the page image with the keyboard alone, without JavaScript', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${firstPage().page}`);
    const { names } = await regionsOf(page);
    const wanted = names[1] ?? names[0] ?? '';
    let focused = '';
    for (let i = 0; i < 60 && focused !== wanted; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(focused).toBe(wanted);
    // The focused region is visibly marked: its outline is drawn in the focus colour.
    const stroke = await page.evaluate(
      () => getComputedStyle(document.activeElement?.querySelector('polygon') ?? document.body).stroke,
    );
    expect(stroke).not.toBe('none');
    expect(stroke).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/articles/**');
    expect(await page.locator('h1').innerText()).toBe(wanted.replace(/^阅读：/, ''));
    await context.close();
  });

  it('links 上一版/下一版 and 上一期/下一期, and serves the page PDF', async () => {
    const page = await session.browser.newPage();
    const { page: path } = firstPage();
    await page.goto(`${session.site.origin}${path}`);
    const issueNav = page.getByRole('navigation', { name: '刊期导航' });
    const later = issueNav.locator('a[rel="next"]');
    expect(await later.innerText()).toMatch(/^下一期：\d{4}年/);
    const pdf = page.getByRole('link', { name: /下载本版 PDF/ });
    const href = (await pdf.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/editions\/\d{4}-\d{2}-\d{2}\/\d+\.pdf$/);
    const response = await fetch(`${session.site.origin}${href}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await later.click();
    await page.waitForURL(/\/editions\/\d{4}-\d{2}-\d{2}\/$/);
    await page.close();
  });

  it('is axe clean on the calendar, a year, an issue and a page, on a phone and a desktop', async () => {
    const { issue, page: pagePath } = firstPage();
    const year = `/editions/archive/${issue.slice(10, 14)}/`;
    const problems: string[] = [];
    for (const viewport of [
      { width: 360, height: 800 },
      { width: 1280, height: 900 },
    ]) {
      const context = await session.browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      for (const path of ['/editions/', year, issue, pagePath]) {
        await page.goto(`${session.site.origin}${path}`);
        for (const v of await runAxe(page))
          problems.push(`${String(viewport.width)}px ${path}: ${v.id} ${v.targets.join(', ')}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0)
          problems.push(`${String(viewport.width)}px ${path}: scrolls sideways by ${String(overflow)}px`);
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('is valid HTML (Nu Html Checker) on the calendar, a year, an issue and a page', async () => {
    const { issue, page } = firstPage();
    const files = ['/editions/', `/editions/archive/${issue.slice(10, 14)}/`, issue, page].map(fileOf);
    const errors = await validateHtml(files);
    expect(errors.map((e) => `${e.url.replace(/^.*client/, '')}: ${e.message} ${e.extract ?? ''}`)).toEqual(
      [],
    );
  });
});
