import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readFrontmatter } from '../src/lib/frontmatter.ts';
import { SCHEMA_FIELDS, SLUG_FIELD } from './config.ts';
import { mdxFrontmatter, tidy, yamlData } from './format.ts';
import { FIXTURE_CONTENT } from '../tests/support/fixture.ts';

const mdx = mdxFrontmatter(SCHEMA_FIELDS.articles, [SLUG_FIELD]);

describe('article files', () => {
  const slugs = readdirSync(join(FIXTURE_CONTENT, 'articles'));

  test.each(slugs)('%s: reading and writing back changes nothing', (slug) => {
    const text = readFileSync(join(FIXTURE_CONTENT, 'articles', slug, 'index.mdx'), 'utf8');
    expect(mdx.toFile(mdx.fromFile(text))).toBe(text);
  });

  test('changing one field changes only that line', () => {
    const text = readFileSync(join(FIXTURE_CONTENT, 'articles', 'dong-e-wang-pi-xi', 'index.mdx'), 'utf8');
    const data = mdx.fromFile(text);
    const out = mdx.toFile({ ...data, title: '东阿王皮戏重新唱响' });
    const before = text.split('\n');
    const after = out.split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual(['title: 东阿王皮戏重新唱响']);
  });

  test('times stay Beijing wall time and read back as the same instant', () => {
    const out = mdx.toFile({
      title: '标题',
      publishedAt: '2026-04-26 07:30',
      edition: { date: '2026-04-26' },
      body: '\n正文\n',
    });
    expect(out).toContain('publishedAt: 2026-04-26 07:30\n');
    expect(out).toContain('  date: 2026-04-26\n');
    expect(readFrontmatter(out).data['publishedAt']).toBe('2026-04-26 07:30');
  });

  test("the rich-text editor's body without the blank line or final newline is written in the newsroom's form", () => {
    expect(mdx.toFile({ title: '标题', body: '正文<1' })).toBe('---\ntitle: 标题\n---\n\n正文\\<1\n');
  });

  test('the form-only slug and blank optional values are not written; keys follow the schema', () => {
    const out = mdx.toFile({
      body: '\n正文\n',
      draft: false,
      [SLUG_FIELD]: 'biao-ti',
      kicker: '',
      hero: { image: '', alt: '', caption: '' },
      corrections: [],
      title: '标题',
    });
    expect(out).toBe('---\ntitle: 标题\ndraft: false\n---\n\n正文\n');
  });
});

describe('data files', () => {
  for (const collection of ['authors', 'columns', 'districts', 'settings'] as const) {
    const dir = join(FIXTURE_CONTENT, collection);
    const format = yamlData(SCHEMA_FIELDS[collection]);
    test.each(readdirSync(dir))(`${collection}/%s: reading and writing back changes nothing`, (name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(format.toFile(format.fromFile(text))).toBe(text);
    });
  }

  test('strings YAML 1.1 would misread are quoted, because Astro reads .yml files that way', () => {
    const format = yamlData(SCHEMA_FIELDS.settings);
    const out = format.toFile({ hotline: { phones: ['18663513326'], qq: '549542711', notice: 'yes' } });
    expect(out).toContain("- '18663513326'");
    expect(out).toContain("qq: '549542711'");
    expect(out).toContain("notice: 'yes'");
  });
});

test('photos beside the entry are written as ./name, as Astro and the samples write them', () => {
  const out = mdx.toFile({ title: '标题', hero: { image: 'hero.jpg', alt: '图' }, body: '' });
  expect(out).toContain('  image: ./hero.jpg\n');
  expect(mdx.toFile({ hero: { image: '/uploads/a.jpg' }, body: '' })).toContain('image: /uploads/a.jpg');
  expect(mdx.toFile({ hero: { image: 'https://example.com/a.jpg' }, body: '' })).toContain(
    'https://example.com/a.jpg',
  );
});

test('tidy drops empty values at every depth and returns undefined for nothing', () => {
  expect(tidy({ a: '', b: [], c: { d: '' }, e: [{ f: '' }] }, [])).toBeUndefined();
  expect(tidy({ a: 0, b: false }, [])).toEqual({ a: 0, b: false });
});
