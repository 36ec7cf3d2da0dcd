/**
 * What one newsroom photo costs to encode: the sample lead photos
 * (1600×1067 JPEG) resized to the widths HeroFigure asks for and encoded
 * by sharp (the library behind Astro's image service) as AVIF at several
 * efforts, WebP and JPEG, one encode at a time (sharp.concurrency(1)), so
 * the figures are CPU seconds per photo. Also prints bytes, so speed and
 * size can be weighed together.
 *
 *   node bench/images.ts
 *   node bench/images.ts --widths 360,720,1080,1440 --photos 3
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp, { type Sharp } from 'sharp';
import { appendResults, loadAverage, machine, ROOT, waitForQuiet } from './perf/machine.ts';

const { values } = parseArgs({
  options: {
    'wait-quiet': { type: 'boolean', default: false },
    'max-wait-min': { type: 'string', default: '60' },
    widths: { type: 'string', default: '360,720,1080,1440' },
    photos: { type: 'string', default: '3' },
  },
});
const quiet = values['wait-quiet']
  ? await waitForQuiet({ maxWaitMs: Number(values['max-wait-min']) * 60_000 })
  : undefined;
const widths = values.widths.split(',').map(Number);

const base = join(ROOT, 'content', 'articles');
const photos = readdirSync(base)
  .sort()
  .flatMap((slug) => readdirSync(join(base, slug)).map((f) => join(base, slug, f)))
  .filter((f) => /hero\.jpe?g$/i.test(f))
  .slice(0, Number(values.photos));
if (photos.length === 0) throw new Error('no sample lead photos under content/articles/*/hero.jpg');

interface Encoding {
  label: string;
  apply: (s: Sharp) => Sharp;
}
// Astro's sharp service passes no effort, so sharp's defaults apply (AVIF effort 4, WebP effort 4).
const ENCODINGS: Encoding[] = [
  { label: 'avif effort 4 (default)', apply: (s) => s.avif() },
  { label: 'avif effort 2', apply: (s) => s.avif({ effort: 2 }) },
  { label: 'avif effort 0', apply: (s) => s.avif({ effort: 0 }) },
  { label: 'webp (default)', apply: (s) => s.webp() },
  { label: 'jpeg (default)', apply: (s) => s.jpeg() },
];

sharp.concurrency(1);
const rows: { label: string; msPerPhoto: number; bytesPerPhoto: number }[] = [];
for (const encoding of ENCODINGS) {
  let ms = 0;
  let bytes = 0;
  for (const photo of photos) {
    const input = readFileSync(photo);
    for (const width of widths) {
      const started = performance.now();
      const out = await encoding.apply(sharp(input).resize({ width })).toBuffer();
      ms += performance.now() - started;
      bytes += out.byteLength;
    }
  }
  rows.push({ label: encoding.label, msPerPhoto: ms / photos.length, bytesPerPhoto: bytes / photos.length });
}

console.log(
  `\n${String(photos.length)} photos × widths ${widths.join('/')}, one encode at a time; load ${loadAverage().join(' ')}`,
);
console.log('| encoding | CPU time per photo (all widths) | bytes per photo (all widths) |\n|---|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${(r.msPerPhoto / 1000).toFixed(2)} s | ${(r.bytesPerPhoto / 1000).toFixed(0)} kB |`,
  );
}
appendResults([
  {
    benchmark: 'images',
    date: new Date().toISOString(),
    machine: machine(),
    load: loadAverage(),
    quietWait: quiet,
    command: 'node bench/images.ts',
    widths,
    photos: photos.length,
    rows,
  },
]);
