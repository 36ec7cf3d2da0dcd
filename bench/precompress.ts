/**
 * What the build's precompression step (src/integrations/compress.ts:
 * Brotli quality 11 + gzip level 9 beside every text file) costs, against
 * cheaper settings, on the pages of a built site. One thread, synchronous,
 * like the integration. Prints time and bytes per setting.
 *
 *   node bench/precompress.ts --count 1000     # the site page-weight/lighthouse build
 *   node bench/precompress.ts --dir bench/.out/site-real/client
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { appendResults, loadAverage, machine, OUT, waitForQuiet } from './perf/machine.ts';

const { values } = parseArgs({
  options: {
    'wait-quiet': { type: 'boolean', default: false },
    'max-wait-min': { type: 'string', default: '60' },
    count: { type: 'string', default: '1000' },
    dir: { type: 'string' },
    limit: { type: 'string', default: '600' },
  },
});
const dir = resolve(values.dir ?? join(OUT, `site-${values.count}`, 'client'));
const quiet = values['wait-quiet']
  ? await waitForQuiet({ maxWaitMs: Number(values['max-wait-min']) * 60_000 })
  : undefined;

const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(html|css|js|mjs|json|svg|xml|txt)$/.test(e.name))
  .map((e) => join(e.parentPath, e.name))
  .filter((f) => statSync(f).size >= 1024)
  .sort()
  .slice(0, Number(values.limit));
if (files.length === 0)
  throw new Error(`no text files in ${dir}; build the site first (node bench/page-weight.ts)`);
const bodies = files.map((f) => readFileSync(f));
const rawBytes = bodies.reduce((n, b) => n + b.byteLength, 0);

const brotli = (quality: number) => (b: Buffer) =>
  brotliCompressSync(b, {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: b.byteLength },
  });
const SETTINGS: { label: string; run: (b: Buffer) => Buffer }[] = [
  { label: 'brotli q11 (current)', run: brotli(11) },
  { label: 'brotli q9', run: brotli(9) },
  { label: 'brotli q5', run: brotli(5) },
  { label: 'gzip 9 (current)', run: (b) => gzipSync(b, { level: 9 }) },
  { label: 'gzip 6', run: (b) => gzipSync(b, { level: 6 }) },
];
const rows = SETTINGS.map((s) => {
  const started = performance.now();
  let bytes = 0;
  for (const b of bodies) bytes += s.run(b).byteLength;
  const ms = performance.now() - started;
  return { label: s.label, msPerFile: ms / bodies.length, bytes };
});

console.log(
  `\n${String(files.length)} text files from ${dir}, ${(rawBytes / 1e6).toFixed(1)} MB raw; load ${loadAverage().join(' ')}`,
);
console.log('| setting | ms per file | total compressed | vs raw |\n|---|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.msPerFile.toFixed(2)} | ${(r.bytes / 1e6).toFixed(2)} MB | ${((r.bytes / rawBytes) * 100).toFixed(1)} % |`,
  );
}
appendResults([
  {
    benchmark: 'precompress',
    date: new Date().toISOString(),
    machine: machine(),
    load: loadAverage(),
    quietWait: quiet,
    command: `node bench/precompress.ts ${values.dir ? `--dir ${values.dir}` : `--count ${values.count}`}`,
    files: files.length,
    rawBytes,
    rows,
  },
]);
