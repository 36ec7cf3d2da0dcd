import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { selectPublished } from './publishing.ts';

export type Article = CollectionEntry<'articles'>;
export type Author = CollectionEntry<'authors'>;
export type Column = CollectionEntry<'columns'>;
export type District = CollectionEntry<'districts'>;

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

/** Columns in their editorial order. */
export async function getColumns(): Promise<Column[]> {
  const columns = await getCollection('columns');
  return columns.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** Staff authors by id, for bylines and author pages. */
export async function getAuthors(): Promise<Map<string, Author>> {
  const authors = await getCollection('authors');
  return new Map(authors.map((a) => [a.id, a]));
}

/** Districts sorted by city, then by name in Chinese collation. */
export async function getDistricts(): Promise<District[]> {
  const districts = await getCollection('districts');
  const collator = new Intl.Collator('zh-CN');
  return districts.sort(
    (a, b) => collator.compare(a.data.city, b.data.city) || collator.compare(a.data.name, b.data.name),
  );
}

/** The site settings entry (content/settings/site.yml). */
export async function getSettings(): Promise<CollectionEntry<'settings'>['data']> {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('content/settings/site.yml 缺失：网站设置是必需的');
  return entry.data;
}
