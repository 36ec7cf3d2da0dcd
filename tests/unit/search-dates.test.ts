/**
 * The date range of the search page across year shards: in the URL, as
 * Pagefind filters, and in the engine (which shards load, which dictionary
 * pages are kept). Pagefind is a stand-in here that records what it is
 * asked; the browser tests run the real one.
 */
import { describe, expect, test } from 'vitest';
import {
  runSearch,
  SearchIndex,
  type PagefindApi,
  type PagefindSearchOptions,
} from '../../src/lib/search-engine.ts';
import {
  emptyState,
  pagefindFilters,
  parseSearchState,
  rangeMonths,
  rangeYears,
  serializeSearchState,
} from '../../src/lib/search-query.ts';
import {
  bucketOf,
  indexesMask,
  type DictionaryBucket,
  type ShardManifest,
} from '../../src/lib/search-shards.ts';

const YEARS = ['2025', '2024', '2023', '2022'];

describe('date range in the URL', () => {
  test('a year or a month for each bound, written back as read; anything else ignored', () => {
    const state = parseSearchState(new URLSearchParams('q=快递&from=2023-11&to=2024'));
    expect([state.from, state.to]).toEqual(['2023-11', '2024']);
    expect(decodeURIComponent(serializeSearchState(state))).toBe('q=快递&from=2023-11&to=2024');
    const bad = parseSearchState(new URLSearchParams('from=2023-13&to=去年'));
    expect([bad.from, bad.to]).toEqual(['', '']);
  });

  test('a range typed backwards is the same range', () => {
    const state = parseSearchState(new URLSearchParams('from=2025-02&to=2024-11'));
    expect([state.from, state.to]).toEqual(['2024-11', '2025-02']);
  });
});

describe('date range as filters', () => {
  const range = (from: string, to: string) => ({ ...emptyState(), from, to });

  test('the months of the archive inside the range, across a year boundary', () => {
    expect(rangeMonths(range('2023-11', '2024-02'), YEARS)).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
    expect(rangeMonths(range('2025-11', ''), YEARS)).toEqual(['2025-11', '2025-12']);
    expect(rangeYears(range('2023', '2024'), YEARS)).toEqual({ years: ['2023', '2024'], whole: true });
    expect(rangeYears(range('2023-01', '2024-12'), YEARS).whole).toBe(true);
    expect(rangeYears(range('2023-02', '2024'), YEARS).whole).toBe(false);
  });

  test('whole years filter by shard, a range inside a year by month, no overlap matches nothing', () => {
    expect(pagefindFilters(range('2023', '2024'), undefined, YEARS)).toEqual({
      shard: { any: ['2023', '2024'] },
    });
    expect(pagefindFilters(range('2024-11', '2025-01'), undefined, YEARS)).toEqual({
      month: { any: ['2024-11', '2024-12', '2025-01'] },
    });
    expect(pagefindFilters(range('2010', '2012'), undefined, YEARS)).toEqual({ shard: { any: ['-'] } });
    expect(pagefindFilters(emptyState(), undefined, YEARS)).toEqual({});
  });
});

describe('date range in the engine', () => {
  const manifest: ShardManifest = {
    format: 3,
    shards: YEARS.map((year) => ({ key: year, year, path: `/pagefind/${year}/`, pages: 10 })),
    buckets: 64,
    placeholder: 'placeholder',
    filters: {},
  };
  // 瞿万禾 is the subject of a story in each year; the list is complete (n = 4).
  const bucket: DictionaryBucket = {
    瞿万禾: {
      in: indexesMask([0, 1, 2, 3]),
      main: indexesMask([0, 1, 2, 3]),
      p: ['0.a2025', '1.a2024', '2.a2023', '3.a2022'],
      n: 4,
    },
  };
  function setup() {
    const merged: string[] = [];
    const searches: PagefindSearchOptions[] = [];
    const api: PagefindApi = {
      options: () => Promise.resolve(),
      init: () => Promise.resolve(),
      mergeIndex: (path) => {
        merged.push(path);
        return Promise.resolve();
      },
      search: (_term, options) => {
        searches.push(options ?? {});
        return Promise.resolve({ results: [], filters: {}, totalFilters: {} });
      },
      filters: () => Promise.resolve({}),
    };
    const json = <T>(url: string): Promise<T> => {
      if (url.endsWith('shards.json')) return Promise.resolve(manifest as T);
      if (url.endsWith(`/${String(bucketOf('瞿'))}.json`)) return Promise.resolve(bucket as T);
      return Promise.resolve({} as T);
    };
    const imported: number[] = [];
    const index = new SearchIndex(() => {
      imported.push(1);
      return Promise.resolve(api);
    }, json);
    return { index, merged, searches, imported };
  }

  test('whole years: the dictionary’s pages of those years only, without Pagefind', async () => {
    const { index, merged, searches, imported } = setup();
    await index.init();
    const state = { ...emptyState(), q: '瞿万禾', from: '2023', to: '2024' };
    const result = await runSearch(index, state);
    expect(result.hits.map((hit) => hit.id)).toEqual(['zh-cn_a2024', 'zh-cn_a2023']);
    expect(result.total).toBe(2);
    expect(merged).toEqual([]);
    expect(searches).toEqual([]);
    expect(imported).toEqual([]);
  });

  test('a range inside years: only the shards it touches load, and Pagefind filters by month', async () => {
    const { index, merged, searches } = setup();
    await index.init();
    const state = { ...emptyState(), q: '瞿万禾', from: '2023-07', to: '2024-03' };
    await runSearch(index, state);
    expect(merged.sort()).toEqual(['/pagefind/2023/', '/pagefind/2024/']);
    expect(searches.length).toBeGreaterThan(0);
    for (const options of searches) {
      expect(options.filters?.['month']).toEqual({
        any: [
          '2023-07',
          '2023-08',
          '2023-09',
          '2023-10',
          '2023-11',
          '2023-12',
          '2024-01',
          '2024-02',
          '2024-03',
        ],
      });
    }
  });

  test('a year facet outside the range: nothing loads, not even Pagefind', async () => {
    const { index, merged, imported } = setup();
    await index.init();
    const state = { ...emptyState(), q: '瞿万禾', from: '2024', to: '2025' };
    state.filters.year = ['2022'];
    const result = await runSearch(index, state);
    expect(result.hits).toEqual([]);
    expect(merged).toEqual([]);
    expect(imported).toEqual([]);
  });
});
