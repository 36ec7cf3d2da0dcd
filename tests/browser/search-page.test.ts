import { useSiteSession } from '../support/session.ts';
/**
 * The search page and the header box in Chromium against the built site:
 * accessibility (axe, Nu Html Checker), same-origin loading, the URL as the
 * search state, facets, sort, the no-results state, no-JS, a phone-sized
 * screen and keyboard use.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { runAxe } from '../support/axe.ts';
import { recordForeignRequests } from '../support/browser.ts';
import { DIST } from '../support/server.ts';
import { validateHtml } from '../support/vnu.ts';
import { bucketOf, type DictionaryBucket } from '../../src/lib/search-shards.ts';
import { searchPage, slugOf, waitForResults } from './search-helpers.ts';

const LIN = 'lin-dong-ge-kuai-di-yuan';
/** The one fixture story of June 2026; the others are of April. */
const YANZHOU = 'yan-zhou-xin-xing-ling-yu-dang-jian';
const session = useSiteSession();

async function newPage(
  options: { viewport?: { width: number; height: number }; js?: boolean; bypassCSP?: boolean } = {},
): Promise<Page> {
  const context = await session.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.js ?? true,
    // axe is injected as an inline script, which the page's own CSP rightly refuses.
    bypassCSP: options.bypassCSP ?? false,
  });
  return context.newPage();
}

