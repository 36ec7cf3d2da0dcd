import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { readFrontmatter } from './frontmatter.ts';
import { BODY_IMAGES_KEY, localImagePaths } from './mdx-body.ts';

type StoreEntry = Parameters<LoaderContext['store']['set']>[0];

/** Astro's marker for a data string that names an image file to import (astro/dist/content/consts.js). */
const IMAGE_IMPORT_PREFIX = '__ASTRO_IMAGE_';

/**
 * Astro's glob loader keeps a cached entry whose text has not changed as it is, file path included, even when
 * the cache was filled from another content tree: another CONTENT_DIR on the same cache folder (the tests'
 * fixture, a publishing snapshot, a benchmark corpus, content/ in dev). The build then imports that story from
 * the other tree, so it fails when that tree is gone and publishes the other file when it has changed since.
 * Forgetting such entries makes the loader read them again from the tree it is loading.
 */
export function forgetOtherTrees(context: LoaderContext, base: string): void {
  const root = fileURLToPath(context.config.root);
  const tree = resolve(root, base) + sep;
  for (const id of context.store.keys()) {
    const filePath = context.store.get(id)?.filePath;
    if (filePath !== undefined && !resolve(root, filePath).startsWith(tree)) context.store.delete(id);
  }
}

/** One YAML file per entry (`<base>/<id>.yml`), read from this tree only. */
export function yamlLoader(base: string): Loader {
  const inner = glob({ base, pattern: '*.yml' });
  return {
    name: 'yaml-files',
    load: (context) => {
      forgetOtherTrees(context, base);
      return inner.load(context);
    },
  };
}

/**
 * Loads one article per folder (`content/articles/<slug>/index.mdx`), so each
 * story keeps its photos beside it and its URL is the folder name.
 *
 * Astro's built-in frontmatter parser follows YAML 1.1 and reads an unzoned
 * time as UTC. The newsroom writes Beijing time, so the data handed to the
 * schema is re-read with YAML 1.2, where such times stay text for the schema
 * to interpret.
 *
 * The body is kept as data, not handed to @astrojs/mdx as a module (see src/lib/mdx-body.ts): the entry loses
 * `deferredRender`, and its local photos are listed under `bodyImages` so Astro imports them with the
 * collection's other images.
 */
export function articleLoader(base: string): Loader {
  const inner = glob({
    base,
    pattern: '*/index.mdx',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  });
  return {
    name: 'article-folders',
    load: async (context) => {
      forgetOtherTrees(context, base);
      forgetModuleEntries(context);
      const pending: Promise<void>[] = [];
      const store: LoaderContext['store'] = {
        ...context.store,
        set: (entry) => {
          pending.push(storeWithoutModule(context, entry));
          return true;
        },
      };
      await inner.load({
        ...context,
        store,
        parseData: async (props) => {
          if (props.filePath === undefined) return context.parseData(props);
          const source = await readFile(props.filePath, 'utf8');
          const data = readFrontmatter(source).data as typeof props.data;
          return context.parseData({ ...props, data });
        },
      });
      await Promise.all(pending);
    },
  };
}

/**
 * Entries cached by a build that still made a module of each story (or before `bodyImages`) would be kept as
 * they are while their file is unchanged; dropping them makes the loader read them again.
 */
function forgetModuleEntries(context: LoaderContext): void {
  for (const id of context.store.keys()) {
    const entry = context.store.get(id);
    if (entry && (entry.deferredRender === true || !(BODY_IMAGES_KEY in entry.data)))
      context.store.delete(id);
  }
}

/** Stores an article with its body as data and its photos declared as images. */
async function storeWithoutModule(context: LoaderContext, entry: StoreEntry): Promise<void> {
  const rest = { ...entry };
  delete rest.deferredRender;
  const root = fileURLToPath(context.config.root);
  let paths: string[] = [];
  if (entry.body !== undefined && entry.filePath !== undefined) {
    try {
      paths = await localImagePaths(entry.body, resolve(root, entry.filePath));
    } catch (error) {
      // A body that does not compile: the content check names the line and the fix; in the dev server the page
      // shows the compiler's message. Stored without photos, it never takes the dev server down.
      context.logger.error(`${entry.filePath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const bodyImages = paths.map((src) => ({ src, image: `${IMAGE_IMPORT_PREFIX}${src}` }));
  context.store.set({ ...rest, data: { ...entry.data, [BODY_IMAGES_KEY]: bodyImages } });
}
