/**
 * The last two steps of a publisher's build, in a process of their own after
 * `astro build` has exited: the search index and the compressed copies. Run
 * inside Astro's `astro:build:done` hook they would share the machine's
 * memory with Astro's whole heap (at 10,000 stories 5 GB of Astro plus
 * 4.6 GB of Pagefind's indexer); run after it, the peak is the larger of the
 * two instead of their sum.
 *
 *   node src/publishing/finish-build.ts <outDir> <cacheDir>
 */
import { join } from 'node:path';
import { indexSite } from '../integrations/pagefind.ts';
import { precompress } from '../server/compressed.ts';

const [outDir, cacheDir] = process.argv.slice(2);
if (outDir === undefined) throw new Error('usage: finish-build.ts <outDir> [cacheDir]');
const client = join(outDir, 'client');

console.log('[finish] search');
const report = await indexSite(client, { cacheDir });
console.log(
  `[finish] search index: ${String(report.pages)} stories, ${(report.milliseconds / 1000).toFixed(1)} s (years indexed: ${report.indexed.join(' ') || 'none'}; reused: ${String(report.reused.length)})`,
);
console.log('[finish] compress');
const started = performance.now();
const files = await precompress(client, cacheDir === undefined ? {} : { cacheDir });
console.log(
  `[finish] compressed ${String(files)} files, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
