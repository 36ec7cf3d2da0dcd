/**
 * First-search bytes on a real project build (not the generated pages of
 * bench/search-scale.ts): the production server (src/server/serve.ts, with
 * its precompressed files) serving bench/.out/site-<count>/, and Debian
 * Chromium opening /search/?q=… cold, one fresh context per query. Counts
 * what went over the wire for every request (page and Pagefind's worker)
 * until the first results are on screen, then a follow-up query.
 *
 *   node bench/search-real.ts --count 10000     # after node bench/lighthouse.ts --count 10000 built the site
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Request } from 'playwright-core';
import { appendResults, machine, OUT } from './perf/machine.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    queries: {
      type: 'string',
      default: '陈国英,梁东丽,曹红强,兖州区,东阿县,快递进村,新就业群体,老旧小区改造,2024,王皮戏',
    },
    followUp: { type: 'string', default: '外卖骑手' },
  },
});
process.env['ASTRO_OUT_DIR'] = join(OUT, `site-${values.count}`);
const { startSite } = await import('../tests/support/server.ts');
const site = await startSite();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
});

interface Row {
  query: string;
  hits: string;
  requests: number;
  firstKb: number;
  followUpKb: number;
}

/** Bytes on the wire (headers + encoded body) of the requests that finished so far. */
async function wire(requests: Request[]): Promise<number> {
  let total = 0;
  for (const r of requests) {
    const sizes = await r.sizes().catch(() => undefined);
    if (sizes) total += sizes.responseHeadersSize + sizes.responseBodySize;
  }
  return total;
}

const rows: Row[] = [];
try {
  for (const query of values.queries.split(',')) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const requests: Request[] = [];
    context.on('requestfinished', (r) => requests.push(r));
    const count = page.locator('#search-results > li');
    await page.goto(`${site.origin}/search/?q=${encodeURIComponent(query)}`);
    await count.first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const first = await wire(requests);
    const hits = (await page.locator('#search-status, [role="status"]').first().textContent())?.trim() ?? '';
    const before = requests.length;
    await page.locator('#search-q, input[name="q"]').first().fill(values.followUp);
    await page.keyboard.press('Enter');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    const followUp = (await wire(requests)) - first;
    rows.push({ query, hits, requests: before, firstKb: first / 1000, followUpKb: followUp / 1000 });
    console.log(
      `${query}: ${String(before)} requests, first ${(first / 1000).toFixed(1)} kB, follow-up ${(followUp / 1000).toFixed(1)} kB (${hits})`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await site.stop();
}
const sorted = rows.map((r) => r.firstKb).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
console.log(
  `\n| query | requests | first search kB (wire) | follow-up "${values.followUp}" kB |\n|---|---:|---:|---:|`,
);
for (const r of rows)
  console.log(
    `| ${r.query} | ${String(r.requests)} | ${r.firstKb.toFixed(1)} | ${r.followUpKb.toFixed(1)} |`,
  );
console.log(
  `| **median** | | **${median.toFixed(1)}** | |\n| **max** | | **${Math.max(...sorted).toFixed(1)}** | |`,
);
appendResults([
  {
    benchmark: 'search-real',
    date: new Date().toISOString(),
    machine: machine(),
    command: `node bench/search-real.ts --count ${values.count}`,
    rows,
  },
]);
