/**
 * The rule the incremental build's cache keys rest on (src/lib/page-keys.ts): a keyed page renders from its
 * props and the site-wide data only. Checked on the source of every route, and the digest itself.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('astro:content', () => ({ getCollection: () => Promise.resolve([]) }));
vi.mock('virtual:site-data', () => ({ default: { columns: [], districts: [], settings: {} } }));
const { digestOf } = await import('../../src/lib/page-keys.ts');

const PAGES = resolve(import.meta.dirname, '../../src/pages');

/** Routes drawn on every build, with the reason they carry no key. */
const ALWAYS_DRAWN: Record<string, string> = {
  'columns/[id]/rss.xml.ts': 'five feeds, cheaper to write than to key',
  'editions/[date]/[page].pdf.ts': 'copies a PDF whose bytes are not in the content store',
  'editions/[date]/[page]/index.astro': 'reads the PDF size from disk',
  'editions/[date]/index.astro': 'few issues; the edition data joins stories at build time',
  'editions/archive/[year].astro': 'one page a year',
};

function routes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('_') ? [] : routes(path);
    return /\.(astro|ts)$/.test(entry.name) ? [relative(PAGES, path)] : [];
  });
}

const withPaths = routes(PAGES).filter((file) =>
  readFileSync(join(PAGES, file), 'utf8').includes('getStaticPaths'),
);

describe('every route with getStaticPaths', () => {
  it('finds the routes', () => {
    expect(withPaths).toContain('articles/[slug].astro');
  });

  it.each(withPaths)('%s: keyed through withCacheKeys, or drawn every build for a stated reason', (file) => {
    const source = readFileSync(join(PAGES, file), 'utf8');
    if (ALWAYS_DRAWN[file]) expect(source).not.toContain('withCacheKeys');
    else expect(source).toContain('return withCacheKeys(');
  });

  it.each(withPaths.filter((file) => !ALWAYS_DRAWN[file]))(
    '%s: reads no story list outside getStaticPaths, so its props carry all it shows of other stories',
    (file) => {
      const source = readFileSync(join(PAGES, file), 'utf8');
      const frontmatter = source.split('---')[1] ?? source;
      // What follows the Props interface is the page body; getStaticPaths comes before it.
      const body = frontmatter.slice(frontmatter.indexOf('interface Props'));
      expect(body).not.toMatch(/getPublishedArticles|getCollection\(|asStories\(/);
    },
  );
});

describe('digestOf', () => {
  const story = (title: string, src = '/_astro/hero.AAAA.jpg') => ({
    id: 'a',
    collection: 'articles',
    data: { title, hero: { image: { src, width: 1, height: 1, format: 'jpg' } } },
    body: '正文',
  });

  it('changes with anything in an entry: its data, its body, its photo', () => {
    const key = digestOf({ article: story('甲') });
    expect(digestOf({ article: story('甲') })).toBe(key);
    expect(digestOf({ article: story('乙') })).not.toBe(key);
    expect(digestOf({ article: { ...story('甲'), body: '改过的正文' } })).not.toBe(key);
    expect(digestOf({ article: story('甲', '/_astro/hero.BBBB.jpg') })).not.toBe(key);
  });

  it('counts what is in maps and sets, and the order of a list', () => {
    expect(digestOf(new Map([['a', 1]]))).not.toBe(digestOf(new Map([['a', 2]])));
    expect(digestOf(new Set(['a']))).not.toBe(digestOf(new Set(['b'])));
    expect(digestOf([story('甲'), story('乙')])).not.toBe(digestOf([story('乙'), story('甲')]));
  });
});
