/**
 * The search page's script. It reads the search from the URL, loads
 * Pagefind from /pagefind/ on the same origin, runs the search through
 * lib/search-engine.ts and keeps the URL in step: typing replaces the
 * current history entry, a submitted search, a filter or a sort adds one, so
 * the back button steps through the searches.
 */
import {
  allFilters,
  countFacets,
  emptyFacets,
  PAGE_SIZE,
  runSearch,
  SearchIndex,
  type PagefindApi,
  type PagefindHit,
} from '../../../lib/search-engine.ts';
import {
  hasFacets,
  hasFilters,
  normalizeQuery,
  parseSearchState,
  serializeSearchState,
  type SearchState,
} from '../../../lib/search-query.ts';
import {
  format,
  renderDidYouMean,
  renderFacets,
  renderHit,
  renderPeriods,
  renderSuggestions,
  type Strings,
} from './search-render.ts';

/** Results rendered before the rest of the page: what a phone shows, so the first paint waits for fewer fragments. */
const FIRST_PAINT = 4;
/** Kept in a variable so the bundler leaves the import to the browser: the file exists only after indexing. */
const BUNDLE_URL = '/pagefind/pagefind.js';

function must<T extends Element>(selector: string, type: abstract new () => T): T {
  const node = document.querySelector(selector);
  if (!(node instanceof type)) throw new Error(`search page: missing ${selector}`);
  return node;
}

const strings = JSON.parse(must('#search-strings', HTMLScriptElement).textContent) as Strings;
const form = must('#search-form', HTMLFormElement);
const input = must('#search-q', HTMLInputElement);
const sort = must('#search-sort', HTMLSelectElement);
const from = must('#search-from', HTMLSelectElement);
const to = must('#search-to', HTMLSelectElement);
const facets = must('#search-facets', HTMLElement);
const sidebar = must('#search-filters', HTMLElement);
const facetsBox = must('#search-facets-box', HTMLDetailsElement);
const status = must('#search-status', HTMLElement);
const list = must('#search-results', HTMLOListElement);
const more = must('#search-more', HTMLButtonElement);
const advice = must('#search-advice', HTMLElement);
const suggestions = must('#search-suggest', HTMLElement);
const didYouMean = must('#search-didyoumean', HTMLElement);

const baseTitle = document.title;
let api: SearchIndex | undefined;
let generation = 0;
let pending: PagefindHit[] = [];
/** The search on screen, to continue it into shards not loaded yet. */
let current: { state: SearchState; shown: Set<string>; remaining: number; highlight: string[] } | undefined;

function readForm(): SearchState {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') params.append(key, value);
  return parseSearchState(params);
}

function writeForm(state: SearchState): void {
  if (input.value !== state.q) input.value = state.q;
  sort.value = state.sort === 'date' ? 'date' : '';
  // A bound outside the archive's years has no option; the select then shows 不限 and the URL still rules.
  from.value = state.from;
  to.value = state.to;
}

