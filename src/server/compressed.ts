import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

/** Text files worth compressing ahead of time, with the type they are served as. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Pagefind's index files, which Pagefind writes gzipped and its script
 * unpacks itself (or takes as they are when the browser already did).
 * Brotli of the unpacked bytes is 10–34 % smaller than Pagefind's gzip
 * (measured over a 10,000-story index in docs/benchmarks.md), so each gets a
 * `.br` copy when that is smaller; without Brotli the gzip file goes as it is.
 */
const PAGEFIND_GZIPPED = /\.(pf_fragment|pf_index|pf_meta|pf_filter|pagefind)$/;

/**
 * Brotli quality per Pagefind file: the wasm, meta and filter files are few
 * and large (quality 11, cached by content); fragments and word chunks are
 * thousands per year, where quality 11 costs 16 ms a file against 0.3 ms at
 * quality 7 (measured: 84 % against 90 % of gzip).
 */
const pagefindQuality = (path: string) => (/\.(pf_fragment|pf_index)$/.test(path) ? 7 : 11);

/** Below this size a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Brotli quality per kind of file. Quality 11 costs about 21 ms per article page against
 * 0.5 ms at quality 7 for 9 % more bytes (half a kilobyte on a page): at 10,000 pages that is
 * minutes of build for nothing a reader notices. Content-hashed assets and the search scripts
 * change rarely, are large and are cached by content hash below, so they get the best quality.
 */
const PAGE_QUALITY = 7;
const ASSET_QUALITY = 11;

/** Files whose bytes rarely change between builds: worth quality 11 and the cache. */
function isStableAsset(relative: string): boolean {
  return /^(_astro|pagefind)[/\\]/.test(relative) && /\.(js|mjs|css|svg)$/.test(relative);
}

/** Options of {@link precompress}. */
export interface PrecompressOptions {
  /** Keeps compressed copies of stable assets by content hash across builds (Astro's cacheDir). */
  cacheDir?: string;
  /** Files compressed at once; zlib runs them on libuv's thread pool. */
  concurrency?: number;
  /** Only Pagefind's gzipped files: for a bundle in the search index cache (src/integrations/pagefind.ts). */
  pagefindOnly?: boolean;
}

/** Brotli and gzip copies of one body, from the cache when the same bytes were compressed before. */
async function compressBody(
  body: Buffer,
  quality: number,
  cacheDir: string | undefined,
): Promise<[Buffer, Buffer]> {
  // The quality is part of the key, so changing it never serves copies made with the old setting.
  const key =
    cacheDir === undefined
      ? undefined
      : join(cacheDir, `${createHash('sha256').update(body).digest('hex')}-q${String(quality)}`);
  if (key !== undefined) {
    try {
      return await Promise.all([readFile(`${key}.br`), readFile(`${key}.gz`)]);
    } catch {
      // Not compressed before: fall through.
    }
  }
  const result = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }),
    gzip(body, { level: 9 }),
  ]);
  if (key !== undefined) {
    await Promise.all([writeFile(`${key}.br`, result[0]), writeFile(`${key}.gz`, result[1])]);
  }
  return result;
}

/** A Brotli copy of one of Pagefind's gzipped files, or undefined when it would not be smaller. */
async function pagefindBrotli(
  path: string,
  gzipped: Buffer,
  cacheDir: string | undefined,
): Promise<Buffer | undefined> {
  const quality = pagefindQuality(path);
  const key =
    cacheDir === undefined || quality < ASSET_QUALITY
      ? undefined
      : join(cacheDir, `${createHash('sha256').update(gzipped).digest('hex')}-pf${String(quality)}.br`);
  let br: Buffer | undefined;
  if (key !== undefined) br = await readFile(key).catch(() => undefined);
  if (br === undefined) {
    let raw: Buffer;
    try {
      raw = await gunzip(gzipped);
    } catch {
      // Not gzip after all: leave the file as Pagefind wrote it.
      return undefined;
    }
    br = await brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.byteLength,
      },
    });
    if (key !== undefined) await writeFile(key, br);
  }
  return br.byteLength < gzipped.byteLength ? br : undefined;
}

/**
 * Writes `.br` and `.gz` copies beside every compressible file of the built
 * client, and a `.br` copy beside each of Pagefind's gzipped index files
 * where it is smaller (unless one is there already), once, at build time, so
 * the server never compresses per request. Returns how many files were
 * compressed.
 */
