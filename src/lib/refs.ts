/**
 * A content reference as Astro resolves it ({ collection, id }) or as plain
 * data and tests write it (the id string).
 */
export type Ref = string | { id: string };

/** The id a reference points to. */
export const refId = (ref: Ref): string => (typeof ref === 'string' ? ref : ref.id);

/** The facts about a story that listing helpers need; Astro entries satisfy it. */
export interface StoryFacts {
  id: string;
  data: {
    publishedAt: Date;
    column: Ref;
    districts: readonly Ref[];
    topics: readonly string[];
  };
}
