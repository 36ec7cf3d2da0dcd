/**
 * The content model: one module per concept. Astro's content config, the CMS
 * config generator and the tests all build their schemas from these factories.
 */
export { articleSchema, ARTICLE_KINDS, type ArticleKind } from './article.ts';
export { authorSchema, BYLINE_ROLES, type BylineRole } from './author.ts';
export { columnSchema } from './column.ts';
export { districtSchema, DISTRICT_KINDS } from './district.ts';
export { settingsSchema } from './settings.ts';
export {
  editionSchema,
  regionAreaSchema,
  POLYGON_POINTS,
  type EditionData,
  type EditionPageData,
  type RegionArea,
} from './edition.ts';
export {
  COLLECTIONS,
  COLLECTION_SCHEMAS,
  collectionSchema,
  COLLECTION_NAMES,
  buildSchemas,
  collectionSpec,
  collectionsIn,
  SITE_DATA_COLLECTIONS,
  type CollectionName,
  type CollectionFormat,
  type CollectionSpec,
  type CollectionSchema,
  type CollectionIn,
} from './collections.ts';
export { plainHelpers, type SchemaHelpers, type ReferenceTarget, type FieldMeta } from './context.ts';
export { SLUG_PATTERN, NEWSROOM_TIME_ZONE, parseNewsroomDate } from './common.ts';
export {
  MDX_COMPONENT_SPECS,
  figurePropsSchema,
  figureContentSchema,
  pullQuotePropsSchema,
  pullQuoteContentSchema,
  factBoxPropsSchema,
  factBoxContentSchema,
  profileCardPropsSchema,
  hotlineCalloutPropsSchema,
  type MdxComponentSpec,
  type MdxComponentName,
  type MdxContentKind,
  type FigureProps,
  type PullQuoteProps,
  type FactBoxProps,
  type ProfileCardProps,
  type HotlineCalloutProps,
} from './mdx-components.ts';
