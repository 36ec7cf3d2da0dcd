import type { APIRoute, GetStaticPaths } from 'astro';
import { getPublishedArticles } from '../../../lib/content.ts';
import { getColumns, getSettings, type Column } from '../../../lib/site-data.ts';
import { storyFeed } from '../../../lib/feeds.ts';

export const getStaticPaths = (async () => {
  const columns = await getColumns();
  return columns.map((column) => ({ params: { id: column.id }, props: { column } }));
}) satisfies GetStaticPaths;

/** One column's feed. */
export const GET: APIRoute<{ column: Column }> = async ({ site, props }) => {
  const settings = await getSettings();
  const { column } = props;
  const stories = (await getPublishedArticles()).filter((a) => a.data.column.id === column.id);
  return storyFeed({
    title: `${column.data.name} - ${settings.siteName}`,
    description: column.data.description,
    site,
    stories,
  });
};
