import { pinyin } from 'pinyin-pro';

/**
 * Every URL of the reader site is built here, so that links and routes agree.
 * All paths end with a slash (astro.config.mjs sets trailingSlash: 'always').
 */

/** An article page: /articles/<slug>/. */
export const articleUrl = (id: string): string => `/articles/${id}/`;

/** A list page; page 1 has no number so that the first page keeps a stable address. */
const paged = (base: string, page = 1): string => (page <= 1 ? base : `${base}${String(page)}/`);

/** A column's list, optionally a later page: /columns/<id>/ and /columns/<id>/2/. */
export const columnUrl = (id: string, page?: number): string => paged(`/columns/${id}/`, page);

/** A column's RSS feed. */
export const columnFeedUrl = (id: string): string => `/columns/${id}/rss.xml`;

/** A district's list. */
export const districtUrl = (id: string, page?: number): string => paged(`/districts/${id}/`, page);

/** An author's list. */
export const authorUrl = (id: string, page?: number): string => paged(`/authors/${id}/`, page);

/** A topic's list; topics are Chinese, so the address uses their pinyin (see {@link topicSlug}). */
export const topicUrl = (topic: string, page?: number): string => paged(`/topics/${topicSlug(topic)}/`, page);

/** One print edition: /editions/2026-04-26/. */
export const editionUrl = (day: string): string => `/editions/${day}/`;

/** One printed page of an edition: /editions/2026-04-26/5/. */
export const editionPageUrl = (day: string, page: number): string => `/editions/${day}/${String(page)}/`;

/** One month of the archive: /archive/2026-04/. */
export const archiveUrl = (month: string): string => `/archive/${month}/`;

/**
 * An ASCII address segment for a topic: its toneless pinyin joined by hyphens
 * ("快递进村" → "kuai-di-jin-cun"). Latin letters and digits are kept. Two
 * topics that read the same share a page, which then lists both.
 */
export function topicSlug(topic: string): string {
  const syllables = pinyin(topic, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const slug = syllables
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-'))
    .join('-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug !== '') return slug;
  // Nothing readable (e.g. only symbols): fall back to the code points, still ASCII and stable.
  const codes: string[] = [];
  for (const char of topic) codes.push((char.codePointAt(0) ?? 0).toString(16));
  return codes.join('-');
}

/** Joins a site path to the public origin for canonical URLs, feeds and JSON-LD. */
export function absoluteUrl(path: string, site: URL | undefined): string {
  return new URL(path, site ?? 'http://localhost:4321').href;
}
