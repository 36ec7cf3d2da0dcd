/**
 * Body headings start at h2 under the page's title whatever level the editor
 * typed. The fixture story nie-xiang-xian-xue-16-nian starts its sections
 * with `###`, as text pasted from a print layout does: the site and the CMS
 * preview both show them as h2, and axe finds no heading-order problem.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../support/browser.ts';
import { runAxe } from '../support/axe.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';
import { makeTempRepo, removeTempRepo, startDecapServer, type DecapServer } from '../../cms/testing/repo.ts';
import { openArticle, previewFrame } from '../../cms/testing/editor.ts';

const SLUG = 'nie-xiang-xian-xue-16-nian';
/** The section titles the fixture types as `### …`. */
const SECTIONS = readFileSync(join(FIXTURE_CONTENT, 'articles', SLUG, 'index.mdx'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('### '))
  .map((line) => line.slice(4));

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let page: Page;

/** Tag and text of every heading under `selector`, in order. */
const outline = (scope: Page | FrameLocator, selector: string) =>
  scope
    .locator(`${selector} :is(h1, h2, h3, h4, h5, h6)`)
    .evaluateAll((els) => els.map((el) => `${el.tagName.toLowerCase()} ${el.textContent.trim()}`));

beforeAll(async () => {
  repo = makeTempRepo();
  [decap, site, browser] = await Promise.all([
    freePort().then((port) => startDecapServer(repo, port)),
    startSite(),
    launchBrowser(),
  ]);
  // axe is injected as an inline script, which the site's script-src refuses.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
  page = await context.newPage();
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

describe('a story whose sections were typed as ###', () => {
  test('the fixture really types them at level 3', () => {
    expect(SECTIONS.length).toBeGreaterThanOrEqual(2);
  });

  test('the site shows them as h2 right under the title, with no heading-order problem', async () => {
    await page.goto(`${site.origin}/articles/${SLUG}/`);
    expect(await outline(page, '.article-body')).toEqual(SECTIONS.map((s) => `h2 ${s}`));
    const violations = await runAxe(page);
    expect(violations.filter((v) => v.id === 'heading-order')).toEqual([]);
  });

  test('the CMS preview shows them as h2 too', async () => {
    await openArticle(page, site.origin, decap.port, SLUG);
    const frame = previewFrame(page);
    await frame
      .locator('h2')
      .filter({ hasText: SECTIONS[0] ?? '' })
      .waitFor({ timeout: 20_000 });
    expect(await outline(frame, '.article-body')).toEqual(SECTIONS.map((s) => `h2 ${s}`));
  });
});
