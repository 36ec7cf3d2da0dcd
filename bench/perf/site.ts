/**
 * A built site to measure pages on: the project built against either the
 * real sample content or a generated corpus, under bench/.out/site-<name>/,
 * and the five pages the issue names.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCorpus } from './corpus.ts';
import { mib, OUT, ROOT, seconds } from './machine.ts';
import { measure } from './measure.ts';
import { ASTRO_MARKERS, projectBuild, seedImageCache } from './project.ts';

/** The five pages of the page-weight and Lighthouse benchmarks. */
export interface SitePages {
  home: string;
  article: string;
  column: string;
  search: string;
  hotline: string;
}

/** A built site and the paths of its measured pages. */
export interface BuiltSite {
  name: string;
  /** ASTRO_OUT_DIR for startSite(). */
  outDir: string;
  contentDir: string;
  pages: SitePages;
  /** Slug of the measured article and why it was chosen. */
  articleNote: string;
}

/** The real sample story with a lead photo, a body figure, a profile card and a pull quote. */
const REAL_ARTICLE = 'lin-dong-ge-kuai-di-yuan';

function columnOf(contentDir: string, slug: string): string {
  const source = readFileSync(join(contentDir, 'articles', slug, 'index.mdx'), 'utf8');
  const match = /^column:\s*(\S+)/m.exec(source);
  if (!match?.[1]) throw new Error(`no column in ${slug}`);
  return match[1];
}

/** The generated story that carries the most weight: a lead photo, a body figure and a component. */
function heaviestGenerated(contentDir: string): string {
  const slugs = readdirSync(join(contentDir, 'articles')).sort();
  const score = (slug: string) => {
    const s = readFileSync(join(contentDir, 'articles', slug, 'index.mdx'), 'utf8');
    return (
      (/^hero:/m.test(s) ? 4 : 0) +
      (s.includes('<Figure') ? 2 : 0) +
      (/<(PullQuote|FactBox|ProfileCard)/.test(s) ? 1 : 0)
    );
  };
  let best = slugs[0] as string;
  let bestScore = -1;
  for (const slug of slugs) {
    const sc = score(slug);
    if (sc > bestScore) {
      best = slug;
      bestScore = sc;
    }
    if (sc === 7) break;
  }
  return best;
}

/**
 * Builds the site (unless `reuse` and it exists) and picks the pages.
 * `content` is 'real' for content/ or a number of generated articles.
 */
export async function ensureSite(content: 'real' | number, reuse: boolean): Promise<BuiltSite> {
  const name = content === 'real' ? 'site-real' : `site-${String(content)}`;
  const contentDir =
    content === 'real' ? resolve(ROOT, 'content') : (await ensureCorpus({ count: content })).contentDir;
  const build = projectBuild(name, contentDir);
  const ready = existsSync(join(build.outDir, 'server', 'entry.mjs'));
  if (!reuse || !ready) {
    if (content !== 'real') seedImageCache(build.cacheDir, content);
    console.log(`building ${name} …`);
    const result = await measure({
      command: build.command,
      args: build.args,
      cwd: build.cwd,
      env: build.env,
      timeoutMs: 30 * 60_000,
      logFile: join(OUT, 'logs', `${name}.log`),
      markers: ASTRO_MARKERS,
    });
    if (result.exitCode !== 0) throw new Error(`build of ${name} failed:\n${result.tail}`);
    console.log(`built ${name} in ${seconds(result.wallMs)} (peak ${mib(result.peakTreeRssKb)})`);
  }
  const slug = content === 'real' ? REAL_ARTICLE : heaviestGenerated(contentDir);
  return {
    name,
    outDir: build.outDir,
    contentDir,
    articleNote:
      content === 'real'
        ? `${slug} (real sample: lead photo, body figure, profile card, pull quote)`
        : `${slug} (generated; lead photo, body figure and a component where the corpus has one)`,
    pages: {
      home: '/',
      article: `/articles/${slug}/`,
      column: `/columns/${columnOf(contentDir, slug)}/`,
      search: '/search/',
      hotline: '/hotline/',
    },
  };
}
