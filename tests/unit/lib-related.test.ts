import { describe, expect, it } from 'vitest';
import { columnNeighbours, relatedness, relatedStories } from '../../src/lib/related.ts';

const story = (id: string, day: number, column: string, districts: string[] = [], topics: string[] = []) => ({
  id,
  data: {
    publishedAt: new Date(`2026-04-${String(day).padStart(2, '0')}T08:00:00+08:00`),
    column: { id: column },
    districts: districts.map((d) => ({ id: d })),
    topics,
  },
});

describe('related stories', () => {
  const base = story('base', 26, 'shui-cheng-wen-du', ['kai-fa-qu'], ['快递小哥', '新就业群体']);

  it('weighs a shared topic above a shared district above the same column', () => {
    const topic = story('topic', 1, 'rui-guan-dian', [], ['快递小哥']);
    const district = story('district', 2, 'guang-jiao-jing', ['kai-fa-qu']);
    const column = story('column', 3, 'shui-cheng-wen-du');
    expect(relatedness(base, topic)).toBeGreaterThan(relatedness(base, district));
    expect(relatedness(base, district)).toBeGreaterThan(relatedness(base, column));
    expect(relatedStories(base, [column, district, topic]).map((s) => s.id)).toEqual([
      'topic',
      'district',
      'column',
    ]);
  });

  it('accepts plain string references as the CMS writes them', () => {
    const plain = {
      id: 'plain',
      data: {
        publishedAt: new Date('2026-04-01'),
        column: 'shui-cheng-wen-du',
        districts: ['kai-fa-qu'],
        topics: [],
      },
    };
    expect(relatedness(base, plain)).toBe(3);
  });

  it('leaves out the story itself and stories that share nothing', () => {
    const unrelated = story('unrelated', 20, 'lin-cheng-guan-cha', ['yan-zhou-qu'], ['社保服务']);
    expect(relatedStories(base, [base, unrelated])).toEqual([]);
  });

  it('prefers the newer story among equally related ones and respects the limit', () => {
    const stories = [1, 2, 3, 4, 5, 6].map((d) => story(`s${String(d)}`, d, 'shui-cheng-wen-du'));
    expect(relatedStories(base, stories, 3).map((s) => s.id)).toEqual(['s6', 's5', 's4']);
  });
});

describe('previous and next in the column', () => {
  const column = [story('newest', 26, 'c'), story('middle', 20, 'c'), story('oldest', 10, 'c')];

  it('gives the older story as previous and the newer one as next', () => {
    const { previous, next } = columnNeighbours('middle', column);
    expect(previous?.id).toBe('oldest');
    expect(next?.id).toBe('newest');
  });

  it('has no next for the newest story and no previous for the oldest', () => {
    expect(columnNeighbours('newest', column).next).toBeUndefined();
    expect(columnNeighbours('oldest', column).previous).toBeUndefined();
  });

  it('finds nothing for a story outside the list (e.g. a draft)', () => {
    expect(columnNeighbours('draft', column)).toEqual({ previous: undefined, next: undefined });
  });
});
