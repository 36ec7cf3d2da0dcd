/**
 * Page weight of home, an article, a column page, /search/ and /hotline/:
 * every request the page makes while loading in Debian Chromium (mobile
 * viewport, cache off), grouped by type. Bytes are counted three ways:
 * raw (the body as served), gzip (zlib level 6, what nginx/Caddy send by
 * default) and brotli (quality 11, what a host with precompressed files
 * sends), computed here with node:zlib from the same bodies, so hosts
 * that compress differently can compare. "transferred" is CDP's
 * encodedDataLength: what the site's own server sent (its precompressed
 * Brotli copies, src/server/serve.ts). Images are counted as served.
 *
 *   node bench/page-weight.ts                 # generated corpus, 1,000 articles
 *   node bench/page-weight.ts --content real  # the sample content
 *   node bench/page-weight.ts --count 10000 --reuse
 */
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { appendResults, waitForQuiet, loadAverage, machine } from './perf/machine.ts';
import { ensureSite, type SitePages } from './perf/site.ts';

const { values } = parseArgs({
  options: {
    'max-wait-min': { type: 'string', default: '60' },
    'wait-quiet': { type: 'boolean', default: false },
    count: { type: 'string', default: '1000' },
    content: { type: 'string', default: 'generated' },
    reuse: { type: 'boolean', default: false },
  },
});
const content = values.content === 'real' ? 'real' : Number(values.count);
const site = await ensureSite(content, values.reuse);
// Wait after building: only the page measurements need a quiet machine.
const quiet = values['wait-quiet']
  ? await waitForQuiet({ maxWaitMs: Number(values['max-wait-min']) * 60_000 })
  : undefined;
process.env['ASTRO_OUT_DIR'] = site.outDir;
const { startSite } = await import('../tests/support/server.ts');
const { launchBrowser } = await import('../tests/support/browser.ts');

type Kind = 'html' | 'css' | 'js' | 'image' | 'font' | 'other';
interface Resource {
  url: string;
  kind: Kind;
  status: number;
  raw: number;
  gzip: number;
  brotli: number;
  /** Bytes Chromium received for it (CDP encodedDataLength: headers plus the body as sent, compressed if the server compressed). */
  wire: number;
}
interface Totals {
  requests: number;
  wire: number;
  raw: number;
  gzip: number;
  brotli: number;
}
interface PageWeight {
  page: keyof SitePages;
  path: string;
  resources: Resource[];
  byKind: Record<Kind, Totals>;
  total: Totals;
  /** HTML + CSS, compressed (the issue's target excludes images and counts JS separately). */
  htmlCss: { gzip: number; brotli: number };
  scripts: number;
}

function kindOf(type: string | undefined, mime: string): Kind {
  if (type === 'Document' || mime.includes('html')) return 'html';
  if (type === 'Stylesheet' || mime.includes('css')) return 'css';
  if (type === 'Script' || mime.includes('javascript')) return 'js';
  if (type === 'Image' || mime.startsWith('image/')) return 'image';
  if (type === 'Font' || mime.startsWith('font/')) return 'font';
  return 'other';
}

const running = await startSite();
const browser = await launchBrowser();
const results: PageWeight[] = [];
try {
  for (const [page, path] of Object.entries(site.pages) as [keyof SitePages, string][]) {
    const context = await browser.newContext({
      viewport: { width: 412, height: 823 },
      deviceScaleFactor: 1.75,
      isMobile: true,
      hasTouch: true,
    });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const seen = new Map<
      string,
      { url: string; type?: string; mime: string; status: number; wire: number }
    >();
    cdp.on('Network.responseReceived', (e) => {
      seen.set(e.requestId, {
        url: e.response.url,
        type: e.type,
        mime: e.response.mimeType,
        status: e.response.status,
        wire: 0,
      });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.wire = e.encodedDataLength;
    });
    await tab.goto(`${running.origin}${path}`, { waitUntil: 'networkidle' });
    const resources: Resource[] = [];
    for (const r of seen.values()) {
      if (r.url.startsWith('data:')) continue;
      const body = Buffer.from(await (await fetch(r.url)).arrayBuffer());
      const kind = kindOf(r.type, r.mime);
      const compressible = kind !== 'image' && kind !== 'font';
      resources.push({
        url: r.url.replace(running.origin, ''),
        kind,
        status: r.status,
        raw: body.byteLength,
        gzip: compressible ? gzipSync(body, { level: 6 }).byteLength : body.byteLength,
        brotli: compressible
          ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength
          : body.byteLength,
        wire: r.wire,
      });
    }
    const zero = (): Totals => ({ requests: 0, wire: 0, raw: 0, gzip: 0, brotli: 0 });
    const byKind: Record<Kind, Totals> = {
      html: zero(),
      css: zero(),
      js: zero(),
      image: zero(),
      font: zero(),
      other: zero(),
    };
    const total = zero();
    for (const r of resources) {
      for (const t of [byKind[r.kind], total]) {
        t.requests += 1;
        t.wire += r.wire;
        t.raw += r.raw;
        t.gzip += r.gzip;
        t.brotli += r.brotli;
      }
    }
    const scripts = await tab.locator('script:not([type="application/ld+json"])').count();
    results.push({
      page,
      path,
      resources,
      byKind,
      total,
      htmlCss: { gzip: byKind.html.gzip + byKind.css.gzip, brotli: byKind.html.brotli + byKind.css.brotli },
      scripts,
    });
    await context.close();
  }
} finally {
  await browser.close();
  await running.stop();
}

const kb = (n: number) => (n / 1000).toFixed(1);
const info = machine();
console.log(`\nsite: ${site.name}; article: ${site.articleNote}; kB = 1,000 bytes`);
console.log(
  '| page | requests | transferred (all) | HTML gzip / br | CSS gzip / br (files) | JS gzip / br (files) | images (files) | HTML+CSS gzip / br | all gzip / br | <script> elements |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const k = r.byKind;
  console.log(
    `| ${r.page} \`${r.path}\` | ${String(r.total.requests)} | ${kb(r.total.wire)} | ${kb(k.html.gzip)} / ${kb(k.html.brotli)} | ${kb(k.css.gzip)} / ${kb(k.css.brotli)} (${String(k.css.requests)}) | ${kb(k.js.gzip)} / ${kb(k.js.brotli)} (${String(k.js.requests)}) | ${kb(k.image.raw)} (${String(k.image.requests)}) | ${kb(r.htmlCss.gzip)} / ${kb(r.htmlCss.brotli)} | ${kb(r.total.gzip)} / ${kb(r.total.brotli)} | ${String(r.scripts)} |`,
  );
}
for (const r of results) {
  console.log(
    `\n${r.page}: ${r.resources.map((x) => `${x.url} [${x.kind} ${String(x.status)}, ${kb(x.wire)} kB transferred, ${kb(x.raw)} kB raw, ${kb(x.gzip)} gz]`).join('\n  ')}`,
  );
}
appendResults([
  {
    benchmark: 'page-weight',
    date: new Date().toISOString(),
    machine: info,
    load: loadAverage(),
    quietWait: quiet,
    site: site.name,
    article: site.articleNote,
    command: `node bench/page-weight.ts ${values.content === 'real' ? '--content real' : `--count ${values.count}`}`,
    results,
  },
]);
