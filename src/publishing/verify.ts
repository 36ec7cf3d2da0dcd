import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { indexedPages } from '../integrations/pagefind.ts';
import type { BuildPlan } from './plan.ts';

/** Files every working build has: the pages readers and editors open first, and the server. */
const REQUIRED = [
  'client/index.html',
  'client/404.html',
  'client/admin/index.html',
  'client/hotline/index.html',
  'client/search/index.html',
  'client/pagefind/pagefind-entry.json',
  'server/entry.mjs',
];

/**
 * Checks a finished build before anyone sees it: the essential pages exist,
 * every story due by the build's "now" has its page and is in the search
 * index, and no draft or future story has a page. Returns what is wrong, in
 * Chinese, empty when the build may go live.
 */
export function verifyBuild(outDir: string, plan: BuildPlan): string[] {
  const problems: string[] = [];
  for (const file of REQUIRED) {
    if (!existsSync(join(outDir, file))) problems.push(`构建结果缺少 ${file}`);
  }
  for (const slug of plan.publicSlugs) {
    if (!existsSync(join(outDir, 'client/articles', slug, 'index.html'))) {
      problems.push(`稿件 ${slug} 应该上线，但构建结果里没有它的页面`);
    }
  }
  for (const slug of plan.hiddenSlugs) {
    if (existsSync(join(outDir, 'client/articles', slug, 'index.html'))) {
      problems.push(`稿件 ${slug} 是草稿或未到发布时间，却生成了页面`);
    }
  }
  const entry = join(outDir, 'client/pagefind/pagefind-entry.json');
  if (existsSync(entry)) {
    // The index is one Pagefind bundle per year; the stories are counted over all of them.
    const indexed = indexedPages(join(outDir, 'client'));
    if (indexed !== plan.publicSlugs.length) {
      problems.push(`搜索索引有 ${String(indexed)} 篇稿件，应为 ${String(plan.publicSlugs.length)} 篇`);
    }
  }
  return problems;
}
