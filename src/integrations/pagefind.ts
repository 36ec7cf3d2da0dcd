import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import {
  bucketOf,
  DICTIONARY_BUCKETS,
  indexesMask,
  PLACEHOLDER_URL,
  SHARD_FORMAT,
  type DictionaryBucket,
  type ShardInfo,
  type ShardManifest,
} from '../lib/search-shards.ts';
import { splitChineseName } from '../lib/search-terms.ts';
import { READINGS_PREFIX } from '../lib/search-pinyin.ts';
import { buildReadings } from './search-readings.ts';
import { precompress } from '../server/compressed.ts';

/**
 * The one language of the site. Pagefind names its index after the page's
 * `lang`, and the search page's `<html lang>` picks the index and the
 * browser's word segmenter; forcing it here keeps a page that forgot its
 * `lang` from starting a second, unsearched index.
 */
export const SEARCH_LANGUAGE = 'zh-cn';

/** Set by the publisher: the search index and compressed copies are made after Astro exits. */
export const DEFER_ENV = 'PUBLISH_FINISH_LATER';

/** The bundle folder under the site root; the search page loads /pagefind/pagefind.js. */
export const BUNDLE_DIR = 'pagefind';

/** The folder of the article pages, the only ones with a `data-pagefind-body`. */
export const ARTICLES_DIR = 'articles';

/**
 * Word-index chunk size (Pagefind's locations per chunk, default about
 * 20,000). Smaller chunks mean a query downloads fewer postings of words it
 * did not ask for, and a longer chunk list in the meta file; measured in
 * docs/benchmarks.md. An environment value wins, for the benchmark.
 */
export const CHUNK_SIZE = '4000';

/** Figures of one indexing run, for the build log and the benchmark. */
export interface IndexReport {
  /** Pages in the index: those with a `data-pagefind-body` element. */
  pages: number;
  /** HTML files read. */
  scanned: number;
  milliseconds: number;
  /** Bytes of the whole bundle on disk. */
  bundleBytes: number;
  /** Bytes of the index itself: entry, meta, word index, filter and fragment files. */
  indexBytes: number;
  files: number;
  /** Shard keys indexed by Pagefind in this run (the others came from the cache). */
  indexed: string[];
  /** Shard keys reused from the cache unchanged. */
  reused: string[];
}

/** Options of {@link indexSite}. */
export interface IndexOptions {
  /** A folder kept between builds: unchanged shards are copied from it instead of indexed again. */
  cacheDir?: string | undefined;
}

/** One article page as the indexer sees it. */
interface PageSource {
  url: string;
  html: string;
  /** The ISO publication time, for newest-first lists. */
  date: string;
  shard: string;
  year: string;
  words: string[];
  subject: string[];
  districts: string[];
  filters: [string, string][];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, n: string) => ENTITIES[n] ?? '');
const HAN_WORD = /^\p{Script=Han}{2,8}$/u;
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const VOID_TAGS = new Set([
  'area',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * Marks every element with the `hidden` attribute `data-pagefind-ignore`:
 * what a reader never sees is not story text. The read-aloud controls
 * (听新闻 暂停 停止) are hidden until their script runs and were otherwise
 * indexed, and so quoted, as the first words of every story's excerpt.
 * Filters and meta inside stay readable to Pagefind (it ignores only the text).
 */
export function ignoreHidden(html: string): string {
  return html.replace(/<([a-zA-Z][\w-]*)(\s[^>]*)>/g, (tag, name: string, attributes: string) => {
    const names = attributes.replace(/"[^"]*"|'[^']*'/g, '""');
    if (!/\shidden(?=[\s=/]|$)/.test(names) || /\sdata-pagefind-ignore\b/.test(names)) return tag;
    return `<${name} data-pagefind-ignore${attributes}>`;
  });
}

/**
 * The text Pagefind indexes of a page's body: tags dropped, and every
 * element marked `data-pagefind-ignore` (byline, topic list, the hidden
 * fields) left out with all it contains, so a dictionary word counts as
 * "in the text" only where a reader finds it in the story.
 */
export function indexedText(html: string): string {
  let out = '';
  let at = 0;
  let skipping: { tag: string; depth: number } | undefined;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/g)) {
    const [whole, closing, name] = match;
    const tag = (name ?? '').toLowerCase();
    if (!skipping) out += html.slice(at, match.index);
    at = match.index + whole.length;
    if (VOID_TAGS.has(tag) || whole.endsWith('/>')) continue;
    if (skipping) {
      if (tag === skipping.tag) skipping.depth += closing === '/' ? -1 : 1;
      if (skipping.depth === 0) skipping = undefined;
    } else if (closing !== '/' && whole.includes('data-pagefind-ignore')) {
      skipping = { tag, depth: 1 };
    }
  }
  if (!skipping) out += html.slice(at);
  return out.replace(/\s+/g, '');
}

