import { defineCollection, reference } from 'astro:content';
import type { Loader } from 'astro/loaders';
import type { z } from 'astro/zod';
import {
  COLLECTION_NAMES,
  collectionSchema,
  COLLECTIONS,
  type CollectionName,
} from './schemas/collections.ts';
import type { COLLECTION_SCHEMAS } from './schemas/collections.ts';
import { articleLoader, yamlLoader } from './lib/loader.ts';

/** CONTENT_DIR points the build at another content tree, e.g. a generated benchmark corpus. */
const contentDir = process.env['CONTENT_DIR'] ?? './content';

/** One Astro collection from its registry entry (src/schemas/collections.ts). */
function astroCollection(name: CollectionName) {
  const spec = COLLECTIONS[name];
  const base = `${contentDir}/${spec.folder}`;
  return defineCollection({
    // A single settings file is a YAML collection of one entry.
    loader: spec.format === 'mdx-folders' ? articleLoader(base) : yamlLoader(base),
    schema: ({ image }) => collectionSchema(name, { image, reference }),
  });
}

/** The Astro config of a collection whose schema factory builds `S`, so pages get each collection's own types. */
type AstroCollection<S> = S extends z.ZodType ? ReturnType<typeof defineCollection<S, Loader>> : never;
type AstroCollections = {
  [K in CollectionName]: AstroCollection<ReturnType<(typeof COLLECTION_SCHEMAS)[K]>>;
};

export const collections = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [name, astroCollection(name)]),
) as AstroCollections;
