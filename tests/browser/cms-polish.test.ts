/**
 * The CMS looks like the paper's and previews what the site will show: the
 * paper's name and mark on the login page and in the header (not Decap's
 * logo), 查看发布 opening the story's own page, and a preview drawn with the
 * site's styles, byline and zh-CN dates, compared with the built page itself.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';
import { makeTempRepo, removeTempRepo, startDecapServer, type DecapServer } from '../../cms/testing/repo.ts';
import { admin, openArticle, previewFrame } from '../../cms/testing/editor.ts';

/** A published fixture story with a lead photo, a credited Figure and a byline. */
const SLUG = 'lin-dong-ge-kuai-di-yuan';

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  repo = makeTempRepo();
  [decap, site, browser] = await Promise.all([
    freePort().then((port) => startDecapServer(repo, port)),
    startSite(),
    launchBrowser(),
  ]);
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

/** Computed style properties of the first element a locator finds. */
const styleOf = (locator: Locator, props: readonly string[]) =>
  locator.first().evaluate((el, names) => {
    const style = getComputedStyle(el);
    return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n)]));
  }, props);

describe('the paper in the CMS', () => {
  test('the login page shows the paper’s name and mark instead of Decap’s logo', async () => {
    await page.goto(admin(site.origin, decap.port));
    const logo = page.locator('img[alt*="聊城日报"]');
    await logo.waitFor({ timeout: 30_000 });
    expect(await logo.getAttribute('alt')).toBe('聊城日报 · 水城·温度');
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const svg = await (await fetch(new URL((await logo.getAttribute('src')) ?? '', site.origin))).text();
    expect(svg).toContain('聊城日报');
    expect(await page.locator('img[alt="Logo"]').count()).toBe(0);
  });

  test('after logging in the header carries the same name and mark', async () => {
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '稿件' }).first().waitFor();
    expect(await page.locator('header img[alt="聊城日报 · 水城·温度"]').count()).toBe(1);
  });
});

describe('a published story in the editor', () => {
  test('查看发布 opens the story’s own page', async () => {
    await openArticle(page, site.origin, decap.port, SLUG);
    const live = page.getByRole('link', { name: '查看发布' });
    await live.waitFor({ timeout: 20_000 });
    expect(await live.getAttribute('href')).toBe(`${site.origin}/articles/${SLUG}/`);
    const story = await context.newPage();
    await story.goto((await live.getAttribute('href')) ?? '');
    expect(await story.locator('h1').innerText()).toBe('快递“胖哥”守着一方暖心驿站');
    await story.close();
  });

  test('the preview draws the story as the site does: styles, byline, dates, indent and credits', async () => {
    const frame = previewFrame(page);
    await frame.locator('.article-body > p').first().waitFor({ timeout: 20_000 });
    // Sizes follow the window's width, so the page is opened as wide as the preview pane.
    const pane = await page.locator('#preview-pane').boundingBox();
    const live = await context.newPage();
    await live.setViewportSize({
      width: Math.round(pane?.width ?? 600),
      height: Math.round(pane?.height ?? 900),
    });
    await live.goto(`${site.origin}/articles/${SLUG}/`);

    expect(await frame.locator('.byline').innerText()).toBe(
      await live.locator('.story-meta .byline').innerText(),
    );
    const time = await frame.locator('.story-meta time').innerText();
    expect(time).toBe(await live.locator('.story-meta time').innerText());
    expect(time).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(await frame.locator('.print-ref').innerText()).toBe(await live.locator('.print-ref').innerText());

    const same = async (selector: string, props: readonly string[], liveSelector = selector) => {
      expect(await styleOf(frame.locator(selector), props), selector).toEqual(
        await styleOf(live.locator(liveSelector), props),
      );
    };
    await same('.article-body > p', ['text-indent', 'text-align', 'font-size', 'line-height']);
    await same('.story-head h1', ['font-family', 'font-size', 'font-weight']);
    await same('.story-column a', ['background-color', 'color']);
    await same('.standfirst', ['font-weight', 'border-inline-start-width', 'padding-inline-start']);
    await same('.subtitle', ['font-family', 'font-size']);
    await same('figure.hero figcaption .credit', ['display', 'text-align']);
    // The credit of a photo in the body sits on its own line, set right, like the lead photo's.
    await same('.cms-figure figcaption .credit', ['display', 'text-align'], '.mdx-figure figcaption .credit');
    expect(
      Number.parseFloat(
        (await styleOf(frame.locator('.article-body > p'), ['text-indent']))['text-indent'] ?? '0',
      ),
    ).toBeGreaterThan(0);
    await live.close();
  });
});
