/**
 * Runs one search of the search page against Pagefind's JS API
 * (`/pagefind/pagefind.js`) over the sharded index (search-shards.ts): it
 * reads the dictionary files the query needs, corrects a mistyped name or
 * place, keeps dictionary words whole, loads only the shards that can
 * answer (newest first, until a page of results is found), ranks pages
 * that contain the words as written first and counts facets. Pagefind is
 * passed in, so the benchmark runs exactly this code.
 */
import {
  FACETS,
  fallbackQueries,
  hasDateRange,
  hasFacets,
  hasFilters,
  mergeFallbackHits,
  normalizeQuery,
  pagefindFilters,
  rankByPhrase,
  rangeYears,
  type Facet,
  type SearchState,
} from './search-query.ts';
import {
  intersectLists,
  maskIndexes,
  pageRef,
  readingsNeeded,
  segmentQuery,
  shardOrder,
  typoCandidates,
  type DictionaryBucket,
  type DictionaryEntry,
  type QueryWord,
  type ShardManifest,
} from './search-shards.ts';

/** What Pagefind's fragment loader returns for one page (the fields we use). */
export interface PagefindFragment {
  url: string;
  excerpt: string;
  /** The page text, words joined as written. */
  content: string;
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
  mergeIndex: (path: string, options?: Record<string, unknown>) => Promise<void>;
  search: (term: string | null, options?: PagefindSearchOptions) => Promise<PagefindResponse | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

/** How many results the page shows at once; the engine loads shards until it has this many. */
export const PAGE_SIZE = 10;

export { SearchIndex } from './search-index.ts';
import { SearchIndex } from './search-index.ts';

/** The outcome of {@link runSearch}. */
export interface EngineResult {
  hits: PagefindHit[];
  /** True when the query as typed found nothing and these hits come from looser queries. */
  approximate: boolean;
  /** The term whose hits are shown, as Pagefind gets it; facets count it. */
  countTerm: string | null;
  /** A known name or place the reader probably meant; the hits are for it. */
  suggestion?: string | undefined;
  /** The words to highlight, as written. */
  highlight: string[];
  /** Shards that may hold more results and are not loaded yet (for 显示更多结果). */
  remaining: number[];
  /** How many stories match in the whole archive, when the dictionary knows it. */
  total?: number | undefined;
}

/**
 * For each mistyped part, the known words it most likely means (best first,
 * at most five). With more than one candidate the readings of the characters
 * that differ are loaded (one small file each) to put the likeliest first.
 */
async function corrections(
  q: string,
  dictionary: DictionaryBucket,
  index: SearchIndex,
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const part of q.split(' ')) {
    let candidates = typoCandidates(part, dictionary);
    if (candidates.length > 1) {
      const readings = await index.readings(readingsNeeded(part, candidates));
      candidates = typoCandidates(part, dictionary, readings);
    }
    if (candidates.length > 0) found.set(part, candidates.slice(0, 5));
  }
  return found;
}

/**
 * The shards a search may use, in {@link shardOrder}: the year facet and the
 * date range both narrow it (to nothing when they do not overlap).
 */
function orderFor(manifest: ShardManifest, entries: DictionaryEntry[], state: SearchState): number[] {
  const years = manifest.shards.map((shard) => shard.year);
  let wanted = state.filters.year;
  if (hasDateRange(state)) {
    const range = rangeYears(state, years).years;
    wanted = wanted.length > 0 ? wanted.filter((year) => range.includes(year)) : range;
    if (wanted.length === 0) return [];
  }
  return shardOrder(manifest, entries, wanted);
}

const termOf = (words: QueryWord[]) => words.map((w) => w.text).join(' ');
const entryOf = (dictionary: DictionaryBucket, word: string): DictionaryEntry[] => {
  const entry = dictionary[word];
  return entry && entry.see !== true ? [entry] : [];
};

/**
 * Searches for a state. Without a query but with filters it lists the
 * filtered stories (newest first); with neither it returns nothing.
 *
 * A query of dictionary words only (a name, a place, a topic), without
 * filters, is answered from the dictionary's page lists and the pages'
 * fragments: no Pagefind download at all. Anything else, and the results
 * beyond those lists (`pagefind: true`), goes to Pagefind, loading shards in
 * {@link shardOrder} until `want` results are found.
 */
