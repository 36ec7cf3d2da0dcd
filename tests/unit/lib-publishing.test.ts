import { describe, expect, it } from 'vitest';
import { compareNewestFirst, isPublic, selectPublished } from '../../src/lib/publishing.ts';

const now = new Date('2026-04-26T12:00:00+08:00');
const story = (id: string, publishedAt: string, draft = false) => ({
  id,
  data: { draft, publishedAt: new Date(publishedAt) },
});

describe('publish and schedule filtering', () => {
  it('shows a published story and hides drafts and scheduled stories', () => {
    expect(isPublic(story('a', '2026-04-26T08:00:00+08:00'), now)).toBe(true);
    expect(isPublic(story('b', '2026-04-26T08:00:00+08:00', true), now)).toBe(false);
    expect(isPublic(story('c', '2026-04-26T12:00:01+08:00'), now)).toBe(false);
  });

  it('treats a story scheduled for exactly now as public', () => {
    expect(isPublic(story('a', '2026-04-26T12:00:00+08:00'), now)).toBe(true);
  });

  it('keeps a draft hidden even when its time has long passed', () => {
    expect(isPublic(story('old-draft', '2020-01-01T00:00:00+08:00', true), now)).toBe(false);
  });

  it('selects public stories newest first and breaks ties by id', () => {
    const entries = [
      story('older', '2026-04-20T08:00:00+08:00'),
      story('draft', '2026-04-25T08:00:00+08:00', true),
      story('same-b', '2026-04-26T07:30:00+08:00'),
      story('future', '2026-05-01T08:00:00+08:00'),
      story('same-a', '2026-04-26T07:30:00+08:00'),
    ];
    expect(selectPublished(entries, now).map((e) => e.id)).toEqual(['same-a', 'same-b', 'older']);
  });

  it('makes a scheduled story public once the build time passes it', () => {
    const entries = [story('scheduled', '2026-04-27T08:00:00+08:00')];
    expect(selectPublished(entries, now)).toEqual([]);
    expect(selectPublished(entries, new Date('2026-04-27T08:00:00+08:00')).map((e) => e.id)).toEqual([
      'scheduled',
    ]);
  });

  it('orders consistently whatever the input order', () => {
    const a = story('a', '2026-04-26T07:30:00+08:00');
    const b = story('b', '2026-04-26T07:30:00+08:00');
    expect(compareNewestFirst(a, b)).toBeLessThan(0);
    expect(compareNewestFirst(b, a)).toBeGreaterThan(0);
  });
});
