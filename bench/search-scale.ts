/**
 * Search at archive scale, through the site's real /search/ page in
 * Chromium: bytes on the wire, time to first results and relevance.
 *
 *   CONTENT_DIR=tests/fixtures/content ASTRO_OUT_DIR=.work-h5/dist ASTRO_CACHE_DIR=.work-h5/cache npx astro build
 *   node bench/search-scale.ts --site .work-h5/dist --count 10000 [--names 300] [--reuse] [--no-relevance]
 *
 * 1. Copies a built site (the fixture build: real search page, real
 *    server) and adds `count` generated article pages
 *    (bench/corpus/generate.ts, rendered by bench/search-pages.ts with the
 *    site's Pagefind markup) plus the twelve seeded stories of
 *    bench/corpus/seeded.ts, spread over 2018–2026.
 * 2. Indexes it with the site's indexSite() and a cache folder, then edits
 *    one story and indexes again (the publisher's incremental case).
 * 3. Serves it with the production server (src/server/serve.ts) and opens
 *    /search/?q=… in a fresh Chromium context per query on a phone-sized
 *    screen: bytes on the wire (headers + encoded bodies) until the first
 *    result is on screen and until the page of results is complete, the time
 *    to the first result (from navigation start), and a follow-up query.
 * 4. Relevance through the same page: generated profile subjects (full
 *    name, given name, wrong last character), places, topics, district
 *    typos, and the seeded test set.
 *
 * Writes bench/.out/search-scale-<count>.md.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page, type Request } from 'playwright-core';
import { DISTRICT_NAMES, generateArticle, type GeneratedArticle } from './corpus/generate.ts';
import { seededArticles, seededCases } from './corpus/seeded.ts';
import { GIVEN_CHARS, PLACES, TOPICS } from './corpus/vocabulary.ts';
import { articlePage } from './search-pages.ts';
import { indexSite, type IndexReport } from '../src/integrations/pagefind.ts';
import { precompress } from '../src/server/compressed.ts';
import { commonCharacters, readingsOf } from '../src/integrations/search-readings.ts';
import { soundSimilarity } from '../src/lib/search-pinyin.ts';

const { values } = parseArgs({
  options: {
    site: { type: 'string', default: '.work-h5/dist' },
    count: { type: 'string', default: '10000' },
    names: { type: 'string', default: '300' },
    reuse: { type: 'boolean', default: false },
    'no-relevance': { type: 'boolean', default: false },
    // With --reuse: index again through the cache (nothing changed), e.g. after a dictionary change.
    reindex: { type: 'boolean', default: false },
    // Only generate and index (the long part); measure later with --reuse.
    'prepare-only': { type: 'boolean', default: false },
    // Only the date range queries (a quick run after a change to the range filter).
    'dates-only': { type: 'boolean', default: false },
    out: { type: 'string', default: '' },
  },
});
const COUNT = Number(values.count);
const WORK = resolve(values.out || `bench/.corpus/search-scale-${String(COUNT)}`);
const DIST = join(WORK, 'dist');
const CLIENT = join(DIST, 'client');
const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  console.log(line);
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

// ---------------------------------------------------------------- corpus and index

const articles: GeneratedArticle[] = [
  ...Array.from({ length: COUNT }, (_, i) => generateArticle(i, 42)),
  ...seededArticles(),
];
const pageOf = (a: GeneratedArticle) => join(CLIENT, 'articles', a.slug, 'index.html');

interface Prepared {
  cold: IndexReport;
  edit: IndexReport;
  editedYear: string;
  unchanged?: IndexReport;
}

async function prepare(): Promise<Prepared> {
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  await cp(resolve(values.site), DIST, { recursive: true });
  // Only the generated and seeded stories, so every answer of the relevance sets is known.
  await rm(join(CLIENT, 'pagefind'), { recursive: true, force: true });
  await rm(join(CLIENT, 'articles'), { recursive: true, force: true });
  for (const article of articles) {
    await mkdir(join(CLIENT, 'articles', article.slug), { recursive: true });
    await writeFile(pageOf(article), articlePage(article));
  }
  const cacheDir = join(WORK, 'cache');
  console.log(`[index] ${String(articles.length)} generated pages, load ${load()}`);
  const cold = await indexSite(CLIENT, { cacheDir });
  // One story edited, as an editor would: a sentence added to its body.
  const edited = articles[Math.floor(COUNT / 2)] ?? articles[0];
  if (!edited) throw new Error('no articles');
  const html = await readFile(pageOf(edited), 'utf8');
  await writeFile(pageOf(edited), html.replace('</article>', '<p>编者按：本文有更新。</p></article>'));
  console.log(`[index] after editing ${edited.slug}, load ${load()}`);
  const edit = await indexSite(CLIENT, { cacheDir });
  await precompress(join(CLIENT, 'pagefind'));
  return { cold, edit, editedYear: edited.data.publishedAt.slice(0, 4) };
}

// ---------------------------------------------------------------- browser

process.env['ASTRO_OUT_DIR'] = DIST;
const { startSite } = await import('../tests/support/server.ts');

async function wire(requests: Request[]): Promise<{ all: number; search: number; count: number }> {
  let all = 0;
  let search = 0;
  for (const r of requests) {
    const sizes = await r.sizes().catch(() => undefined);
    if (!sizes) continue;
    const bytes = sizes.responseHeadersSize + sizes.responseBodySize;
    all += bytes;
    if (new URL(r.url()).pathname.startsWith('/pagefind/')) search += bytes;
  }
  return { all, search, count: requests.length };
}

/** Submits a query on the open search page and waits until its results are complete. */
async function submit(page: Page, q: string): Promise<void> {
  await page.evaluate((query) => {
    const input = document.querySelector('#search-q');
    const form = document.querySelector('#search-form');
    if (!(input instanceof HTMLInputElement) || !(form instanceof HTMLFormElement))
      throw new Error('no form');
    input.value = query;
    form.requestSubmit();
  }, q);
  await page.waitForSelector('#search-results:not([aria-busy])', { state: 'attached', timeout: 120_000 });
}

