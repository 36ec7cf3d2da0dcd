/**
 * The CMS search at newsroom scale: generated stories (bench/corpus, seed 42)
 * committed into a Git repository, searched the way the CMS search box does
 * it, both in-process (cms/search/content-search.ts) and through the built
 * server's /api/cms/search.json (needs a build: ASTRO_OUT_DIR). Queries: the
 * issue's two-character words and a name that only a story's body and
 * subject carry. Prints a Markdown table for docs/benchmarks.md.
 *
 *   node bench/cms-search.ts --counts 2000,10000 --runs 7
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus/generate.ts';
import { searchStories } from '../cms/search/content-search.ts';
import { startSite } from '../tests/support/server.ts';

const { values } = parseArgs({
  options: {
    counts: { type: 'string', default: '2000,10000' },
    runs: { type: 'string', default: '7' },
  },
});
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const cold: string[] = [];

console.log(
  '| stories | query | hits | in-process median (ms) | HTTP median (ms) | HTTP max (ms) | answer (kB) |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const count of values.counts.split(',').map(Number)) {
  const repo = resolve(`bench/.out/cms-search-${String(count)}`);
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const articles = await generateCorpus({ count, outDir: repo });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'add', '-A');
  git(
    '-c',
    'gc.auto=0',
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.invalid',
    'commit',
    '-q',
    '-m',
    'corpus',
  );
  // A newsroom's repository is packed; 10,000 fresh loose objects would make the first read far slower.
  git('gc', '-q');
  // A name that is neither in its story's title nor anywhere else in the title field: only body and subject.
  const named = articles.find((a) => a.data.subject && !a.data.title.includes(a.data.subject.name));
  const queries = ['快递', '驿站', '胖哥', named?.data.subject?.name ?? '王', '快递 驿站'];
  const site = await startSite({ PUBLISH_REPO: repo });
  try {
    // The first search of a server (or after a publish moves the branch) reads every story once.
    const t0 = performance.now();
    await fetch(`${site.origin}/api/cms/search.json?q=${encodeURIComponent('冷')}`);
    cold.push(`${String(count)} stories: first search after start ${(performance.now() - t0).toFixed(0)} ms`);
    for (const query of queries) {
      const local: number[] = [];
      const http: number[] = [];
      let hits = 0;
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        const result = await searchStories({ repo, branch: 'main', folder: 'content/articles', query });
        local.push(performance.now() - t);
        hits = result.total;
        t = performance.now();
        const res = await fetch(`${site.origin}/api/cms/search.json?q=${encodeURIComponent(query)}`);
        const body = await res.text();
        http.push(performance.now() - t);
        if (!res.ok) throw new Error(`search answered ${String(res.status)}: ${body}`);
        bytes = Buffer.byteLength(body);
      }
      console.log(
        `| ${String(count)} | ${query} | ${String(hits)} | ${median(local).toFixed(0)} | ${median(http).toFixed(0)} | ${Math.max(...http).toFixed(0)} | ${(bytes / 1024).toFixed(0)} |`,
      );
    }
  } finally {
    await site.stop();
  }
}
console.log('');
for (const line of cold) console.log(line);