/** Reads what the index needs from one built article page; undefined for a page without a body. */
function readPage(url: string, html: string): PageSource | undefined {
  const body = html.indexOf('data-pagefind-body');
  if (body < 0) return undefined;
  const filters = [...html.matchAll(/data-pagefind-filter="([\w-]+)">([^<]*)</g)].map(
    (m): [string, string] => [m[1] ?? '', decode(m[2] ?? '')],
  );
  const iso = /data-pagefind-sort="date:([^"]+)"/.exec(html)?.[1] ?? '';
  const year = filters.find(([k]) => k === 'year')?.[1] ?? iso.slice(0, 4);
  const attr = /data-search-words="([^"]*)"/.exec(html)?.[1] ?? '';
  const subject = decode(/data-pagefind-meta="subject">([^<]*)</.exec(html)?.[1] ?? '');
  const end = html.indexOf('</article>', body);
  const text = decode(indexedText(ignoreHidden(html.slice(body, end < 0 ? undefined : end))));
  return {
    url,
    html,
    date: iso,
    shard: /^\d{4}$/.test(year) ? year : 'undated',
    year,
    words: decode(attr)
      .split(' ')
      .filter((w) => HAN_WORD.test(w)),
    subject: subject.split(' ').filter((w) => HAN_WORD.test(w)),
    districts: filters.filter(([k]) => k === 'district').map(([, v]) => v),
    filters,
    text,
  };
}

/** The dictionary words that occur in `text`: a two-character prefix set keeps the scan cheap. */
function wordsIn(text: string, words: Set<string>, prefixes: Set<string>, longest: number): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) {
    if (!prefixes.has(text.slice(i, i + 2))) continue;
    for (let length = 2; length <= longest && i + length <= text.length; length++) {
      const candidate = text.slice(i, i + length);
      if (words.has(candidate)) found.add(candidate);
    }
  }
  return found;
}

const MONTH = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
});

/** The Beijing-time month of an ISO time, "2024-03", for the date range filter; undefined without a date. */
export function monthOf(iso: string): string | undefined {
  const time = new Date(iso);
  if (iso === '' || Number.isNaN(time.getTime())) return undefined;
  const parts = MONTH.formatToParts(time);
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  return `${year}-${month.padStart(2, '0')}`;
}

/**
 * The HTML Pagefind reads for a page: the dictionary words found in its
 * text added to the `terms` meta (split at spaces only, so each is one
 * index word that a whole-word query matches), a `shard` filter that lets
 * the search page order results by date across shards, and a `month`
 * filter for a date range that starts or ends inside a year.
 */
function indexedHtml(page: PageSource, found: Set<string>): string {
  const extra = [...found].sort();
  const TERMS = /(<span data-pagefind-meta="terms">)([^<]*)(<\/span>)/;
  const placed = TERMS.test(page.html);
  const html = page.html.replace(TERMS, (_, open: string, value: string, close: string) => {
    const have = new Set(decode(value).split(' '));
    const add = extra.filter((w) => !have.has(w));
    return `${open}${[value, ...add].filter(Boolean).join(' ')}${close}`;
  });
  const body = html.indexOf('data-pagefind-body');
  const open = html.indexOf('>', body) + 1;
  const terms =
    placed || extra.length === 0 ? '' : `<span data-pagefind-meta="terms">${extra.join(' ')}</span>`;
  const month = monthOf(page.date);
  const monthFilter = month === undefined ? '' : `<span data-pagefind-filter="month">${month}</span>`;
  const hidden = `<div hidden data-pagefind-ignore><span data-pagefind-filter="shard">${page.shard}</span>${monthFilter}${terms}</div>`;
  return html.slice(0, open) + hidden + ignoreHidden(html.slice(open));
}

