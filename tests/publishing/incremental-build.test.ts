/**
 * The incremental build against a clean one. Astro reuses a page when its cache key (src/lib/page-keys.ts)
 * is unchanged; a key that misses something the page shows would ship a stale page without a sound. Each
 * step edits one thing a page depends on, rebuilds incrementally on the kept cache, builds the same tree
 * clean, and compares every file readers get, byte for byte.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FIXTURE_CONTENT } from '../support/fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// Inside the project: the built server resolves its packages from node_modules above its folder.
const work = mkdtempSync(join(ROOT, 'node_modules', '.incremental-test-'));
const content = join(work, 'tree');
// One output folder for every incremental build, as the publisher does (src/publishing/builder.ts).
const incremental = { out: join(work, 'incremental'), cache: join(work, 'incremental-cache') };
const clean = { out: join(work, 'clean'), cache: join(work, 'clean-cache') };

/** Before the scheduled story's time, and after it (same year, so the footer does not change). */
const BEFORE = '2026-12-01T09:00:00+08:00';
const AFTER = '2026-12-01T10:01:00+08:00';

const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs `astro build` over the test's tree; resolves with the log, without colours. */
function build(target: { out: string; cache: string }, now: string, tree = content): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')),
        ),
        CONTENT_DIR: tree,
        ASTRO_OUT_DIR: target.out,
        ASTRO_CACHE_DIR: target.cache,
        BUILD_NOW: now,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      // Astro colours its log where CI is set (picocolors), which would split "├─ /path" for the counts below.
      if (code === 0) done(log.replace(ANSI, ''));
      else fail(new Error(`astro build exited ${String(code)}:\n${errorsOf(log)}`));
    });
  });
}

/** The lines of a failed build's log that say why, without the bundler's warnings about the CMS. */
const errorsOf = (log: string): string =>
  log
    .split('\n')
    .filter((line) => /error|Error|✗|→/.test(line) && !line.includes('MODULE_LEVEL_DIRECTIVE'))
    .slice(-30)
    .join('\n');

/** Every file readers get, by path, as a SHA-256 of its bytes. */
function files(out: string): Map<string, string> {
  const client = join(out, 'client');
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.set(relative(client, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(client);
  return found;
}

/** Paths whose bytes differ between two builds, or that only one has. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
}

/** Pages Astro took from its cache instead of drawing them. */
const reused = (log: string): number => (log.match(/\((?:cached|restored)\)/g) ?? []).length;

/** Replaces one piece of text in a file of the test's tree, failing if it is not there. */
function edit(file: string, from: string | RegExp, to: string): void {
  const path = join(content, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} should contain ${String(from)}`).not.toBe(text);
  writeFileSync(path, next);
}

/** The incremental build and a clean one of the same tree give the same files. */
async function expectSameAsClean(now: string): Promise<{ log: string; redrawn: number }> {
  const log = await build(incremental, now);
  rmSync(clean.cache, { recursive: true, force: true });
  // Processed photos and the CMS bundle are keyed by their own inputs' bytes; sharing them only saves time.
  for (const folder of ['assets', 'cms-bundle', 'precompressed']) {
    cpSync(join(incremental.cache, folder), join(clean.cache, folder), { recursive: true });
  }
  await build(clean, now);
  expect(differences(files(incremental.out), files(clean.out))).toEqual([]);
  const drawn = (log.match(/├─ \/\S+index\.html/g) ?? []).length;
  return { log, redrawn: drawn - reused(log) };
}

beforeAll(async () => {
  cpSync(FIXTURE_CONTENT, content, { recursive: true });
  // A scheduled story within the day, so that passing its time does not change the year in the footer.
  edit('articles/ding-shi-fa-bu-shi-li/index.mdx', /publishedAt: .*/, 'publishedAt: 2026-12-01 10:00');
  await build(incremental, BEFORE);
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

test('with nothing changed every keyed page is reused and the files are those of a clean build', async () => {
  const { log } = await expectSameAsClean(BEFORE);
  // 9 stories, 8 authors, 4 columns, 5 districts, 2 months and the topics: every keyed page.
  expect(reused(log)).toBeGreaterThan(40);
}, 300_000);

test('a build of another content tree in the same checkout does not leak its photos into an unchanged rebuild', async () => {
  // Astro keeps the list of image files to import in the project's .astro/ folder, not in the cache folder.
  await build({ out: join(work, 'other'), cache: join(work, 'other-cache') }, BEFORE, FIXTURE_CONTENT);
  const { log } = await expectSameAsClean(BEFORE);
  expect(reused(log)).toBeGreaterThan(40);
}, 300_000);

/**
 * `siteWide`: data in every page's key (src/lib/page-keys.ts), such as a column's name in the navigation,
 * so every page is drawn again; for the others, pages that do not show the change are reused.
 */
const steps: { name: string; change: () => void; now?: string; siteWide?: true }[] = [
  {
    name: "a story's body",
    change: () => {
      edit('articles/tang-yi-hu-lu-ka-fei/index.mdx', /\s*$/, '\n\n这是增量构建测试加的一句话。\n');
    },
  },
  {
    name: "a story's title (its lists, and the pages where it is related or a neighbour)",
    change: () => {
      edit('articles/yi-cheng-nuan-xin/index.mdx', /^title: (.*)$/m, 'title: $1（修订）');
    },
  },
  {
    siteWide: true,
    name: "an author's name",
    change: () => {
      edit('authors/ji-xiang.yml', /^name: (.*)$/m, 'name: $1新');
    },
  },
  {
    siteWide: true,
    name: "a column's name",
    change: () => {
      edit('columns/rui-guan-dian.yml', /^name: (.*)$/m, 'name: $1栏');
    },
  },
  {
    siteWide: true,
    name: "a district's name",
    change: () => {
      edit('districts/dong-e-xian.yml', /^name: (.*)$/m, 'name: $1区');
    },
  },
  {
    siteWide: true,
    name: 'the site settings',
    change: () => {
      edit('settings/site.yml', '0635-2921234', '0635-2920000');
    },
  },
  {
    name: 'a lead photo replaced under the same name',
    change: () => {
      cpSync(
        join(content, 'articles/kai-fa-qu-xin-jiu-ye-qun-ti/hero.jpg'),
        join(content, 'articles/tang-yi-hu-lu-ka-fei/hero.jpg'),
      );
    },
  },
  {
    name: "the schedule: the build's now passes a scheduled story's time",
    change: () => undefined,
    now: AFTER,
  },
];

test.each(steps)(
  'after editing $name the incremental build equals a clean one',
  async ({ change, now, siteWide }) => {
    change();
    const { log, redrawn } = await expectSameAsClean(now ?? BEFORE);
    expect(redrawn).toBeGreaterThan(0);
    // Pages the change does not reach came from the cache, or the comparison would prove nothing about the keys.
    if (siteWide === undefined) expect(reused(log)).toBeGreaterThan(0);
  },
  300_000,
);
