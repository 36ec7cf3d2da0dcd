/**
 * PROTOTYPE, copied over src/lib/loader.ts in a throwaway project copy by
 * bench/build.ts --variants project-prerendered. Not used by the site.
 *
 * Same folders and frontmatter handling as the real article loader, but
 * each MDX body is turned into Markdown + HTML (the five components
 * written out as HTML) and rendered to HTML by the content layer during
 * sync. The rendered HTML is kept in the data store, so:
 *   - no article becomes a Vite module (no per-article compile, bundle
 *     and chunk), and
 *   - an unchanged article is not rendered again on the next build (the
 *     glob loader skips entries whose digest did not change).
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
// bench/perf/copy.ts rewrites these two paths to './frontmatter.ts' and './prototype-convert.ts' in the copy.
import { readFrontmatter } from '../../../src/lib/frontmatter.ts';
import { toHtmlMarkdown } from '../convert.ts';

type StoreEntry = Parameters<LoaderContext['store']['set']>[0];

/** Loads `base/<slug>/index.mdx` and pre-renders each body to HTML in the data store. */
export function articleLoader(base: string): Loader {
  const inner = glob({
    base,
    pattern: '*/index.mdx',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  });
  return {
    name: 'article-folders-prerendered',
    load: async (context) => {
      const pending: Promise<void>[] = [];
      const store = new Proxy(context.store, {
        get(target, property, receiver) {
          if (property !== 'set') return Reflect.get(target, property, receiver) as unknown;
          return (entry: StoreEntry) => {
            if (!entry.deferredRender || entry.body === undefined || entry.filePath === undefined) {
              return target.set(entry);
            }
            const rest = { ...entry };
            delete rest.deferredRender;
            const fileURL = pathToFileURL(`${process.cwd()}/${entry.filePath}`);
            pending.push(
              context.renderMarkdown(toHtmlMarkdown(entry.body), { fileURL }).then((rendered) => {
                target.set({ ...rest, rendered, assetImports: rendered.metadata?.imagePaths ?? [] });
              }),
            );
            return true;
          };
        },
      });
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
