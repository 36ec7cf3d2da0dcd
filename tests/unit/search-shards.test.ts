import { describe, expect, test } from 'vitest';
import {
  bucketOf,
  bucketsFor,
  indexesMask,
  maskIndexes,
  segmentQuery,
  shardOrder,
  typoCandidates,
  type DictionaryBucket,
  type ShardManifest,
} from '../../src/lib/search-shards.ts';
import { buildExcerpt, chineseJoins } from '../../src/lib/search-excerpt.ts';
import { indexedText } from '../../src/integrations/pagefind.ts';

const manifest: ShardManifest = {
  format: 1,
  shards: ['2025', '2024', '2023', '2022'].map((year) => ({
    key: year,
    year,
    path: `/pagefind/${year}/`,
    pages: 10,
  })),
  buckets: 64,
  placeholder: 'x',
  filters: {},
};

const dictionary: DictionaryBucket = {
  林东阁: { in: indexesMask([1, 3]), main: indexesMask([3]) },
  东阁: { in: indexesMask([1, 3]), main: indexesMask([3]), of: ['林东阁'] },
  林东亮: { in: indexesMask([0]) },
  兖州区: { in: indexesMask([0, 1, 2, 3]), main: indexesMask([0, 1, 2, 3]) },
  快递进村: { in: indexesMask([0, 2]) },
};

describe('shard masks', () => {
  test('round-trip any set of shard indexes, beyond 32 shards too', () => {
    for (const set of [[], [0], [3], [0, 4, 5], [1, 31, 32, 40]]) {
      expect(maskIndexes(indexesMask(set))).toEqual(set);
    }
  });
});

describe('dictionary lookups', () => {
  test('a query needs the buckets of the first two characters of each part', () => {
    expect(bucketsFor('林东阁')).toEqual([bucketOf('林'), bucketOf('东')].sort((a, b) => a - b));
    expect(bucketsFor('2024')).toEqual([]);
  });

  test('known words stay whole, the rest is split as the browser would', () => {
    const known = (w: string) => dictionary[w] !== undefined;
    expect(segmentQuery('林东阁', known)).toEqual([{ text: '林东阁', known: true }]);
    expect(segmentQuery('林东阁快递', known).map((w) => w.text)).toEqual(['林东阁', '快递']);
    expect(segmentQuery('快递进村 兖州区', known).every((w) => w.known)).toBe(true);
    // Not in the dictionary: the segmenter's words, none kept whole.
    expect(segmentQuery('外卖骑手', known).some((w) => w.known)).toBe(false);
  });

  test('a name with one wrong character is corrected to the known name, best known first', () => {
    expect(typoCandidates('林东格', dictionary)[0]).toBe('林东阁');
    // A wrong surname: found through the given name.
    expect(typoCandidates('材东阁', dictionary)).toEqual(['林东阁']);
    expect(typoCandidates('兖洲区', dictionary)).toEqual(['兖州区']);
    // Known words, two-character words and other scripts are left alone.
    expect(typoCandidates('林东阁', dictionary)).toEqual([]);
    expect(typoCandidates('东格', dictionary)).toEqual([]);
    expect(typoCandidates('abc', dictionary)).toEqual([]);
  });
});

describe('shard order', () => {
  test('a name loads the shards where it is the subject first, then others that mention it', () => {
    expect(shardOrder(manifest, [dictionary['林东阁'] ?? { in: '' }])).toEqual([3, 1]);
  });

  test('without dictionary words every shard, newest first; a year filter keeps its year', () => {
    expect(shardOrder(manifest, [])).toEqual([0, 1, 2, 3]);
    expect(shardOrder(manifest, [], ['2023', '2022'])).toEqual([2, 3]);
  });

  test('several words: only shards holding all of them', () => {
    const words = [dictionary['林东阁'], dictionary['快递进村']].flatMap((e) => (e ? [e] : []));
    expect(shardOrder(manifest, words)).toEqual([]);
    const both = [dictionary['兖州区'], dictionary['快递进村']].flatMap((e) => (e ? [e] : []));
    expect(shardOrder(manifest, both)).toEqual([0, 2]);
  });
});

describe('excerpts', () => {
  test('block joins read as Chinese', () => {
    expect(chineseJoins('城市\u200B温度. 开发区：夜间经济. ——记消防员。. 今年')).toBe(
      '城市温度。开发区：夜间经济。——记消防员。今年',
    );
  });

  test('cut around the first occurrence with every occurrence marked, the name in one piece', () => {
    const text = `${'前面的话。'.repeat(20)}快递员林东阁每天都去村里。林东阁说，村里的快递多了。${'后面的话。'.repeat(20)}`;
    const runs = buildExcerpt(text, ['林东阁', '快递'], 40) ?? [];
    expect(runs.filter((r) => r.mark).map((r) => r.text)).toEqual(['快递', '林东阁', '林东阁', '快递']);
    const joined = runs.map((r) => r.text).join('');
    expect(joined.startsWith('…快递员林东阁')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined).not.toMatch(/\. /);
  });

  test('no occurrence: undefined, so the page falls back to Pagefind’s excerpt', () => {
    expect(buildExcerpt('济宁的一篇稿件', ['兖州'])).toBeUndefined();
  });
});

describe('the text a dictionary word must occur in', () => {
  test('leaves out ignored elements with everything inside them, nested ones too', () => {
    const html =
      '<h1>快递员林东阁</h1><div class="meta" data-pagefind-ignore><p>记者 <span>赵琦</span></p><div>话题<dd>快递进村</dd></div></div><p>他每天<br>送件。</p><img src="x.webp" alt=""><footer data-pagefind-ignore><dl><dd>新就业群体</dd></dl></footer>';
    expect(indexedText(html)).toBe('快递员林东阁他每天送件。');
  });
});
