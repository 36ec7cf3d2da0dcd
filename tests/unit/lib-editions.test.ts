import { describe, expect, it } from 'vitest';
import {
  adjacentEditions,
  calendarOf,
  groupEditions,
  neighbours,
  regionPoints,
} from '../../src/lib/editions.ts';

const story = (id: string, time: string, edition?: { date: string; page: number; pageName: string }) => ({
  id,
  data: { publishedAt: new Date(time), edition },
});

const stories = [
  story('p5-late', '2026-04-26T09:00:00+08:00', { date: '2026-04-26', page: 5, pageName: '水城·温度' }),
  story('p5-early', '2026-04-26T07:30:00+08:00', { date: '2026-04-26', page: 5, pageName: '水城·温度' }),
  story('p3', '2026-04-26T07:00:00+08:00', { date: '2026-04-26', page: 3, pageName: '要闻' }),
  story('web-only', '2026-04-27T07:00:00+08:00'),
  story('older', '2026-04-19T07:00:00+08:00', { date: '2026-04-19', page: 5, pageName: '水城·温度' }),
  story('newer', '2026-05-03T07:00:00+08:00', { date: '2026-05-03', page: 6, pageName: '水城·温度' }),
];

describe('print editions', () => {
  const editions = groupEditions(stories);

  it('lists the dates newest first and leaves out web-only stories', () => {
    expect(editions.map((e) => e.date)).toEqual(['2026-05-03', '2026-04-26', '2026-04-19']);
    expect(editions.flatMap((e) => e.pages.flatMap((p) => p.stories.map((s) => s.id)))).not.toContain(
      'web-only',
    );
  });

  it('shows each date with its pages in page order and the stories on each page', () => {
    const day = editions.find((e) => e.date === '2026-04-26');
    expect(day?.pages.map((p) => [p.page, p.pageName])).toEqual([
      [3, '要闻'],
      [5, '水城·温度'],
    ]);
    expect(day?.pages[1]?.stories.map((s) => s.id)).toEqual(['p5-early', 'p5-late']);
  });

  it('links each edition to the previous (earlier) and next (later) one', () => {
    const { previous, next } = adjacentEditions(editions, '2026-04-26');
    expect(previous?.date).toBe('2026-04-19');
    expect(next?.date).toBe('2026-05-03');
    expect(adjacentEditions(editions, '2026-05-03').next).toBeUndefined();
    expect(adjacentEditions(editions, '2026-04-19').previous).toBeUndefined();
  });

  it('has no editions when no story ran in print', () => {
    expect(groupEditions([story('web', '2026-04-27T07:00:00+08:00')])).toEqual([]);
  });
});

describe('calendar', () => {
  const dates = ['2025-12-31', '2026-04-26', '2026-04-19', '2026-06-20', '2024-01-02', '2026-04-26'];
  const calendar = calendarOf(dates);

  it('arranges years, months and days newest first, each issue once', () => {
    expect(calendar.map((y) => [y.year, y.count])).toEqual([
      [2026, 3],
      [2025, 1],
      [2024, 1],
    ]);
    expect(calendar[0]?.months.map((m) => [m.month, m.days.map((d) => d.date)])).toEqual([
      [6, ['2026-06-20']],
      [4, ['2026-04-26', '2026-04-19']],
    ]);
  });

  it('gives the issues either side of one, and none past the ends', () => {
    expect(neighbours(['a', 'b', 'c'], 1)).toEqual({ before: 'a', after: 'c' });
    expect(neighbours(['a', 'b', 'c'], 0)).toEqual({ before: undefined, after: 'b' });
    expect(neighbours(['a', 'b', 'c'], 2)).toEqual({ before: 'b', after: undefined });
  });

  it('draws a rectangle as its four corners and keeps a polygon as written', () => {
    expect(regionPoints({ x: 10, y: 20, width: 30, height: 40 })).toBe('10,20 40,20 40,60 10,60');
    expect(regionPoints({ points: ' 1,1   5,1 3,4 ' })).toBe('1,1 5,1 3,4');
  });
});
