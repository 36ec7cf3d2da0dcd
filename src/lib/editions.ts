/** The print reference of a story, as the schema outputs it. */
export interface PrintReference {
  date: string;
  page: number;
  pageName: string;
}

/** A story that may have run in print. */
export interface EditionStory {
  id: string;
  data: { publishedAt: Date; edition?: PrintReference | undefined };
}

/** One page (版) of one edition and the stories it carried. */
export interface EditionPage<T> {
  page: number;
  pageName: string;
  stories: T[];
}

/** One day's paper (一期): its date and pages in page order. */
export interface Edition<T> {
  date: string;
  pages: EditionPage<T>[];
}

/**
 * Groups the stories that ran in print by date and page: editions newest
 * first, pages by number, stories on a page in publication order. Pass public
 * stories only; stories without a print reference are left out.
 */
export function groupEditions<T extends EditionStory>(stories: readonly T[]): Edition<T>[] {
  const byDate = new Map<string, Map<number, EditionPage<T>>>();
  for (const story of stories) {
    const ref = story.data.edition;
    if (!ref) continue;
    let pages = byDate.get(ref.date);
    if (!pages) byDate.set(ref.date, (pages = new Map<number, EditionPage<T>>()));
    let page = pages.get(ref.page);
    if (!page) pages.set(ref.page, (page = { page: ref.page, pageName: ref.pageName, stories: [] }));
    page.stories.push(story);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([date, pages]) => ({
      date,
      pages: [...pages.values()]
        .sort((a, b) => a.page - b.page)
        .map((p) => ({
          ...p,
          stories: p.stories.sort(
            (a, b) => a.data.publishedAt.getTime() - b.data.publishedAt.getTime() || a.id.localeCompare(b.id),
          ),
        })),
    }));
}

/**
 * The editions either side of `date` in a newest-first list: `previous` is the
 * earlier day's paper, `next` the later one.
 */
export function adjacentEditions<T>(
  editions: readonly Edition<T>[],
  date: string,
): { previous: Edition<T> | undefined; next: Edition<T> | undefined } {
  const index = editions.findIndex((e) => e.date === date);
  if (index < 0) return { previous: undefined, next: undefined };
  return { previous: editions[index + 1], next: index > 0 ? editions[index - 1] : undefined };
}
