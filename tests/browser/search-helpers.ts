/**
 * Helpers for the search tests: run a search through the real /search/ page
 * (or raw Pagefind, for the baseline) and read the result slugs, and score a
 * ranking with P@1 and recall@5.
 */
import type { Page } from 'playwright-core';

/** The article slug of a result URL: "/articles/lin-dong-ge/" → "lin-dong-ge". */
export function slugOf(url: string): string {
  return /\/articles\/([^/]+)\//.exec(url)?.[1] ?? url;
}

/** Waits until the search page has loaded Pagefind and finished its current search. */
export async function waitForResults(page: Page): Promise<void> {
  await page.waitForSelector('#search-form[data-ready="true"]', { state: 'attached', timeout: 15_000 });
  await page.waitForSelector('#search-results:not([aria-busy])', { state: 'attached', timeout: 15_000 });
}

/** Opens /search/ with a query and parameters and returns the result slugs in order (all pages loaded). */
export async function searchPage(
  page: Page,
  origin: string,
  q: string,
  params: Record<string, string> = {},
): Promise<string[]> {
  const query = new URLSearchParams({ ...(q === '' ? {} : { q }), ...params });
  await page.goto(`${origin}/search/?${query.toString()}`);
  await waitForResults(page);
  while (await page.locator('#search-more').isVisible()) {
    const before = await page.locator('#search-results > li').count();
    await page.locator('#search-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, before);
  }
  const hrefs = await page
    .locator('#search-results .search-hit-title a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  return hrefs.map(slugOf);
}

/**
 * The baseline: the same query through a fresh Pagefind instance with its
 * default options over every shard, no dictionary, no phrase ranking and no fallback. The page must be a
 * page of the built site (for the zh-CN language and same-origin bundle).
 */
export async function searchRaw(
  page: Page,
  q: string,
  params: Record<string, string> = {},
): Promise<string[]> {
  const filters: Record<string, { any: string[] }> = {};
  for (const [key, value] of Object.entries(params)) if (key !== 'sort') filters[key] = { any: [value] };
  // A string, so the test runner's transform leaves the browser's import() alone.
  const script = `(async () => {
    const mod = await import('/pagefind/pagefind.js');
    const instance = mod.createInstance();
    // The archive is one bundle per year behind a placeholder primary (src/integrations/pagefind.ts).
    const manifest = await (await fetch('/pagefind/shards.json')).json();
    for (const shard of manifest.shards) await instance.mergeIndex(shard.path);
    const response = await instance.search(${JSON.stringify(q === '' ? null : q)}, { filters: ${JSON.stringify(filters)} });
    const hits = (response?.results ?? []).filter((hit) => hit.id !== manifest.placeholder);
    const fragments = await Promise.all(hits.map((hit) => hit.data()));
    await instance.destroy();
    return fragments.map((f) => f.url);
  })()`;
  const urls = await page.evaluate<string[]>(script);
  return urls.map(slugOf);
}

/** Precision at 1 and recall at 5 for one ranking. */
export function score(ranking: string[], relevant: string[]): { p1: number; r5: number } {
  const top5 = ranking.slice(0, 5);
  const found = relevant.filter((slug) => top5.includes(slug)).length;
  return {
    p1: ranking[0] !== undefined && relevant.includes(ranking[0]) ? 1 : 0,
    r5: found / Math.min(5, relevant.length),
  };
}
