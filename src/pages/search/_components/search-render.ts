/**
 * DOM rendering for the search page: result items, facets and the
 * no-results advice. Text always goes in as text nodes; Pagefind's excerpt
 * is split into runs first, so nothing from the index is parsed as HTML.
 */
import {
  excerptRuns,
  FACETS,
  serializeSearchState,
  type Facet,
  type SearchState,
} from '../../../lib/search-query.ts';
import { buildExcerpt, chineseJoins, leadExcerpt } from '../../../lib/search-excerpt.ts';
import type { PagefindFragment } from '../../../lib/search-engine.ts';

/** The UI strings the page hands to the script (the search.* keys). */
export type Strings = Record<string, string>;

/** Fills `{name}` placeholders, like t() on the server. */
export function format(template: string | undefined, params: Record<string, string | number> = {}): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One result: kicker, linked title, column and date, highlighted excerpt, thumbnail. */
export function renderHit(fragment: PagefindFragment, highlight: string[] = []): HTMLLIElement {
  const item = el('li', 'search-hit');
  const body = el('div', 'search-hit-body');
  const { meta } = fragment;
  if (meta['kicker']) body.append(el('p', 'search-hit-kicker', meta['kicker']));
  const heading = el('h3', 'search-hit-title');
  const link = el('a', undefined, meta['title'] ?? fragment.url);
  link.href = fragment.url;
  heading.append(link);
  body.append(heading);
  const facts = [meta['column'], meta['date']].filter((v): v is string => Boolean(v));
  if (facts.length > 0) body.append(el('p', 'search-hit-meta', facts.join(' · ')));
  const excerpt = el('p', 'search-hit-excerpt');
  // Our own excerpt around the words as written; Pagefind's (block joins made Chinese) when none occurs;
  // the story's opening when neither (a dictionary hit matched through its names or topics).
  const runs =
    buildExcerpt(fragment.content, highlight) ??
    (fragment.excerpt === ''
      ? leadExcerpt(fragment.content, meta['title'])
      : excerptRuns(fragment.excerpt).map((run) => ({ ...run, text: chineseJoins(run.text) })));
  for (const run of runs) {
    excerpt.append(run.mark ? el('mark', undefined, run.text) : document.createTextNode(run.text));
  }
  body.append(excerpt);
  item.append(body);
  if (meta['image']) {
    const image = el('img', 'search-hit-image');
    // The title next to it says what the story is; the thumbnail is decoration here.
    image.alt = '';
    image.src = meta['image'];
    image.loading = 'lazy';
    image.width = 120;
    image.height = 80;
    item.append(image);
  }
  return item;
}

/**
 * The facet checkboxes. Values with no matching story are left out unless
 * selected, so a reader never picks a filter that empties the list.
 */
export function renderFacets(
  container: HTMLElement,
  counts: Record<Facet, Record<string, number>>,
  state: SearchState,
  strings: Strings,
): void {
  container.replaceChildren();
  for (const facet of FACETS) {
    const selected = state.filters[facet];
    const values = Object.entries(counts[facet])
      .filter(([value, count]) => count > 0 || selected.includes(value))
      .sort(([a, ca], [b, cb]) =>
        facet === 'year' ? b.localeCompare(a) : cb - ca || a.localeCompare(b, 'zh-CN'),
      );
    for (const value of selected) if (!values.some(([v]) => v === value)) values.push([value, 0]);
    if (values.length === 0) continue;
    const fieldset = el('fieldset', 'search-facet');
    fieldset.append(el('legend', undefined, strings[`search.filter.${facet}`]));
    for (const [value, count] of values) {
      const label = el('label', 'search-facet-option');
      const box = el('input');
      box.type = 'checkbox';
      box.name = facet;
      box.setAttribute('form', 'search-form');
      box.value = value;
      box.checked = selected.includes(value);
      label.append(box, document.createTextNode(format(strings['search.filterOption'], { value, count })));
      fieldset.append(label);
    }
    container.append(fieldset);
  }
}

/** Links to browse by the most used topics and districts, for the empty and no-results states. */
export function renderSuggestions(
  container: HTMLElement,
  all: Record<string, Record<string, number>>,
  heading: string,
): void {
  container.replaceChildren();
  const links: [string, string][] = [];
  for (const facet of ['topic', 'district'] as const) {
    const top = Object.entries(all[facet] ?? {})
      .sort(([, a], [, b]) => b - a)
      .slice(0, 6);
    for (const [value] of top) links.push([facet, value]);
  }
  if (links.length === 0) return;
  container.append(el('h2', 'search-suggest-heading', heading));
  const list = el('ul', 'search-suggest-list');
  for (const [facet, value] of links) {
    const item = el('li');
    const link = el('a', undefined, value);
    link.href = `/search/?${new URLSearchParams({ [facet]: value }).toString()}`;
    item.append(link);
    list.append(item);
  }
  container.append(list);
}

/**
 * The choices of a date range bound: 不限, then each year of the archive
 * (newest first) as a group of the whole year and its twelve months. The
 * values are what the URL carries: "2025" or "2025-03".
 */
export function renderPeriods(select: HTMLSelectElement, years: string[], strings: Strings): void {
  const any = el('option', undefined, strings['search.dateAny']);
  any.value = '';
  const groups = [...new Set(years)]
    .filter((year) => /^\d{4}$/.test(year))
    .sort((a, b) => b.localeCompare(a))
    .map((year) => {
      const group = el('optgroup');
      group.label = format(strings['search.dateYearGroup'], { year });
      const whole = el('option', undefined, format(strings['search.dateYear'], { year }));
      whole.value = year;
      group.append(whole);
      for (let month = 1; month <= 12; month++) {
        const option = el('option', undefined, format(strings['search.dateMonth'], { year, month }));
        option.value = `${year}-${String(month).padStart(2, '0')}`;
        group.append(option);
      }
      return group;
    });
  select.replaceChildren(any, ...groups);
}

/** "您要找的是不是：林东阁": a link to the search for the known word, other filters kept. */
export function renderDidYouMean(
  container: HTMLElement,
  suggestion: string,
  state: SearchState,
  strings: Strings,
): void {
  const link = el('a', undefined, suggestion);
  link.href = `/search/?${serializeSearchState({ ...state, q: suggestion })}`;
  container.replaceChildren(document.createTextNode(strings['search.didYouMean'] ?? ''), link);
}
