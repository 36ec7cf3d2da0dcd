import type { ImageMetadata } from 'astro';
import { z } from 'zod';
import type { ReferenceTarget } from './collections.ts';

/** A link to another entry as Astro's `reference()` parses it. */
export interface EntryRef<C extends ReferenceTarget> {
  collection: C;
  id: string;
}

/**
 * Where a schema is built: `astro` in the content config, `plain` in Node
 * tools without Astro (content guard, CMS config and save checks, unit tests).
 */
export type HelperRuntime = 'astro' | 'plain';

/**
 * What a helper's field parses to. Only helpers pinned to `plain` keep the
 * string; any other runtime reads as Astro's, because a factory's type seen
 * without its runtime (Astro's generated collection types take the factory's
 * return type, which TypeScript builds from the constraint) must be the site's.
 * The tuple keeps the union from splitting into both.
 */
export type Parsed<R extends HelperRuntime, Plain, Astro> = [R] extends ['plain'] ? Plain : Astro;

/**
 * The two schema helpers that differ between Astro and plain Node.
 *
 * Astro hands content schemas its own `reference()` (checks links between
 * collections) and `image()` (runs the picture through astro:assets). The CMS
 * config generator and the unit tests have no Astro runtime, so they pass
 * stand-ins that keep the same shape and record what each field is. Each
 * helper's type says what its field parses to, so the factories' output types
 * (and Astro's `CollectionEntry`) come from the schemas.
 */
export interface SchemaHelpers<R extends HelperRuntime = 'astro'> {
  /** A link to an entry of another collection, stored as that entry's id. */
  reference: <C extends ReferenceTarget>(collection: C) => z.ZodType<Parsed<R, string, EntryRef<C>>>;
  /** A local image path beside the content file. */
  image: () => z.ZodType<Parsed<R, string, ImageMetadata>>;
}

/** Collections that other entries may link to; the registry (collections.ts) decides which. */
export type { ReferenceTarget };

/** Metadata that the stand-in helpers attach, read by the CMS config generator. */
export interface FieldMeta {
  reference?: ReferenceTarget;
  image?: true;
  /** A calendar day without time, such as a 刊期. */
  calendarDay?: true;
  /** A file other than a picture beside the content file, such as a page PDF. */
  file?: true;
  /** A story's region on a page image, drawn in the CMS on that image. */
  region?: true;
}

/**
 * Stand-ins for Astro's helpers: a reference is a non-empty id string and an
 * image is a relative path. Both carry metadata so tooling can tell them apart
 * from plain strings; their parsed output stays the string.
 */
export const plainHelpers: SchemaHelpers<'plain'> = {
  reference: (collection) =>
    z
      .string()
      .min(1)
      .meta({ reference: collection } satisfies FieldMeta),
  image: () =>
    z
      .string()
      .min(1)
      .meta({ image: true } satisfies FieldMeta),
};
