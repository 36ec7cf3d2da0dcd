import type { AstroIntegration } from 'astro';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Files Astro derives from the content store into the project's `.astro/` folder, one per project whatever
 * the cache folder: which image files and modules the collections import.
 */
const DERIVED = ['content-assets.mjs', 'content-modules.mjs'];

/**
 * Astro rewrites those files only when an entry with images changed, but they sit in the project root while
 * the store sits in the cache folder. A build whose store is unchanged after another content tree was built
 * in the same checkout (the tests' fixture, a benchmark corpus, the publisher's snapshot) would import that
 * tree's photos and fail: the lead photo stays a path ("LocalImageUsedWrongly"). Removing them before the
 * content sync makes Astro write them from this build's store.
 */
export function contentFilesReset(): AstroIntegration {
  return {
    name: 'content-files-reset',
    hooks: {
      'astro:config:setup': ({ config }) => {
        for (const name of DERIVED)
          rmSync(fileURLToPath(new URL(`.astro/${name}`, config.root)), { force: true });
      },
    },
  };
}