async function listPages(siteDir: string): Promise<{ pages: PageSource[]; scanned: number }> {
  const dir = join(siteDir, ARTICLES_DIR);
  const pages: PageSource[] = [];
  let scanned = 0;
  const slugs = existsSync(dir)
    ? (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory())
    : [];
  for (const slug of slugs.map((e) => e.name).sort()) {
    const file = join(dir, slug, 'index.html');
    if (!existsSync(file)) continue;
    scanned++;
    const page = readPage(`/${ARTICLES_DIR}/${slug}/`, await readFile(file, 'utf8'));
    if (page) pages.push(page);
  }
  return { pages, scanned };
}

/** Indexes `files` into `outputPath` with Pagefind; throws with Pagefind's messages. */
async function runPagefind(files: { url: string; content: string }[], outputPath: string): Promise<void> {
  const created = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
  if (!created.index) throw new Error(created.errors.join('\n'));
  const index = created.index;
  for (const file of files) {
    const added = await index.addHTMLFile(file);
    if (added.errors.length > 0) throw new Error(`${file.url}: ${added.errors.join('\n')}`);
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
  await index.deleteIndex();
  const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, unknown>;
  };
  const languages = Object.keys(entry.languages);
  if (languages.length !== 1 || languages[0] !== SEARCH_LANGUAGE) {
    throw new Error(`搜索索引应只有一种语言（${SEARCH_LANGUAGE}），实际为：${languages.join('、')}`);
  }
}

/** The files of a bundle a merged shard needs: its entry, meta, word, filter and fragment files. */
const SHARD_FILE = /^(pagefind-entry\.json|pagefind\..*\.pf_meta(\.br)?|index|filter|fragment)$/;
/** The primary bundle: Pagefind's script and wasm besides the index; the UI files are never loaded. */
const PRIMARY_FILE =
  /^(pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind(\.br)?|pagefind-entry\.json|.*\.pf_meta(\.br)?|index|filter|fragment)$/;

/** Which fragment file holds each page of a bundle, kept beside the cached bundle. */
async function fragmentsOf(dir: string): Promise<Record<string, string>> {
  const cached = join(dir, 'urls.json');
  if (existsSync(cached)) return JSON.parse(await readFile(cached, 'utf8')) as Record<string, string>;
  const map: Record<string, string> = {};
  for (const name of await readdir(join(dir, 'fragment'))) {
    if (!name.endsWith('.pf_fragment')) continue;
    const raw = gunzipSync(await readFile(join(dir, 'fragment', name)));
    const { url } = JSON.parse(raw.subarray(12).toString('utf8')) as { url: string };
    map[url] = name.replace(/^zh-cn_|\.pf_fragment$/g, '');
  }
  await writeFile(cached, JSON.stringify(map));
  return map;
}

/**
 * Puts a cached bundle into the site. Files are hard-linked: a year has
 * about 1,800 files and copying 8 years' worth took most of an incremental
 * run; cached files are never written again (a changed year gets a new
 * folder), so sharing them is safe. Copies where links are not possible.
 */
async function copyBundle(from: string, to: string, keep: RegExp): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (!keep.test(name)) continue;
    const source = join(from, name);
    if (!(await stat(source)).isDirectory()) {
      await linkOrCopy(source, join(to, name));
      continue;
    }
    await mkdir(join(to, name), { recursive: true });
    const files = await readdir(source);
    for (let i = 0; i < files.length; i += 64) {
      await Promise.all(
        files.slice(i, i + 64).map((file) => linkOrCopy(join(source, file), join(to, name, file))),
      );
    }
  }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await cp(from, to);
  }
}

