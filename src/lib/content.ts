import { getCollection, type CollectionEntry } from 'astro:content';
import { selectPublished } from './publishing.ts';

export type Article = CollectionEntry<'articles'>;
export type Author = CollectionEntry<'authors'>;

/** The moment this build treats as "now"; BUILD_NOW pins it for tests and reproducible builds. */
export const buildTime: Date = process.env['BUILD_NOW'] ? new Date(process.env['BUILD_NOW']) : new Date();

let published: Promise<Article[]> | undefined;

/**
 * Every public story, newest first: no drafts, nothing scheduled after
 * {@link buildTime}. Every page, feed and index lists stories through this.
 */
export function getPublishedArticles(): Promise<Article[]> {
  published ??= getCollection('articles').then((all) => selectPublished(all, buildTime));
  return published;
}

/** Staff authors by id, for bylines and author pages. */
export async function getAuthors(): Promise<Map<string, Author>> {
  const authors = await getCollection('authors');
  return new Map(authors.map((a) => [a.id, a]));
}
