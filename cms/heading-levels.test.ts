import { describe, expect, it } from 'vitest';
import { markdownToHtml, mdxToJs } from 'satteri';
import { headingLevelsPlugin } from '../src/lib/heading-levels.ts';
import { pageHeadingLevels } from '../src/lib/heading-outline.ts';

describe('body heading levels on the page', () => {
  it('starts sections typed as ### at h2', () => {
    expect(pageHeadingLevels([3, 3, 3])).toEqual([2, 2, 2]);
  });

  it('keeps the outline but closes skipped levels', () => {
    expect(pageHeadingLevels([3, 5, 5, 3, 4])).toEqual([2, 3, 3, 2, 3]);
    expect(pageHeadingLevels([2, 4, 3, 2])).toEqual([2, 3, 3, 2]);
  });

  it('moves a typed h1 below the title and never goes past h6', () => {
    expect(pageHeadingLevels([1, 2])).toEqual([2, 3]);
    expect(pageHeadingLevels([1, 2, 3, 4, 5, 6])).toEqual([2, 3, 4, 5, 6, 6]);
  });

  it('renumbers Markdown headings when Sätteri compiles a body', () => {
    const { html } = markdownToHtml('### 一\n\n正文\n\n##### 二\n\n### 三', {
      hastPlugins: [headingLevelsPlugin],
    });
    expect([...html.matchAll(/<(h\d)>/g)].map((m) => m[1])).toEqual(['h2', 'h3', 'h2']);
  });

  it('renumbers a heading written as JSX in an MDX body', () => {
    const { code } = mdxToJs('### 一\n\n<h5>二</h5>', { hastPlugins: [headingLevelsPlugin] });
    expect(code).not.toMatch(/h5|h4/);
    expect(code).toMatch(/h3/);
  });
});
