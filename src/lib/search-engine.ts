/**
 * Runs one search of the search page against Pagefind's JS API
 * (`/pagefind/pagefind.js`): the query as typed, an exact-phrase pass that
 * lifts pages containing the words as written, looser queries when nothing
 * matches, and facet counts. The Pagefind module is passed in, so the bench
 * runs exactly this code against a generated corpus.
 */
import {
  FACETS,
  fallbackQueries,
  hasFilters,
  mergeFallbackHits,
  normalizeQuery,
  pagefindFilters,
  phraseParts,
  rankByPhrase,
  type Facet,
  type SearchState,
} from './search-query.ts';

/** What Pagefind's fragment loader returns for one page (the fields we use). */
export interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

/** One raw Pagefind hit. */
export interface PagefindHit {
  id: string;
  score: number;
  data: () => Promise<PagefindFragment>;
}

/** Pagefind's search response (the fields we use). */
export interface PagefindResponse {
  results: PagefindHit[];
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

export interface PagefindSearchOptions {
  filters?: Record<string, unknown>;
  sort?: Record<string, 'asc' | 'desc'>;
}

/** The part of `pagefind.js` this module calls. */
export interface PagefindApi {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string | null, options?: PagefindSearchOptions) => Promise<PagefindResponse | null>;
  preload: (term: string, options?: PagefindSearchOptions) => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

/** The outcome of {@link runSearch}. */
export interface EngineResult {
  hits: PagefindHit[];
  /** True when the query as typed found nothing and these hits come from looser queries. */
  approximate: boolean;
  /** The query whose hits are shown (the typed one, or the first fallback that matched); facets count it. */
  countTerm: string | null;
}

/**
 * Ranking options for Pagefind. Matches in the title meta count most, then
 * the extra terms (names, places, topics); the body is weighted in the
 * markup (title 10, subtitle 6, summary 5, body 1).
 */
export const RANKING = {
  metaWeights: { title: 6, terms: 3, kicker: 2, subtitle: 2 },
};

/** Sets Pagefind's options once; call before the first search. */
export async function configurePagefind(api: PagefindApi): Promise<void> {
  await api.options({ ranking: RANKING, excerptLength: 40, excerptEllipsis: '…' });
  await api.init();
}

const idSet = (response: PagefindResponse | null) => new Set(response?.results.map((hit) => hit.id) ?? []);

/**
 * Searches for a state. Without a query but with filters it lists the
 * filtered stories (newest first); with neither it returns nothing.
 */
export async function runSearch(api: PagefindApi, state: SearchState): Promise<EngineResult> {
  const q = normalizeQuery(state.q);
  if (q === '' && !hasFilters(state)) return { hits: [], approximate: false, countTerm: null };
  const sort = state.sort === 'date' || q === '' ? { date: 'desc' as const } : undefined;
  const base = { filters: pagefindFilters(state), ...(sort ? { sort } : {}) };
  const term = q === '' ? null : q;
  const main = await api.search(term, base);
  const hits = main?.results ?? [];

  if (q !== '' && hits.length === 0) {
    const lists: PagefindHit[][] = [];
    let countTerm: string | null = term;
    for (const variant of fallbackQueries(q)) {
      const response = await api.search(variant, base);
      if (response && response.results.length > 0) {
        lists.push(response.results);
        if (lists.length === 1) countTerm = variant;
      }
    }
    const merged = mergeFallbackHits(lists);
    return { hits: merged, approximate: merged.length > 0, countTerm };
  }
  if (q !== '' && state.sort === 'relevance') {
    const phrases: Set<string>[] = [];
    for (const part of phraseParts(q)) {
      phrases.push(idSet(await api.search(`"${part}"`, { filters: base.filters })));
    }
    return { hits: rankByPhrase(hits, phrases), approximate: false, countTerm: term };
  }
  return { hits, approximate: false, countTerm: term };
}

/**
 * Counts per facet value for a search, each facet counted without its own
 * selection (so the reader sees what each alternative would add). The
 * first call loads Pagefind's filter indexes (about 20 kB per facet on a
 * 10,000-story site), which is why the page asks for counts only when the
 * facets are on screen, after the results.
 */
export async function countFacets(
  api: PagefindApi,
  state: SearchState,
  countTerm: string | null,
): Promise<Record<Facet, Record<string, number>>> {
  await api.filters();
  const facets = emptyFacets();
  const all = await api.search(countTerm, { filters: pagefindFilters(state) });
  for (const facet of FACETS) {
    let response = all;
    if (state.filters[facet].length > 0) {
      response = await api.search(countTerm, { filters: pagefindFilters(state, facet) });
    }
    facets[facet] = response?.filters[facet] ?? {};
  }
  return facets;
}

/** No counts yet. */
export function emptyFacets(): Record<Facet, Record<string, number>> {
  return { column: {}, district: {}, topic: {}, kind: {}, year: {} };
}
