import type { ImageMetadata } from 'astro';
import type { CollectionEntry } from 'astro:content';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { articleSchema, editionSchema, plainHelpers } from '../../src/schemas/index.ts';
import type { Story } from '../../src/lib/story.ts';

// The expectTypeOf checks run in `astro check` (tsc): a schema change that loses a field's
// parsed type fails the gate, not only this file.

type ArticleEntry = CollectionEntry<'articles'>['data'];
type Hero = NonNullable<ArticleEntry['hero']>;
type Byline = ArticleEntry['authors'][number];
type EditionPage = CollectionEntry<'editions'>['data']['pages'][number];

describe("Astro's collection types come from the schemas", () => {
  it('types an article’s references as Astro parses them', () => {
    expectTypeOf<ArticleEntry['column']>().toEqualTypeOf<{ collection: 'columns'; id: string }>();
    expectTypeOf<ArticleEntry['districts']>().toEqualTypeOf<{ collection: 'districts'; id: string }[]>();
    expectTypeOf<Byline['author']>().toEqualTypeOf<{ collection: 'authors'; id: string } | undefined>();
    expectTypeOf<Byline['name']>().toEqualTypeOf<string | undefined>();
  });

  it('types images as their metadata', () => {
    expectTypeOf<Hero['image']>().toEqualTypeOf<ImageMetadata>();
    expectTypeOf<Hero['alt']>().toEqualTypeOf<string>();
    expectTypeOf<CollectionEntry<'authors'>['data']['photo']>().toEqualTypeOf<ImageMetadata | undefined>();
    expectTypeOf<EditionPage['image']>().toEqualTypeOf<ImageMetadata>();
    expectTypeOf<EditionPage['regions'][number]['story']>().toEqualTypeOf<{
      collection: 'articles';
      id: string;
    }>();
  });

  it('gives pages the entry type itself, not a copy', () => {
    expectTypeOf<Story>().toEqualTypeOf<CollectionEntry<'articles'>>();
  });
});

describe('the plain stand-ins keep strings', () => {
  const article = articleSchema(plainHelpers);
  const parsed = article.parse({
    title: '类型测试稿件',
    summary: '这一段导语只用于检查纯 Node 环境下的结构解析结果，足够二十个字。',
    kind: 'report',
    column: 'some-column',
    authors: [{ author: 'some-author', role: 'reporter' }],
    publishedAt: '2026-11-02T08:00:00+08:00',
    districts: ['some-district'],
    hero: { image: './hero.jpg', alt: '一张题图' },
  });

  it('parses references and images to the strings they were', () => {
    expectTypeOf(parsed.column).toEqualTypeOf<string>();
    expectTypeOf(parsed.authors[0]?.author).toEqualTypeOf<string | undefined>();
    expectTypeOf(parsed.hero?.image).toEqualTypeOf<string | undefined>();
    expect(parsed.column).toBe('some-column');
    expect(parsed.districts).toEqual(['some-district']);
    expect(parsed.authors[0]?.author).toBe('some-author');
    expect(parsed.hero?.image).toBe('./hero.jpg');
  });

  it('types an edition’s page image and regions as strings', () => {
    type Page = z.output<ReturnType<typeof editionSchema<'plain'>>>['pages'][number];
    expectTypeOf<Page['image']>().toEqualTypeOf<string>();
    expectTypeOf<Page['regions'][number]['story']>().toEqualTypeOf<string>();
  });
});