/**
 * Brotli copies of a cached bundle's files, made once per bundle and linked
 * into every site with it (src/server/compressed.ts serves them): at 10,000
 * stories compressing every year's 1,800 files took 30 s of each build.
 */
async function brotliOnce(dir: string): Promise<void> {
  const done = join(dir, '.brotli');
  if (existsSync(done)) return;
  await precompress(dir, { pagefindOnly: true });
  await writeFile(done, '');
}

/** Builds a bundle into the cache (or a temporary folder) unless it is there; returns its folder. */
async function cachedBundle(
  root: string,
  name: string,
  files: () => { url: string; content: string }[],
): Promise<{ dir: string; built: boolean }> {
  const dir = join(root, name);
  if (existsSync(join(dir, 'pagefind-entry.json'))) {
    await brotliOnce(dir);
    return { dir, built: false };
  }
  const partial = `${dir}.partial-${String(process.pid)}`;
  await rm(partial, { recursive: true, force: true });
  await runPagefind(files(), partial);
  await brotliOnce(partial);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return { dir, built: true };
}

/** Pages listed per dictionary word: a first page of results and a little more. */
const LISTED = 20;

/** The dictionary files: names, given names, places and topics, with their shards and best pages. */
function buildDictionary(
  pages: PageSource[],
  found: Set<string>[],
  shardIndex: Map<string, number>,
  fragment: (page: PageSource) => string | undefined,
): DictionaryBucket[] {
  const inText = new Map<string, number[]>();
  const main = new Map<string, Set<number>>();
  const of = new Map<string, Set<string>>();
  const push = (word: string, page: number) => {
    const list = inText.get(word) ?? [];
    list.push(page);
    inText.set(word, list);
  };
  for (const [i, page] of pages.entries()) {
    for (const word of found[i] ?? []) push(word, i);
    for (const word of [...page.subject, ...page.districts]) {
      main.set(word, (main.get(word) ?? new Set<number>()).add(i));
    }
    // A story's own words (its topics too) list it even where its text never uses them.
    for (const word of new Set([...page.words, ...page.subject, ...page.districts])) {
      if (!found[i]?.has(word)) push(word, i);
    }
    const full = page.subject[0];
    const given = full === undefined ? undefined : splitChineseName(full)?.given;
    if (full !== undefined && given !== undefined && given.length >= 2) {
      of.set(given, (of.get(given) ?? new Set<string>()).add(full));
    }
  }
  const buckets: DictionaryBucket[] = Array.from({ length: DICTIONARY_BUCKETS }, () => ({}));
  for (const [word, list] of [...inText].sort(([a], [b]) => a.localeCompare(b))) {
    const mainPages = main.get(word) ?? new Set<number>();
    // A given name ranks the pages of the people who carry it as their subject.
    const owners = [...(of.get(word) ?? [])].flatMap((full) => [...(main.get(full) ?? [])]);
    const ownerPages = new Set(owners);
    const tier = (i: number) =>
      (mainPages.has(i) || ownerPages.has(i) ? 2 : 0) + (found[i]?.has(word) === true ? 1 : 0);
    const ranked = [...new Set([...list, ...owners])].sort(
      (a, b) => tier(b) - tier(a) || (pages[b]?.date ?? '').localeCompare(pages[a]?.date ?? ''),
    );
    const shardOf = (i: number) => shardIndex.get(pages[i]?.shard ?? '') ?? 0;
    const refs = ranked.slice(0, LISTED).flatMap((i) => {
      const page = pages[i];
      const hash = page ? fragment(page) : undefined;
      return hash === undefined ? [] : [`${String(shardOf(i))}.${hash}`];
    });
    const fullNames = of.get(word);
    const entry = {
      in: indexesMask(ranked.map(shardOf)),
      ...(mainPages.size > 0 ? { main: indexesMask([...mainPages].map(shardOf)) } : {}),
      ...(fullNames ? { of: [...fullNames].sort() } : {}),
      p: refs,
      n: ranked.length,
    };
    const chars = Array.from(word);
    const home = buckets[bucketOf(chars[0] ?? '')];
    if (home) home[word] = entry;
    // Under its second character too, as a pointer, so a wrong first character can still be corrected.
    const second = chars.length >= 3 ? buckets[bucketOf(chars[1] ?? '')] : undefined;
    if (second && second !== home && second[word] === undefined) second[word] = { in: entry.in, see: true };
  }
  return buckets;
}

