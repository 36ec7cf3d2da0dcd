/**
 * The page side of src/lib/mdx-body.ts: a story body as the `Content` component an `.mdx` module exports.
 * Build-time only (prerendered article pages).
 */
import type { ImageMetadata } from 'astro';
import { z } from 'astro/zod';
import * as runtime from 'astro/jsx-runtime';
import { Renderer } from 'astro/runtime/server/index.js';
import { BODY_IMAGES_KEY, compileBody, IMAGE_ELEMENT } from './mdx-body.ts';

/** Image metadata as Astro's content layer hands it back for a declared image. */
const imageMetadata = z.custom<ImageMetadata>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'src' in value &&
    'width' in value &&
    'height' in value &&
    'format' in value,
  '不是一张已导入的图片',
);

/** What the article loader stores beside the frontmatter (src/lib/loader.ts). */
const bodyImagesSchema = z.object({
  [BODY_IMAGES_KEY]: z.array(z.object({ src: z.string(), image: imageMetadata })).default([]),
});

/** The story's local photos by the path the editor wrote. */
export function bodyImagesOf(data: unknown): Map<string, ImageMetadata> {
  const parsed = bodyImagesSchema.parse(data)[BODY_IMAGES_KEY];
  return new Map(parsed.map(({ src, image }) => [src, image]));
}

const isProps = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Astro's JSX runtime with the loose signature compiled MDX calls it with. */
const jsxRuntime = {
  Fragment: runtime.Fragment,
  jsx: (type: unknown, props: unknown, key?: unknown) =>
    runtime.jsx(
      type,
      isProps(props) ? props : {},
      typeof key === 'string' || typeof key === 'number' ? key : undefined,
    ),
  jsxs: (type: unknown, props: unknown, key?: unknown) =>
    runtime.jsxs(
      type,
      isProps(props) ? props : {},
      typeof key === 'string' || typeof key === 'number' ? key : undefined,
    ),
};

/** Marks a function as a JSX component for Astro's `astro:jsx` renderer, as @astrojs/mdx marks `Content`. */
function asJsxComponent<T extends object>(component: T): T {
  Object.defineProperty(component, Renderer, { value: 'astro:jsx', enumerable: false, writable: false });
  return component;
}

/** A story as the content layer returns it, with its body kept as data. */
export interface StoredStory {
  id: string;
  body?: string | undefined;
  filePath?: string | undefined;
  data: object;
}

/** The props MDX's `components` map passes to an image component. */
interface ImageProps {
  src: string;
  alt?: string;
}

/**
 * The story's body as a component taking `components` (the editors' MDX components and `img`), rendering
 * what the story's `.mdx` module would: @astrojs/mdx wraps `MDXContent` the same way (vite-plugin-mdx-postprocess).
 */
export async function storyContent(story: StoredStory) {
  const filePath = story.filePath ?? `${story.id}/index.mdx`;
  const MDXContent = await compileBody(story.body ?? '', filePath, jsxRuntime);
  const photos = bodyImagesOf(story.data);
  return asJsxComponent(
    Object.assign(
      (props: { components?: Record<string, unknown> }) => {
        const given = props.components ?? {};
        // Without an `img` component a photo is a plain <img>, as Markdown would write it.
        const img = given['img'] ?? 'img';
        // The editor's path becomes the imported photo before the `img` component sees it, as an import would.
        const photo = asJsxComponent((image: ImageProps) =>
          runtime.jsx(img, { ...image, src: photos.get(image.src) ?? image.src }),
        );
        return MDXContent({
          ...props,
          components: { Fragment: runtime.Fragment, ...given, [IMAGE_ELEMENT]: photo },
        });
      },
      {
        [Symbol.for('mdx-component')]: true,
        [Symbol.for('astro.needsHeadRendering')]: true,
        moduleId: filePath,
      },
    ),
  );
}
