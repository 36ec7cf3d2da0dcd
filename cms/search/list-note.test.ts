import { describe, expect, test } from 'vitest';
import { storyListNote } from './list-note.ts';

const NOW = new Date('2026-12-01T12:00:00+08:00');

describe('the note after a story card’s title', () => {
  test('gives the Beijing date and time in Chinese', () => {
    // 23:30 UTC is already the next morning in Beijing.
    expect(storyListNote({ publishedAt: '2026-04-26T23:30:00Z' }, NOW)).toBe(' · 2026年4月27日 07:30');
    expect(storyListNote({ publishedAt: '2026-04-26 07:50' }, NOW)).toBe(' · 2026年4月26日 07:50');
  });

  test('marks a draft 草稿 and a story whose time is still to come 定时', () => {
    expect(storyListNote({ publishedAt: '2026-04-26 06:20', draft: true }, NOW)).toBe(
      ' · 2026年4月26日 06:20 · 草稿',
    );
    expect(storyListNote({ publishedAt: '2099-01-01 08:00' }, NOW)).toBe(' · 2099年1月1日 08:00 · 定时');
    expect(storyListNote({ publishedAt: '2026-12-01 11:59' }, NOW)).toBe(' · 2026年12月1日 11:59');
  });

  test('says nothing it cannot read', () => {
    expect(storyListNote({ publishedAt: 'soon' }, NOW)).toBe('');
    expect(storyListNote({}, NOW)).toBe('');
  });
});
