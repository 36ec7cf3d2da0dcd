/**
 * The hast step that numbers a story body's headings as the page shows them
 * (sections start at h2 under the title; see heading-outline.ts), run by
 * @astrojs/mdx through Sätteri in astro.config.mjs. Build-side only: Sätteri's
 * browser build is not installable here, so the CMS preview imports
 * heading-outline.ts instead.
 */
import { defineHastPlugin } from 'satteri';
import { FIRST_BODY_LEVEL, HeadingOutline, headingLevel } from './heading-outline.ts';

const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

const OUTLINE = 'headingOutline';

/** The outline of the document being compiled, kept in Sätteri's per-document data bag. */
function outlineOf(data: Record<string, unknown>): HeadingOutline {
  const found = data[OUTLINE];
  if (found instanceof HeadingOutline) return found;
  const outline = new HeadingOutline();
  data[OUTLINE] = outline;
  return outline;
}

/**
 * The hast step for @astrojs/mdx (Sätteri, Astro's MDX processor, visits in
 * document order): renumbers Markdown headings and hand-written `<h3>` in the
 * body. Heading ids come from the text, so anchors do not change.
 */
export const headingLevelsPlugin = defineHastPlugin({
  name: 'newsroom-heading-levels',
  before: (_root, ctx) => {
    ctx.data[OUTLINE] = new HeadingOutline();
  },
  element: {
    filter: HEADING_TAGS,
    visit: (node, ctx) => ({
      ...node,
      tagName: `h${String(outlineOf(ctx.data).next(headingLevel(node.tagName) ?? FIRST_BODY_LEVEL))}`,
    }),
  },
  mdxJsxFlowElement: {
    filter: HEADING_TAGS,
    visit: (node, ctx) => ({
      ...node,
      name: `h${String(outlineOf(ctx.data).next(headingLevel(node.name) ?? FIRST_BODY_LEVEL))}`,
    }),
  },
});
