import type { ImageMetadata } from 'astro';
import type { Article } from './content.ts';
import type { BylineRole } from '../schemas/author.ts';

/** A reference to another entry, as Astro's reference() resolves it. */
export interface EntryRef<C extends string> {
  collection: C;
  id: string;
}

/**
 * The article data with the reference and image fields typed. The schema
 * factories in src/schemas take `reference` and `image` as plain zod types (so
 * the CMS can reuse them), which leaves those fields `unknown` in Astro's
 * generated types; at runtime Astro has resolved them to these shapes.
 */
export type StoryData = Omit<Article['data'], 'column' | 'districts' | 'authors' | 'hero'> & {
  column: EntryRef<'columns'>;
  districts: EntryRef<'districts'>[];
  authors: { role: BylineRole; author?: EntryRef<'authors'> | undefined; name?: string | undefined }[];
  hero?:
    | { image: ImageMetadata; alt: string; caption?: string | undefined; credit?: string | undefined }
    | undefined;
};

/** A public article entry with typed references. */
export type Story = Omit<Article, 'data'> & { data: StoryData };

/**
 * Types the list returned by getPublishedArticles(); it filters nothing, so
 * every page still lists stories through getPublishedArticles() alone.
 */
export function asStories(articles: readonly Article[]): Story[] {
  return articles as unknown as Story[];
}
