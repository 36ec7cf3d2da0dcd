import { describe, expect, test } from 'vitest';
import {
  bucketOf,
  bucketsFor,
  indexesMask,
  maskIndexes,
  readingsNeeded,
  segmentQuery,
  shardOrder,
  typoCandidates,
  type DictionaryBucket,
  type ShardManifest,
} from '../../src/lib/search-shards.ts';
import { buildExcerpt, chineseJoins, leadExcerpt } from '../../src/lib/search-excerpt.ts';
import { ignoreHidden, indexedText } from '../../src/integrations/pagefind.ts';

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

describe('typo candidates ranked by sound', () => {
  // Three known names one character from 宋墙: 宋强 (qiáng) is what a pinyin slip for 墙 (qiáng) means,
  // though 宋杰 and 宋芳 are the subjects of more stories.
  const names: DictionaryBucket = {
    宋强: { in: indexesMask([0]), main: indexesMask([0]), n: 1 },
    宋杰: { in: indexesMask([0, 1, 2]), main: indexesMask([0, 1, 2]), n: 9 },
    宋芳: { in: indexesMask([0, 1]), main: indexesMask([0, 1]), n: 5 },
    林东阁: { in: indexesMask([3]), main: indexesMask([3]), n: 1 },
    林东亮: { in: indexesMask([0, 1]), main: indexesMask([0, 1]), n: 6 },
    林东刚: { in: indexesMask([2]), main: indexesMask([2]), n: 2 },
  };
  const readings: Record<string, string> = {
    墙: 'qiang2',
    强: 'qiang2 qiang3 jiang4',
    杰: 'jie2',
    芳: 'fang1',
    格: 'ge2 ge1',
    阁: 'ge2',
    亮: 'liang4',
    刚: 'gang1',
    钢: 'gang1 gang4',
  };
  const lookup = (ch: string) => readings[ch];

  test('a homophone of the wrong character comes first, before names in more stories', () => {
    expect(typoCandidates('宋墙', names, lookup)[0]).toBe('宋强');
    expect(typoCandidates('林东格', names, lookup)[0]).toBe('林东阁');
    expect(typoCandidates('林东钢', names, lookup)[0]).toBe('林东刚');
  });

  test('without readings, or when nothing sounds alike, the name in more shards and stories first', () => {
    expect(typoCandidates('宋墙', names)).toEqual(['宋杰', '宋芳', '宋强']);
    expect(typoCandidates('林东某', names, lookup)[0]).toBe('林东亮');
  });

  test('the readings a ranking needs: the typed and the replaced characters only', () => {
    expect(readingsNeeded('林东格', ['林东阁', '林东亮']).sort()).toEqual(['亮', '格', '阁'].sort());
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

  test('no space between paragraphs or Han characters; spaces beside Latin letters and digits stay', () => {
    // As Pagefind keeps a page's text: words split by zero-width spaces, paragraphs joined by a space.
    expect(chineseJoins('感受到\u200B变化\u200B。 \u200B夜幕\u200B降临 ，灯亮了')).toBe(
      '感受到变化。夜幕降临，灯亮了',
    );
    expect(chineseJoins('截至 2025 年底，APP 下载 3 万次')).toBe('截至 2025 年底，APP 下载 3 万次');
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

  test('matched through names only: the story’s opening after its headline, never an empty line', () => {
    const content = '快递员\u200B林东阁. \u200B他每天\u200B送件。 他说，村里的快递多了。';
    expect(leadExcerpt(content, '快递员林东阁')).toEqual([
      { text: '他每天送件。他说，村里的快递多了。', mark: false },
    ]);
    expect(leadExcerpt('很长'.repeat(50), '', 10)[0]?.text).toBe(`${'很长'.repeat(5)}…`);
  });

  test('no occurrence: undefined, so the page falls back to Pagefind’s excerpt', () => {
    expect(buildExcerpt('济宁的一篇稿件', ['兖州'])).toBeUndefined();
  });
});

describe('what a reader never sees is not indexed', () => {
  test('hidden elements (the read-aloud controls) are ignored, a quoted "hidden" is not an attribute', () => {
    const html =
      '<div class="read-aloud" role="group" aria-label="听新闻" hidden><button type="button">🔊听新闻</button><button type="button" hidden>停止</button></div><p title="hidden">全市今年要建成服务站。</p>';
    expect(indexedText(ignoreHidden(html))).toBe('全市今年要建成服务站。');
    expect(
      ignoreHidden('<div hidden data-pagefind-ignore><span data-pagefind-filter="year">2026</span></div>'),
    ).toBe('<div hidden data-pagefind-ignore><span data-pagefind-filter="year">2026</span></div>');
  });
});

describe('the text a dictionary word must occur in', () => {
  test('leaves out ignored elements with everything inside them, nested ones too', () => {
    const html =
      '<h1>快递员林东阁</h1><div class="meta" data-pagefind-ignore><p>记者 <span>赵琦</span></p><div>话题<dd>快递进村</dd></div></div><p>他每天<br>送件。</p><img src="x.webp" alt=""><footer data-pagefind-ignore><dl><dd>新就业群体</dd></dl></footer>';
    expect(indexedText(html)).toBe('快递员林东阁他每天送件。');
  });
});
