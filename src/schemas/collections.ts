/**
 * The one list of content collections. Astro's content config, the content
 * guard, the file reader, the CMS config and save checks, and the site-data
 * module all take their collections from here, so adding a collection means
 * adding one entry below (and its schema module, and its CMS labels in
 * src/i18n/zh-CN/cms.ts).
 */
import type { z } from 'zod';
import { articleSchema } from './article.ts';
import { authorSchema } from './author.ts';
import { columnSchema } from './column.ts';
import type { HelperRuntime, SchemaHelpers } from './context.ts';
import { districtSchema } from './district.ts';
import { editionSchema } from './edition.ts';
import { settingsSchema } from './settings.ts';

/**
 * How a collection is stored under `content/<folder>/`:
 * - `mdx-folders`: one folder per entry, `<id>/index.mdx`, photos beside it;
 * - `yaml`: one `<id>.yml` per entry;
 * - `yaml-file`: one fixed YAML file, `<file>.yml` (site settings).
 */
export type CollectionFormat = 'mdx-folders' | 'yaml' | 'yaml-file';

/** What the tools need to know about one collection, besides its schema. */
export interface CollectionSpec {
  /** The folder under the content tree, e.g. `articles` for `content/articles/`. */
  folder: string;
  format: CollectionFormat;
  /** The entry id of a `yaml-file` collection (its file name without `.yml`). */
  file?: string;
  /**
   * What one entry is called in Chinese ("稿件", "作者"), in the guard's
   * messages. Collections with a noun are the ones other entries may link to.
   */
  noun?: string;
  /** The CMS's label keys are `cms.collection.<name>`; `cmsSummary` is the Decap list's line per entry. */
  cmsSummary?: string;
  /** Whether `virtual:site-data` carries this collection to the on-demand routes. */
  siteData?: boolean;
}

/** Every collection of the content tree, in the order the CMS lists them. */
export const COLLECTIONS = {
  articles: { folder: 'articles', format: 'mdx-folders', noun: '稿件', cmsSummary: '{{title}}' },
  authors: { folder: 'authors', format: 'yaml', noun: '作者', cmsSummary: '{{name}}' },
  columns: { folder: 'columns', format: 'yaml', noun: '栏目', cmsSummary: '{{name}}', siteData: true },
  districts: {
    folder: 'districts',
    format: 'yaml',
    noun: '区县',
    cmsSummary: '{{name}}（{{city}}）',
    siteData: true,
  },
  editions: { folder: 'editions', format: 'yaml', cmsSummary: '{{date}}' },
  settings: { folder: 'settings', format: 'yaml-file', file: 'site', siteData: true },
} as const satisfies Record<string, CollectionSpec>;

/**
 * Each collection's schema factory, called with Astro's helpers or the plain
 * stand-ins. Kept apart from {@link COLLECTIONS} because the schemas' types
 * depend on which collections may be referenced; `satisfies` makes a
 * collection without a schema (or a schema without a collection) a type error.
 */
export const COLLECTION_SCHEMAS = {
  articles: <R extends HelperRuntime>(helpers: SchemaHelpers<R>) => articleSchema(helpers),
  authors: <R extends HelperRuntime>(helpers: SchemaHelpers<R>) => authorSchema(helpers),
  columns: () => columnSchema(),
  districts: () => districtSchema(),
  editions: <R extends HelperRuntime>(helpers: SchemaHelpers<R>) => editionSchema(helpers),
  settings: () => settingsSchema(),
} satisfies Record<keyof typeof COLLECTIONS, (helpers: SchemaHelpers) => z.ZodType>;

/** The name of a collection, such as `articles`. */
export type CollectionName = keyof typeof COLLECTIONS;

/** Collections other entries may link to with a reference field: those with a {@link CollectionSpec.noun}. */
export type ReferenceTarget = {
  [K in CollectionName]: (typeof COLLECTIONS)[K] extends { noun: string } ? K : never;
}[CollectionName];

/** The schema a collection's factory builds, with its own field types. */
export type CollectionSchema<K extends CollectionName> = ReturnType<(typeof COLLECTION_SCHEMAS)[K]>;

/** Every collection name, in registry order. */
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** The spec of one collection, seen through the common interface. */
export function collectionSpec(name: CollectionName): CollectionSpec {
  return COLLECTIONS[name];
}

/** One collection's schema, built with the given helpers. */
export function collectionSchema<R extends HelperRuntime>(
  name: CollectionName,
  helpers: SchemaHelpers<R>,
): z.ZodType {
  const factory: (helpers: SchemaHelpers<R>) => z.ZodType = COLLECTION_SCHEMAS[name];
  return factory(helpers);
}

/** The names of the collections stored in format `F`. */
export type CollectionIn<F extends CollectionFormat> = {
  [K in CollectionName]: (typeof COLLECTIONS)[K]['format'] extends F ? K : never;
}[CollectionName];

/** Names of the collections stored in the given formats, in registry order. */
export function collectionsIn<F extends CollectionFormat>(...formats: F[]): CollectionIn<F>[] {
  const inFormat = (name: CollectionName): name is CollectionIn<F> =>
    (formats as readonly CollectionFormat[]).includes(COLLECTIONS[name].format);
  return COLLECTION_NAMES.filter(inFormat);
}

/** Collections that `virtual:site-data` carries (settings, columns, districts). */
export const SITE_DATA_COLLECTIONS = COLLECTION_NAMES.filter(
  (name) => collectionSpec(name).siteData === true,
);

/** Builds each collection's schema with the same helpers, keyed by name. */
export function buildSchemas<R extends HelperRuntime>(
  helpers: SchemaHelpers<R>,
): Record<CollectionName, z.ZodType> {
  return Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, collectionSchema(name, helpers)]),
  ) as Record<CollectionName, z.ZodType>;
}