const resultSlugs = async (page: Page) =>
  (
    await page
      .locator('#search-results .search-hit-title a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))
  ).map(slugOf);

describe('search page', () => {
  test('passes axe and the Nu Html Checker, before and after a search', async () => {
    const page = await newPage({ bypassCSP: true });
    await page.goto(`${session.site.origin}/search/?q=${encodeURIComponent('快递')}`);
    await waitForResults(page);
    expect(await page.locator('#search-results > li').count()).toBeGreaterThan(0);
    // The DOM as the script left it, serialised before axe adds its own script.
    const dir = mkdtempSync(join(tmpdir(), 'search-vnu-'));
    const rendered = join(dir, 'rendered.html');
    writeFileSync(
      rendered,
      `<!DOCTYPE html>\n${await page.locator('html').evaluate((html) => html.outerHTML)}`,
    );
    expect(await runAxe(page)).toEqual([]);
    expect(await validateHtml([join(DIST, 'client', 'search', 'index.html'), rendered])).toEqual([]);
    await page.context().close();
  });

  test('loads Pagefind from /pagefind/ on this origin and nothing from elsewhere', async () => {
    const page = await newPage();
    const foreign = recordForeignRequests(page);
    const bundle: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('pagefind')) bundle.push(request.url());
    });
    await searchPage(page, session.site.origin, '林东阁');
    expect(bundle.length).toBeGreaterThan(0);
    for (const url of bundle) expect(url.startsWith(`${session.site.origin}/pagefind/`), url).toBe(true);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  test('keeps query, filters and sort in the URL, and the back button steps through searches', async () => {
    const page = await newPage();
    await searchPage(page, session.site.origin, '快递');
    const all = await resultSlugs(page);
    expect(all.length).toBeGreaterThan(2);
    const option = page.getByRole('checkbox', { name: /^开发区（\d+）$/ });
    await option.check();
    await page.waitForURL(/district=/);
    await waitForResults(page);
    expect(new URL(page.url()).searchParams.get('district')).toBe('开发区');
    const filtered = await resultSlugs(page);
    expect(filtered).toContain(LIN);
    expect(filtered.length).toBeLessThan(all.length);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('district'));
    await waitForResults(page);
    expect(await page.getByRole('checkbox', { name: /^开发区（\d+）$/ }).isChecked()).toBe(false);
    expect(await resultSlugs(page)).toEqual(all);
    expect(await page.locator('#search-q').inputValue()).toBe('快递');
    await page.context().close();
  });

  test('facets show counts that match the results', async () => {
    const page = await newPage();
    await searchPage(page, session.site.origin, '新就业群体');
    const label = await page
      .getByRole('checkbox', { name: /^锐观点（\d+）$/ })
      .evaluate((box) => box.parentElement?.textContent ?? '');
    const count = Number(/（(\d+)）/.exec(label)?.[1]);
    await page.getByRole('checkbox', { name: /^锐观点（\d+）$/ }).check();
    await page.waitForURL(/column=/);
    await waitForResults(page);
    expect(await page.locator('#search-results > li').count()).toBe(count);
    await page.context().close();
  });

  test('sorts by date, newest first', async () => {
    const page = await newPage();
    await searchPage(page, session.site.origin, '新就业群体', { sort: 'date' });
    expect(await page.locator('#search-sort').inputValue()).toBe('date');
    const dates = await page.locator('.search-hit-meta').allTextContents();
    const days = dates.map((text) => {
      const [y, m, d] = (/(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text) ?? []).slice(1).map(Number);
      return (y ?? 0) * 10_000 + (m ?? 0) * 100 + (d ?? 0);
    });
    expect(days.length).toBeGreaterThan(1);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    await page.context().close();
  });

  test('a known name is answered from the dictionary: no Pagefind download, the name highlighted in Chinese text', async () => {
    const page = await newPage({ viewport: { width: 412, height: 823 } });
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    expect(await searchPage(page, session.site.origin, '林东阁')).toContain(LIN);
    expect((await resultSlugs(page))[0]).toBe(LIN);
    // The wasm and Pagefind's script are the bulk of a first search; a name needs neither.
    expect(loaded.filter((path) => /pagefind\.js|\.pagefind$|\.pf_meta$/.test(path))).toEqual([]);
    const excerpt = page.locator('#search-results .search-hit-excerpt').first();
    expect(await excerpt.locator('mark').first().textContent()).toBe('林东阁');
    expect(await excerpt.textContent()).not.toMatch(/\. /);
    await page.context().close();
  });

  test('a mistyped name asks 您要找的是不是 and shows the story it most likely means', async () => {
    const page = await newPage({ viewport: { width: 412, height: 823 } });
    const slugs = await searchPage(page, session.site.origin, '林东格');
    expect(slugs[0]).toBe(LIN);
    const note = page.locator('#search-didyoumean');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe('您要找的是不是：林东阁');
    await note.getByRole('link', { name: '林东阁' }).click();
    await page.waitForURL(/q=%E6%9E%97%E4%B8%9C%E9%98%81/);
    await waitForResults(page);
    expect(await note.isVisible()).toBe(false);
    expect((await resultSlugs(page))[0]).toBe(LIN);
    await page.context().close();
  });

  test('a mistyped name with several known names one character away: the one that sounds alike first', async () => {
    const page = await newPage({ viewport: { width: 412, height: 823 } });
    // A second 林东X, the subject of more stories than 林东阁, added to the built dictionary file: 林东格
    // (gé) is a slip for 林东阁 (gé), not for 林东亮 (liàng), however many stories 林东亮 has.
    await page.route(`**/pagefind/dictionary/${String(bucketOf('林'))}.json`, async (route) => {
      const bucket = (await (await route.fetch()).json()) as DictionaryBucket;
      const other = Object.values(bucket).find((entry) => entry.see !== true && entry.p?.[0] !== undefined);
      const lin = bucket['林东阁'];
      bucket['林东亮'] = { in: lin?.in ?? '1', main: lin?.in ?? '1', p: [other?.p?.[0] ?? ''], n: 9 };
      await route.fulfill({ json: bucket });
    });
    const readings: string[] = [];
    page.on('request', (request) => {
      if (/\/pagefind\/dictionary\/pinyin-\d+\.json$/.test(request.url())) readings.push(request.url());
    });
    const slugs = await searchPage(page, session.site.origin, '林东格');
    expect(slugs[0]).toBe(LIN);
    expect(await page.locator('#search-didyoumean').textContent()).toBe('您要找的是不是：林东阁');
    expect(readings.length).toBeGreaterThan(0);
    await page.context().close();
  });

  test('a mistyped place asks 您要找的是不是 too', async () => {
    const page = await newPage();
    const slugs = await searchPage(page, session.site.origin, '东昌付区');
    expect(slugs).toContain('tang-yi-hu-lu-ka-fei');
    expect(await page.locator('#search-didyoumean').textContent()).toBe('您要找的是不是：东昌府区');
    await page.context().close();
  });

  test('excerpts read as Chinese: no ". " joins, no spaces between Chinese characters or after punctuation', async () => {
    const page = await newPage();
    // Topics too, which some stories carry without using the words in their text.
    for (const q of ['快递', '新就业群体', '林东阁', '快递小哥', '基层党建', '数字政务']) {
      await searchPage(page, session.site.origin, q);
      const excerpts = await page.locator('#search-results .search-hit-excerpt').allTextContents();
      expect(excerpts.length).toBeGreaterThan(0);
      for (const text of excerpts) {
        expect(text.trim(), q).not.toBe('');
        expect(text, q).not.toMatch(/\. |[。，！？；：、] |\p{Script=Han} (?=[\p{Script=Han}。，])/u);
        // The read-aloud buttons are page furniture, not story text.
        expect(text, q).not.toMatch(/听新闻|暂停停止/);
      }
    }
    await page.context().close();
  });

  test('a date range across years: from the URL, by keyboard, and with no query', async () => {
    const page = await newPage();
    expect(await searchPage(page, session.site.origin, '新就业群体', { from: '2026-06' })).toEqual([YANZHOU]);
    expect(await page.locator('#search-from').inputValue()).toBe('2026-06');
    const april = await searchPage(page, session.site.origin, '新就业群体', { from: '2025', to: '2026-04' });
    expect(april.length).toBeGreaterThan(1);
    expect(april).not.toContain(YANZHOU);
    // Only the filter, no words: the stories of the range, newest first.
    expect(await searchPage(page, session.site.origin, '', { from: '2026-05', to: '2027' })).toEqual([
      YANZHOU,
    ]);

    // By keyboard: from 不限 down to 2026年全年, then 1月 … 6月.
    await searchPage(page, session.site.origin, '新就业群体');
    const from = page.getByLabel('从', { exact: true });
    expect(
      await from.evaluate((select) => select.closest('fieldset')?.querySelector('legend')?.textContent),
    ).toBe('发表时间');
    await from.focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    await page.waitForURL((url) => url.searchParams.get('from') === '2026-06');
    await waitForResults(page);
    expect(
      await from.evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent),
    ).toBe('2026年6月');
    expect(await resultSlugs(page)).toEqual([YANZHOU]);
    await page.context().close();
  });

  test('Pagefind’s own files come Brotli-compressed', async () => {
    const page = await newPage();
    const encodings = new Map<string, string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (/\.(pf_meta|pf_index|pf_fragment|pagefind)$/.test(path)) {
        encodings.set(path, response.headers()['content-encoding'] ?? 'none');
      }
    });
    // Not a dictionary word: Pagefind itself answers, with its wasm, meta, word chunks and fragments.
    expect(await searchPage(page, session.site.origin, '静默认证')).toContain('lin-cheng-she-bao-shu-zi-hua');
    const kinds = new Set([...encodings.keys()].map((path) => /\.(\w+)$/.exec(path)?.[1]));
    expect([...kinds].sort()).toEqual(['pagefind', 'pf_fragment', 'pf_index', 'pf_meta']);
    expect([...new Set(encodings.values())]).toEqual(['br']);
    await page.context().close();
  });

  test('a search that finds nothing says so and suggests what to try', async () => {
    const page = await newPage();
    await searchPage(page, session.site.origin, 'zzqqxx');
    await expect
      .poll(() => page.locator('#search-status').textContent())
      .toContain('没有找到与“zzqqxx”相关的稿件');
    expect(await page.locator('#search-advice').isVisible()).toBe(true);
    expect(await page.locator('#search-suggest a').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  test('without JavaScript the page says search needs it', async () => {
    const page = await newPage({ js: false });
    await page.goto(`${session.site.origin}/search/?q=${encodeURIComponent('林东阁')}`);
    expect(await page.getByText('搜索需要 JavaScript').isVisible()).toBe(true);
    expect(await page.locator('#search-filters').isVisible()).toBe(false);
    await page.context().close();
  });
});

describe('header search box', () => {
  test('article pages load no Pagefind until a reader searches; "/" focuses the box and Enter searches', async () => {
    const page = await newPage();
    const bundle: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pagefind/')) bundle.push(request.url());
    });
    await page.goto(`${session.site.origin}/articles/${LIN}/`);
    await page.waitForLoadState('networkidle');
    expect(bundle).toEqual([]);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-q');
    await page.keyboard.type('林东阁');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    await waitForResults(page);
    expect((await resultSlugs(page))[0]).toBe(LIN);
    await page.context().close();
  });

  test('on a phone-sized screen, by keyboard only: search from the header, filter, open a story', async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${session.site.origin}/`);
    const box = page.locator('#site-search-q');
    expect(await box.isVisible()).toBe(true);
    await page.keyboard.press('/');
    await page.keyboard.type('开发区');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    await waitForResults(page);
    expect(await resultSlugs(page)).toContain(LIN);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Facets are folded on a phone; open them from the keyboard and pick one.
    await page.locator('#search-facets-box summary').focus();
    await page.keyboard.press('Enter');
    const option = page.getByRole('checkbox', { name: /^人物（\d+）$/ });
    await option.focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/kind=/);
    await waitForResults(page);
    expect(await resultSlugs(page)).toEqual([LIN]);
    await page.locator('#search-results .search-hit-title a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/articles/${LIN}/`));
    await page.context().close();
  });
});
