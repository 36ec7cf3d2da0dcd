import { z } from 'zod';
import type { ReferenceTarget } from './collections.ts';

/**
 * The two schema helpers that differ between Astro and plain Node.
 *
 * Astro hands content schemas its own `reference()` (checks links between
 * collections) and `image()` (runs the picture through astro:assets). The CMS
 * config generator and the unit tests have no Astro runtime, so they pass
 * stand-ins that keep the same shape and record what each field is.
 */
export interface SchemaHelpers {
  /** A link to an entry of another collection, stored as that entry's id. */
  reference: (collection: ReferenceTarget) => z.ZodType;
  /** A local image path beside the content file. */
  image: () => z.ZodType;
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
 * from plain strings.
 */
export const plainHelpers: SchemaHelpers = {
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
