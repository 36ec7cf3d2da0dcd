import type { APIRoute } from 'astro';
import { getPublishedArticles } from '../lib/content.ts';
import { getSettings } from '../lib/site-data.ts';
import { storyFeed } from '../lib/feeds.ts';

/** The site-wide feed: the newest public stories of every column. */
export const GET: APIRoute = async ({ site }) => {
  const settings = await getSettings();
  return storyFeed({
    title: settings.siteName,
    description: settings.tagline,
    site,
    stories: await getPublishedArticles(),
  });
};
