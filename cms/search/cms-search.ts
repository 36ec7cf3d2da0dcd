/**
 * The CMS search box, answered by the content itself. Decap searches by
 * loading every entry of every collection into the browser (8.3 MB at 2,000
 * stories) and scoring titles with a fuzzy matcher that no two-character
 * word passes. For stories this asks the site's server instead
 * (/api/cms/search.json, cms/search/content-search.ts), which greps the
 * branch's files and returns only the stories that contain the words; the
 * small data collections (authors, columns…) keep Decap's own search.
 */
import { Backend } from 'decap-cms-core/dist/esm/backend.js';

const decapSearch = Backend.prototype.search;

/** What /api/cms/search.json answers. */
interface SearchAnswer {
  hits: { path: string; data: string }[];
}

function isAnswer(value: unknown): value is SearchAnswer {
  return typeof value === 'object' && value !== null && 'hits' in value && Array.isArray(value.hits);
}

/** Sends story searches to the server; registered once, before the CMS starts. */
export function registerContentSearch(endpoint = '/api/cms/search.json'): void {
  Backend.prototype.search = async function search(collections, searchTerm) {
    const stories = collections.find((c) => c.get('name') === 'articles');
    if (!stories) return decapSearch.call(this, collections, searchTerm);
    const response = await fetch(`${endpoint}?q=${encodeURIComponent(searchTerm)}`, {
      credentials: 'same-origin',
    });
    const answer: unknown = response.ok ? await response.json() : undefined;
    // No server search (a GitHub-only deployment): Decap's own, as before.
    if (!isAnswer(answer)) return decapSearch.call(this, collections, searchTerm);
    const found = this.processEntries(
      answer.hits.map((hit) => ({ data: hit.data, file: { path: hit.path, id: null } })),
      stories,
    );
    const others = collections.filter((c) => c !== stories);
    const rest = others.length > 0 ? await decapSearch.call(this, others, searchTerm) : { entries: [] };
    return { entries: [...found, ...rest.entries] };
  };
}
