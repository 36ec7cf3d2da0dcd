import type { AstroIntegration } from 'astro';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSiteData, loadStoryTitles } from '../lib/site-data-source.ts';
import { COLLECTIONS, collectionsIn, SITE_DATA_COLLECTIONS } from '../schemas/collections.ts';

const ID = 'virtual:site-data';
const STORIES_ID = 'virtual:site-data/stories';
const RESOLVED = `\0${ID}`;
const RESOLVED_STORIES = `\0${STORIES_ID}`;
/** Folders whose files make up `virtual:site-data`, and those of the stories behind `virtual:site-data/stories`. */
const FOLDERS = SITE_DATA_COLLECTIONS.map((name) => COLLECTIONS[name].folder);
const STORY_FOLDERS = collectionsIn('mdx-folders').map((name) => COLLECTIONS[name].folder);

/**
 * Provides `virtual:site-data` (settings, columns, districts) to pages and
 * on-demand routes without going through `astro:content`, and
 * `virtual:site-data/stories` (public story titles) to the inbox; see
 * src/lib/site-data-source.ts for why. In dev, editing, adding or removing
 * one of those YAML files reloads the module.
 */
export function siteDataIntegration(): AstroIntegration {
  return {
    name: 'site-data',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const contentDir = resolve(root, process.env['CONTENT_DIR'] ?? 'content');
        const inFolder = (file: string, folders: readonly string[]) =>
          folders.some((f) => file.startsWith(resolve(contentDir, f)));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'site-data',
                resolveId: (id) => (id === ID ? RESOLVED : id === STORIES_ID ? RESOLVED_STORIES : undefined),
                load(id) {
                  if (id === RESOLVED_STORIES) {
                    const now = process.env['BUILD_NOW'] ? new Date(process.env['BUILD_NOW']) : new Date();
                    return `export default ${JSON.stringify(loadStoryTitles(contentDir, now))};`;
                  }
                  if (id !== RESOLVED) return undefined;
                  for (const folder of FOLDERS) this.addWatchFile(resolve(contentDir, folder));
                  return `export default ${JSON.stringify(loadSiteData(contentDir))};`;
                },
                configureServer(server) {
                  // In dev the inbox's story list follows edits too, not only the chrome's settings and columns.
                  const reload = (file: string) => {
                    const ids = [
                      ...(inFolder(file, FOLDERS) ? [RESOLVED] : []),
                      ...(inFolder(file, STORY_FOLDERS) ? [RESOLVED_STORIES] : []),
                    ];
                    for (const environment of Object.values(server.environments)) {
                      for (const id of ids) {
                        const module = environment.moduleGraph.getModuleById(id);
                        if (module) environment.moduleGraph.invalidateModule(module);
                      }
                    }
                  };
                  server.watcher.on('add', reload).on('change', reload).on('unlink', reload);
                },
              },
            ],
          },
        });
      },
    },
  };
}
