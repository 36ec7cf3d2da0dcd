/**
 * A throwaway copy of the project under bench/.out/, for trying build
 * options (such as Astro's experimental incremental build) without
 * touching the shared astro.config.mjs or other people's pages.
 */
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, ROOT } from './machine.ts';

/** Top-level entries that a build needs; everything else (tests, docs, bench, git) stays out. */
const NEEDED = [
  'src',
  'public',
  'cms',
  'scripts',
  'astro.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

/** A text edit on a copied file; `find` must occur exactly once. `find: ''` with `whole` replaces the file. */
export interface Patch {
  file: string;
  find: string;
  replace: string;
  /** Write `replace` as the whole file (creating it if needed). */
  whole?: boolean;
}

/**
 * Copies the project to bench/.out/<name>/ with node_modules symlinked,
 * applies the patches and returns the copy's root. Throws when a patch no
 * longer applies, so an experiment never silently runs unpatched.
 */
export function projectCopy(name: string, patches: Patch[]): string {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  for (const entry of NEEDED) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const patch of patches) {
    const file = join(dir, patch.file);
    if (patch.whole) {
      writeFileSync(file, patch.replace);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    const at = source.indexOf(patch.find);
    if (at < 0 || source.slice(at + 1).includes(patch.find)) {
      throw new Error(
        `patch for ${patch.file} does not apply: ${JSON.stringify(patch.find)} must occur exactly once`,
      );
    }
    writeFileSync(file, source.slice(0, at) + patch.replace + source.slice(at + patch.find.length));
  }
  return dir;
}

/** Turns on `experimental.incrementalBuild` in the copy's astro.config.mjs. */
export const INCREMENTAL_CONFIG: Patch = {
  file: 'astro.config.mjs',
  find: 'export default defineConfig({',
  replace: 'export default defineConfig({\n  experimental: { incrementalBuild: true },',
};

/**
 * Gives every article path a `cacheKey`: the article's own content digest
 * plus a digest of what list components show of *other* stories (titles,
 * summaries, dates, columns, topics, districts, photos, bylines). Editing
 * one body then re-renders only that page; editing anything a list shows
 * re-renders every article page, which is safe if slow.
 */
export const ARTICLE_CACHE_KEY: Patch = {
  file: 'src/pages/articles/[slug].astro',
  find: 'return articles.map((article) => ({ params: { slug: article.id }, props: { article } }));',
  replace: `const { createHash } = await import('node:crypto');
  const listDigest = createHash('sha256')
    .update(JSON.stringify(articles.map((a) => [a.id, { ...a.data, hero: a.data.hero ? String(a.data.hero.image.src) : null }])))
    .digest('hex');
  return articles.map((article) => ({
    params: { slug: article.id },
    props: { article },
    cacheKey: \`\${String(article.digest)}:\${listDigest}\`,
  }));`,
};

/**
 * Swaps the article loader for the prototype that renders bodies to HTML
 * during content sync (bench/perf/prototype/loader.ts), with the MDX →
 * Markdown+HTML converter beside it.
 */
export function prerenderedLoader(): Patch[] {
  const loader = readFileSync(join(ROOT, 'bench', 'perf', 'prototype', 'loader.ts'), 'utf8')
    .replace("'../../../src/lib/frontmatter.ts'", "'./frontmatter.ts'")
    .replace("'../convert.ts'", "'./prototype-convert.ts'");
  return [
    { file: 'src/lib/loader.ts', find: '', replace: loader, whole: true },
    {
      file: 'src/lib/prototype-convert.ts',
      find: '',
      replace: readFileSync(join(ROOT, 'bench', 'perf', 'convert.ts'), 'utf8'),
      whole: true,
    },
  ];
}
