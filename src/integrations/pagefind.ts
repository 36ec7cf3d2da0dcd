import type { AstroIntegration } from 'astro';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

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

/** The pages Pagefind reads: the only ones with a `data-pagefind-body`. */
export const ARTICLE_PAGES = 'articles/*/index.html';

/** Figures of one indexing run, for the build log and the benchmark. */
export interface IndexReport {
  /** Pages in the index: those with a `data-pagefind-body` element. */
  pages: number;
  /** HTML files Pagefind read. */
  scanned: number;
  milliseconds: number;
  /** Bytes of the whole bundle on disk, including Pagefind's UI files that the site does not load. */
  bundleBytes: number;
  /** Bytes of the index itself: entry, meta, word index, filter and fragment files. */
  indexBytes: number;
  files: number;
}

/**
 * Indexes the built HTML under `siteDir` and writes the bundle to
 * `siteDir/pagefind/`. Only elements inside `data-pagefind-body` (the
 * article) are indexed; every page is indexed as zh-CN. Throws with
 * Pagefind's messages when indexing fails, so a broken search index fails
 * the build instead of shipping.
 */
export async function indexSite(siteDir: string): Promise<IndexReport> {
  const started = performance.now();
  const outputPath = join(siteDir, BUNDLE_DIR);
  await rm(outputPath, { recursive: true, force: true });
  try {
    const created = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
    if (!created.index) throw new Error(created.errors.join('\n'));
    const index = created.index;
    // Only article pages carry `data-pagefind-body`; reading the 4,500 list pages of a 10,000-story site too
    // cost Pagefind a third of its time for nothing.
    const added = await index.addDirectory({ path: siteDir, glob: ARTICLE_PAGES });
    if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
    const milliseconds = performance.now() - started;
    const sizes = await bundleSizes(outputPath);
    const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const languages = Object.keys(entry.languages);
    if (languages.length !== 1 || languages[0] !== SEARCH_LANGUAGE) {
      throw new Error(`搜索索引应只有一种语言（${SEARCH_LANGUAGE}），实际为：${languages.join('、')}`);
    }
    const pages = entry.languages[SEARCH_LANGUAGE]?.page_count ?? 0;
    return { pages, scanned: added.page_count, milliseconds, ...sizes };
  } finally {
    await pagefind.close();
  }
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
    if (/\.pf_|pagefind-entry\.json$/.test(entry.name)) indexBytes += size;
  }
  return { bundleBytes, indexBytes, files };
}

/**
 * Astro integration: after `astro build` has written the static pages, runs
 * Pagefind over them (through its Node API) so `npm run build` always ships
 * a fresh search index at /pagefind/ on the same origin.
 */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // The publisher indexes after Astro has exited (src/publishing/finish-build.ts).
        if (process.env[DEFER_ENV] === '1') return;
        const siteDir = fileURLToPath(dir);
        const report = await indexSite(siteDir);
        logger.info(
          `读取 ${String(report.scanned)} 个页面，为其中 ${String(report.pages)} 篇稿件建立搜索索引，用时 ${(report.milliseconds / 1000).toFixed(1)} 秒，索引 ${(report.indexBytes / 1024).toFixed(0)} KB`,
        );
      },
    },
  };
}
