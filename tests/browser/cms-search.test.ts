/**
 * The CMS search box finds a story by any word in it: two-character words
 * (快递, 驿站, 胖哥) that Decap's fuzzy title search never found, and a name
 * that only the body and the subject carry. Expected stories are read from
 * the fixture files themselves, so the test follows the fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';
import { makeTempRepo, removeTempRepo, startDecapServer, type DecapServer } from '../../cms/testing/repo.ts';
import { admin, openAdmin } from '../../cms/testing/editor.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';

const articles = join(FIXTURE_CONTENT, 'articles');
const stories = readdirSync(articles).map((slug) => {
  const file = readFileSync(join(articles, slug, 'index.mdx'), 'utf8');
  const { data, body } = readFrontmatter(file);
  return { slug, file, body, title: String(data['title']) };
});
/** Titles of the fixture stories whose file has every word. */
const expected = (...words: string[]) =>
  stories
    .filter((s) => words.every((w) => s.file.includes(w)))
    .map((s) => s.title)
    .sort();

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  repo = makeTempRepo();
  decap = await startDecapServer(repo, await freePort());
  [site, browser] = await Promise.all([startSite({ PUBLISH_REPO: repo }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await openAdmin(page, site.origin, decap.port, '#/collections/articles');
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

/** Searches as the CMS search box does (its address is #/search/<words>) and returns the titles found. */
async function search(query: string): Promise<string[]> {
  await page.goto(admin(site.origin, decap.port, `#/search/${encodeURIComponent(query)}`));
  // The search page shows its heading at once and a loading line until the results arrive.
  await page.getByText(`有关“${query}”的搜索结果`).waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !document.body.innerText.includes('正在加载内容'), undefined, {
    timeout: 20_000,
  });
  const cards = page.locator('a[href*="/collections/articles/entries/"]');
  const texts = await cards.allInnerTexts();
  return stories
    .filter((s) => texts.some((t) => t.includes(s.title)))
    .map((s) => s.title)
    .sort();
}

describe('searching stories in the CMS', () => {
  test('the fixture has what the issue names: two-character words, and a name only in body and subject', () => {
    for (const word of ['快递', '驿站', '胖哥']) expect(expected(word).length).toBeGreaterThan(0);
    const lin = stories.filter((s) => s.file.includes('林东阁'));
    expect(lin.some((s) => !s.title.includes('林东阁') && s.body.includes('林东阁'))).toBe(true);
  });

  for (const word of ['快递', '驿站', '胖哥', '林东阁']) {
    test(`“${word}” finds every story that has it, and no other`, async () => {
      expect(await search(word)).toEqual(expected(word));
    });
  }

  test('two words find the stories that have both', async () => {
    expect(await search('快递 驿站')).toEqual(expected('快递', '驿站'));
  });
});
