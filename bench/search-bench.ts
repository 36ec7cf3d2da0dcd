/**
 * Search benchmark on a generated corpus (default 10,000 articles).
 *
 *   node bench/search-bench.ts [--count 10000] [--seed 42] [--names 300]
 *
 * 1. Generates the corpus content tree (bench/corpus/generate.ts) into
 *    bench/.corpus/<count>/content.
 * 2. Renders every article as a static page with the site's Pagefind markup
 *    (bench/search-pages.ts), without Astro, twice: with the extra search
 *    terms ("after") and without them ("before").
 * 3. Indexes both with the site's own integration code (indexSite() of
 *    src/integrations/pagefind.ts): index time and size on disk.
 * 4. Serves each site from a local static server that counts the bytes of
 *    every response, and drives headless Chromium: bytes for a cold first
 *    query and a follow-up query, query latency, all through the search
 *    page's own engine (src/lib/search-engine.ts, served as JS by stripping
 *    the types) and, for comparison, through raw Pagefind.
 * 5. Relevance at scale: each profile subject's full name, given name and a
 *    one-character typo, P@1 and recall@5, before and after.
 *
 * Prints a Markdown report and writes it to bench/.out/search-bench.md.
 */
import { createServer, type Server } from 'node:http';
import { readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { generateCorpus, type GeneratedArticle } from './corpus/generate.ts';
import { GIVEN_CHARS } from './corpus/vocabulary.ts';
import { writeSite } from './search-pages.ts';
import { indexSite, type IndexReport } from '../src/integrations/pagefind.ts';
import { launchBrowser } from '../tests/support/browser.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    names: { type: 'string', default: '300' },
    // Reuse the pages and indexes of the last run (same count and seed) and only measure again.
    reuse: { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.count);
const SEED = Number(values.seed);
const NAMES = Number(values.names);
const ROOT = resolve('bench/.out/search-bench');
const LIB = resolve('src/lib');

// ---------------------------------------------------------------- static server

interface Served {
  path: string;
  bytes: number;
  gzipBytes: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.ts': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** A static server for `dir` that records every response's size, raw and gzipped. */
async function serve(dir: string): Promise<{ origin: string; log: Served[]; server: Server }> {
  const log: Served[] = [];
  const gzipCache = new Map<string, number>();
  const server = createServer((req, res) => {
    void (async () => {
      let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      try {
        let body: Buffer;
        if (path.startsWith('/lib/')) {
          // The search page's own modules, run as they are in the site minus the types.
          const source = await readFile(join(LIB, path.slice(5)), 'utf8');
          body = Buffer.from(stripTypeScriptTypes(source));
        } else {
          body = await readFile(join(dir, path));
        }
        const gz = gzipCache.get(path) ?? Math.min(body.length, gzipSync(body, { level: 9 }).length);
        gzipCache.set(path, gz);
        log.push({ path, bytes: body.length, gzipBytes: gz });
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${String(port)}`, log, server };
}

// ---------------------------------------------------------------- in-page search

const HARNESS = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title></head><body>
<script type="module">
import { RANKING, configurePagefind, countFacets, runSearch } from '/lib/search-engine.ts';
import { emptyState } from '/lib/search-query.ts';
let api;
async function load() {
  if (!api) {
    api = await import('/pagefind/pagefind.js');
    // ?worker=0 runs Pagefind on the main thread, to measure what its web worker costs.
    // (options() before init replaces earlier options, so this goes in the same call.)
    if (new URLSearchParams(location.search).get('worker') === '0') {
      await api.options({ noWorker: true, ranking: RANKING, excerptLength: 40, excerptEllipsis: '…' });
      await api.init();
    } else {
      await configurePagefind(api);
    }
  }
  return api;
}
window.engineFacets = async (q) => {
  const t0 = performance.now();
  const pf = await load();
  const counts = await countFacets(pf, { ...emptyState(), q }, q);
  return { ms: performance.now() - t0, urls: [], total: Object.keys(counts.topic).length };
};
// The search page's path: our engine, then the first page of results (10 fragments).
window.engineSearch = async (q, show = 10) => {
  const t0 = performance.now();
  const pf = await load();
  const state = { ...emptyState(), q };
  const result = await runSearch(pf, state);
  const data = await Promise.all(result.hits.slice(0, show).map((h) => h.data()));
  return { ms: performance.now() - t0, urls: data.map((d) => d.url), total: result.hits.length };
};
// Raw Pagefind with default options, for comparison.
let raw;
window.rawSearch = async (q, show = 10) => {
  const t0 = performance.now();
  if (!raw) { const mod = await import('/pagefind/pagefind.js'); raw = mod.createInstance(); }
  const response = await raw.search(q);
  const data = await Promise.all((response?.results ?? []).slice(0, show).map((h) => h.data()));
  return { ms: performance.now() - t0, urls: data.map((d) => d.url), total: response?.results.length ?? 0 };
};
window.benchReady = true;
</script></body></html>`;

interface Run {
  ms: number;
  urls: string[];
  total: number;
}

async function run(
  page: Page,
  fn: 'engineSearch' | 'rawSearch' | 'engineFacets',
  q: string,
  show = 10,
): Promise<Run> {
  return page.evaluate<Run>(`window.${fn}(${JSON.stringify(q)}, ${String(show)})`);
}

async function openHarness(origin: string, query = ''): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/search/${query}`);
  await page.waitForFunction('window.benchReady === true');
  return { page, close: () => browser.close() };
}

// ---------------------------------------------------------------- figures

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

function bytesOf(log: Served[], from: number): { raw: number; gzip: number; files: number; wasm: number } {
  const slice = log.slice(from).filter((s) => s.path.startsWith('/pagefind/'));
  return {
    raw: slice.reduce((n, s) => n + s.bytes, 0),
    gzip: slice.reduce((n, s) => n + s.gzipBytes, 0),
    files: slice.length,
    wasm: slice.filter((s) => s.path.includes('wasm')).reduce((n, s) => n + s.gzipBytes, 0),
  };
}

/** Which generated articles contain `text` in their title, summary or body. */
function containing(articles: GeneratedArticle[], text: string): Set<string> {
  return new Set(
    articles
      .filter((a) => a.data.title.includes(text) || a.data.summary.includes(text) || a.body.includes(text))
      .map((a) => `/articles/${a.slug}/`),
  );
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (line = '') => {
    lines.push(line);
    console.log(line);
  };

  let t = performance.now();
  const articles = await generateCorpus({
    count: COUNT,
    outDir: `bench/.corpus/${String(COUNT)}`,
    seed: SEED,
  });
  const genMs = performance.now() - t;
  const after = join(ROOT, 'after');
  const before = join(ROOT, 'before');
  const reportFile = join(ROOT, 'index-report.json');
  let renderMs = 0;
  let indexed: IndexReport;
  let indexedBefore: IndexReport;
  if (values.reuse) {
    [indexed, indexedBefore] = JSON.parse(await readFile(reportFile, 'utf8')) as [IndexReport, IndexReport];
  } else {
    await rm(ROOT, { recursive: true, force: true });
    t = performance.now();
    await writeSite(articles, after);
    await writeSite(articles, before, { withTerms: false });
    renderMs = (performance.now() - t) / 2;
    indexed = await indexSite(after);
    indexedBefore = await indexSite(before);
    await writeFile(reportFile, JSON.stringify([indexed, indexedBefore]));
  }
  for (const dir of [after, before]) {
    await mkdir(join(dir, 'search'), { recursive: true });
    await writeFile(join(dir, 'search', 'index.html'), HARNESS);
  }
  const withComponents = articles.filter((a) => a.usesComponents).length;

  say(`# Search benchmark: ${String(COUNT)} generated articles`);
  say();
  say(
    `Corpus: seed ${String(SEED)}, ${String(withComponents)} articles (${((withComponents / COUNT) * 100).toFixed(0)}%) use MDX components; generated in ${(genMs / 1000).toFixed(1)} s, pages rendered in ${(renderMs / 1000).toFixed(1)} s.`,
  );
  say(
    `Machine: ${String((await import('node:os')).cpus().length)} CPU cores, Node ${process.version}, Pagefind 1.6.0 (extended binary), Chromium headless.`,
  );
  say();
  say('## Index');
  say();
  say(
    '| | pages | index time | index on disk (entry, meta, word, filter, fragment files) | whole bundle incl. unused UI files | files |',
  );
  say('|---|---|---|---|---|---|');
  for (const [label, r] of [
    ['with extra terms (shipped)', indexed],
    ['without extra terms', indexedBefore],
  ] as const) {
    say(
      `| ${label} | ${String(r.pages)} | ${(r.milliseconds / 1000).toFixed(1)} s | ${(r.indexBytes / 1024 / 1024).toFixed(1)} MB | ${(r.bundleBytes / 1024 / 1024).toFixed(1)} MB | ${String(r.files)} |`,
    );
  }

  // ---- transfer and latency
  const { origin, log, server } = await serve(after);
  const profiles = articles.filter((a) => a.data.subject);
  const names3 = profiles
    .filter((a) => a.data.subject?.name.length === 3)
    .map((a) => a.data.subject?.name ?? '');
  // First queries a reader might type, each in a fresh browser with an empty cache.
  const coldQueries = [
    ...names3.slice(0, 8),
    '兖州区',
    '东阿县',
    '快递进村',
    '新就业群体',
    '老旧小区改造',
    '2024',
    '外卖骑手',
    '王皮戏',
  ];
  const coldRows: {
    q: string;
    hits: number;
    results: ReturnType<typeof bytesOf>;
    facets: ReturnType<typeof bytesOf>;
    ms: number;
    follow: ReturnType<typeof bytesOf>;
  }[] = [];
  const coldNoWorker: number[] = [];
  for (const [i, q] of coldQueries.entries()) {
    const cold = await openHarness(origin);
    let mark = log.length;
    const first = await run(cold.page, 'engineSearch', q);
    const results = bytesOf(log, mark);
    mark = log.length;
    await run(cold.page, 'engineFacets', q);
    const facets = bytesOf(log, mark);
    mark = log.length;
    await run(cold.page, 'engineSearch', coldQueries[(i + 5) % coldQueries.length] ?? '快递');
    const follow = bytesOf(log, mark);
    coldRows.push({ q, hits: first.total, results, facets, ms: first.ms, follow });
    await cold.close();
    const bare = await openHarness(origin, '?worker=0');
    mark = log.length;
    await run(bare.page, 'engineSearch', q);
    coldNoWorker.push(bytesOf(log, mark).gzip);
    await bare.close();
  }
  const cold = await openHarness(origin);
  const warmQueries = [
    ...profiles.slice(1, 21).map((a) => a.data.subject?.name ?? ''),
    '新就业群体',
    '东阿县',
    '开发区',
    '临清',
    '乡村振兴',
    '老旧小区改造',
    '2024',
    '志愿服务',
    '王皮戏',
    '社区食堂',
  ];
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  for (const q of warmQueries) engineMs.push((await run(cold.page, 'engineSearch', q)).ms);
  for (const q of warmQueries) rawMs.push((await run(cold.page, 'rawSearch', q)).ms);
  await cold.close();

  say();
  say('## Transfer (bytes of /pagefind/ responses, counted by the server)');
  say();
  say(
    '"gzip" is what a server that compresses text sends (Pagefind\'s index files are already gzipped and count as they are); "raw" is what a server without compression sends. "first results" = everything the page loads to show the first 10 results of the first search in a fresh browser: pagefind.js, its web worker, the wasm, entry and meta files, the word-index chunks of the query and 10 result fragments. "facets" = the filter indexes loaded afterwards for the facet counts (only when the facets are on screen). "follow-up" = a different second query in the same browser.',
  );
  say();
  say(
    '| first query (cold) | hits | files | first results raw | **first results gzip** | without worker, gzip | + facets gzip | follow-up query gzip | time to first results |',
  );
  say('|---|---|---|---|---|---|---|---|---|');
  for (const [i, r] of coldRows.entries()) {
    say(
      `| ${r.q} | ${String(r.hits)} | ${String(r.results.files)} | ${kb(r.results.raw)} | **${kb(r.results.gzip)}** | ${kb(coldNoWorker[i] ?? 0)} | ${kb(r.facets.gzip)} | ${kb(r.follow.gzip)} | ${r.ms.toFixed(0)} ms |`,
    );
  }
  const gz = coldRows.map((r) => r.results.gzip);
  const raw = coldRows.map((r) => r.results.raw);
  const follows = coldRows.map((r) => r.follow.gzip);
  say(
    `| **median** | | | ${kb(median(raw))} | **${kb(median(gz))}** | ${kb(median(coldNoWorker))} | ${kb(median(coldRows.map((r) => r.facets.gzip)))} | ${kb(median(follows))} | ${median(coldRows.map((r) => r.ms)).toFixed(0)} ms |`,
  );
  say(
    `| **max** | | | ${kb(Math.max(...raw))} | **${kb(Math.max(...gz))}** | ${kb(Math.max(...coldNoWorker))} | ${kb(Math.max(...coldRows.map((r) => r.facets.gzip)))} | ${kb(Math.max(...follows))} | ${Math.max(...coldRows.map((r) => r.ms)).toFixed(0)} ms |`,
  );
  say();
  say(`Pagefind's stated budget: under 300 kB for a first search on a 10,000-page site.`);
  say();
  say('## Query latency in Chromium (warm, same page, search + first 10 fragments)');
  say();
  say('| path | queries | median | p95 | max |');
  say('|---|---|---|---|---|');
  say(
    `| site engine (query + exact-phrase pass) | ${String(engineMs.length)} | ${median(engineMs).toFixed(0)} ms | ${pct(engineMs, 0.95).toFixed(0)} ms | ${Math.max(...engineMs).toFixed(0)} ms |`,
  );
  say(
    `| raw Pagefind, default options | ${String(rawMs.length)} | ${median(rawMs).toFixed(0)} ms | ${pct(rawMs, 0.95).toFixed(0)} ms | ${Math.max(...rawMs).toFixed(0)} ms |`,
  );

  // ---- relevance at scale
  const beforeSite = await serve(before);
  const afterPage = await openHarness(origin);
  const beforePage = await openHarness(beforeSite.origin);
  const sample = profiles.slice(0, NAMES);
  const tally = new Map<string, { p1: number; r5: number; n: number }>();
  const add = (key: string, urls: string[], relevant: Set<string>) => {
    const row = tally.get(key) ?? { p1: 0, r5: 0, n: 0 };
    const top5 = urls.slice(0, 5);
    row.p1 += urls[0] !== undefined && relevant.has(urls[0]) ? 1 : 0;
    row.r5 += top5.filter((u) => relevant.has(u)).length / Math.min(5, relevant.size);
    row.n += 1;
    tally.set(key, row);
  };
  for (const [i, article] of sample.entries()) {
    const name = article.data.subject?.name ?? '';
    const url = `/articles/${article.slug}/`;
    const given = name.length >= 3 ? name.slice(-2) : '';
    const wrong = GIVEN_CHARS[(i * 7 + 3) % GIVEN_CHARS.length] ?? '某';
    const typo = name.slice(0, -1) + (name.endsWith(wrong) ? '某' : wrong);
    const cases: [string, string, Set<string>][] = [
      ['full name', name, containing(articles, name)],
      ...(given
        ? [
            ['given name only', given, new Set([url, ...containing(articles, name)])] as [
              string,
              string,
              Set<string>,
            ],
          ]
        : []),
      ['name with a wrong last character', typo, new Set([url])],
    ];
    for (const [kind, q, relevant] of cases) {
      relevant.add(url);
      add(
        `${kind}|raw Pagefind, no extra terms (before)`,
        (await run(beforePage.page, 'rawSearch', q, 5)).urls,
        relevant,
      );
      add(`${kind}|raw Pagefind, extra terms`, (await run(afterPage.page, 'rawSearch', q, 5)).urls, relevant);
      add(
        `${kind}|site engine, extra terms (after)`,
        (await run(afterPage.page, 'engineSearch', q, 5)).urls,
        relevant,
      );
    }
  }
  await afterPage.close();
  await beforePage.close();
  server.close();
  beforeSite.server.close();

  say();
  say(`## Relevance at scale: ${String(sample.length)} profile subjects`);
  say();
  say(
    "Relevant = the subject's own story plus any story whose text contains the full name. A given name alone also counts the subject's story as the answer.",
  );
  say();
  say('| query | setup | queries | P@1 | recall@5 |');
  say('|---|---|---|---|---|');
  for (const [key, row] of tally) {
    const [kind, setup] = key.split('|');
    say(
      `| ${kind ?? ''} | ${setup ?? ''} | ${String(row.n)} | ${(row.p1 / row.n).toFixed(3)} | ${(row.r5 / row.n).toFixed(3)} |`,
    );
  }
  await mkdir('bench/.out', { recursive: true });
  await writeFile('bench/.out/search-bench.md', `${lines.join('\n')}\n`);
}

await main();
