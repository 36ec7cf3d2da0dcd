/**
 * A production install (`npm ci --omit=dev`) runs the built server: every package dist/server imports is
 * installed without the dev dependencies, and every one our own code imports is declared in package.json
 * `dependencies` rather than arriving by luck as another package's dependency. file-type once sat in
 * devDependencies while the tips handler imported it: the tests passed and production crashed on start.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DIST } from '../support/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The npm package a specifier loads, or undefined for Node built-ins, relative and absolute paths and URLs. */
function packageName(specifier: string): string | undefined {
  if (isBuiltin(specifier) || /^(?:\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Packages a JavaScript or TypeScript source imports: static, dynamic, side-effect and re-exports. */
function importedPackages(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.flatMap((ref) => packageName(ref.fileName) ?? []);
}

/** Files under `dir` (relative to it) whose names end with one of `extensions`. */
function filesUnder(dir: string, extensions: string[]): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    extensions.some((e) => f.endsWith(e)),
  );
}

/** The code an .astro file runs on the server: its frontmatter. */
function astroFrontmatter(source: string): string {
  return /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
}

interface Install {
  /** Packages the server bundle imports. */
  bundle: Set<string>;
  /** Packages src/ imports itself. */
  own: Set<string>;
  /** package.json `dependencies`. */
  dependencies: Record<string, string>;
  /** package-lock.json `packages`. */
  lock: Record<string, LockEntry | undefined>;
}

/** What keeps the server bundle from running after `npm ci --omit=dev`, one line per package. */
function productionProblems({ bundle, own, dependencies, lock }: Install): string[] {
  const problems: string[] = [];
  for (const name of [...bundle].sort()) {
    // The bundle resolves packages from the project's top-level node_modules, so a nested copy does not count.
    const entry = lock[`node_modules/${name}`];
    if (entry === undefined) problems.push(`${name}: not installed at the top level of node_modules`);
    else if (entry.dev === true) problems.push(`${name}: installed only with the dev dependencies`);
    else if (entry.optional === true || entry.devOptional === true) {
      problems.push(`${name}: an optional dependency, skipped on some machines`);
    }
    if (own.has(name) && !(name in dependencies)) {
      problems.push(`${name}: src/ imports it, so package.json must list it in "dependencies"`);
    }
  }
  return problems;
}

describe('a production install runs the built server', () => {
  it('installs every package dist/server imports, and declares the ones our code imports', () => {
    const server = join(DIST, 'server');
    expect(existsSync(join(server, 'entry.mjs')), `no server build in ${server}`).toBe(true);
    const bundle = new Set(
      filesUnder(server, ['.mjs']).flatMap((f) => importedPackages(readFileSync(join(server, f), 'utf8'))),
    );
    const src = join(ROOT, 'src');
    const own = new Set(
      filesUnder(src, ['.ts', '.mjs', '.astro']).flatMap((f) => {
        const text = readFileSync(join(src, f), 'utf8');
        return importedPackages(f.endsWith('.astro') ? astroFrontmatter(text) : text);
      }),
    );
    // The scan of src/ must find the server's own imports (photos, validation), or the check below proves nothing.
    expect([...own].filter((name) => bundle.has(name))).toEqual(
      expect.arrayContaining(['file-type', 'sharp', 'zod']),
    );
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry | undefined>;
    };
    expect(productionProblems({ bundle, own, dependencies: pkg.dependencies, lock: lock.packages })).toEqual(
      [],
    );
  });
});

describe('the check', () => {
  const lock: Record<string, LockEntry> = {
    'node_modules/astro': {},
    'node_modules/cookie': {},
    'node_modules/file-type': { dev: true },
    'node_modules/fsevents': { optional: true },
    'node_modules/@img/colour': {},
  };
  const install = (bundle: string[], own: string[] = [], dependencies: Record<string, string> = {}) =>
    productionProblems({ bundle: new Set(bundle), own: new Set(own), dependencies, lock });

  it('reads package names from every kind of import and skips built-ins and paths', () => {
    const source = [
      "import a from 'astro/runtime/server';",
      "import '@img/colour/lib';",
      "export { b } from 'cookie';",
      "const c = await import('file-type');",
      "import fs from 'fs'; import { x } from 'node:sqlite'; import y from './chunk.mjs';",
      'const code = `import z from "${"ghost"}"`;',
    ].join('\n');
    expect(importedPackages(source).sort()).toEqual(['@img/colour', 'astro', 'cookie', 'file-type']);
  });

  it('passes packages a production install brings, declared or carried by a dependency', () => {
    expect(install(['astro', 'cookie', '@img/colour'], ['astro'], { astro: '^7' })).toEqual([]);
  });

  it('names a package only the dev dependencies install', () => {
    expect(install(['file-type'], ['file-type'], { 'file-type': '^22' })).toEqual([
      'file-type: installed only with the dev dependencies',
    ]);
  });

  it('names a package that is missing or optional', () => {
    expect(install(['ghost', 'fsevents'])).toEqual([
      'fsevents: an optional dependency, skipped on some machines',
      'ghost: not installed at the top level of node_modules',
    ]);
  });

  it('names a package our code imports without declaring it', () => {
    expect(install(['cookie'], ['cookie'])).toEqual([
      'cookie: src/ imports it, so package.json must list it in "dependencies"',
    ]);
  });
});
