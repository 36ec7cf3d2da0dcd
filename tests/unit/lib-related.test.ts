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

describe('related stories at archive scale', () => {
  /** The definition: score every candidate, sort them all. relatedStories must agree with it exactly. */
  const naive = (s: ReturnType<typeof story>, all: ReturnType<typeof story>[], limit: number) =>
    all
      .filter((c) => c.id !== s.id)
      .map((c) => ({ c, score: relatedness(s, c) }))
      .filter(({ score }) => score > 0)
      .sort(
        (a, b) =>
          b.score - a.score ||
          b.c.data.publishedAt.getTime() - a.c.data.publishedAt.getTime() ||
          a.c.id.localeCompare(b.c.id),
      )
      .slice(0, limit)
      .map(({ c }) => c.id);

  it('picks the same stories as scoring every candidate, on 400 stories with many ties', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const columns = ['shui-cheng-wen-du', 'guang-jiao-jing', 'rui-guan-dian'];
    const districts = ['kai-fa-qu', 'dong-e-xian', 'lin-qing-shi', 'yan-zhou-qu', 'dong-chang-fu-qu'];
    const topics = ['快递进村', '新就业群体', '王皮戏', '无偿献血', '乡村振兴', '社保', '老旧小区改造'];
    const all = Array.from({ length: 400 }, (_, i) =>
      story(
        `s${String(i).padStart(3, '0')}`,
        1 + next(28),
        columns[next(3)] ?? '',
        Array.from({ length: next(3) }, () => districts[next(5)] ?? ''),
        Array.from({ length: next(3) }, () => topics[next(7)] ?? ''),
      ),
    );
    for (const s of all) {
      for (const limit of [1, 4, 9]) {
        expect(relatedStories(s, all, limit).map((c) => c.id)).toEqual(naive(s, all, limit));
      }
    }
  });
});
