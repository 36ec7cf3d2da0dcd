/**
 * Lighthouse (mobile profile, as bench/lighthouse.ts) on an article and the
 * home page, once in the standard mode and once in a 长者模式 combination
 * (default: the largest text, high contrast, wide line spacing and large
 * targets). The combination is saved in the profile's localStorage first
 * and Lighthouse is told not to clear storage, as a returning reader's
 * browser would have it. Runs against an existing build (ASTRO_OUT_DIR).
 *
 *   ASTRO_OUT_DIR=.work-h4/dist node bench/lighthouse-elder.ts
 *   ASTRO_OUT_DIR=dist node bench/lighthouse-elder.ts --mode '{"text-size":"3","contrast":"high"}' --runs 3
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { appendResults, loadAverage, machine, OUT } from './perf/machine.ts';
import { DIST, freePort, startSite } from '../tests/support/server.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const LARGEST = '{"text-size":"4","contrast":"high","line-spacing":"wide","targets":"large"}';

const { values } = parseArgs({
  options: { mode: { type: 'string', default: LARGEST }, runs: { type: 'string', default: '1' } },
});
const mode = values.mode;
const runs = Number(values.runs);

/** An article of the build with a lead photo (the heaviest kind), and the home page. */
function pages(): Record<string, string> {
  const dir = join(DIST, 'client', 'articles');
  const slugs = readdirSync(dir).sort();
  const hero = slugs.find((s) => readFileSync(join(dir, s, 'index.html'), 'utf8').includes('class="hero'));
  return { home: '/', article: `/articles/${hero ?? slugs[0] ?? ''}/` };
}

const site = await startSite();
const port = await freePort();
const profile = mkdtempSync(join(tmpdir(), 'lh-elder-'));
const chrome = spawn(
  process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  [
    '--headless=new',
    `--remote-debugging-port=${String(port)}`,
    `--user-data-dir=${profile}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    'about:blank',
  ],
  { stdio: 'ignore' },
);
const rows: { page: string; mode: string; scores: Record<string, number>; failing: string[] }[] = [];
try {
  const browser = await (async () => {
    for (let i = 0; ; i++) {
      try {
        return await chromium.connectOverCDP(`http://127.0.0.1:${String(port)}`);
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  })();
  const setMode = async (value: string) => {
    const context = browser.contexts()[0];
    if (!context) throw new Error('no default browser context');
    const tab = await context.newPage();
    await tab.goto(`${site.origin}/`);
    await tab.evaluate((v) => {
      localStorage.setItem('swd-elder-mode', v);
    }, value);
    await tab.close();
  };
  for (const [label, value] of [
    ['standard', '{}'],
    ['elder', mode],
  ] as const) {
    await setMode(value);
    for (const [page, path] of Object.entries(pages())) {
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(`${site.origin}${path}`, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
          disableStorageReset: true,
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const lhr = result.lhr;
        const failing = Object.values(lhr.categories)
          .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => lhr.audits[r.id]))
          .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a?.id ?? '');
        // The final screenshot shows whether the saved mode really applied during the audit.
        const shot = lhr.audits['final-screenshot']?.details;
        if (shot?.type === 'screenshot') {
          mkdirSync(join(OUT, 'lighthouse'), { recursive: true });
          const file = join(OUT, 'lighthouse', `elder-${label}-${page}.jpg`);
          writeFileSync(file, Buffer.from(shot.data.replace(/^data:image\/jpeg;base64,/, ''), 'base64'));
        }
        rows.push({
          page: `${page} ${path}`,
          mode: label === 'standard' ? 'standard' : value,
          scores: Object.fromEntries(
            CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
          ),
          failing,
        });
      }
    }
  }
  await browser.close();
} finally {
  chrome.kill('SIGTERM');
  await site.stop();
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}

console.log('| page | mode | performance | accessibility | best practices | SEO | failing |');
console.log('|---|---|---:|---:|---:|---:|---|');
for (const r of rows)
  console.log(
    `| ${r.page} | ${r.mode === 'standard' ? 'standard' : '`' + r.mode + '`'} | ${CATEGORIES.map((c) => String(r.scores[c])).join(' | ')} | ${r.failing.join(', ') || '–'} |`,
  );
appendResults([
  {
    benchmark: 'lighthouse-elder',
    date: new Date().toISOString(),
    machine: machine(),
    load: loadAverage(),
    command: `node bench/lighthouse-elder.ts --mode '${mode}' --runs ${String(runs)}`,
    results: rows,
  },
]);
