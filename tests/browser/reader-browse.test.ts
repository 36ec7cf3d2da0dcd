import { useSiteSession } from '../support/session.ts';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordForeignRequests } from '../support/browser.ts';
import { builtArticles, fileOf } from './reader-pages.ts';

const session = useSiteSession();

/** An article that names a district, and the column it belongs to, read from the build. */
function storyWithDistrict(): { article: string; column: string } {
  for (const article of builtArticles()) {
    const html = readFileSync(fileOf(article), 'utf8');
    const column = /class="story-column"[^>]*><a href="(\/columns\/[^"]+\/)"/.exec(html)?.[1];
    if (column && html.includes('href="/districts/') && html.includes('href="/topics/'))
      return { article, column };
  }
  throw new Error('no built article names a district');
}

async function newPage(): Promise<{ page: Page; foreign: string[] }> {
  const page = await session.browser.newPage();
  return { page, foreign: recordForeignRequests(page) };
}

describe('browsing the reader site', () => {
  it('goes home → column → article → district, by clicking, without leaving localhost', async () => {
    const { article, column } = storyWithDistrict();
    const { page, foreign } = await newPage();
    await page.goto(`${session.site.origin}/`);
    await expect.poll(() => page.title()).toContain('水城·温度');

    await page.getByRole('navigation', { name: '主导航' }).locator(`a[href="${column}"]`).click();
    await page.waitForURL(`**${column}`);
    const columnName = await page.locator('h1').innerText();
    expect(columnName.length).toBeGreaterThan(1);

    // The story may sit on a later page of its column; follow "下一页" until it shows.
    while ((await page.locator(`main a[href="${article}"]`).count()) === 0) {
      await page.getByRole('link', { name: '下一页' }).click();
    }
    await page.locator(`main a[href="${article}"]`).first().click();
    await page.waitForURL(`**${article}`);

    const story = page.locator('article[data-pagefind-body]');
    await expect.poll(() => story.locator('h1').count()).toBe(1);
    expect(await story.locator('.story-column').innerText()).toBe(columnName);
    expect(await story.locator('.byline').innerText()).toMatch(/本报|通讯员|记者/);
    expect(await story.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await story.locator('.article-body p').count()).toBeGreaterThan(0);

    const districtLink = story.locator('a[href^="/districts/"]').first();
    const districtName = await districtLink.innerText();
    await districtLink.click();
    await page.waitForURL('**/districts/**');
    expect(await page.locator('h1').innerText()).toBe(districtName);
    expect(await page.locator(`main a[href="${article}"]`).count()).toBeGreaterThan(0);

    // Topics are Chinese; their pages live at ASCII pinyin addresses in the static build.
    await page.goBack();
    const topicLink = page.locator('article a[href^="/topics/"]').first();
    const topic = await topicLink.innerText();
    const topicHref = (await topicLink.getAttribute('href')) ?? '';
    expect(topicHref).toMatch(/^\/topics\/[a-z0-9-]+\/$/);
    await topicLink.click();
    await page.waitForURL(`**${topicHref}`);
    expect(await page.locator('h1').innerText()).toBe(`话题：${topic}`);
    expect(await page.locator(`main a[href="${article}"]`).count()).toBeGreaterThan(0);

    expect(foreign).toEqual([]);
    await page.close();
  });

  it('opens a print edition by date, shows its pages and stories, and links back to the page from the story', async () => {
    const { page, foreign } = await newPage();
    await page.goto(`${session.site.origin}/editions/`);
    expect(await page.locator('h1').innerText()).toBe('数字报');
    const dateLink = page.locator('main a[href^="/editions/2"]').first();
    const dateText = await dateLink.innerText();
    await dateLink.click();
    await page.waitForURL(/\/editions\/\d{4}-\d{2}-\d{2}\/$/);
    const editionPath = new URL(page.url()).pathname;

    expect(await page.locator('h1').innerText()).toBe(`${dateText} 数字报`);
    const pageHeadings = await page.locator('main h2').allInnerTexts();
    expect(pageHeadings.length).toBeGreaterThan(0);
    for (const heading of pageHeadings) expect(heading).toMatch(/^第\d+版\s+\S+/);

    const storyLink = page.locator('.print-page h3 a').first();
    const title = await storyLink.innerText();
    await storyLink.click();
    await page.waitForURL('**/articles/**');
    expect(await page.locator('h1').innerText()).toBe(title);
    const printRef = page.locator('.print-ref a');
    const printText = await printRef.innerText();
    expect(printText).toMatch(/^本报\d{4}年\d{1,2}月\d{1,2}日第\d+版 \S+/);
    // The print line leads to the very page the story ran on, within that issue.
    expect(await printRef.getAttribute('href')).toBe(
      `${editionPath}${/第(\d+)版/.exec(printText)?.[1] ?? ''}/`,
    );
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('links each edition to the earlier and later one', async () => {
    const { page } = await newPage();
    await page.goto(`${session.site.origin}/editions/`);
    const dates = await page
      .locator('main a[href^="/editions/2"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(dates.length).toBeGreaterThan(1);
    // The list is newest first: the second entry is the earlier paper of the first.
    await page.goto(`${session.site.origin}${dates[0] ?? ''}`);
    await page.locator('a[rel="prev"]').click();
    await page.waitForURL(`**${dates[1] ?? ''}`);
    expect(await page.locator('a[rel="next"]').getAttribute('href')).toBe(dates[0]);
    await page.close();
  });

  it('ships no JavaScript file with an article page and makes no third-party request', async () => {
    const { page, foreign } = await newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    for (const article of builtArticles()) {
      await page.goto(`${session.site.origin}${article}`, { waitUntil: 'load' });
      // Scroll so lazy photos in the body load too.
      await page.evaluate(() => {
        window.scrollTo(0, document.body.scrollHeight);
      });
      await page.waitForLoadState('networkidle');
      expect(readFileSync(fileOf(article), 'utf8')).not.toMatch(/<script[^>]+src=/);
    }
    expect(scripts).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('serves photos as AVIF/WebP with their size set, the lead photo eager and the rest lazy', async () => {
    const { page } = await newPage();
    const withPhotos = builtArticles().find((a) => {
      const html = readFileSync(fileOf(a), 'utf8');
      return html.includes('class="hero') && html.includes('mdx-figure');
    });
    expect(withPhotos, 'a sample article with a hero and a body figure').toBeDefined();
    await page.goto(`${session.site.origin}${withPhotos ?? '/'}`);
    const images = await page.locator('main img').evaluateAll((imgs) =>
      imgs.map((img) => ({
        hero: img.closest('.hero') !== null,
        loading: img.getAttribute('loading'),
        priority: img.getAttribute('fetchpriority'),
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
        sources: [...(img.closest('picture')?.querySelectorAll('source') ?? [])].map((s) => s.type),
      })),
    );
    const hero = images.filter((i) => i.hero);
    expect(hero).toHaveLength(1);
    expect(hero[0]).toMatchObject({ loading: 'eager', priority: 'high' });
    const rest = images.filter((i) => !i.hero);
    expect(rest.length).toBeGreaterThan(0);
    for (const image of rest) expect(image.loading).toBe('lazy');
    for (const image of images) {
      expect(Number(image.width)).toBeGreaterThan(0);
      expect(Number(image.height)).toBeGreaterThan(0);
      expect(image.sources).toEqual(['image/avif', 'image/webp']);
    }
    await page.close();
  });

  it('prints a story without the navigation, search box or related links', async () => {
    const { page } = await newPage();
    await page.goto(`${session.site.origin}${builtArticles()[0] ?? '/'}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    expect(await page.locator('form[role="search"]').isVisible()).toBe(false);
    expect(await page.locator('.more').isVisible()).toBe(false);
    expect(await page.locator('article h1').isVisible()).toBe(true);
    await page.close();
  });

  it('serves the styled 404 page for an unknown address', async () => {
    const { page } = await newPage();
    const response = await page.goto(`${session.site.origin}/articles/no-such-story/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('找不到这个页面');
    expect(await page.getByRole('link', { name: '回到首页' }).getAttribute('href')).toBe('/');
    await page.close();
  });
});
