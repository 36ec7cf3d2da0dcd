/** One topic page: its address, the topic names that share it, and their stories. */
export interface TopicEntry<T> {
  slug: string;
  names: string[];
  stories: T[];
}

/**
 * Indexes public stories (newest first) by topic address. Topics whose
 * addresses coincide share an entry; order of stories is kept. Entries are
 * sorted by story count, then by address.
 */
export function topicIndex<T extends { data: { topics: readonly string[] } }>(
  stories: readonly T[],
  slugOf: (topic: string) => string,
): TopicEntry<T>[] {
  const entries = new Map<string, TopicEntry<T>>();
  for (const story of stories) {
    for (const topic of new Set(story.data.topics)) {
      const slug = slugOf(topic);
      let entry = entries.get(slug);
      if (!entry) entries.set(slug, (entry = { slug, names: [], stories: [] }));
      if (!entry.names.includes(topic)) entry.names.push(topic);
      if (!entry.stories.includes(story)) entry.stories.push(story);
    }
  }
  return [...entries.values()].sort(
    (a, b) => b.stories.length - a.stories.length || a.slug.localeCompare(b.slug),
  );
}
