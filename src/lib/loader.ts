import { readFile } from 'node:fs/promises';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { readFrontmatter } from './frontmatter.ts';

/**
 * Loads one article per folder (`content/articles/<slug>/index.mdx`), so each
 * story keeps its photos beside it and its URL is the folder name.
 *
 * Astro's built-in frontmatter parser follows YAML 1.1 and reads an unzoned
 * time as UTC. The newsroom writes Beijing time, so the data handed to the
 * schema is re-read with YAML 1.2, where such times stay text for the schema
 * to interpret.
 */
export function articleLoader(base: string): Loader {
  const inner = glob({
    base,
    pattern: '*/index.mdx',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  });
  return {
    name: 'article-folders',
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          if (props.filePath === undefined) return context.parseData(props);
          const source = await readFile(props.filePath, 'utf8');
          const data = readFrontmatter(source).data as typeof props.data;
          return context.parseData({ ...props, data });
        },
      }),
  };
}