export async function runSearch(
  index: SearchIndex,
  state: SearchState,
  options: { want?: number; pagefind?: boolean } = {},
): Promise<EngineResult> {
  const want = options.want ?? PAGE_SIZE;
  const typed = normalizeQuery(state.q);
  const empty: EngineResult = { hits: [], approximate: false, countTerm: null, highlight: [], remaining: [] };
  const manifest = index.manifest;
  if ((typed === '' && !hasFilters(state)) || !manifest) return empty;
  let dictionary = typed === '' ? {} : await index.dictionary(typed);
  const fixes = await corrections(typed, dictionary, index);
  // A correction found through a pointer: its own file has the entry.
  const best = [...fixes.values()].flatMap((list) => list);
  if (best.some((word) => dictionary[word]?.see === true)) dictionary = await index.dictionary(typed, best);
  const q = typed
    .split(' ')
    .map((part) => fixes.get(part)?.[0] ?? part)
    .join(' ');
  const suggestion = fixes.size > 0 ? q : undefined;
  const known = (word: string) => entryOf(dictionary, word).length > 0;
  let words = segmentQuery(q, known);
  const entries = words.flatMap((w) => (w.known ? entryOf(dictionary, w.text) : []));
  const highlight = [
    ...q.split(' '),
    ...words.filter((w) => w.known || Array.from(w.text).length >= 2).map((w) => w.text),
  ].filter(Boolean);
  let term = q === '' ? null : termOf(words);
  let order = orderFor(manifest, entries, state);
  const years = manifest.shards.map((shard) => shard.year);
  const result: EngineResult = {
    hits: [],
    approximate: false,
    countTerm: term,
    suggestion,
    highlight,
    remaining: [],
  };
  // The year facet and the date range leave no shard: nothing to search, and no reason to load Pagefind.
  if (order.length === 0 && (hasDateRange(state) || state.filters.year.length > 0)) return result;

  let listed: PagefindHit[] = [];
  // A date range of whole years keeps the dictionary's lists usable: their pages name their shard (year).
  const wholeYears = !hasDateRange(state) || rangeYears(state, years).whole;
  const direct =
    words.length > 0 &&
    words.every((w) => w.known) &&
    !hasFacets(state) &&
    wholeYears &&
    state.sort === 'relevance';
  const inRange = new Set(order);
  const keep = (ref: string) => !hasDateRange(state) || inRange.has(pageRef(ref).shard);
  if (direct && options.pagefind !== true) {
    // Several candidates for one typo: each one's best page first (the intended person is then in the
    // first five even when several names are one character away), then the best candidate's other pages.
    const candidates = fixes.size === 1 && words.length === 1 ? ([...fixes.values()][0] ?? []) : [];
    const own = (intersectLists(entries) ?? []).filter(keep);
    const refs = [
      ...own.slice(0, 1),
      ...candidates
        .slice(1)
        .flatMap((word) => entryOf(dictionary, word).flatMap((e) => (e.p ?? []).filter(keep).slice(0, 1))),
      ...own.slice(1),
    ];
    const hits = [...new Set(refs)].flatMap((ref, i) => index.hit(ref, refs.length - i) ?? []);
    // A topic with few pages as written (not a person or a district): pages with its words apart follow, from Pagefind.
    const widen = hits.length < PAGE_SIZE && entries.some((e) => e.main === undefined && e.of === undefined);
    if (hits.length > 0 && !widen) {
      const complete = entries.every((e) => (e.n ?? 0) <= (e.p?.length ?? 0));
      const single = entries.length === 1 && fixes.size === 0;
      const total = !single
        ? undefined
        : !hasDateRange(state)
          ? entries[0]?.n
          : complete
            ? own.length
            : undefined;
      return { ...result, hits, remaining: complete ? [] : order, total };
    }
    listed = hits;
  }
  if (listed.length > 0) {
    words = segmentQuery(q, (word) =>
      entryOf(dictionary, word).some((e) => e.main !== undefined || e.of !== undefined),
    );
    term = termOf(words);
    order = orderFor(manifest, [], state);
  }

  // Shards already loaded cost nothing to search; then the next ones in order until enough are found.
  const api = await index.pagefind();
  const pendingShards = () => order.filter((i) => !index.isLoaded(i));
  const loadedShards = () => order.filter((i) => index.isLoaded(i));
  const mainCount = order.filter((i) => entries.some((e) => maskIndexes(e.main).includes(i))).length;
  if (loadedShards().length === 0) await index.load(order.slice(0, Math.max(1, Math.min(mainCount, 3))));
  const byDate = state.sort === 'date' || term === null;
  const filters = pagefindFilters(state, undefined, years);
  for (;;) {
    result.hits = await searchLoaded(api, manifest, term, words, filters, byDate, loadedShards());
    const pending = pendingShards();
    if (result.hits.length >= want || pending.length === 0) break;
    await index.load(pending.slice(0, 2));
  }
  result.remaining = pendingShards();
  if (listed.length > 0) {
    const seen = new Set(listed.map((hit) => hit.id));
    result.hits = [...listed, ...result.hits.filter((hit) => !seen.has(hit.id))];
  }
  if (result.hits.length > 0 || term === null) return result;
  // Nothing as typed, in any shard: looser queries (pairs of a long run, each part alone).
  const lists: PagefindHit[][] = [];
  for (const variant of fallbackQueries(q)) {
    const variantWords = segmentQuery(variant, known);
    const found = await searchLoaded(
      api,
      manifest,
      termOf(variantWords),
      variantWords,
      filters,
      false,
      loadedShards(),
    );
    if (found.length > 0) {
      lists.push(found);
      if (lists.length === 1) result.countTerm = termOf(variantWords);
      result.highlight.push(...variantWords.map((w) => w.text).filter((w) => Array.from(w).length >= 2));
    }
  }
  result.hits = mergeFallbackHits(lists);
  result.approximate = result.hits.length > 0;
  return result;
}