/**
 * Indexes the built article pages under `siteDir` as one Pagefind bundle
 * per year (newest first), plus a small primary bundle with Pagefind's
 * script and wasm, a manifest and the dictionary, all under
 * `siteDir/pagefind/`. With `cacheDir`, a year whose indexed pages are
 * byte-for-byte unchanged is copied from the cache instead of indexed
 * again, so an edit re-indexes only its own year (and the years where a
 * newly added name is mentioned). Throws with Pagefind's messages when
 * indexing fails, so a broken index fails the build instead of shipping.
 */
export async function indexSite(siteDir: string, options: IndexOptions = {}): Promise<IndexReport> {
  const started = performance.now();
  const outputPath = join(siteDir, BUNDLE_DIR);
  process.env['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE'] ??= CHUNK_SIZE;
  const chunkSize = process.env['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE'];
  const { pages, scanned } = await listPages(siteDir);

  // The dictionary: every page's names, places and topics; then which of them each page mentions.
  const words = new Set(pages.flatMap((p) => p.words));
  const prefixes = new Set([...words].map((w) => w.slice(0, 2)));
  const longest = Math.max(2, ...[...words].map((w) => w.length));
  const found = pages.map((p) => wordsIn(p.text, words, prefixes, longest));

  const keys = [...new Set(pages.map((p) => p.shard))].sort().reverse();
  const shardIndex = new Map(keys.map((key, i) => [key, i]));
  const root =
    options.cacheDir === undefined
      ? join(siteDir, '.pagefind-work')
      : join(options.cacheDir, 'search-shards');
  await mkdir(root, { recursive: true });
  const version = `${String(SHARD_FORMAT)}-pagefind-1.6.0-chunk-${chunkSize}`;
  const report: Pick<IndexReport, 'indexed' | 'reused'> = { indexed: [], reused: [] };
  const used = new Set<string>();
  const shards: ShardInfo[] = [];
  const fragments = new Map<string, string>();
  try {
    const primary = await cachedBundle(root, `primary-${version}`, () => [
      {
        url: PLACEHOLDER_URL,
        content: `<html lang="${SEARCH_LANGUAGE}"><body data-pagefind-body><p>pagefindplaceholder</p></body></html>`,
      },
    ]);
    used.add(`primary-${version}`);
    await rm(outputPath, { recursive: true, force: true });
    await copyBundle(primary.dir, outputPath, PRIMARY_FILE);
    for (const key of keys) {
      const members = pages.flatMap((p, i) =>
        p.shard === key ? [{ page: p, html: indexedHtml(p, found[i] ?? new Set()) }] : [],
      );
      const hash = sha([version, ...members.map((m) => `${m.page.url}\0${sha(m.html)}`)].join('\n')).slice(
        0,
        16,
      );
      const name = `${key}-${hash}`;
      used.add(name);
      const bundle = await cachedBundle(root, name, () =>
        members.map((m) => ({ url: m.page.url, content: m.html })),
      );
      (bundle.built ? report.indexed : report.reused).push(key);
      await copyBundle(bundle.dir, join(outputPath, key), SHARD_FILE);
      for (const [url, hash] of Object.entries(await fragmentsOf(bundle.dir))) fragments.set(url, hash);
      shards.push({
        key,
        year: members[0]?.page.year ?? key,
        path: `/${BUNDLE_DIR}/${key}/`,
        pages: members.length,
      });
    }
  } finally {
    await pagefind.close();
  }
  // Shards of earlier builds that this one did not use: a later build would rebuild them anyway.
  for (const name of await readdir(root))
    if (!used.has(name)) await rm(join(root, name), { recursive: true, force: true });
  if (options.cacheDir === undefined) await rm(root, { recursive: true, force: true });

  const totals: Record<string, Record<string, number>> = {};
  for (const page of pages) {
    for (const [key, value] of page.filters) {
      const facet = (totals[key] ??= {});
      facet[value] = (facet[value] ?? 0) + 1;
    }
  }
  const placeholder =
    (await readdir(join(outputPath, 'fragment')))
      .find((name) => name.endsWith('.pf_fragment'))
      ?.replace(/\.pf_fragment$/, '') ?? '';
  const manifest: ShardManifest = {
    format: SHARD_FORMAT,
    shards,
    buckets: DICTIONARY_BUCKETS,
    placeholder,
    filters: totals,
  };
  await writeFile(join(outputPath, 'shards.json'), JSON.stringify(manifest));
  await mkdir(join(outputPath, 'dictionary'), { recursive: true });
  const dictionary = buildDictionary(pages, found, shardIndex, (page) => fragments.get(page.url));
  for (const [n, bucket] of dictionary.entries()) {
    await writeFile(join(outputPath, 'dictionary', `${String(n)}.json`), JSON.stringify(bucket));
  }
  for (const [n, bucket] of buildReadings(words).entries()) {
    await writeFile(
      join(outputPath, 'dictionary', `${READINGS_PREFIX}${String(n)}.json`),
      JSON.stringify(bucket),
    );
  }
  const sizes = await bundleSizes(outputPath);
  return {
    pages: indexedPages(siteDir),
    scanned,
    milliseconds: performance.now() - started,
    ...sizes,
    ...report,
  };
}

