/**
 * The search page's state and the query handling around Pagefind, kept pure
 * so unit tests cover it without a browser. The state lives in the URL
 * (/search/?q=快递&district=兖州区&sort=date), so searches can be shared and
 * the back button works.
 */

/** The facets the search page offers, in display order; each is a Pagefind filter key. */
export const FACETS = ['column', 'district', 'topic', 'kind', 'year'] as const;
export type Facet = (typeof FACETS)[number];

export type SortOrder = 'relevance' | 'date';

/** Everything a search is made of. */
export interface SearchState {
  q: string;
  filters: Record<Facet, string[]>;
  sort: SortOrder;
  /** Published from: "2024" (its first day) or "2024-03" (the month's first day), Beijing time; '' for any. */
  from: string;
  /** Published up to and including: "2025" or "2025-06"; '' for any. */
  to: string;
}

/** A state with no query, no filters and relevance order. */
export function emptyState(): SearchState {
  return {
    q: '',
    filters: { column: [], district: [], topic: [], kind: [], year: [] },
    sort: 'relevance',
    from: '',
    to: '',
  };
}

/** A year or a month of a year, as the date range takes them. */
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

/** Longest query accepted; anything longer is cut, since no headline is that long. */
export const MAX_QUERY_LENGTH = 100;

/**
 * Reads the state from a query string. Unknown parameters are ignored,
 * repeated facet values are kept once, and an unknown sort means relevance.
 */
export function parseSearchState(params: URLSearchParams): SearchState {
  const state = emptyState();
  state.q = (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
  for (const facet of FACETS) {
    state.filters[facet] = [...new Set(params.getAll(facet).filter((v) => v.trim() !== ''))];
  }
  state.sort = params.get('sort') === 'date' ? 'date' : 'relevance';
  const period = (name: string) => {
    const value = (params.get(name) ?? '').trim();
    return PERIOD.test(value) ? value : '';
  };
  state.from = period('from');
  state.to = period('to');
  // A range typed backwards means the same months.
  if (state.from !== '' && state.to !== '' && firstMonth(state.from) > lastMonth(state.to)) {
    [state.from, state.to] = [state.to, state.from];
  }
  return state;
}

/** Writes the state as a query string, leaving out empty parts: `q=快递&district=兖州区`. */
export function serializeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q !== '') params.set('q', q);
  for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.from !== '') params.set('from', state.from);
  if (state.to !== '') params.set('to', state.to);
  if (state.sort === 'date') params.set('sort', 'date');
  return params.toString();
}

/** True when the state has at least one facet value selected or a date range. */
export function hasFilters(state: SearchState): boolean {
  return hasFacets(state) || hasDateRange(state);
}

/** True when the state has at least one facet value selected. */
export function hasFacets(state: SearchState): boolean {
  return FACETS.some((facet) => state.filters[facet].length > 0);
}

/** True when the state limits the publication date. */
export function hasDateRange(state: SearchState): boolean {
  return state.from !== '' || state.to !== '';
}

/** The first month of a period: "2024" → "2024-01". */
const firstMonth = (period: string) => (period.length === 4 ? `${period}-01` : period);
/** The last month of a period: "2024" → "2024-12". */
const lastMonth = (period: string) => (period.length === 4 ? `${period}-12` : period);

/**
 * The months of the given years (the archive's) inside the state's date
 * range, as "YYYY-MM"; every month of those years without a range.
 *
 * @example rangeMonths({ from: '2024-11', to: '2025-02', … }, ['2025', '2024']) // 2024-11 … 2025-02
 */
export function rangeMonths(state: Pick<SearchState, 'from' | 'to'>, years: string[]): string[] {
  const from = state.from === '' ? '0000-00' : firstMonth(state.from);
  const to = state.to === '' ? '9999-99' : lastMonth(state.to);
  const months: string[] = [];
  for (const year of [...new Set(years)].filter((y) => /^\d{4}$/.test(y)).sort()) {
    for (let m = 1; m <= 12; m++) {
      const month = `${year}-${String(m).padStart(2, '0')}`;
      if (month >= from && month <= to) months.push(month);
    }
  }
  return months;
}

/**
 * The years (of those given) the date range touches, and whether it covers
 * each of them whole, in which case a year's shard needs no month filter.
 */
export function rangeYears(
  state: Pick<SearchState, 'from' | 'to'>,
  years: string[],
): { years: string[]; whole: boolean } {
  const months = rangeMonths(state, years);
  const touched = [...new Set(months.map((m) => m.slice(0, 4)))];
  return { years: touched, whole: months.length === touched.length * 12 };
}

/**
 * Cleans a query: full-width letters and digits become half-width (NFKC),
 * punctuation and quotes become spaces, runs of spaces collapse.
 *
 * @example normalizeQuery('  “林东阁”，兖州区 ') // '林东阁 兖州区'
 */
export function normalizeQuery(q: string): string {
  return q
    .normalize('NFKC')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
}