/** The hits of the loaded shards: by date (shard by shard, newest first) or by relevance. */
async function searchLoaded(
  api: PagefindApi,
  manifest: ShardManifest,
  term: string | null,
  words: QueryWord[],
  filters: Record<string, { any: string[] }>,
  byDate: boolean,
  shards: number[],
): Promise<PagefindHit[]> {
  const clean = (hits: PagefindHit[] | undefined) =>
    (hits ?? []).filter((hit) => hit.id !== manifest.placeholder);
  if (byDate) {
    // Pagefind merges shards by score, so a date order across shards is built shard by shard.
    const lists = await Promise.all(
      shards.map(async (i) => {
        const key = manifest.shards[i]?.key ?? '';
        const response = await api.search(term, {
          filters: { ...filters, shard: { any: [key] } },
          sort: { date: 'desc' },
        });
        return clean(response?.results);
      }),
    );
    return lists.flat();
  }
  const response = await api.search(term, { filters });
  const hits = clean(response?.results);
  // Parts the dictionary does not know were split into words; pages with them side by side go first.
  const phrases: Set<string>[] = [];
  const loose = words.filter((w) => !w.known);
  if (loose.length >= 2) {
    const exact = await api.search(`"${termOf(loose)}"`, { filters });
    phrases.push(new Set(clean(exact?.results).map((hit) => hit.id)));
  }
  return rankByPhrase(hits, phrases);
}

/**
 * Counts per facet value for a search, each facet counted without its own
 * selection (so the reader sees what each alternative would add). Counts
 * cover the whole archive, so this loads every shard the search can touch
 * and Pagefind's filter indexes; the page asks only when facets are shown.
 */
export async function countFacets(
  index: SearchIndex,
  state: SearchState,
  countTerm: string | null,
): Promise<Record<Facet, Record<string, number>>> {
  const manifest = index.manifest;
  if (manifest) await index.load(manifest.shards.map((_, i) => i));
  const api = await index.pagefind();
  await api.filters();
  const facets = emptyFacets();
  const years = manifest?.shards.map((shard) => shard.year) ?? [];
  const all = await api.search(countTerm, { filters: pagefindFilters(state, undefined, years) });
  for (const facet of FACETS) {
    let response = all;
    if (state.filters[facet].length > 0) {
      response = await api.search(countTerm, { filters: pagefindFilters(state, facet, years) });
    }
    facets[facet] = response?.filters[facet] ?? {};
  }
  return facets;
}

/** Counts over the whole archive (for suggestions and the empty state), from the manifest. */
export function allFilters(index: SearchIndex): Record<string, Record<string, number>> {
  return index.manifest?.filters ?? {};
}

/** No counts yet. */
export function emptyFacets(): Record<Facet, Record<string, number>> {
  return { column: {}, district: {}, topic: {}, kind: {}, year: {} };
}
