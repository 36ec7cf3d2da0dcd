/**
 * Reopening a saved story shows its photos in the form: the thumbnail of
 * the body's Figure (and of the lead photo) is the photo beside the story,
 * not Decap's empty placeholder, which it stayed before (cms/react/FreshAssetControl.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser } from '../support/browser.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';
import { makeTempRepo, removeTempRepo, startDecapServer, type DecapServer } from '../../cms/testing/repo.ts';
import { openArticle } from '../../cms/testing/editor.ts';

const articles = join(FIXTURE_CONTENT, 'articles');
/** A fixture story whose body has a Figure with a photo of its own folder. */
const story = readdirSync(articles).flatMap((slug) => {
  const file = readFileSync(join(articles, slug, 'index.mdx'), 'utf8');
  const photo = /<Figure[^>]*>\n\n!\[[^\]]*\]\(\.\/([^)]+)\)/.exec(file)?.[1];
  return photo ? [{ slug, path: join(articles, slug, photo) }] : [];
})[0];

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  repo = makeTempRepo();
  [decap, site, browser] = await Promise.all([
    freePort().then((port) => startDecapServer(repo, port)),
    startSite(),
    launchBrowser(),
  ]);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

test('the Figure’s thumbnail in a reopened story is its photo', async () => {
  expect(story).toBeDefined();
  if (!story) return;
  const { width, height } = await sharp(story.path).metadata();
  await openArticle(page, site.origin, decap.port, story.slug);
  const thumbnail = page.locator('[data-slate-editor] [aria-label="image field"] img').first();
  await thumbnail.waitFor({ timeout: 20_000 });
  // Decap's placeholder is an empty SVG (300 × 150); the photo has its own size once it is drawn.
  const drawn = () =>
    thumbnail.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight]);
  await page
    .waitForFunction(
      ({ w, h }) => {
        const img = document.querySelector<HTMLImageElement>(
          '[data-slate-editor] [aria-label="image field"] img',
        );
        return img?.complete === true && img.naturalWidth === w && img.naturalHeight === h;
      },
      { w: width, h: height },
      { timeout: 20_000 },
    )
    .catch(() => undefined);
  expect(await drawn()).toEqual([true, width, height]);
});
