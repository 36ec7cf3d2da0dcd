/**
 * The newsroom's own Git backend (src/server/cms-git/) at newsroom scale:
 * generated stories (bench/corpus, seed 42) committed into a Git repository,
 * then what Decap asks of it, as real Requests to the handler with a real
 * signed-in account: the story list (entriesByFolder), one story
 * (getEntry), a save in the workflow (persistEntry) and 发布
 * (publishUnpublishedEntry). Prints a Markdown table for docs/benchmarks.md.
 *
 *   node bench/cms-git.ts --counts 2000,10000 --runs 5
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus/generate.ts';
import { CONTENT } from '../cms/config.ts';
import { handleCmsGit } from '../src/server/cms-git/handler.ts';
import { createServices } from '../src/server/services.ts';
import { signedInEditor } from '../tests/server/cms-git-helpers.ts';

const { values } = parseArgs({
  options: {
    counts: { type: 'string', default: '2000,10000' },
    runs: { type: 'string', default: '5' },
  },
});
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const services = createServices({
  dataDir: mkdtempSync(join(tmpdir(), 'cms-git-bench-')),
  retentionDays: 180,
});
const cookie = await signedInEditor(services.db, 'bench');

console.log('| stories | action | median (ms) | max (ms) | answer (kB) |');
console.log('| ---: | --- | ---: | ---: | ---: |');
for (const count of values.counts.split(',').map(Number)) {
  const repo = resolve(`bench/.out/cms-git-${String(count)}`);
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const articles = await generateCorpus({ count, outDir: repo });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  const who = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'gc.auto=0'];
  git('init', '-q', '-b', 'main');
  git(...who, 'add', '-A');
  git(...who, 'commit', '-q', '-m', 'corpus');
  // A newsroom's repository is packed.
  git('gc', '-q');
  const env = { CMS_BACKEND: 'newsroom', PUBLISH_REPO: repo, PUBLISH_BRANCH: 'main' };
  const call = async (body: unknown) => {
    const t = performance.now();
    const response = await handleCmsGit(
      new Request('http://127.0.0.1:4321/api/cms/git/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify(body),
      }),
      { inbox: services.inbox, env },
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`${String(response.status)}: ${text}`);
    return { ms: performance.now() - t, bytes: Buffer.byteLength(text) };
  };
  const slug = articles[0]?.slug ?? '';
  const steps: [string, (i: number) => unknown][] = [
    [
      'entriesByFolder (the story list)',
      () => ({ action: 'entriesByFolder', params: { folder: CONTENT.articles, extension: 'mdx', depth: 2 } }),
    ],
    ['getEntry', () => ({ action: 'getEntry', params: { path: `${CONTENT.articles}/${slug}/index.mdx` } })],
    [
      'persistEntry (保存, a new story)',
      (i) => ({
        action: 'persistEntry',
        params: {
          dataFiles: [
            {
              slug: `bench-${String(i)}/index`,
              path: `${CONTENT.articles}/bench-${String(i)}/index.mdx`,
              raw: `---\ntitle: 测试稿 ${String(i)}\n---\n\n正文。\n`,
            },
          ],
          assets: [],
          options: {
            collectionName: 'articles',
            commitMessage: 'Create',
            useWorkflow: true,
            status: 'draft',
          },
        },
      }),
    ],
    [
      'publishUnpublishedEntry (发布)',
      (i) => ({
        action: 'publishUnpublishedEntry',
        params: { collection: 'articles', slug: `bench-${String(i)}/index` },
      }),
    ],
  ];
  for (const [name, body] of steps) {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const result = await call(body(i));
      ms.push(result.ms);
      bytes = result.bytes;
    }
    console.log(
      `| ${String(count)} | ${name} | ${median(ms).toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${(bytes / 1024).toFixed(1)} |`,
    );
  }
}
services.close();
