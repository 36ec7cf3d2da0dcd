import { describe, expect, it } from 'vitest';
import { articleUrl, columnUrl, topicSlug, topicUrl } from '../../src/lib/urls.ts';
import { topicIndex } from '../../src/lib/topics.ts';
import { bylineText, groupBylines } from '../../src/lib/bylines.ts';
import { formatMonth, groupByMonth } from '../../src/lib/archive.ts';
import { pageWindow } from '../../src/lib/lists.ts';

describe('addresses', () => {
  it('gives Chinese topics an ASCII pinyin address', () => {
    expect(topicSlug('快递进村')).toBe('kuai-di-jin-cun');
    expect(topicUrl('非遗传承')).toBe('/topics/fei-yi-chuan-cheng/');
    expect(topicSlug('5G网络')).toBe('5g-wang-luo');
    expect(topicSlug('快递·进村')).toBe('kuai-di-jin-cun');
    expect(topicSlug('★')).toMatch(/^[a-z0-9-]+$/);
  });

  it('numbers list pages from the second one', () => {
    expect(columnUrl('rui-guan-dian')).toBe('/columns/rui-guan-dian/');
    expect(columnUrl('rui-guan-dian', 1)).toBe('/columns/rui-guan-dian/');
    expect(columnUrl('rui-guan-dian', 3)).toBe('/columns/rui-guan-dian/3/');
    expect(articleUrl('dong-e-wang-pi-xi')).toBe('/articles/dong-e-wang-pi-xi/');
  });

  it('puts topics that read alike on one page', () => {
    const a = { id: 'a', data: { topics: ['快递进村', '快递·进村'] } };
    const b = { id: 'b', data: { topics: ['快递·进村', '王皮戏'] } };
    const index = topicIndex([a, b], topicSlug);
    expect(index[0]).toEqual({ slug: 'kuai-di-jin-cun', names: ['快递进村', '快递·进村'], stories: [a, b] });
    expect(index[1]?.slug).toBe('wang-pi-xi');
  });
});

describe('bylines', () => {
  it('prints staff as 本报记者 and free names with their plain role, grouping neighbours', () => {
    const groups = groupBylines([
      { role: 'reporter', name: '赵琦', authorId: 'zhao-qi' },
      { role: 'reporter', name: '岳殿举', authorId: 'yue-dian-ju' },
      { role: 'correspondent', name: '周宁' },
    ]);
    expect(bylineText(groups)).toBe('本报记者 赵琦 岳殿举　通讯员 周宁');
    expect(groups[1]?.people[0]?.authorId).toBeUndefined();
  });
});

describe('archive months', () => {
  it('groups by the Beijing month, so a story just after midnight on the 1st belongs to the new month', () => {
    const stories = [
      { id: 'may', data: { publishedAt: new Date('2026-05-01T00:30:00+08:00') } },
      { id: 'april', data: { publishedAt: new Date('2026-04-30T23:30:00+08:00') } },
    ];
    expect(groupByMonth(stories).map((m) => [m.month, m.stories.map((s) => s.id)])).toEqual([
      ['2026-05', ['may']],
      ['2026-04', ['april']],
    ]);
    expect(formatMonth('2026-05')).toBe('2026年5月');
  });
});

describe('pager', () => {
  it('shows every page of a short list', () => {
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(1, 1)).toEqual([1]);
  });

  it('shortens a long list to the ends and the pages around the current one', () => {
    expect(pageWindow(1, 100)).toEqual([1, 2, 3, null, 100]);
    expect(pageWindow(50, 100)).toEqual([1, null, 48, 49, 50, 51, 52, null, 100]);
    // A gap of one page shows that page instead of "…".
    expect(pageWindow(5, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
