import rss from '@astrojs/rss';
import { getEntry } from 'astro:content';
import { getAuthors } from './content.ts';
import { getSettings } from './site-data.ts';
import { bylineText, groupBylines } from './bylines.ts';
import { articleUrl } from './urls.ts';
import type { Story } from './story.ts';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** How many stories a feed carries. */
const FEED_SIZE = 30;

/**
 * An RSS feed of public stories (pass them newest first, from
 * getPublishedArticles()). Each item carries the summary, byline and column.
 */
export async function storyFeed(options: {
  title: string;
  description: string;
  site: URL | undefined;
  stories: Story[];
}): Promise<Response> {
  const settings = await getSettings();
  const staff = await getAuthors();
  const items = await Promise.all(
    options.stories.slice(0, FEED_SIZE).map(async (story) => {
      const column = await getEntry(story.data.column);
      const byline = bylineText(
        groupBylines(
          story.data.authors.map((e) => {
            const author = e.author ? staff.get(e.author.id) : undefined;
            return { role: e.role, name: author?.data.name ?? e.name ?? '', authorId: author?.id };
          }),
        ),
      );
      return {
        title: story.data.title,
        link: articleUrl(story.id),
        pubDate: story.data.publishedAt,
        description: story.data.summary,
        // RSS's <author> wants an e-mail address; Dublin Core's creator takes a name.
        customData: `<dc:creator>${escapeXml(byline)}</dc:creator>`,
        categories: [column.data.name, ...story.data.topics],
      };
    }),
  );
  return rss({
    title: options.title,
    description: options.description,
    site: options.site ?? 'http://localhost:4321',
    items,
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/' },
    customData: `<language>zh-CN</language><copyright>${escapeXml(settings.paperName)}</copyright>`,
    trailingSlash: true,
  });
}
