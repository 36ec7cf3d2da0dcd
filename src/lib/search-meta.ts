/**
 * What one article tells Pagefind besides its text: filters, meta fields
 * and the sort key. Pure, so ArticleSearchMeta.astro and the benchmark's
 * page generator produce exactly the same markup.
 */
import { extraSearchTerms, splitChineseName, termsMetaValue } from './search-terms.ts';

/** The resolved facts about an article that search needs. */
export interface SearchMetaSource {
  publishedAt: Date;
  /** "2026年4月26日", as the page shows it. */
  displayDate: string;
  /** Publication year in Beijing time, e.g. "2026". */
  year: string;
  columnName: string;
  /** The kind's Chinese label, e.g. "人物". */
  kindLabel: string;
  districts: { name: string; kind?: string; city?: string }[];
  topics: string[];
  subjectName?: string | undefined;
  image?: { src: string; alt: string } | undefined;
}

/** Pagefind fields for one article, as [key, value] pairs in document order. */
export interface SearchMetaFields {
  filters: [string, string][];
  meta: [string, string][];
  /** The value of `data-pagefind-sort`: ISO dates sort correctly as text. */
  sort: string;
  /**
   * The value of `data-search-words`: the article's names, places and topics
   * as written, for the search dictionary the indexer builds (search-shards.ts).
   */
  words: string;
}

/** Builds the Pagefind filters, meta and sort for one article; empty values are left out. */
export function searchMetaFields(source: SearchMetaSource): SearchMetaFields {
  const terms = extraSearchTerms({
    subjectName: source.subjectName,
    districts: source.districts,
    topics: source.topics,
  });
  const filters: [string, string][] = [
    ['column', source.columnName],
    ['kind', source.kindLabel],
    ['year', source.year],
    ...source.districts.map((d): [string, string] => ['district', d.name]),
    ...source.topics.map((topic): [string, string] => ['topic', topic]),
  ];
  // The story's own person: a short field of its own, so a match on it outranks a mention elsewhere.
  const name = source.subjectName?.trim() ?? '';
  const given = splitChineseName(name)?.given ?? '';
  const meta: [string, string][] = [
    ['date', source.displayDate],
    ['column', source.columnName],
    ['subject', [name, given.length >= 2 ? given : ''].filter(Boolean).join(' ')],
    ['terms', termsMetaValue(terms)],
  ];
  if (source.image) meta.push(['image', source.image.src], ['image_alt', source.image.alt]);
  return {
    filters: filters.filter(([, value]) => value.trim() !== ''),
    meta: meta.filter(([, value]) => value.trim() !== ''),
    sort: `date:${source.publishedAt.toISOString()}`,
    words: terms.filter((term) => !/\s/.test(term)).join(' '),
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * The hidden element as an HTML string, for pages built outside Astro (the
 * benchmark). It must match ArticleSearchMeta.astro's output.
 */
export function searchMetaHtml(fields: SearchMetaFields): string {
  const spans = [
    ...fields.filters.map(([k, v]) => `<span data-pagefind-filter="${k}">${escapeHtml(v)}</span>`),
    ...fields.meta.map(([k, v]) => `<span data-pagefind-meta="${k}">${escapeHtml(v)}</span>`),
  ];
  return `<div hidden data-pagefind-ignore data-pagefind-sort="${escapeHtml(fields.sort)}" data-search-words="${escapeHtml(fields.words)}">${spans.join('')}</div>`;
}
