import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type RunningSite } from '../support/server.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { isPublic } from '../../src/lib/publishing.ts';
import { parseNewsroomDate } from '../../src/schemas/common.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';
import { builtArticles, CLIENT } from './reader-pages.ts';

const CONTENT = join(FIXTURE_CONTENT, 'articles');

/** The fixture's stories as written, with whether each is public now. */
function contentStories(): { slug: string; title: string; public: boolean }[] {
  return readdirSync(CONTENT).map((slug) => {
    const { data } = readFrontmatter(readFileSync(join(CONTENT, slug, 'index.mdx'), 'utf8'));
    const publishedAt = parseNewsroomDate(data['publishedAt']) as Date;
    return {
      slug,
      title: String(data['title']),
      public: isPublic({ data: { draft: data['draft'] === true, publishedAt } }, new Date()),
    };
  });
}

let site: RunningSite;

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  await site.stop();
});

/** Addresses of pages reachable from `start` in at most `clicks` link follows, with their distance. */
async function reachable(start: string, clicks: number): Promise<Map<string, number>> {
  const seen = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let depth = 1; depth <= clicks; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      const res = await fetch(`${site.origin}${path}`);
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/html')) continue;
      const html = await res.text();
      for (const [, href] of html.matchAll(/<a\b[^>]*\shref="([^"#]+)[^"]*"/g)) {
        if (!href?.startsWith('/') || href.startsWith('//')) continue;
        if (/\.(xml|png|jpe?g|webp|avif|svg)$/.test(href) || href.startsWith('/admin')) continue;
        if (!seen.has(href)) {
          seen.set(href, depth);
          next.push(href);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

describe('every story is close at hand', () => {
  it('builds a page for exactly the public sample stories', () => {
    const expected = contentStories()
      .filter((s) => s.public)
      .map((s) => `/articles/${s.slug}/`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(builtArticles()).toEqual(expected);
  });

  for (const start of ['/', '/editions/']) {
    it(`reaches every public story within three clicks from ${start}`, async () => {
      const reached = await reachable(start, 3);
      const missing = builtArticles().filter((a) => !reached.has(a));
      expect(missing).toEqual([]);
    });
  }

  it('reaches every story that ran in print within two clicks of the edition list', async () => {
    const reached = await reachable('/editions/', 2);
    const inPrint = builtArticles().filter((a) =>
      readFileSync(join(CLIENT, a, 'index.html'), 'utf8').includes('class="print-ref"'),
    );
    expect(inPrint.length).toBeGreaterThan(0);
    expect(inPrint.filter((a) => !reached.has(a))).toEqual([]);
  });
});

describe('drafts and scheduled stories appear nowhere', () => {
  const hidden = contentStories().filter((s) => !s.public);

  it('has hidden sample stories to check', () => {
    expect(hidden.length).toBeGreaterThan(0);
  });

  it('leaves them out of every page, feed and the sitemap', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) {
          if (name !== '_astro' && name !== 'pagefind') walk(full);
        } else if (/\.(html|xml)$/.test(name)) files.push(full);
      }
    };
    walk(CLIENT);
    expect(files.some((f) => f.endsWith('rss.xml'))).toBe(true);
    expect(files.some((f) => f.includes('sitemap'))).toBe(true);
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const story of hidden) {
        if (text.includes(`/articles/${story.slug}/`) || text.includes(story.title)) {
          leaks.push(`${file.slice(CLIENT.length)} mentions ${story.slug}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('answers 404 for their addresses', async () => {
    for (const story of hidden) {
      const res = await fetch(`${site.origin}/articles/${story.slug}/`);
      expect(res.status).toBe(404);
    }
  });
});
