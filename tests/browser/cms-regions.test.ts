/**
 * An editor draws a story's region on a 数字报 page image in /admin, and types
 * one from the keyboard, against the real local backend. The saved file must
 * change in exactly the numbers the editor set and nowhere else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { CONTENT } from '../../cms/config.ts';
import {
  git,
  makeTempRepo,
  removeTempRepo,
  startDecapServer,
  type DecapServer,
} from '../../cms/testing/repo.ts';
import { admin, saveEntry, waitForSettledEditor } from '../../cms/testing/editor.ts';
import { launchBrowser } from '../support/browser.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let page: Page;

/** The fixture issue with one page, and its file as committed. */
const DATE = '2026-06-20';
const FILE = () => `${CONTENT.editions}/${DATE}.yml`;
const BRANCH = `cms/editions/${DATE}`;

beforeAll(async () => {
  repo = makeTempRepo();
  decap = await startDecapServer(repo, await freePort());
  site = await startSite();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

/** Opens the issue in the editor and unfolds its page and first region. */
async function openIssue(): Promise<void> {
  await page.goto(admin(site.origin, decap.port, `#/collections/editions/entries/${DATE}`));
  await page.reload();
  const loginButton = page.getByRole('button', { name: '登录' });
  const surface = page.locator('[data-region-surface]');
  await Promise.race([
    loginButton.waitFor({ timeout: 30_000 }),
    page.getByText('版面', { exact: true }).first().waitFor({ timeout: 30_000 }),
  ]);
  if (await loginButton.isVisible()) await loginButton.click();
  await waitForSettledEditor(page);
  // Decap folds list items; unfold until the region's drawing surface shows.
  for (let i = 0; i < 4 && !(await surface.isVisible()); i++) {
    const fold = page.getByRole('button', { name: 'Expand' });
    if ((await fold.count()) === 0) break;
    await fold.first().click();
  }
  await surface.waitFor({ timeout: 20_000 });
  await page.locator('[data-region-surface] img').evaluate((img: HTMLImageElement) => img.decode());
}

const committed = (ref: string): string => git(repo, 'show', `${ref}:${FILE()}`);

describe('the region control', () => {
  test('draws a rectangle on the page image and saves it in the image’s pixels, the rest of the file unchanged', async () => {
    const before = readFileSync(join(repo, FILE()), 'utf8');
    await openIssue();
    const img = page.locator('[data-region-surface] img');
    // Mouse events go to viewport positions: bring the top of the page image into view first.
    await img.evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
    });
    const box = await img.boundingBox();
    const natural = await img.evaluate((el: HTMLImageElement) => el.naturalWidth);
    if (!box) throw new Error('no page image');
    const scale = natural / box.width;
    // Drag from (100, 150) to (400, 450) in image pixels.
    await page.mouse.move(box.x + 100 / scale, box.y + 150 / scale);
    await page.mouse.down();
    await page.mouse.move(box.x + 250 / scale, box.y + 300 / scale, { steps: 5 });
    await page.mouse.move(box.x + 400 / scale, box.y + 450 / scale, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(() => page.locator('[role="status"]').filter({ hasText: '当前区域' }).first().innerText())
      .toMatch(/x 1\d\d，y 1\d\d/);
    await saveEntry(page);
    const after = committed(BRANCH);
    const area = (parse(after) as { pages: { regions: { area: Record<string, number> }[] }[] }).pages[0]
      ?.regions[0]?.area;
    if (!area) throw new Error('no area saved');
    // Whole pixels within a pixel of the drag, whatever the picture's shown size.
    for (const [key, want] of [
      ['x', 100],
      ['y', 150],
      ['width', 300],
      ['height', 300],
    ] as const) {
      expect(Math.abs((area[key] ?? NaN) - want), key).toBeLessThanOrEqual(Math.ceil(scale) + 1);
    }
    // Only the four numbers changed: every other line is byte for byte the one the editor opened.
    const changed = (a: string, b: string) => a.split('\n').filter((line, i) => line !== b.split('\n')[i]);
    expect(after.split('\n')).toHaveLength(before.split('\n').length);
    const lines = changed(after, before);
    expect(lines.length).toBeGreaterThan(0);
    // YAML 1.1 (as Astro reads data files) would take a bare y for "yes", so the CMS writes it quoted.
    expect(lines.filter((line) => !/^\s+(x|'y'|width|height): \d+$/.test(line))).toEqual([]);
  });

  test('sets a number from the keyboard and round-trips the file exactly', async () => {
    await openIssue();
    const saved = committed(BRANCH);
    const width = page.locator('input[id^="width-field"]').first();
    await width.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('321');
    await expect
      .poll(() => page.locator('[role="status"]').filter({ hasText: '当前区域' }).first().innerText())
      .toContain('宽 321');
    await saveEntry(page);
    const after = committed(BRANCH);
    expect(after).toBe(saved.replace(/(\n\s+width: )\d+\n/, '$1321\n'));
  });
});
