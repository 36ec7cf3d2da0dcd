import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONTENT } from '../../cms/config.ts';

/**
 * The content tree the tests own. The newsroom edits content/ every day and `npm test` is its CI, so tests
 * read and build this tree instead (`npm test` builds dist/ with CONTENT_DIR pointing here): retitling,
 * adding or deleting a story there cannot break a test.
 */
export const FIXTURE_CONTENT = resolve(import.meta.dirname, '../fixtures/content');

/**
 * A project's content folder relative to its root: where the CMS saves, which is also where the build looks
 * when CONTENT_DIR is unset. Taken from the CMS config so that a copy of the project is laid out as the
 * CMS and the build expect.
 */
export const CONTENT_FOLDER = dirname(CONTENT.articles);

/** Puts the fixture tree into a copy of the project as its content folder and returns that folder. */
export function copyFixtureInto(projectDir: string): string {
  const target = join(projectDir, CONTENT_FOLDER);
  cpSync(FIXTURE_CONTENT, target, { recursive: true });
  return target;
}
