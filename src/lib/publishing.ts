/** The fields that decide whether and when a story is public. */
export interface Publishable {
  data: { draft: boolean; publishedAt: Date };
}

/**
 * A story is public once it is not a draft and its publication time has come.
 * Scheduled stories appear on the first build after their time.
 */
export function isPublic(entry: Publishable, now: Date): boolean {
  return !entry.data.draft && entry.data.publishedAt.getTime() <= now.getTime();
}

/** Newest first; ties broken by id so that every build orders them the same. */
export function compareNewestFirst<T extends Publishable & { id: string }>(a: T, b: T): number {
  const delta = b.data.publishedAt.getTime() - a.data.publishedAt.getTime();
  return delta !== 0 ? delta : a.id.localeCompare(b.id);
}

/** The public stories among `entries`, newest first. */
export function selectPublished<T extends Publishable & { id: string }>(
  entries: readonly T[],
  now: Date,
): T[] {
  return entries.filter((e) => isPublic(e, now)).sort(compareNewestFirst);
}
