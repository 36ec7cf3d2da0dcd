import { beijingMonth } from './dates.ts';

/** One month of the archive. */
export interface ArchiveMonth<T> {
  /** "YYYY-MM" in Beijing time. */
  month: string;
  stories: T[];
}

/**
 * Groups public stories (newest first) by the Beijing month they were
 * published in, newest month first; order within a month is kept.
 */
export function groupByMonth<T extends { data: { publishedAt: Date } }>(
  stories: readonly T[],
): ArchiveMonth<T>[] {
  const months = new Map<string, T[]>();
  for (const story of stories) {
    const month = beijingMonth(story.data.publishedAt);
    const list = months.get(month);
    if (list) list.push(story);
    else months.set(month, [story]);
  }
  return [...months.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([month, list]) => ({ month, stories: list }));
}

/** "2026年4月" for "2026-04". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${String(y)}年${String(m)}月`;
}
