import { refId, type StoryFacts } from './refs.ts';

/** How much each shared trait counts towards relatedness: a topic says most about a story. */
export const RELATED_WEIGHTS = { topic: 3, district: 2, column: 1 } as const;

/** How closely `other` relates to `story`: weighted count of shared topics, districts and column. */
export function relatedness(story: StoryFacts, other: StoryFacts): number {
  const topics = new Set(story.data.topics);
  const districts = new Set(story.data.districts.map(refId));
  const sharedTopics = other.data.topics.filter((t) => topics.has(t)).length;
  const sharedDistricts = other.data.districts.filter((d) => districts.has(refId(d))).length;
  const sameColumn = refId(other.data.column) === refId(story.data.column) ? 1 : 0;
  return (
    sharedTopics * RELATED_WEIGHTS.topic +
    sharedDistricts * RELATED_WEIGHTS.district +
    sameColumn * RELATED_WEIGHTS.column
  );
}

/**
 * Stories related to `story` among `candidates` (which should be public
 * stories only), most related first, newer first among equals; the story
 * itself and stories sharing nothing are left out.
 */
export function relatedStories<T extends StoryFacts>(
  story: StoryFacts,
  candidates: readonly T[],
  limit = 4,
): T[] {
  return candidates
    .filter((c) => c.id !== story.id)
    .map((c) => ({ c, score: relatedness(story, c) }))
    .filter(({ score }) => score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.c.data.publishedAt.getTime() - a.c.data.publishedAt.getTime() ||
        a.c.id.localeCompare(b.c.id),
    )
    .slice(0, limit)
    .map(({ c }) => c);
}

/**
 * The neighbours of a story in its column. `columnStories` is the column's
 * public stories newest first; `previous` is the next older story and `next`
 * the next newer one.
 */
export function columnNeighbours<T extends { id: string }>(
  id: string,
  columnStories: readonly T[],
): { previous: T | undefined; next: T | undefined } {
  const index = columnStories.findIndex((s) => s.id === id);
  if (index < 0) return { previous: undefined, next: undefined };
  return { previous: columnStories[index + 1], next: index > 0 ? columnStories[index - 1] : undefined };
}
