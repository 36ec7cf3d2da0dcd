/**
 * The CMS story list at newsroom scale, in real Chromium: generated stories
 * (bench/corpus, seed 42) committed into a Git repository, served by
 * decap-server (the local backend) and by the built site (ASTRO_OUT_DIR, its
 * /admin/ and /api/cms/search.json with PUBLISH_REPO = that repository). Per
 * run, a new tab opens /admin/#/collections/articles already signed in and
 * the bench times the CMS's start (its menu) and the first story card, then counts the cards, the page's
 * DOM nodes and its JS heap after a garbage collection, the bytes the list
 * fetched, and the time the next page takes to appear when the editor
 * scrolls to the end. Run it against two builds to compare. Prints a
 * Markdown table for docs/benchmarks.md.
 *
 *   ASTRO_OUT_DIR=.work-x/dist node bench/cms-list.ts --counts 2000,10000 --runs 3
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { generateCorpus } from './corpus/generate.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { freePort, startSite } from '../tests/support/server.ts';
import { startDecapServer } from '../cms/testing/repo.ts';
import { admin } from '../cms/testing/editor.ts';

const { values } = parseArgs({
  options: {
    counts: { type: 'string', default: '2000,10000' },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const CARDS = 'a[href*="/collections/articles/entries/"]';

/** One tab's first look at the list. */
async function measure(page: Page, url: string) {
  let bytes = 0;
  page.on('response', (response) => {
    const target = response.url();
    if (!target.includes('/api/v1') && !target.includes('/api/cms/search.json')) return;
    void response.body().then(
      (body) => (bytes += body.length),
      () => undefined,
    );
  });
  const t0 = performance.now();
  await page.goto(url);
  // The CMS's own start (its script, the site's styles for the preview, the sign-in) ends with its menu.
  await page.getByRole('link', { name: '稿件' }).first().waitFor({ timeout: 300_000 });
  const shell = performance.now() - t0;
  await page.locator(CARDS).first().waitFor({ timeout: 300_000 });
  const firstCard = performance.now() - t0;
  // Let the rest of what the list asked for arrive and render.
  await page.waitForLoadState('networkidle');
  const cards = await page.locator(CARDS).count();
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const t1 = performance.now();
  await page.locator(CARDS).last().scrollIntoViewIfNeeded();
  const more = await page
    .waitForFunction(
      (n) => document.querySelectorAll(n.selector).length > n.count,
      { selector: CARDS, count: cards },
      {
        timeout: 10_000,
      },
    )
    .then(
      () => performance.now() - t1,
      () => Number.NaN,
    );
  return { shell, firstCard, cards, nodes, heapMb: heap.usedSize / 2 ** 20, kb: bytes / 1024, more };
}

console.log(
  '| stories | CMS started, median (ms) | first card, median (ms) | first card, max (ms) | cards drawn | DOM nodes | JS heap after GC (MB) | list fetched (kB) | next page on scroll (ms) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const browser = await launchBrowser();
try {
  for (const count of values.counts.split(',').map(Number)) {
    const repo = resolve(`bench/.out/cms-list-${String(count)}`);
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    await generateCorpus({ count, outDir: repo });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    const who = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'gc.auto=0'];
    git('init', '-q', '-b', 'main');
    git(...who, 'add', '-A');
    git(...who, 'commit', '-q', '-m', 'corpus');
    // A newsroom's repository is packed.
    git('gc', '-q');
    const [decap, site] = await Promise.all([
      freePort().then((port) => startDecapServer(repo, port)),
      startSite({ PUBLISH_REPO: repo }),
    ]);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const url = admin(site.origin, decap.port, '#/collections/articles');
      // Sign in once; later tabs of the context are signed in already, as an editor's are.
      const first = await context.newPage();
      await first.goto(url);
      await first.getByRole('button', { name: '登录' }).click();
      await first.locator(CARDS).first().waitFor({ timeout: 300_000 });
      await first.close();
      const results = [];
      for (let i = 0; i < runs; i++) {
        const page = await context.newPage();
        results.push(await measure(page, url));
        await page.close();
      }
      const last = results.at(-1);
      if (!last) throw new Error('--runs must be at least 1');
      const f = (n: number, digits = 0) => (Number.isNaN(n) ? '—' : n.toFixed(digits));
      console.log(
        `| ${String(count)} | ${f(median(results.map((r) => r.shell)))} | ${f(median(results.map((r) => r.firstCard)))} | ${f(Math.max(...results.map((r) => r.firstCard)))} | ${String(last.cards)} | ${String(last.nodes)} | ${f(median(results.map((r) => r.heapMb)), 1)} | ${f(last.kb)} | ${f(median(results.map((r) => r.more)))} |`,
      );
    } finally {
      await context.close();
      await site.stop();
      await decap.stop();
    }
    rmSync(repo, { recursive: true, force: true });
  }
} finally {
  await browser.close();
}
