import type { AstroIntegration } from 'astro';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblems } from '../lib/content-check.ts';
import { checkContentCached } from '../lib/check-cache.ts';

/** Set by the publisher, which has checked the very snapshot this build reads. */
export const CHECKED_ENV = 'PUBLISH_CONTENT_CHECKED';

/**
 * Checks all content before Astro loads it. A build stops with every problem
 * listed by file and field; the dev server only warns, so an editor can keep
 * previewing while fixing.
 */
export function contentGuard(): AstroIntegration {
  return {
    name: 'content-guard',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        if (process.env[CHECKED_ENV] === '1') return;
        const root = fileURLToPath(config.root);
        const contentDir = resolve(root, process.env['CONTENT_DIR'] ?? 'content');
        // Kept in the cache folder: a rebuild reads only the stories that changed (src/lib/check-cache.ts).
        const cacheFile = fileURLToPath(new URL('check-cache.json', config.cacheDir));
        const { problems } = checkContentCached(contentDir, root, cacheFile);
        if (problems.length === 0) return;
        const report = formatProblems(problems);
        if (command === 'build') throw new Error(report);
        logger.warn(report);
      },
    },
  };
}