export async function precompress(clientDir: string, options: PrecompressOptions = {}): Promise<number> {
  const cacheDir = options.cacheDir === undefined ? undefined : join(options.cacheDir, 'precompressed');
  const pagesDir = cacheDir === undefined ? undefined : join(cacheDir, 'pages');
  const usedPages = new Set<string>();
  if (pagesDir !== undefined) await mkdir(pagesDir, { recursive: true });
  const all = (await readdir(clientDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  const present = new Set(all);
  const files = all.filter((path) =>
    PAGEFIND_GZIPPED.test(path)
      ? // Pagefind names its files by their content, so a copy that came with one from the index cache is its own.
        !present.has(`${path}.br`)
      : options.pagefindOnly !== true && TYPES[extname(path)] !== undefined,
  );
  let count = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const path = files[next++] as string;
      const body = await readFile(path);
      if (PAGEFIND_GZIPPED.test(path)) {
        const br = await pagefindBrotli(path, body, cacheDir);
        if (br !== undefined) {
          await writeFile(`${path}.br`, br);
          count++;
        }
        continue;
      }
      if (body.byteLength < MIN_BYTES) continue;
      const stable = isStableAsset(relative(clientDir, path));
      if (!stable && pagesDir !== undefined) {
        await compressPage(body, path, pagesDir, usedPages);
        count++;
        continue;
      }
      const [br, gz] = await compressBody(
        body,
        stable ? ASSET_QUALITY : PAGE_QUALITY,
        stable ? cacheDir : undefined,
      );
      await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
      count++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? availableParallelism() * 2 }, worker));
  if (pagesDir !== undefined) {
    // Copies no page of this build has: the cache holds one build's pages, not every version ever built.
    for (const name of await readdir(pagesDir)) {
      if (!usedPages.has(name)) await rm(join(pagesDir, name), { force: true });
    }
  }
  return count;
}

/**
 * Brotli and gzip copies of a page, hard-linked from the cache when a page with the same bytes was compressed
 * by the build before. An incremental build reuses most pages byte for byte (src/lib/page-keys.ts), and
 * compressing 14,500 pages again took longer than drawing the few that changed.
 */
async function compressPage(body: Buffer, path: string, pagesDir: string, used: Set<string>): Promise<void> {
  const key = `${createHash('sha256').update(body).digest('hex')}-q${String(PAGE_QUALITY)}`;
  const copies = [`${key}.br`, `${key}.gz`];
  for (const name of copies) used.add(name);
  const targets = [`${path}.br`, `${path}.gz`];
  const linkAll = () =>
    Promise.all(copies.map((name, i) => link(join(pagesDir, name), targets[i] as string)));
  try {
    await linkAll();
    return;
  } catch {
    // Not in the cache yet (or one copy only): make both.
    await Promise.all(targets.map((target) => rm(target, { force: true })));
  }
  const [br, gz] = await compressBody(body, PAGE_QUALITY, undefined);
  // Written aside and renamed, so a build stopped halfway never leaves a truncated copy in the cache.
  await Promise.all([
    writeFile(join(pagesDir, `${copies[0] as string}.tmp`), br).then(() =>
      rename(join(pagesDir, `${copies[0] as string}.tmp`), join(pagesDir, copies[0] as string)),
    ),
    writeFile(join(pagesDir, `${copies[1] as string}.tmp`), gz).then(() =>
      rename(join(pagesDir, `${copies[1] as string}.tmp`), join(pagesDir, copies[1] as string)),
    ),
  ]);
  // Another file system than the cache's cannot share the file: copy it then.
  await linkAll().catch(() =>
    Promise.all(copies.map((name, i) => copyFile(join(pagesDir, name), targets[i] as string))),
  );
}

/** Pagefind's files are bytes to its script; the wasm is fetched as bytes too, never streamed. */
const PAGEFIND_TYPE = 'application/octet-stream';

/** Long caching for content-hashed assets; revalidation for everything else. */
function cacheControl(pathname: string): string {
  return pathname.startsWith('/_astro/')
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=0, must-revalidate';
}

/**
 * Serves the precompressed copy of a static file when the browser accepts it.
 * Returns false to let the adapter answer (no copy, no match, or not GET/HEAD).
 */
export function serveCompressed(clientDir: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const accepts = req.headers['accept-encoding'] ?? '';
  const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
  if (encoding === undefined) return false;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return false;
  }
  const relative = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname);
  if (relative.split(sep).includes('..')) return false;
  // Pagefind's files have only a Brotli copy: without Brotli the adapter sends Pagefind's own gzip bytes.
  const pagefind = PAGEFIND_GZIPPED.test(relative);
  const type = pagefind ? PAGEFIND_TYPE : TYPES[extname(relative)];
  if (type === undefined || (pagefind && encoding !== 'br')) return false;
  const file = join(clientDir, relative) + (encoding === 'br' ? '.br' : '.gz');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', size);
  res.setHeader('Vary', 'Accept-Encoding');
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', cacheControl(pathname));
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
