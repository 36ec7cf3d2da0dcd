import { isPublic } from '../lib/publishing.ts';
import type { ContentFile } from '../lib/content-check.ts';
import { articleSchema, plainHelpers } from '../schemas/index.ts';

const schema = articleSchema(plainHelpers);

/** A story that is due later than the build's "now". */
export interface ScheduledStory {
  slug: string;
  title: string;
  at: Date;
}

/** What a build of one commit at one moment must contain, derived from its content alone. */
export interface BuildPlan {
  /** Slugs of the stories readers must find, on their page and in search. */
  publicSlugs: string[];
  /** Slugs that must not appear anywhere: drafts and stories not yet due. */
  hiddenSlugs: string[];
  /** The earliest story still waiting for its time, if any. */
  next: ScheduledStory | undefined;
}

/**
 * Which stories a build at `now` publishes and which one is due next. Read
 * from the same files and schema as the build, so the publisher can verify
 * the output and set its timer without asking Astro.
 */
export function planBuild(files: readonly ContentFile[], now: Date): BuildPlan {
  const publicSlugs: string[] = [];
  const hiddenSlugs: string[] = [];
  let next: ScheduledStory | undefined;
  for (const file of files) {
    if (file.collection !== 'articles') continue;
    const parsed = schema.safeParse(file.data);
    if (!parsed.success) continue;
    const story = { data: parsed.data };
    if (isPublic(story, now)) {
      publicSlugs.push(file.id);
      continue;
    }
    hiddenSlugs.push(file.id);
    if (!parsed.data.draft && (next === undefined || parsed.data.publishedAt < next.at)) {
      next = { slug: file.id, title: parsed.data.title, at: parsed.data.publishedAt };
    }
  }
  return { publicSlugs: publicSlugs.sort(), hiddenSlugs: hiddenSlugs.sort(), next };
}