/**
 * How many stories the search index of a built client folder holds: the
 * sum over the shards in its manifest of each shard's Pagefind page count
 * (the primary's placeholder record not counted). 0 without an index.
 */
export function indexedPages(siteDir: string): number {
  const dir = join(siteDir, BUNDLE_DIR);
  const manifestFile = join(dir, 'shards.json');
  if (!existsSync(manifestFile)) return 0;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ShardManifest;
  let pages = 0;
  for (const shard of manifest.shards) {
    const entry = JSON.parse(readFileSync(join(dir, shard.key, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count?: number }>;
    };
    pages += Object.values(entry.languages).reduce((n, l) => n + (l.page_count ?? 0), 0);
  }
  return pages;
}

async function bundleSizes(dir: string): Promise<Pick<IndexReport, 'bundleBytes' | 'indexBytes' | 'files'>> {
  let bundleBytes = 0;
  let indexBytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const size = (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
    bundleBytes += size;
    if (/(\.pf_\w+|pagefind-entry\.json)$/.test(entry.name)) indexBytes += size;
  }
  return { bundleBytes, indexBytes, files };
}

/**
 * Astro integration: after `astro build` has written the static pages, runs
 * Pagefind over them (through its Node API) so `npm run build` always ships
 * a fresh search index at /pagefind/ on the same origin.
 */
export function pagefindIntegration(): AstroIntegration {
  let cacheDir: string | undefined;
  return {
    name: 'pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        // The publisher indexes after Astro has exited (src/publishing/finish-build.ts).
        if (process.env[DEFER_ENV] === '1') return;
        const siteDir = fileURLToPath(dir);
        // In the cache folder, as the publisher keeps it: a rebuild indexes only the years whose pages changed.
        const report = await indexSite(siteDir, cacheDir === undefined ? {} : { cacheDir });
        logger.info(
          `读取 ${String(report.scanned)} 个页面，为其中 ${String(report.pages)} 篇稿件建立搜索索引（${String(report.indexed.length + report.reused.length)} 个分片），用时 ${(report.milliseconds / 1000).toFixed(1)} 秒，索引 ${(report.indexBytes / 1024).toFixed(0)} KB`,
        );
      },
    },
  };
}
