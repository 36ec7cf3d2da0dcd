import type { z } from 'zod';
import { z as zod } from 'zod';
import { newsroomDate } from '../schemas/common.ts';
import { columnSchema, districtSchema, settingsSchema, SITE_DATA_COLLECTIONS } from '../schemas/index.ts';
import { readContentFiles, readDataFiles } from './content-files.ts';
import { selectPublished } from './publishing.ts';

/** An entry of a small data collection, shaped like Astro's collection entries. */
export interface DataEntry<T> {
  id: string;
  data: T;
}

/** What every page's chrome and the hotline need: settings, columns and districts. */
export interface SiteData {
  settings: z.output<ReturnType<typeof settingsSchema>>;
  columns: DataEntry<z.output<ReturnType<typeof columnSchema>>>[];
  districts: DataEntry<z.output<ReturnType<typeof districtSchema>>>[];
}

/**
 * Reads and validates settings, columns and districts straight from the
 * content tree, sorted as the site shows them (columns in editorial order,
 * districts by city then name in Chinese collation).
 *
 * This is what lets the on-demand routes (the tips endpoint re-renders the
 * hotline page) be bundled without `astro:content`: importing that module
 * pulls every article's compiled MDX into the server bundle, which at 10,000
 * stories is most of the build. The content layer still validates the same
 * files with the same schemas, and the content guard reports problems first.
 */
export function loadSiteData(contentDir: string): SiteData {
  const files = readDataFiles(contentDir, SITE_DATA_COLLECTIONS);
  const parse = <T>(schema: z.ZodType<T>, file: { file: string; data: unknown }): T => {
    const result = schema.safeParse(file.data);
    if (!result.success)
      throw new Error(`${file.file}：${result.error.issues.map((i) => i.message).join('；')}`);
    return result.data;
  };
  const settingsFile = files.find((f) => f.collection === 'settings' && f.id === 'site');
  if (!settingsFile) throw new Error(`${contentDir}/settings/site.yml 缺失：网站设置是必需的`);
  const collator = new Intl.Collator('zh-CN');
  const entries = <T>(collection: string, schema: z.ZodType<T>): DataEntry<T>[] =>
    files.filter((f) => f.collection === collection).map((f) => ({ id: f.id, data: parse(schema, f) }));
  return {
    settings: parse(settingsSchema(), settingsFile),
    columns: entries('columns', columnSchema()).sort(
      (a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id),
    ),
    districts: entries('districts', districtSchema()).sort(
      (a, b) => collator.compare(a.data.city, b.data.city) || collator.compare(a.data.name, b.data.name),
    ),
  };
}

const storyFields = zod.object({
  title: zod.string(),
  publishedAt: newsroomDate(),
  draft: zod.boolean().default(false),
});

/**
 * Ids and titles of the stories public at `now`, newest first: what the
 * editors' inbox offers when a tip is linked to a story. Read from the
 * frontmatter so the inbox, an on-demand route, needs no `astro:content`.
 * Files with invalid fields are skipped; the content guard has already
 * stopped the build for them.
 */
export function loadStoryTitles(contentDir: string, now: Date): [string, string][] {
  const stories = readContentFiles(contentDir)
    .filter((f) => f.collection === 'articles')
    .flatMap((f) => {
      const parsed = storyFields.safeParse(f.data);
      return parsed.success ? [{ id: f.id, data: parsed.data }] : [];
    });
  return selectPublished(stories, now).map((s) => [s.id, s.data.title]);
}