async function topSlugs(page: Page, n = 5): Promise<string[]> {
  const hrefs = await page
    .locator('#search-results .search-hit-title a')
    .evaluateAll((links) => links.map((a) => (a instanceof HTMLAnchorElement ? a.pathname : '')));
  return hrefs.slice(0, n).map((h) => /\/articles\/([^/]+)\//.exec(h)?.[1] ?? h);
}

interface ColdRow {
  q: string;
  status: string;
  firstMs: number;
  first: { all: number; search: number; count: number };
  complete: { all: number; search: number; count: number };
  follow: number;
  /** The months ("2024-03") of the results on screen, read from their dates. */
  months: string[];
}

async function coldQueries(origin: string, queries: string[], followUps: string[]): Promise<ColdRow[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  const rows: ColdRow[] = [];
  try {
    for (const [i, q] of queries.entries()) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
      const page = await context.newPage();
      const requests: Request[] = [];
      context.on('requestfinished', (r) => requests.push(r));
      // A query, or a whole query string with a date range: "q=兖州区&from=2023-06".
      const search = q.includes('=') ? new URLSearchParams(q) : new URLSearchParams({ q });
      await page.goto(`${origin}/search/?${search.toString()}`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => (document.querySelector('#search-results > li') ? performance.now() : false),
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
      const firstMs = Number(await handle.jsonValue());
      const first = await wire(requests);
      await page.waitForSelector('#search-results:not([aria-busy])', { state: 'attached', timeout: 120_000 });
      const complete = await wire(requests);
      const status = (await page.locator('#search-status').textContent())?.trim() ?? '';
      const months = (await page.locator('#search-results .search-hit-meta').allTextContents()).map(
        (text) => {
          const [, y = '', m = ''] = /(\d{4})年(\d{1,2})月/.exec(text) ?? [];
          return `${y}-${m.padStart(2, '0')}`;
        },
      );
      await submit(page, followUps[i % followUps.length] ?? '快递');
      const after = await wire(requests);
      rows.push({ q, status, firstMs, first, complete, follow: after.all - complete.all, months });
      console.log(
        `[cold] ${q}: first ${kb(first.all)} in ${firstMs.toFixed(0)} ms, page ${kb(complete.all)}, follow-up ${kb(after.all - complete.all)} (${status})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return rows;
}

// ---------------------------------------------------------------- relevance

// ---------------------------------------------------------------- typos as people make them

/**
 * The first 3,755 characters of GB 2312 (its level 1, the everyday set): what
 * a pinyin input method lists first for a syllable, so what a slip picks.
 */
const EVERYDAY = commonCharacters().slice(0, 3755);
const firstReading = (char: string) => readingsOf(char).split(' ')[0] ?? '';
const toneless = (reading: string) => reading.replace(/\d$/, '');
const BY_SYLLABLE = new Map<string, string[]>();
for (const char of EVERYDAY) {
  const key = toneless(firstReading(char));
  BY_SYLLABLE.set(key, [...(BY_SYLLABLE.get(key) ?? []), char]);
}

/**
 * A character a reader typing `char`'s pinyin might pick instead: another
 * character of the same syllable (any tone), or with `near`, one of a
 * syllable people confuse with it (z/zh, n/l, an/ang, …). `n` picks one
 * deterministically; `avoid` rejects a pick (one that makes another known name).
 */
function soundAlike(
  char: string,
  n: number,
  near: boolean,
  avoid: (c: string) => boolean,
): string | undefined {
  const reading = firstReading(char);
  const pool = near
    ? EVERYDAY.filter((c) => soundSimilarity(firstReading(c), reading) === 4)
    : (BY_SYLLABLE.get(toneless(reading)) ?? []);
  const options = pool.filter((c) => c !== char && !avoid(c));
  return options.length === 0 ? undefined : options[n % options.length];
}

interface Case {
  kind: string;
  q: string;
  relevant: Set<string>;
}

function containing(text: string): Set<string> {
  return new Set(
    articles
      .filter((a) => a.data.title.includes(text) || a.data.summary.includes(text) || a.body.includes(text))
      .map((a) => a.slug),
  );
}

function relevanceCases(): Case[] {
  const cases: Case[] = [];
  const profiles = articles
    .filter((a) => a.data.subject && !a.slug.startsWith('seed-'))
    .slice(0, Number(values.names));
  const subjects = new Set(articles.flatMap((a) => (a.data.subject ? [a.data.subject.name] : [])));
  for (const [i, a] of profiles.entries()) {
    const name = a.data.subject?.name ?? '';
    const all = containing(name).add(a.slug);
    cases.push({ kind: 'full name', q: name, relevant: all });
    if (name.length >= 3) {
      const given = name.slice(-2);
      cases.push({ kind: 'given name (that person)', q: given, relevant: all });
      // Several subjects share a given name; any of them is a right answer to the two characters typed.
      const namesakes = articles.filter((b) => b.data.subject?.name.slice(1) === given).map((b) => b.slug);
      cases.push({
        kind: 'given name (anyone so named)',
        q: given,
        relevant: new Set([...all, ...namesakes]),
      });
    }
    const wrong = GIVEN_CHARS[(i * 7 + 3) % GIVEN_CHARS.length] ?? '某';
    const typo = name.slice(0, -1) + (name.endsWith(wrong) ? '某' : wrong);
    cases.push({ kind: 'name, wrong last character (random)', q: typo, relevant: new Set([a.slug]) });
    // The slips of a pinyin input method: the same syllable, or a confusable one, in the last place.
    const head = name.slice(0, -1);
    const last = name.slice(-1);
    const makesName = (c: string) => subjects.has(head + c);
    for (const near of [false, true]) {
      const alike = soundAlike(last, i, near, makesName);
      if (alike === undefined) continue;
      cases.push({
        kind: near ? 'name, last character a near-homophone' : 'name, last character a homophone',
        q: head + alike,
        relevant: new Set([a.slug]),
      });
    }
  }
  const places = [...Object.values(DISTRICT_NAMES), ...Object.values(PLACES).flat()];
  for (const place of places) cases.push({ kind: 'place', q: place, relevant: containing(place) });
  for (const district of Object.values(DISTRICT_NAMES)) {
    for (const at of [0, 1]) {
      const chars = Array.from(district);
      chars[at] = chars[at] === '口' ? '日' : '口';
      cases.push({
        kind: 'district, one wrong character',
        q: chars.join(''),
        relevant: containing(district),
      });
    }
  }
  for (const topic of TOPICS) cases.push({ kind: 'topic', q: topic, relevant: containing(topic) });
  for (const c of seededCases())
    cases.push({ kind: `seeded: ${c.kind}`, q: c.q, relevant: new Set(c.relevant) });
  return cases;
}

async function relevance(
  origin: string,
): Promise<Map<string, { p1: number; r5: number; n: number; misses: string[] }>> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const tally = new Map<string, { p1: number; r5: number; n: number; misses: string[] }>();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/search/`);
    await page.waitForSelector('#search-form[data-ready="true"]', { state: 'attached', timeout: 120_000 });
    const cases = relevanceCases();
    for (const [i, c] of cases.entries()) {
      await submit(page, c.q);
      const top = await topSlugs(page);
      const row = tally.get(c.kind) ?? { p1: 0, r5: 0, n: 0, misses: [] };
      const hit1 = top[0] !== undefined && c.relevant.has(top[0]);
      row.p1 += hit1 ? 1 : 0;
      row.r5 += top.filter((s) => c.relevant.has(s)).length / Math.max(1, Math.min(5, c.relevant.size));
      row.n += 1;
      if (!hit1 && row.misses.length < 4) row.misses.push(c.q);
      tally.set(c.kind, row);
      if (i % 100 === 0) console.log(`[relevance] ${String(i)}/${String(cases.length)}`);
    }
  } finally {
    await browser.close();
  }
  return tally;
}

// ---------------------------------------------------------------- report

const indexFile = join(WORK, 'index-report.json');
let prepared: Prepared;
if (values.reuse) {
  prepared = JSON.parse(await readFile(indexFile, 'utf8')) as typeof prepared;
  // The search page and its scripts as last built, so a page change needs no re-index.
  for (const part of ['search', '_astro']) {
    await rm(join(CLIENT, part), { recursive: true, force: true });
    await cp(join(resolve(values.site), 'client', part), join(CLIENT, part), { recursive: true });
  }
  if (values.reindex) {
    console.log(`[index] again, nothing changed, load ${load()}`);
    prepared.unchanged = await indexSite(CLIENT, { cacheDir: join(WORK, 'cache') });
    await precompress(join(CLIENT, 'pagefind'));
    await writeFile(indexFile, JSON.stringify(prepared));
  }
} else {
  prepared = await prepare();
  await writeFile(indexFile, JSON.stringify(prepared));
}
if (values['prepare-only']) process.exit(0);
const site = await startSite();
try {
  say(`# Search at scale: ${String(articles.length)} stories (${String(COUNT)} generated + 12 seeded)`);
  say();
  say(
    `Machine: load average at start ${load()}; chunk size ${process.env['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE'] ?? 'default'}.`,
  );
  say();
  const { cold, edit, editedYear, unchanged } = prepared;
  say('| indexing | pages | shards indexed | shards reused | time | index on disk |');
  say('|---|---:|---|---|---:|---:|');
  say(
    `| cold cache | ${String(cold.pages)} | ${cold.indexed.join(' ')} | ${cold.reused.join(' ') || '–'} | ${(cold.milliseconds / 1000).toFixed(1)} s | ${(cold.indexBytes / 1048576).toFixed(1)} MB |`,
  );
  say(
    `| one story of ${editedYear} edited | ${String(edit.pages)} | ${edit.indexed.join(' ')} | ${String(edit.reused.length)} | ${(edit.milliseconds / 1000).toFixed(1)} s | |`,
  );
  if (unchanged) {
    say(
      `| again, nothing changed | ${String(unchanged.pages)} | ${unchanged.indexed.join(' ') || '–'} | ${String(unchanged.reused.length)} | ${(unchanged.milliseconds / 1000).toFixed(1)} s | |`,
    );
  }
  say();
  const queries = [
    '瞿万禾',
    '臧鹤鸣',
    '亓兰芳',
    '冉敬川',
    '兖州区',
    '东阿县',
    '快递进村',
    '新就业群体',
    '老旧小区改造',
    '下码头村',
    '王皮戏',
    '柿子湾村',
    // A homophone slip (鸣 and 明 are both míng): the readings files of the characters compared come too.
    '臧鹤明',
  ];
  const followUps = ['窦馨玥', '临清', '社区食堂', '廉宝山'];
  const rows = values['dates-only'] ? [] : await coldQueries(site.origin, queries, followUps);
  say(
    'Fresh context per query, phone screen (412×823), production server on loopback. Bytes = response headers + encoded bodies, every request of the page; "search" = the /pagefind/ part.',
  );
  say();
  say(
    '| first query | status | requests to first result | first result on screen | bytes then (search part) | page of results complete | follow-up query |',
  );
  say('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    say(
      `| ${r.q} | ${r.status} | ${String(r.first.count)} | ${r.firstMs.toFixed(0)} ms | ${kb(r.first.all)} (${kb(r.first.search)}) | ${kb(r.complete.all)} | ${kb(r.follow)} |`,
    );
  }
  say(
    `| **median** | | | **${median(rows.map((r) => r.firstMs)).toFixed(0)} ms** | **${kb(median(rows.map((r) => r.first.all)))}** (${kb(median(rows.map((r) => r.first.search)))}) | ${kb(median(rows.map((r) => r.complete.all)))} | **${kb(median(rows.map((r) => r.follow)))}** |`,
  );
  say(
    `| **max** | | | ${Math.max(...rows.map((r) => r.firstMs)).toFixed(0)} ms | ${kb(Math.max(...rows.map((r) => r.first.all)))} | ${kb(Math.max(...rows.map((r) => r.complete.all)))} | ${kb(Math.max(...rows.map((r) => r.follow)))} |`,
  );
  // Date ranges across year shards: a district inside two years' months, a name up to a year, a
  // village over whole years, and a range alone. Every result shown must be in its range.
  const ranged = [
    'q=兖州区&from=2023-06&to=2024-02',
    'q=瞿万禾&to=2019',
    'q=下码头村&from=2021&to=2022',
    'from=2024-12&to=2025-01',
  ];
  const rangeRows = await coldQueries(site.origin, ranged, followUps);
  say();
  say(
    '| date range query | status | requests | first result on screen | bytes then | page complete | results outside the range |',
  );
  say('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rangeRows) {
    const params = new URLSearchParams(r.q);
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    const low = from.length === 4 ? `${from}-01` : from || '0000-00';
    const high = to.length === 4 ? `${to}-12` : to || '9999-99';
    const outside = r.months.filter((m) => m < low || m > high).length;
    say(
      `| ${r.q} | ${r.status} | ${String(r.first.count)} | ${r.firstMs.toFixed(0)} ms | ${kb(r.first.all)} | ${kb(r.complete.all)} | ${String(outside)} of ${String(r.months.length)} |`,
    );
  }
  if (!values['no-relevance'] && !values['dates-only']) {
    const tally = await relevance(site.origin);
    say();
    say('| query kind | queries | P@1 | recall@5 | first misses |');
    say('|---|---:|---:|---:|---|');
    for (const [kind, row] of tally) {
      say(
        `| ${kind} | ${String(row.n)} | ${(row.p1 / row.n).toFixed(3)} | ${(row.r5 / row.n).toFixed(3)} | ${row.misses.join('、')} |`,
      );
    }
  }
  say();
  say(`Load average at end: ${load()}.`);
} finally {
  await site.stop();
}
await mkdir('bench/.out', { recursive: true });
await writeFile(`bench/.out/search-scale-${String(COUNT)}.md`, `${lines.join('\n')}\n`);
