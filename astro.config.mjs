// @ts-check
import { defineConfig, sharpImageService } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { contentGuard } from './src/integrations/content-guard.ts';
import { contentFilesReset } from './src/integrations/content-files-reset.ts';
import { pagefindIntegration } from './src/integrations/pagefind.ts';
import { compressIntegration } from './src/integrations/compress.ts';
import { cmsBundleIntegration } from './src/integrations/cms-bundle.ts';
import { siteDataIntegration } from './src/integrations/site-data.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { headingLevelsPlugin } from './src/lib/heading-levels.ts';

/** Public origin of the site; set SITE_URL in production so canonical URLs and feeds are right. */
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'always',
  // Pages are static; only the tips endpoint and the editors' inbox opt out with `prerender = false`.
  output: 'static',
  adapter: node({
    mode: 'standalone',
    // Four photos of 10 MB plus the text fields; anything larger is refused with 413 before parsing.
    bodySizeLimit: 42 * 1024 * 1024,
  }),
  integrations: [
    contentFilesReset(),
    contentGuard(),
    siteDataIntegration(),
    cmsBundleIntegration(),
    // Body headings start at h2 under the page's h1, whatever level the editor typed (src/lib/heading-levels.ts).
    mdx({ processor: satteri({ hastPlugins: [headingLevelsPlugin] }) }),
    sitemap({ filter: (page) => !/\/(admin|inbox|api)\//.test(page) }),
    pagefindIntegration(),
    compressIntegration(),
  ],
  image: {
    // AVIF at sharp's default effort 4 took 1–2.5 s per file and was most of a cold build (docs/benchmarks.md);
    // effort 2 is about 9× faster for files about 30 % larger, still well under the WebP fallback.
    service: sharpImageService({ avif: { effort: 2 }, webp: { effort: 4 } }),
    layout: 'constrained',
    responsiveStyles: true,
  },
  build: { format: 'directory' },
  // Separate output and cache folders let tests and benchmarks build side by side.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  devToolbar: { enabled: false },
  experimental: {
    // A page is drawn again only when its cache key changes (src/lib/page-keys.ts): its props and the
    // site-wide data. The publisher keeps the cache folder, so a publish redraws what the change touched.
    incrementalBuild: true,
  },
  vite: {
    build: {
      rolldownOptions: {
        // Astro marks every MDX module with this directive on purpose; the bundler's warning about it is noise
        // that buries real warnings (two per story: 20,000 warnings with code frames at 10,000 stories).
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
    // Generated corpora, benchmark output and tip data are not sources; watching them floods the dev server.
    server: {
      watch: {
        ignored: ['**/bench/.corpus/**', '**/bench/.out/**', '**/.builds/**', '**/.work-*/**', '**/data/**'],
      },
    },
  },
  // Behind a TLS proxy the server sees http://internal-host; Astro's origin check (CSRF) needs the public
  // origin, or every tip and inbox login gets 403. SITE_URL supplies it.
  security: process.env.SITE_URL
    ? {
        allowedDomains: [
          { hostname: new URL(site).hostname, protocol: new URL(site).protocol.replace(':', '') },
        ],
      }
    : {},
});