function setUrl(state: SearchState, push: boolean): void {
  const query = serializeSearchState(state);
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

async function render(batch: PagefindHit[], ticket: number): Promise<boolean> {
  const fragments = await Promise.all(batch.map((hit) => hit.data()));
  if (ticket !== generation) return false;
  list.append(...fragments.map((fragment) => renderHit(fragment, current?.highlight ?? [])));
  for (const hit of batch) current?.shown.add(hit.id);
  return true;
}

async function showMore(ticket: number, firstPaint = false): Promise<void> {
  if (pending.length === 0 && api && current && current.remaining > 0) {
    // The loaded shards are used up: search the next, older ones.
    const more = await runSearch(api, current.state, {
      want: current.shown.size + PAGE_SIZE,
      pagefind: true,
    });
    if (ticket !== generation) return;
    const shown = current.shown;
    pending = more.hits.filter((hit) => !shown.has(hit.id));
    current.remaining = more.remaining.length;
  }
  const batch = pending.slice(0, PAGE_SIZE);
  pending = pending.slice(PAGE_SIZE);
  const head = firstPaint ? batch.slice(0, FIRST_PAINT) : batch;
  if (!(await render(head, ticket))) return;
  if (head.length < batch.length && !(await render(batch.slice(head.length), ticket))) return;
  more.hidden = pending.length === 0 && (current?.remaining ?? 0) === 0;
}

async function search(state: SearchState): Promise<void> {
  const ticket = ++generation;
  document.title = state.q.trim() ? `${state.q.trim()} - ${baseTitle}` : baseTitle;
  if (!api) return;
  const q = normalizeQuery(state.q);
  didYouMean.hidden = true;
  if (q === '' && !hasFilters(state)) {
    const all = allFilters(api);
    list.replaceChildren();
    list.removeAttribute('aria-busy');
    more.hidden = true;
    advice.hidden = true;
    status.textContent = strings['search.prompt'] ?? '';
    facetsFor = undefined;
    renderFacets(facets, { ...emptyFacets(), ...all }, state, strings);
    renderSuggestions(suggestions, all, strings['search.exampleHeading'] ?? '');
    return;
  }
  status.textContent = strings['search.searching'] ?? '';
  // Tests and assistive tech can tell a finished search from one in flight.
  list.setAttribute('aria-busy', 'true');
  let result: Awaited<ReturnType<typeof runSearch>>;
  try {
    // One result is enough to paint: older years are searched when the reader asks for more.
    result = await runSearch(api, state, { want: 1 });
  } catch (error) {
    if (ticket === generation) {
      status.textContent = strings['search.loadError'] ?? '';
      list.removeAttribute('aria-busy');
    }
    throw error;
  }
  const all = result.hits.length === 0 ? allFilters(api) : undefined;
  if (ticket !== generation) return;
  pending = result.hits;
  current = { state, shown: new Set(), remaining: result.remaining.length, highlight: result.highlight };
  list.replaceChildren();
  const count = result.hits.length;
  const shown = state.q.trim();
  if (result.suggestion !== undefined) {
    renderDidYouMean(didYouMean, result.suggestion, state, strings);
    didYouMean.hidden = false;
  }
  if (count === 0) {
    status.textContent = format(strings[q === '' ? 'search.noResultsFiltered' : 'search.noResults'], {
      q: shown,
    });
    advice.hidden = false;
    renderSuggestions(suggestions, all ?? {}, strings['search.exampleHeading'] ?? '');
  } else {
    const partial = result.remaining.length > 0 && result.total === undefined;
    const key =
      q === ''
        ? partial
          ? 'search.countPartial'
          : 'search.count'
        : partial
          ? 'search.countForPartial'
          : 'search.countFor';
    const summary = format(strings[key], { q: result.suggestion ?? shown, count: result.total ?? count });
    const note = result.suggestion
      ? format(strings['search.corrected'], { q: shown, suggestion: result.suggestion })
      : result.approximate
        ? format(strings['search.approximate'], { q: shown })
        : '';
    status.textContent = `${note}${summary}`;
    advice.hidden = true;
    suggestions.replaceChildren();
  }
  await showMore(ticket, true);
  if (ticket !== generation) return;
  list.removeAttribute('aria-busy');
  facetsFor = { ticket, state, countTerm: result.countTerm };
  // A date range alone does not open the facets: counting them loads every shard and its filter index.
  if (facetsBox.open || hasFacets(state)) await showFacets();
  else renderFacets(facets, emptyFacets(), state, strings);
}

/** What the facets should count: the search on screen. */
let facetsFor: { ticket: number; state: SearchState; countTerm: string | null } | undefined;
let facetsShown = -1;

/**
 * Counts and shows the facets for the search on screen. Runs after the
 * results, and only while the facets are visible, because counting loads
 * Pagefind's filter indexes, which a reader who never filters need not pay for.
 */
async function showFacets(): Promise<void> {
  const target = facetsFor;
  if (!api || !target || facetsShown === target.ticket) return;
  facets.setAttribute('aria-busy', 'true');
  const counts = await countFacets(api, target.state, target.countTerm);
  if (target.ticket !== generation) return;
  facetsShown = target.ticket;
  renderFacets(facets, counts, target.state, strings);
  facets.removeAttribute('aria-busy');
}

let typingTimer: ReturnType<typeof setTimeout> | undefined;

input.addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    const state = readForm();
    setUrl(state, false);
    void search(state);
  }, 250);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  const state = readForm();
  setUrl(state, true);
  void search(state);
});
// Sort and facets live in the sidebar and join the form through `form=`.
sidebar.addEventListener('change', () => {
  const state = readForm();
  setUrl(state, true);
  void search(state);
});
// Facets start open where there is room beside the results; on a phone they stay folded.
facetsBox.open = window.matchMedia('(min-width: 48rem)').matches;
facetsBox.addEventListener('toggle', () => {
  if (facetsBox.open) void showFacets();
});
more.addEventListener('click', () => {
  const first = list.children.length;
  void showMore(generation).then(() => {
    // Keyboard users land on the first new result instead of the top of the page.
    list.children[first]?.querySelector('a')?.focus();
  });
});
window.addEventListener('popstate', () => {
  const state = parseSearchState(new URLSearchParams(location.search));
  writeForm(state);
  void search(state);
});

async function start(): Promise<void> {
  const state = parseSearchState(new URLSearchParams(location.search));
  writeForm(state);
  if (hasFacets(state)) facetsBox.open = true;
  status.textContent = strings['search.loading'] ?? '';
  list.setAttribute('aria-busy', 'true');
  try {
    const index = new SearchIndex(async () => (await import(/* @vite-ignore */ BUNDLE_URL)) as PagefindApi);
    // The first query's dictionary files load beside the manifest instead of after it.
    await Promise.all([index.init(), index.dictionary(normalizeQuery(state.q))]);
    api = index;
    const years = index.manifest?.shards.map((shard) => shard.year) ?? [];
    for (const select of [from, to]) renderPeriods(select, years, strings);
    writeForm(state);
  } catch (error) {
    status.textContent = strings['search.loadError'] ?? '';
    list.removeAttribute('aria-busy');
    throw error;
  }
  form.dataset['ready'] = 'true';
  await search(state);
}

void start();