const HAN = /\p{Script=Han}/u;

/**
 * The parts of a query that should appear as written: each space-separated
 * part with at least two Han characters. "林东阁 快递" → ["林东阁", "快递"].
 */
export function phraseParts(q: string): string[] {
  return normalizeQuery(q)
    .split(' ')
    .filter((part) => Array.from(part).filter((ch) => HAN.test(ch)).length >= 2);
}

/**
 * Looser queries to try when a query finds nothing, best first. A
 * three-character or longer Han run is broken into its overlapping pairs
 * ("林东哥" → "林东", "东哥"), which survives one wrong character in a
 * name; a multi-part query also tries each part alone.
 */
export function fallbackQueries(q: string): string[] {
  const parts = normalizeQuery(q).split(' ').filter(Boolean);
  const variants: string[] = [];
  for (const part of parts) {
    const chars = Array.from(part);
    if (chars.length >= 3 && chars.every((ch) => HAN.test(ch))) {
      for (let i = 0; i + 2 <= chars.length; i++) variants.push(chars.slice(i, i + 2).join(''));
    } else if (parts.length > 1) {
      variants.push(part);
    }
  }
  if (parts.length > 1) for (const part of parts) if (!variants.includes(part)) variants.push(part);
  return [...new Set(variants)].filter((v) => v !== normalizeQuery(q));
}

/** One hit as the ranking step sees it: Pagefind's id and score. */
export interface RankedHit {
  id: string;
  score: number;
}

/**
 * Orders hits for "relevance": first by how many phrase parts the page
 * contains as written (Pagefind's exact-phrase search), then by Pagefind's
 * own score. Chinese queries are split into single characters by the
 * browser's segmenter, and Pagefind then ranks any page that holds those
 * characters anywhere; putting pages that contain the name or place as
 * written first restores precision. Hits keep their order within a tier, so
 * the order stays stable.
 */
export function rankByPhrase<T extends RankedHit>(hits: T[], phraseHits: Set<string>[]): T[] {
  const tier = (id: string) => phraseHits.reduce((n, set) => n + (set.has(id) ? 1 : 0), 0);
  return hits
    .map((hit, index) => ({ hit, index, tier: tier(hit.id) }))
    .sort((a, b) => b.tier - a.tier || b.hit.score - a.hit.score || a.index - b.index)
    .map(({ hit }) => hit);
}

/**
 * Merges the hits of several fallback queries: a page found by more of them
 * ranks higher, then by its summed score.
 */
export function mergeFallbackHits<T extends RankedHit>(lists: T[][]): T[] {
  const merged = new Map<string, { hit: T; count: number; score: number }>();
  for (const list of lists) {
    for (const hit of list) {
      const seen = merged.get(hit.id);
      if (seen) {
        seen.count += 1;
        seen.score += hit.score;
      } else merged.set(hit.id, { hit, count: 1, score: hit.score });
    }
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || b.score - a.score).map(({ hit }) => hit);
}

/**
 * Pagefind's filter argument for a state: values within a facet are
 * alternatives. A date range becomes the archive's shards it covers whole
 * (`shard`, one per year) or, when it starts or ends inside a year, the
 * months it covers (`month`, which the indexer gives every page); `years`
 * are the archive's, from the manifest.
 */
export function pagefindFilters(
  state: SearchState,
  except?: Facet,
  years: string[] = [],
): Record<string, { any: string[] }> {
  const filters: Record<string, { any: string[] }> = {};
  for (const facet of FACETS) {
    if (facet !== except && state.filters[facet].length > 0) filters[facet] = { any: state.filters[facet] };
  }
  if (hasDateRange(state)) {
    const range = rangeYears(state, years);
    // An empty list would match everything in Pagefind; a value no page has matches nothing.
    const none = ['-'];
    if (range.whole) filters['shard'] = { any: range.years.length > 0 ? range.years : none };
    else {
      const months = rangeMonths(state, years);
      filters['month'] = { any: months.length > 0 ? months : none };
    }
  }
  return filters;
}

/**
 * Splits a Pagefind excerpt ("…的快递员<mark>林</mark><mark>东</mark>…")
 * into plain and highlighted runs, joining neighbouring highlights so a
 * name is one mark, not three. The page renders the runs as text nodes, so
 * nothing in an excerpt is ever parsed as HTML.
 */
export function excerptRuns(excerpt: string): { text: string; mark: boolean }[] {
  const runs: { text: string; mark: boolean }[] = [];
  const joined = excerpt.replace(/<\/mark>(\s*)<mark>/g, '$1');
  for (const [index, piece] of joined.split(/<\/?mark>/).entries()) {
    if (piece === '') continue;
    const text = decodeEntities(piece);
    const mark = index % 2 === 1;
    const last = runs.at(-1);
    if (last?.mark === mark) last.text += text;
    else runs.push({ text, mark });
  }
  return runs;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}
