/**
 * The fixture tree is what every page, search, feed and CMS test sees, so it must keep one of everything they
 * rely on. Trimming it (dropping the only photo story, the draft, the second print edition) fails here, by
 * name, instead of making some other test pass for nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findComponents, MDX_COMPONENTS } from '../../cms/components.ts';
import { checkContent } from '../../src/lib/content-check.ts';
import { readContentFiles } from '../../src/lib/content-files.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { isPublic } from '../../src/lib/publishing.ts';
import { ARTICLE_KINDS, parseNewsroomDate } from '../../src/schemas/index.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';

interface Story {
  slug: string;
  data: Record<string, unknown>;
  body: string;
  publishedAt: Date;
  public: boolean;
}

const now = new Date();
const articles = join(FIXTURE_CONTENT, 'articles');
const stories: Story[] = readdirSync(articles).map((slug) => {
  const { data, body } = readFrontmatter(readFileSync(join(articles, slug, 'index.mdx'), 'utf8'));
  const publishedAt = parseNewsroomDate(data['publishedAt']) as Date;
  return {
    slug,
    data,
    body,
    publishedAt,
    public: isPublic({ data: { draft: data['draft'] === true, publishedAt } }, now),
  };
});
const published = stories.filter((s) => s.public);

/** Local photo files a story points at: its lead photo and the images in its body. */
const photos = (story: Story): string[] => {
  const hero = (story.data['hero'] as { image?: string } | undefined)?.image;
  const inline = [...story.body.matchAll(/!\[[^\]]*\]\((\.\/[^)\s]+)\)/g)].map((m) => m[1] ?? '');
  return [...(hero === undefined ? [] : [hero]), ...inline].filter((p) => p.startsWith('./'));
};

describe('the fixture content tree', () => {
  it('passes the content guard, as a newsroom edit must', () => {
    expect(checkContent(readContentFiles(FIXTURE_CONTENT))).toEqual([]);
  });

  it('has a published story of every kind', () => {
    const kinds = new Set(published.map((s) => s.data['kind']));
    expect(ARTICLE_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('uses every MDX component editors can insert, in published stories', () => {
    const used = new Set(published.flatMap((s) => findComponents(s.body).map((c) => c.id)));
    expect(MDX_COMPONENTS.map((c) => c.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('has a draft and a story scheduled far enough ahead that it never comes due under test', () => {
    expect(stories.filter((s) => s.data['draft'] === true).map((s) => s.slug)).not.toEqual([]);
    const decade = new Date(now);
    decade.setFullYear(now.getFullYear() + 10);
    const scheduled = stories.filter((s) => s.data['draft'] !== true && s.publishedAt > decade);
    expect(scheduled.map((s) => s.slug)).not.toEqual([]);
  });

  it('has published stories from two print editions', () => {
    const days = new Set(
      published.map((s) => (s.data['edition'] as { date?: unknown } | undefined)?.date).filter(Boolean),
    );
    expect(days.size).toBeGreaterThanOrEqual(2);
  });

  it('has published stories with a lead photo and with photos in the text, all present beside them', () => {
    const withHero = published.filter((s) => s.data['hero'] !== undefined);
    const withInline = published.filter((s) => /!\[[^\]]*\]\(\.\//.test(s.body));
    expect(withHero.length).toBeGreaterThan(0);
    expect(withInline.length).toBeGreaterThan(0);
    const missing = published.flatMap((s) =>
      photos(s)
        .filter((p) => !existsSync(join(articles, s.slug, p)))
        .map((p) => `${s.slug}/${p}`),
    );
    expect(missing).toEqual([]);
  });
});
