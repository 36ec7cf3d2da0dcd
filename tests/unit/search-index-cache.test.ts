/**
 * The sharded search index with real Pagefind on a tiny site: one bundle
 * per year, an edit re-indexes only its year, the story count the
 * publisher verifies leaves the placeholder out, and the dictionary lists
 * the pages of a name with the subject's story first.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { indexedPages, indexSite } from '../../src/integrations/pagefind.ts';
import { precompress } from '../../src/server/compressed.ts';
import { searchMetaFields, searchMetaHtml } from '../../src/lib/search-meta.ts';
import {
  bucketOf,
  maskIndexes,
  type DictionaryBucket,
  type ShardManifest,
} from '../../src/lib/search-shards.ts';

interface Story {
  slug: string;
  date: string;
  title: string;
  body: string;
  subject?: string;
}

const STORIES: Story[] = [
  {
    slug: 'a',
    date: '2025-03-01T00:00:00Z',
    title: '乡村医生瞿万禾',
    body: '瞿万禾在柿子湾村行医。',
    subject: '瞿万禾',
  },
  { slug: 'b', date: '2025-05-01T00:00:00Z', title: '村里的新诊室', body: '新诊室开张，瞿万禾也来了。' },
  {
    slug: 'c',
    date: '2024-06-01T00:00:00Z',
    title: '护理员耿素云',
    body: '耿素云照顾老人。',
    subject: '耿素云',
  },
];

function page(story: Story, extra = ''): string {
  const fields = searchMetaFields({
    publishedAt: new Date(story.date),
    displayDate: story.date.slice(0, 10),
    year: story.date.slice(0, 4),
    columnName: '水城·温度',
    kindLabel: '人物',
    districts: [{ name: '东阿县', kind: 'county', city: '聊城市' }],
    topics: ['健康乡村'],
    subjectName: story.subject,
  });
  return `<!DOCTYPE html><html lang="zh-CN"><head><title>${story.title}</title></head><body><main><article data-pagefind-body><h1 data-pagefind-meta="title">${story.title}</h1><p>${story.body}${extra}</p>${searchMetaHtml(fields)}</article></main></body></html>`;
}

async function writeSite(dir: string, edited = ''): Promise<void> {
  for (const story of STORIES) {
    await mkdir(join(dir, 'articles', story.slug), { recursive: true });
    await writeFile(
      join(dir, 'articles', story.slug, 'index.html'),
      page(story, story.slug === 'c' ? edited : ''),
    );
  }
}

describe('sharded search index', () => {
  test('one bundle per year, an edit re-indexes its year only, and the count leaves the placeholder out', async () => {
    const root = mkdtempSync(join(tmpdir(), 'search-shards-'));
    const site = join(root, 'site');
    const cacheDir = join(root, 'cache');
    await writeSite(site);
    const first = await indexSite(site, { cacheDir });
    expect(first.indexed).toEqual(['2025', '2024']);
    expect(first.pages).toBe(3);
    expect(indexedPages(site)).toBe(3);

    await writeSite(site, '她说，这是本分。');
    const second = await indexSite(site, { cacheDir });
    expect(second.indexed).toEqual(['2024']);
    expect(second.reused).toEqual(['2025']);
    expect(indexedPages(site)).toBe(3);

    const manifest = JSON.parse(
      await readFile(join(site, 'pagefind', 'shards.json'), 'utf8'),
    ) as ShardManifest;
    expect(manifest.shards.map((s) => s.key)).toEqual(['2025', '2024']);
    const bucket = JSON.parse(
      await readFile(join(site, 'pagefind', 'dictionary', `${String(bucketOf('瞿'))}.json`), 'utf8'),
    ) as DictionaryBucket;
    const entry = bucket['瞿万禾'];
    // Both 2025 stories mention him; his profile comes first.
    expect(entry?.n).toBe(2);
    expect(maskIndexes(entry?.in)).toEqual([0]);
    const fragment = (await readFile(
      join(site, 'pagefind', '2025', 'fragment', `zh-cn_${entry?.p?.[0]?.split('.')[1] ?? ''}.pf_fragment`),
    )) as Buffer;
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(fragment).subarray(12).toString('utf8')).toContain('"url":"/articles/a/"');
    // The month in Beijing time, for a date range that starts or ends inside a year.
    const { filters } = JSON.parse(gunzipSync(fragment).subarray(12).toString('utf8')) as {
      filters: Record<string, string[]>;
    };
    expect(filters['month']).toEqual(['2025-03']);
    // The readings beside the dictionary, a rare name character included, for ranking typo corrections.
    const readings = JSON.parse(
      await readFile(join(site, 'pagefind', 'dictionary', `pinyin-${String(bucketOf('瞿'))}.json`), 'utf8'),
    ) as Record<string, string>;
    expect(readings['瞿']?.split(' ')).toContain('qu2');

    // Brotli copies are made once in the cached bundle and come linked with it; a site build leaves them be.
    const name = `zh-cn_${entry?.p?.[0]?.split('.')[1] ?? ''}.pf_fragment.br`;
    const cachedYear = readdirSync(join(cacheDir, 'search-shards')).find((n) => n.startsWith('2025-')) ?? '';
    const cached = join(cacheDir, 'search-shards', cachedYear, 'fragment', name);
    const served = join(site, 'pagefind', '2025', 'fragment', name);
    expect(statSync(served).ino).toBe(statSync(cached).ino);
    await writeFile(cached, 'made once');
    await precompress(join(site, 'pagefind'));
    expect(await readFile(served, 'utf8')).toBe('made once');
  }, 120_000);
});
