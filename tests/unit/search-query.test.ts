import { describe, expect, test } from 'vitest';
import {
  emptyState,
  excerptRuns,
  fallbackQueries,
  mergeFallbackHits,
  normalizeQuery,
  pagefindFilters,
  parseSearchState,
  phraseParts,
  rankByPhrase,
  serializeSearchState,
} from '../../src/lib/search-query.ts';

describe('search state in the URL', () => {
  test('reads query, repeated facets and sort, and writes them back', () => {
    const state = parseSearchState(
      new URLSearchParams(
        'q=快递&district=开发区&district=兖州区&district=开发区&topic=快递进村&sort=date&x=1',
      ),
    );
    expect(state.q).toBe('快递');
    expect(state.filters.district).toEqual(['开发区', '兖州区']);
    expect(state.filters.topic).toEqual(['快递进村']);
    expect(state.sort).toBe('date');
    expect(decodeURIComponent(serializeSearchState(state))).toBe(
      'q=快递&district=开发区&district=兖州区&topic=快递进村&sort=date',
    );
  });

  test('an unknown sort means relevance, empty parts are left out, overlong queries are cut', () => {
    const state = parseSearchState(new URLSearchParams(`q=${'阁'.repeat(300)}&sort=random&column=`));
    expect(state.sort).toBe('relevance');
    expect(state.filters.column).toEqual([]);
    expect(state.q).toHaveLength(100);
    expect(serializeSearchState(emptyState())).toBe('');
  });

  test('facet values within one facet are alternatives; a facet can be left out for its own counts', () => {
    const state = parseSearchState(new URLSearchParams('district=开发区&district=临清市&kind=人物'));
    expect(pagefindFilters(state)).toEqual({
      district: { any: ['开发区', '临清市'] },
      kind: { any: ['人物'] },
    });
    expect(pagefindFilters(state, 'district')).toEqual({ kind: { any: ['人物'] } });
  });
});

describe('query handling', () => {
  test('normalises full-width characters, quotes and punctuation', () => {
    expect(normalizeQuery('  “林东阁”，兖州区 ')).toBe('林东阁 兖州区');
    expect(normalizeQuery('ＡＢＣ１２３')).toBe('ABC123');
  });

  test('phrase parts are the parts with two Han characters or more', () => {
    expect(phraseParts('林东阁 阁 2024 快递')).toEqual(['林东阁', '快递']);
  });

  test('fallbacks break a long Han run into overlapping pairs and try each part alone', () => {
    expect(fallbackQueries('林东格')).toEqual(['林东', '东格']);
    expect(fallbackQueries('临清 社保卡')).toEqual(['临清', '社保', '保卡', '社保卡']);
    expect(fallbackQueries('快递')).toEqual([]);
  });
});

describe('ranking', () => {
  const hits = [
    { id: 'a', score: 9 },
    { id: 'b', score: 5 },
    { id: 'c', score: 3 },
  ];

  test('pages containing more phrase parts as written come first, then by score', () => {
    const ranked = rankByPhrase(hits, [new Set(['c', 'b']), new Set(['c'])]);
    expect(ranked.map((h) => h.id)).toEqual(['c', 'b', 'a']);
    expect(rankByPhrase(hits, []).map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  test('fallback hits found by more variants rank higher', () => {
    const merged = mergeFallbackHits([
      [
        { id: 'x', score: 1 },
        { id: 'y', score: 8 },
      ],
      [{ id: 'x', score: 1 }],
    ]);
    expect(merged.map((h) => h.id)).toEqual(['x', 'y']);
  });
});

describe('excerpts', () => {
  test('joins neighbouring highlights and never yields markup', () => {
    expect(excerptRuns('快递员<mark>林</mark><mark>东</mark><mark>阁</mark>说&lt;b&gt;')).toEqual([
      { text: '快递员', mark: false },
      { text: '林东阁', mark: true },
      { text: '说<b>', mark: false },
    ]);
  });
});
