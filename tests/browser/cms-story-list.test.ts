/**
 * The CMS story list: newest first, each card with its date (zh-CN, Beijing
 * time) and 草稿 or 定时 when the story is a draft or still to come. The
 * expected order and labels are read from the fixture files themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';
import { makeTempRepo, removeTempRepo, startDecapServer, type DecapServer } from '../../cms/testing/repo.ts';
import { openAdmin } from '../../cms/testing/editor.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { parseNewsroomDate } from '../../src/schemas/common.ts';

const articles = join(FIXTURE_CONTENT, 'articles');
const stories = readdirSync(articles)
  .map((slug) => {
    const { data } = readFrontmatter(readFileSync(join(articles, slug, 'index.mdx'), 'utf8'));
    const when = parseNewsroomDate(data['publishedAt']);
    return {
      title: String(data['title']),
      draft: data['draft'] === true,
      when: when instanceof Date ? when.getTime() : Number.NaN,
    };
  })
  .sort((a, b) => b.when - a.when);

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let page: Page;
/** The text of each story card, top to bottom. */
let cards: string[];

beforeAll(async () => {
  repo = makeTempRepo();
  decap = await startDecapServer(repo, await freePort());
  [site, browser] = await Promise.all([startSite({ PUBLISH_REPO: repo }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await openAdmin(page, site.origin, decap.port, '#/collections/articles');
  const links = page.locator('a[href*="/collections/articles/entries/"]');
  await links.nth(stories.length - 1).waitFor({ timeout: 20_000 });
  cards = await links.allInnerTexts();
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

const cardOf = (title: string) => cards.find((c) => c.includes(title)) ?? '';

describe('the story list in the CMS', () => {
  test('the fixture has a draft and a story scheduled for later', () => {
    expect(stories.some((s) => s.draft)).toBe(true);
    expect(stories.some((s) => s.when > Date.now())).toBe(true);
  });

  test('lists every story, newest first', () => {
    const order = stories.map((s) => cards.findIndex((c) => c.includes(s.title)));
    expect(order).toEqual(stories.map((_, i) => i));
  });

  test('a draft is labelled 草稿 and a story still to come 定时, the others neither', () => {
    for (const story of stories) {
      const card = cardOf(story.title);
      expect(card.includes('草稿'), story.title).toBe(story.draft);
      expect(card.includes('定时'), story.title).toBe(!story.draft && story.when > Date.now());
    }
  });

  test('each card shows its date in Chinese, in Beijing time', () => {
    const format = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' });
    for (const story of stories) expect(cardOf(story.title)).toContain(format.format(story.when));
  });
});
