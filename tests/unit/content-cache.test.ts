/**
 * One Astro cache folder serves builds of several content trees: content/ in dev, the tests' fixture, the
 * publisher's snapshots, benchmark corpora. A build must read every story from the tree it builds, or it
 * fails when the other tree is gone and puts the other tree's version of a story on the site.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT } from '../support/fixture.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** Story files and photos the generated content modules import, as paths relative to the project. */
function importedFiles(dir: string): string[] {
  const modules = readFileSync(join(dir, '.astro', 'content-modules.mjs'), 'utf8');
  const assets = readFileSync(join(dir, '.astro', 'content-assets.mjs'), 'utf8');
  return [...`${modules}\n${assets}`.matchAll(/(?:fileName|importer)=([^&"]+)/g)].map((m) =>
    decodeURIComponent(m[1] ?? ''),
  );
}

describe('the content cache', () => {
  it('reads every story from the tree being built, not from the tree that filled the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swd-cache-'));
    for (const item of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
      cpSync(join(root, item), join(dir, item), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    cpSync(FIXTURE_CONTENT, join(dir, 'first'), { recursive: true });
    cpSync(FIXTURE_CONTENT, join(dir, 'second'), { recursive: true });
    const sync = (tree: string) =>
      run(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'sync'], {
        cwd: dir,
        env: { ...process.env, CONTENT_DIR: tree, ASTRO_CACHE_DIR: join(dir, '.cache') },
      });

    await sync('first');
    expect(importedFiles(dir).length).toBeGreaterThan(5);
    // The second tree differs from the first only in its place, as a snapshot of the same commit would.
    await sync('second');
    expect(importedFiles(dir).filter((f) => !f.startsWith('second/'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
