import { defineCollection, reference } from 'astro:content';
import {
  articleSchema,
  authorSchema,
  columnSchema,
  districtSchema,
  settingsSchema,
} from './schemas/index.ts';
import { articleLoader, yamlLoader } from './lib/loader.ts';

/** CONTENT_DIR points the build at another content tree, e.g. a generated benchmark corpus. */
const contentDir = process.env['CONTENT_DIR'] ?? './content';
const data = (folder: string) => yamlLoader(`${contentDir}/${folder}`);

const articles = defineCollection({
  loader: articleLoader(`${contentDir}/articles`),
  schema: ({ image }) => articleSchema({ image, reference }),
});

const authors = defineCollection({
  loader: data('authors'),
  schema: ({ image }) => authorSchema({ image, reference }),
});

const columns = defineCollection({ loader: data('columns'), schema: columnSchema() });
const districts = defineCollection({ loader: data('districts'), schema: districtSchema() });
const settings = defineCollection({ loader: data('settings'), schema: settingsSchema() });

export const collections = { articles, authors, columns, districts, settings };
