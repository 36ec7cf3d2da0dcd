/**
 * The 数字报 calendar at ten years of daily issues:
 * `node bench/editions-calendar.ts [years=10]`.
 *
 * Copies the tests' fixture tree into a temporary folder, adds one issue a day
 * for ten years (3,650 issues; each one page, sharing one small page image and
 * PDF), builds the site from it and reports the size of /editions/ and of each
 * year's calendar page. Every one must stay under 40 kB (issue 13). Nothing it
 * generates is kept.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LIMIT = 40 * 1024;
const years = Number(process.argv[2] ?? '10');
const root = resolve(import.meta.dirname, '..');
// Inside the project (git-ignored .work-*): the build's prerender step resolves packages from node_modules.
const work = mkdtempSync(join(root, '.work-editions-calendar-'));
const content = join(work, 'content');
cpSync(join(root, 'tests/fixtures/content'), content, { recursive: true });
const editions = join(content, 'editions');
const kept = new Set(readdirSync(editions).filter((f) => f.endsWith('.yml')));
const sample = readdirSync(editions).find((f) => f.endsWith('.png')) ?? '';
const samplePdf = readdirSync(editions).find((f) => f.endsWith('.pdf')) ?? '';
copyFileSync(join(editions, sample), join(editions, 'page.png'));
copyFileSync(join(editions, samplePdf), join(editions, 'page.pdf'));

const last = new Date('2026-06-20T00:00:00Z');
let issues = 0;
for (let i = 0; i < years * 365; i++) {
  const date = new Date(last.getTime() - i * 86_400_000).toISOString().slice(0, 10);
  issues += 1;
  if (kept.has(`${date}.yml`)) continue;
  writeFileSync(
    join(editions, `${date}.yml`),
    `date: ${date}\npages:\n  - page: 1\n    pageName: 要闻\n    image: ./page.png\n    pdf: ./page.pdf\n`,
  );
}

const out = join(work, 'dist');
const started = performance.now();
execFileSync('npx', ['astro', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, CONTENT_DIR: content, ASTRO_OUT_DIR: out, ASTRO_CACHE_DIR: join(work, 'cache') },
});
const seconds = (performance.now() - started) / 1000;

const client = join(out, 'client', 'editions');
const pages = [
  ['/editions/', join(client, 'index.html')],
  ...readdirSync(join(client, 'archive'))
    .sort()
    .map((y) => [`/editions/archive/${y}/`, join(client, 'archive', y, 'index.html')]),
] as const;
console.log(`${String(issues)} issues, built in ${seconds.toFixed(0)} s`);
console.log('| page | bytes | kB |\n| --- | ---: | ---: |');
let worst = 0;
for (const [path, file] of pages) {
  const bytes = statSync(file).size;
  worst = Math.max(worst, bytes);
  console.log(`| ${path} | ${String(bytes)} | ${(bytes / 1024).toFixed(1)} |`);
}
rmSync(work, { recursive: true, force: true });
if (worst >= LIMIT) {
  console.error(`a calendar page is ${(worst / 1024).toFixed(1)} kB, over 40 kB`);
  process.exit(1);
}
