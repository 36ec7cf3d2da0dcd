/**
 * Lighthouse (the npm package's Node API, default = mobile profile with
 * simulated throttling) on home, an article, a column page, /search/ and
 * /hotline/, in Debian Chromium started here in headless mode. Each page
 * is run --runs times (default 3); the run with the median performance
 * score is reported, with every audit below 100 % in any category.
 * Reports are saved as JSON under bench/.out/lighthouse/.
 *
 *   node bench/lighthouse.ts                 # generated corpus, 1,000 articles
 *   node bench/lighthouse.ts --content real --runs 5
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse, { type Result } from 'lighthouse';
import { appendResults, waitForQuiet, loadAverage, machine, OUT } from './perf/machine.ts';
import { ensureSite, type SitePages } from './perf/site.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const { values } = parseArgs({
  options: {
    'max-wait-min': { type: 'string', default: '60' },
    'wait-quiet': { type: 'boolean', default: false },
    count: { type: 'string', default: '1000' },
    content: { type: 'string', default: 'generated' },
    reuse: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
  },
});
const content = values.content === 'real' ? 'real' : Number(values.count);
const site = await ensureSite(content, values.reuse);
// Wait after building: only the page measurements need a quiet machine.
const quiet = values['wait-quiet']
  ? await waitForQuiet({ maxWaitMs: Number(values['max-wait-min']) * 60_000 })
  : undefined;
process.env['ASTRO_OUT_DIR'] = site.outDir;
const { startSite, freePort } = await import('../tests/support/server.ts');
const runs = Number(values.runs);

/** Starts Debian Chromium headless with a DevTools port for Lighthouse to drive. */
async function startChromium(): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'perf-lh-'));
  const child = spawn(
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
      '--disable-default-apps',
      '--no-first-run',
      '--no-default-browser-check',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${String(port)}/json/version`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('Chromium did not open its DevTools port');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

interface Failing {
  category: string;
  /** The audit's weight in the category score; 0 means a diagnostic that costs no points. */
  weight: number;
  id: string;
  title: string;
  score: number;
  displayValue?: string;
}
interface PageScores {
  page: keyof SitePages;
  path: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  allRuns: Record<string, number>[];
  failing: Failing[];
  metrics: Record<string, number | undefined>;
  report: string;
}

const running = await startSite();
const chrome = await startChromium();
const results: PageScores[] = [];
mkdirSync(join(OUT, 'lighthouse'), { recursive: true });
try {
  for (const [page, path] of Object.entries(site.pages) as [keyof SitePages, string][]) {
    const lhrs: Result[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(`${running.origin}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      if (result.lhr.runtimeError) throw new Error(`${path}: ${result.lhr.runtimeError.message}`);
      lhrs.push(result.lhr);
    }
    const perf = (l: Result) => l.categories['performance']?.score ?? 0;
    const sorted = [...lhrs].sort((a, b) => perf(a) - perf(b));
    const lhr = sorted[Math.floor(sorted.length / 2)] as Result;
    const scores = Object.fromEntries(
      CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
    ) as PageScores['scores'];
    const failing: Failing[] = [];
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (audit?.score == null || audit.score >= 1) continue;
        if (['notApplicable', 'informative', 'manual'].includes(audit.scoreDisplayMode)) continue;
        const entry: Failing = {
          category: c,
          weight: ref.weight,
          id: audit.id,
          title: audit.title,
          score: audit.score,
        };
        if (audit.displayValue !== undefined) entry.displayValue = audit.displayValue;
        failing.push(entry);
      }
    }
    const metric = (id: string) => lhr.audits[id]?.numericValue;
    const report = join(OUT, 'lighthouse', `${site.name}-${page}.json`);
    writeFileSync(report, JSON.stringify(lhr, null, 1));
    results.push({
      page,
      path,
      scores,
      allRuns: lhrs.map((l) =>
        Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((l.categories[c]?.score ?? 0) * 100)])),
      ),
      failing,
      metrics: {
        fcpMs: metric('first-contentful-paint'),
        lcpMs: metric('largest-contentful-paint'),
        tbtMs: metric('total-blocking-time'),
        cls: metric('cumulative-layout-shift'),
        speedIndexMs: metric('speed-index'),
      },
      report,
    });
    console.log(`${page}: ${CATEGORIES.map((c) => `${c} ${String(scores[c])}`).join(', ')}`);
  }
} finally {
  chrome.stop();
  await running.stop();
}

console.log(
  `\nsite: ${site.name}; article: ${site.articleNote}; median of ${String(runs)} runs by performance score`,
);
console.log('| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
const ms = (n: number | undefined) => (n === undefined ? '–' : `${(n / 1000).toFixed(1)} s`);
for (const r of results) {
  console.log(
    `| ${r.page} \`${r.path}\` | ${String(r.scores.performance)} | ${String(r.scores.accessibility)} | ${String(r.scores['best-practices'])} | ${String(r.scores.seo)} | ${ms(r.metrics['fcpMs'])} | ${ms(r.metrics['lcpMs'])} | ${r.metrics['tbtMs'] === undefined ? '–' : `${String(Math.round(r.metrics['tbtMs']))} ms`} | ${r.metrics['cls']?.toFixed(3) ?? '–'} |`,
  );
}
for (const r of results) {
  if (r.failing.length === 0) continue;
  const line = (f: Failing) =>
    `  [${f.category}] ${f.id}: ${f.title} (score ${f.score.toFixed(2)}${f.displayValue ? `, ${f.displayValue}` : ''})`;
  const weighted = r.failing.filter((f) => f.weight > 0);
  const diagnostics = r.failing.filter((f) => f.weight === 0);
  if (weighted.length > 0)
    console.log(
      `\n${r.page} — scored audits below 100 % (these cost points):\n${weighted.map(line).join('\n')}`,
    );
  if (diagnostics.length > 0)
    console.log(`${r.page} — diagnostics below 100 % (weight 0):\n${diagnostics.map(line).join('\n')}`);
}
appendResults([
  {
    benchmark: 'lighthouse',
    date: new Date().toISOString(),
    machine: machine(),
    load: loadAverage(),
    quietWait: quiet,
    site: site.name,
    article: site.articleNote,
    command: `node bench/lighthouse.ts ${values.content === 'real' ? '--content real' : `--count ${values.count}`}`,
    results,
  },
]);
