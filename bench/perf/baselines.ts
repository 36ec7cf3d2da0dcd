/**
 * The two baselines the project is compared against on the same corpus:
 * a bare Astro 7 site (one plain page template, getCollection + render) in
 * an `.mdx` and an `.md` flavour, and a Hugo site rendering the same
 * bodies as Markdown with shortcodes.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { convertTree, toHtmlMarkdown, toHugoMarkdown } from './convert.ts';
import { OUT, ROOT } from './machine.ts';

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Minimal stand-ins for the project's MDX components, so MDX bodies render. */
const BARE_COMPONENTS: Record<string, string> = {
  PullQuote: `---\nconst { cite } = Astro.props;\n---\n<blockquote class="pull-quote"><slot /><footer>{cite}</footer></blockquote>\n`,
  FactBox: `---\nconst { title } = Astro.props;\n---\n<aside class="fact-box"><h2>{title}</h2><slot /></aside>\n`,
  ProfileCard: `---\nconst { name, title, honors = [] } = Astro.props;\n---\n<aside class="profile-card"><p>{name}</p><p>{title}</p><ul>{honors.map((h) => <li>{h}</li>)}</ul></aside>\n`,
  HotlineCallout: `---\nconst { text = '新闻热线' } = Astro.props;\n---\n<aside class="hotline"><p>{text}</p></aside>\n`,
  Figure: `---\nconst { caption, credit } = Astro.props;\n---\n<figure><slot /><figcaption>{caption} {credit}</figcaption></figure>\n`,
};

/** A scaffolded baseline project and how to build it. */
export interface Baseline {
  dir: string;
  outDir: string;
  cacheDir: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * Writes bench/.out/bare-astro-<flavour>/ (config, content config, one
 * page template, stand-in components; node_modules symlinked to the
 * project's) reading articles from `contentDir/articles`.
 */
export function bareAstro(flavour: 'mdx' | 'md', contentDir: string, label: string): Baseline {
  const dir = join(OUT, `bare-astro-${flavour}`);
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'node_modules')))
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  write(
    join(dir, 'package.json'),
    JSON.stringify(
      { name: `bare-astro-${flavour}`, private: true, type: 'module', scripts: { build: 'astro build' } },
      null,
      2,
    ),
  );
  write(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// A bare Astro 7 + MDX site: defaults everywhere, static output.
export default defineConfig({
  integrations: [mdx()],
  outDir: process.env.BENCH_OUT_DIR,
  cacheDir: process.env.BENCH_CACHE_DIR,
  devToolbar: { enabled: false },
});
`,
  );
  write(
    join(dir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = \`\${process.env.BENCH_CONTENT_DIR}/articles\`;
export const collections = {
  articles: defineCollection({
    loader: glob({ base, pattern: '*/index.${flavour}', generateId: ({ entry }) => entry.split('/')[0] }),
  }),
};
`,
  );
  const components = flavour === 'mdx' ? Object.keys(BARE_COMPONENTS) : [];
  for (const name of components)
    write(join(dir, 'src', 'components', `${name}.astro`), BARE_COMPONENTS[name] ?? '');
  write(
    join(dir, 'src', 'pages', 'articles', '[slug].astro'),
    `---
import { getCollection, render } from 'astro:content';
${components.map((c) => `import ${c} from '../../components/${c}.astro';`).join('\n')}

export async function getStaticPaths() {
  const articles = await getCollection('articles');
  return articles.map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}

const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="zh-CN">
  <head><meta charset="utf-8" /><title>{entry.data.title}</title></head>
  <body><main><h1>{entry.data.title}</h1><Content ${flavour === 'mdx' ? `components={{ ${components.join(', ')} }}` : ''} /></main></body>
</html>
`,
  );
  const outDir = join(OUT, `bare-astro-${flavour}-${label}-dist`);
  const cacheDir = join(OUT, `bare-astro-${flavour}-${label}-cache`);
  return {
    dir,
    outDir,
    cacheDir,
    command: 'npm',
    args: ['run', 'build', '--silent'],
    env: { BENCH_CONTENT_DIR: contentDir, BENCH_OUT_DIR: outDir, BENCH_CACHE_DIR: cacheDir },
  };
}

/** Converts the corpus articles to `.md` with HTML in place of components (for the bare `.md` site). */
export function markdownCorpus(corpusDir: string): { contentDir: string; articles: number } {
  const contentDir = join(corpusDir, 'md');
  const articles = convertTree(
    join(corpusDir, 'content', 'articles'),
    join(contentDir, 'articles'),
    toHtmlMarkdown,
  );
  return { contentDir, articles };
}

const HUGO_LAYOUTS: Record<string, string> = {
  '_default/baseof.html': `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
  '_default/single.html': `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n`,
  '_default/list.html': `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}\n`,
  'shortcodes/pullquote.html': `<blockquote class="pull-quote">{{ .Inner }}<footer>{{ .Get "cite" }}</footer></blockquote>\n`,
  'shortcodes/factbox.html': `<aside class="fact-box"><h2>{{ .Get "title" }}</h2>{{ .Inner }}</aside>\n`,
  'shortcodes/profilecard.html': `<aside class="profile-card"><p>{{ .Get "name" }}</p><p>{{ .Get "title" }}</p><ul>{{ range split (.Get "honors") "|" }}<li>{{ . }}</li>{{ end }}</ul></aside>\n`,
  'shortcodes/hotline.html': `<aside class="hotline"><p>{{ with .Get "text" }}{{ . }}{{ else }}新闻热线{{ end }}</p></aside>\n`,
  'shortcodes/figurebox.html': `<figure>{{ .Inner }}<figcaption>{{ .Get "caption" }} {{ .Get "credit" }}</figcaption></figure>\n`,
};

/**
 * Writes a Hugo site under bench/.corpus/perf-<count>/hugo/ whose content is
 * the corpus converted to Markdown with shortcodes (page bundles, photos
 * beside each index.md; not resized). One single-page template, like the
 * bare Astro site; taxonomies, RSS and sitemap are off.
 */
export function hugoSite(corpusDir: string, label: string): Baseline & { articles: number } {
  const dir = join(corpusDir, 'hugo');
  rmSync(dir, { recursive: true, force: true });
  const articles = convertTree(
    join(corpusDir, 'content', 'articles'),
    join(dir, 'content', 'articles'),
    toHugoMarkdown,
  );
  write(
    join(dir, 'hugo.toml'),
    `baseURL = "http://localhost/"
languageCode = "zh-cn"
title = "bench"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
`,
  );
  for (const [file, text] of Object.entries(HUGO_LAYOUTS)) write(join(dir, 'layouts', file), text);
  const outDir = join(OUT, `hugo-${label}-public`);
  const cacheDir = join(OUT, `hugo-${label}-cache`);
  return {
    dir,
    outDir,
    cacheDir,
    command: 'hugo',
    args: ['--source', dir, '--destination', outDir, '--cacheDir', cacheDir, '--quiet'],
    env: {},
    articles,
  };
}
