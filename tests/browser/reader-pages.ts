import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../support/server.ts';

/** Static pages of the build. */
export const CLIENT = join(DIST, 'client');

const firstDir = (dir: string, accept: (name: string) => boolean = () => true): string => {
  const name = readdirSync(join(CLIENT, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .find(accept);
  if (name === undefined) throw new Error(`no page under ${dir} in ${CLIENT}`);
  return `/${dir}/${name}/`;
};

const html = (path: string): string => readFileSync(join(CLIENT, path, 'index.html'), 'utf8');

/** Every public article address in the build. */
export function builtArticles(): string[] {
  return readdirSync(join(CLIENT, 'articles'))
    .sort()
    .map((slug) => `/articles/${slug}/`);
}

/**
 * One address per page type of the reader site, found in the build so the
 * tests follow whatever sample content exists.
 */
export function pageTypes(): Record<string, string> {
  const articles = builtArticles();
  const withHero = articles.find((a) => html(a).includes('class="hero')) ?? articles[0];
  const withoutHero = articles.find((a) => !html(a).includes('class="hero'));
  const types: Record<string, string> = {
    home: '/',
    'article with photo': withHero ?? '',
    column: firstDir('columns'),
    columns: '/columns/',
    district: firstDir('districts'),
    districts: '/districts/',
    topic: firstDir('topics'),
    topics: '/topics/',
    author: firstDir('authors'),
    authors: '/authors/',
    editions: '/editions/',
    edition: firstDir('editions'),
    archive: '/archive/',
    'archive month': firstDir('archive'),
    about: '/about/',
  };
  if (withoutHero) types['article without photo'] = withoutHero;
  return types;
}

/** The file on disk for a page address. */
export function fileOf(path: string): string {
  const file = path === '/404/' ? join(CLIENT, '404.html') : join(CLIENT, path, 'index.html');
  if (!existsSync(file)) throw new Error(`${file} is not in the build`);
  return file;
}
