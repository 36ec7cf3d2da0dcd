/**
 * How the benchmarks build this project: `npm run build` with the content
 * tree, output and cache folders pointed elsewhere through the env vars
 * astro.config.mjs and src/content.config.ts honour.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Marker, RunResult } from './measure.ts';
import { OUT, ROOT } from './machine.ts';

/** "Now" for every benchmark build, so the set of published stories never drifts. */
export const BUILD_NOW = '2026-06-01T00:00:00+08:00';

/** Log lines that start or end Astro's build phases (the project and the bare sites). */
export const ASTRO_MARKERS: Marker[] = [
  { name: 'syncStart', pattern: /\[content\] Syncing content/ },
  { name: 'synced', pattern: /\[content\] Synced content/ },
  { name: 'bundleStart', pattern: /Building (server|static) entrypoints/ },
  { name: 'renderStart', pattern: /(generating|prerendering) static routes/ },
  { name: 'renderEnd', pattern: /✓ Completed in/, after: 'renderStart' },
  { name: 'imagesStart', pattern: /generating optimized images/ },
  { name: 'imagesEnd', pattern: /✓ Completed in/, after: 'imagesStart' },
  { name: 'pagefindDone', pattern: /\[pagefind\]/ },
  { name: 'precompressDone', pattern: /\[precompress\]/ },
  { name: 'complete', pattern: /\[build\] Complete!/ },
];

/** Phase durations (ms) derived from the marker times of an Astro build. */
export function astroPhases(run: RunResult): Record<string, number | undefined> {
  const m = run.marks;
  const diff = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined ? b - a : undefined;
  return {
    startupAndSync: m['synced'],
    bundle: diff(m['bundleStart'] ?? m['synced'], m['renderStart']),
    render: diff(m['renderStart'], m['renderEnd']),
    images: diff(m['imagesStart'], m['imagesEnd']),
    afterRenderToPagefindDone: diff(m['imagesEnd'] ?? m['renderEnd'], m['pagefindDone']),
    precompress: diff(m['pagefindDone'], m['precompressDone']),
    total: run.wallMs,
  };
}

/** The Pagefind time the project's integration logs ("用时 N 秒"), in ms. */
export function pagefindMs(logTail: string, log: string): number | undefined {
  const match =
    /\[pagefind\].*?用时 ([\d.]+) 秒/.exec(log) ?? /\[pagefind\].*?用时 ([\d.]+) 秒/.exec(logTail);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/** A project build: where it writes and what to run. */
export interface ProjectBuild {
  outDir: string;
  cacheDir: string;
  cwd: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * The project's `npm run build` against `contentDir`, writing to
 * bench/.out/<name>/ (output folders must stay inside the project so the
 * built server can resolve node_modules) with its cache beside it.
 */
export function projectBuild(name: string, contentDir: string, root = ROOT): ProjectBuild {
  const outDir = join(OUT, name);
  const cacheDir = join(OUT, `${name}-cache`);
  return {
    outDir,
    cacheDir,
    cwd: root,
    command: 'npm',
    args: ['run', 'build', '--silent'],
    env: { CONTENT_DIR: contentDir, ASTRO_OUT_DIR: outDir, ASTRO_CACHE_DIR: cacheDir, BUILD_NOW },
  };
}

/** Removes a build's output and cache, for a cold build or cleanup. */
export function clean(build: { outDir: string; cacheDir: string }): void {
  rmSync(build.outDir, { recursive: true, force: true });
  rmSync(build.cacheDir, { recursive: true, force: true });
}

/** Processed photos of the last project build at `count` articles, kept for later benchmarks. */
export function imageCacheDir(count: number): string {
  return join(OUT, `images-${String(count)}`);
}

/** Keeps a build's processed images (cacheDir/assets) for later runs at the same count. */
export function saveImageCache(cacheDir: string, count: number): void {
  const from = join(cacheDir, 'assets');
  if (!existsSync(from)) return;
  rmSync(imageCacheDir(count), { recursive: true, force: true });
  cpSync(from, imageCacheDir(count), { recursive: true });
}

/**
 * Puts previously processed images into a build's cache folder, so a
 * benchmark about pages or rebuilds does not spend half an hour encoding
 * photos first. Returns whether there was anything to seed.
 */
export function seedImageCache(cacheDir: string, count: number): boolean {
  if (!existsSync(imageCacheDir(count))) return false;
  cpSync(imageCacheDir(count), join(cacheDir, 'assets'), { recursive: true });
  return true;
}
