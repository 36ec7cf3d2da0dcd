import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import {
  articleSchema,
  authorSchema,
  columnSchema,
  districtSchema,
  settingsSchema,
} from './schemas/index.ts';
import type { SchemaHelpers } from './schemas/index.ts';
import { articleLoader } from './lib/loader.ts';

const data = (folder: string) => glob({ base: `./content/${folder}`, pattern: '*.yml' });

const articles = defineCollection({
  loader: articleLoader('./content/articles'),
  schema: ({ image }) => articleSchema({ image, reference } as SchemaHelpers),
});

const authors = defineCollection({
  loader: data('authors'),
  schema: ({ image }) => authorSchema({ image, reference } as SchemaHelpers),
});

const columns = defineCollection({ loader: data('columns'), schema: columnSchema() });
const districts = defineCollection({ loader: data('districts'), schema: districtSchema() });
const settings = defineCollection({ loader: data('settings'), schema: settingsSchema() });

export const collections = { articles, authors, columns, districts, settings };
