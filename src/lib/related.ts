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

/** Topic, district and column postings over a list of candidates, built once per list. */
interface RelatedIndex<T> {
  byTopic: Map<string, T[]>;
  byDistrict: Map<string, T[]>;
  /** Each column's stories in {@link compareRelated} order for equal scores: newest first, then id. */
  byColumn: Map<string, T[]>;
}

const indexes = new WeakMap<readonly StoryFacts[], RelatedIndex<StoryFacts>>();

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function newerFirst(a: StoryFacts, b: StoryFacts): number {
  return b.data.publishedAt.getTime() - a.data.publishedAt.getTime() || a.id.localeCompare(b.id);
}

function indexOf<T extends StoryFacts>(candidates: readonly T[]): RelatedIndex<T> {
  const cached = indexes.get(candidates) as RelatedIndex<T> | undefined;
  if (cached) return cached;
  const index: RelatedIndex<T> = { byTopic: new Map(), byDistrict: new Map(), byColumn: new Map() };
  for (const c of candidates) {
    for (const topic of c.data.topics) push(index.byTopic, topic, c);
    for (const district of c.data.districts) push(index.byDistrict, refId(district), c);
    push(index.byColumn, refId(c.data.column), c);
  }
  for (const list of index.byColumn.values()) list.sort(newerFirst);
  indexes.set(candidates, index);
  return index;
}

/**
 * Stories related to `story` among `candidates` (which should be public
 * stories only), most related first, newer first among equals; the story
 * itself and stories sharing nothing are left out. Same result as scoring
 * every candidate with {@link relatedness}, but through postings built once
 * per candidate list: every article page asks, and scoring all stories for
 * each of 10,000 pages made the build quadratic (docs/benchmarks.md).
 */
export function relatedStories<T extends StoryFacts>(
  story: StoryFacts,
  candidates: readonly T[],
  limit = 4,
): T[] {
  if (limit <= 0) return [];
  const index = indexOf(candidates);
  const scores = new Map<T, number>();
  const add = (list: readonly T[] | undefined, weight: number) => {
    for (const c of list ?? []) scores.set(c, (scores.get(c) ?? 0) + weight);
  };
  for (const topic of new Set(story.data.topics)) add(index.byTopic.get(topic), RELATED_WEIGHTS.topic);
  for (const district of new Set(story.data.districts.map(refId)))
    add(index.byDistrict.get(district), RELATED_WEIGHTS.district);

  const column = refId(story.data.column);
  const best: { c: T; score: number }[] = [];
  const consider = (c: T, score: number) => {
    if (c.id === story.id) return;
    let at = best.length;
    while (at > 0) {
      const other = best[at - 1] as { c: T; score: number };
      if (other.score > score || (other.score === score && newerFirst(other.c, c) < 0)) break;
      at--;
    }
    if (at >= limit) return;
    best.splice(at, 0, { c, score });
    if (best.length > limit) best.pop();
  };
  for (const [c, score] of scores)
    consider(c, score + (refId(c.data.column) === column ? RELATED_WEIGHTS.column : 0));
  // Stories that share only the column score lowest; the newest few are the only ones that can still place.
  let columnOnly = 0;
  for (const c of index.byColumn.get(column) ?? []) {
    if (columnOnly >= limit) break;
    if (scores.has(c) || c.id === story.id) continue;
    consider(c, RELATED_WEIGHTS.column);
    columnOnly++;
  }
  return best.map(({ c }) => c);
}

/** The public stories of one column, newest first (from the same postings as {@link relatedStories}). */
export function storiesInColumn<T extends StoryFacts>(
  candidates: readonly T[],
  column: string,
): readonly T[] {
  return indexOf(candidates).byColumn.get(column) ?? [];
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
