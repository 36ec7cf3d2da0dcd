/**
 * Story bodies without a Vite module per story.
 *
 * @astrojs/mdx turns every `.mdx` entry into a module that the bundler compiles, links and chunks: at 10,000
 * stories that bundle alone took 41–50 s and most of the build's heap (docs/benchmarks.md). Here the content
 * loader keeps the body as data and the article page compiles it when it renders, with Sätteri, the same
 * options and plugins as Astro's MDX processor, and Astro's own JSX runtime, so the page is the same bytes
 * (checked by bench/mdx-parity.ts). Compiling a body takes about a quarter of a millisecond.
 *
 * Local photos (`![替代文字](./photo.jpg)`) cannot be imported by a body that is not a module; the loader lists
 * them as image data instead (`BODY_IMAGES_KEY`), which Astro imports once for the whole collection and hands
 * back as image metadata, as it does for a lead photo.
 */
import { pathToFileURL } from 'node:url';
import { defineHastPlugin, evaluate, mdxToJs, type HastPluginEntry, type MdxJsxAttributeNode } from 'satteri';
import {
  satteriCollectImagesPlugin,
  satteriCreateHighlightFn,
  satteriHeadingIdsPlugin,
  satteriHighlightPlugin,
  type SatteriAstroData,
} from '@astrojs/markdown-satteri';
import { headingLevelsPlugin } from './heading-levels.ts';

/** The JSX element name @astrojs/mdx gives a local Markdown image; its `components` map sends it to `img`. */
export const IMAGE_ELEMENT = 'astro-image';

/** Where the loader keeps a story's local photo paths, beside the frontmatter fields. */
export const BODY_IMAGES_KEY = 'bodyImages';

/** Astro's default `markdown.syntaxHighlight`, which the site keeps: Shiki, except for math. */
const EXCLUDE_LANGS = ['math'];

type Highlight = Parameters<typeof satteriHighlightPlugin>[0];
let highlighter: Promise<Highlight | undefined> | undefined;

/** Shiki loads once per build process, and only when a body has a code block. */
function highlight(): Promise<Highlight | undefined> {
  highlighter ??= satteriCreateHighlightFn({ type: 'shiki', excludeLangs: EXCLUDE_LANGS }, undefined);
  return highlighter;
}

/** A fenced or indented code block, the only thing the highlighter changes. */
const CODE_BLOCK = /^(?: {4}|\t|\s{0,3}(?:```|~~~))/m;

/** Per-document data in Sätteri's bag, as @astrojs/mdx seeds it. */
function astroData(): { astro: SatteriAstroData } {
  return {
    astro: { frontmatter: {}, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() },
  };
}

/**
 * Local images become the `astro-image` element with a plain `src`, as @astrojs/mdx does, except that the
 * source stays a path: the page swaps in the photo's metadata (see `imageComponent`).
 */
const localImagesToElement = defineHastPlugin({
  name: 'newsroom-local-images',
  element: {
    filter: ['img'],
    visit(node, ctx) {
      const src = node.properties['src'];
      if (typeof src !== 'string') return undefined;
      const path = decodeURI(src);
      const data = ctx.data['astro'];
      if (!data?.localImagePaths.has(path)) return undefined;
      const attributes: MdxJsxAttributeNode[] = [];
      for (const [key, value] of Object.entries(node.properties)) {
        if (key === 'src' || value === null || value === undefined || value === false) continue;
        const name = key === 'className' ? 'class' : key === 'htmlFor' ? 'for' : key;
        attributes.push({ type: 'mdxJsxAttribute', name, value: String(value) });
      }
      attributes.push({ type: 'mdxJsxAttribute', name: 'src', value: path });
      return { type: 'mdxJsxFlowElement', name: IMAGE_ELEMENT, attributes, children: [] };
    },
  },
});

/** The hast steps of the site's MDX pipeline (astro.config.mjs plus what @astrojs/mdx adds), in its order. */
async function hastPlugins(body: string): Promise<HastPluginEntry[]> {
  const plugins: HastPluginEntry[] = [];
  const fn = CODE_BLOCK.test(body) ? await highlight() : undefined;
  if (fn) plugins.push(satteriHighlightPlugin(fn, EXCLUDE_LANGS));
  plugins.push(headingLevelsPlugin, localImagesToElement, satteriHeadingIdsPlugin());
  return plugins;
}

/** Compile options shared by the loader's image scan and the page's render. */
async function options(body: string, filePath: string) {
  return {
    mdastPlugins: [satteriCollectImagesPlugin()],
    hastPlugins: await hastPlugins(body),
    features: { gfm: true, smartPunctuation: true },
    fileURL: pathToFileURL(filePath),
    jsxImportSource: 'astro',
    elementAttributeNameCase: 'html' as const,
    data: astroData(),
  };
}

/** The local photo paths a body shows, as written (`./photo.jpg`), for the loader to declare as images. */
export async function localImagePaths(body: string, filePath: string): Promise<string[]> {
  const result = await mdxToJs(body, await options(body, filePath));
  return [...(result.data['astro']?.localImagePaths ?? [])];
}

/** Astro's JSX runtime, the one a compiled `.mdx` module imports. */
export interface JsxRuntime {
  Fragment: unknown;
  jsx: (type: unknown, props: unknown, key?: unknown) => unknown;
  jsxs: (type: unknown, props: unknown, key?: unknown) => unknown;
}

/** A compiled body: call it with the components, like the `Content` of an `.mdx` module. */
export type BodyComponent = (props: { components: Record<string, unknown> }) => unknown;

/** Compiles a story body to the function an `.mdx` module's `MDXContent` is. */
export async function compileBody(
  body: string,
  filePath: string,
  runtime: JsxRuntime,
): Promise<BodyComponent> {
  const exports = await evaluate(body, { ...(await options(body, filePath)), ...runtime });
  const content = exports['default'];
  if (typeof content !== 'function') throw new Error(`${filePath}: the MDX body compiled to no component`);
  return content as BodyComponent;
}
