import type { Article } from './content.ts';

/**
 * A public article entry. Astro's generated type already carries the parsed
 * references (`{ collection, id }`) and image metadata, because the schema
 * helpers' types say what each field parses to (src/schemas/context.ts).
 */
export type Story = Article;
