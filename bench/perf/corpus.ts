/**
 * The benchmark corpus: the search engineer's deterministic generator
 * (bench/corpus/generate.ts) plus, when it writes no photos, lead photos
 * and body figures taken from the real sample articles, so image
 * processing is part of the build like in the newsroom. A stamp file lets
 * a corpus be reused while the generator, count, seed and image share
 * stay the same.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CORPUS_ROOT, ROOT } from './machine.ts';

/** A generated corpus on disk. */
export interface Corpus {
  count: number;
  seed: number;
  /** bench/.corpus/perf-<count>/ */
  dir: string;
  /** The content tree to pass as CONTENT_DIR. */
  contentDir: string;
  articles: number;
  /** Articles with a lead photo. */
  heroes: number;
  /** Articles with a <Figure> photo in the body. */
  figures: number;
  /** Articles that use at least one MDX component. */
  withComponents: number;
  generatedMs: number;
  reused: boolean;
}

/** Options of {@link ensureCorpus}. */
export interface CorpusRequest {
  count: number;
  seed?: number;
  /** Share of articles that get a lead photo when the generator adds none (default 0.05). */
  imageShare?: number;
}

const GENERATOR_FILES = ['bench/corpus/generate.ts', 'bench/corpus/vocabulary.ts', 'bench/perf/corpus.ts'];

function stampOf(request: Required<CorpusRequest>): string {
  const hash = createHash('sha256');
  for (const file of GENERATOR_FILES) hash.update(readFileSync(resolve(ROOT, file)));
  hash.update(JSON.stringify(request));
  return hash.digest('hex').slice(0, 16);
}

/** Real photos from the sample articles, reused as benchmark photos (1600×1067 JPEG, ~160 kB). */
function samplePhotos(): string[] {
  const base = resolve(ROOT, 'content', 'articles');
  const photos: string[] = [];
  for (const slug of readdirSync(base).sort()) {
    for (const name of readdirSync(join(base, slug)).sort()) {
      if (/\.jpe?g$/i.test(name)) photos.push(join(base, slug, name));
    }
  }
  if (photos.length === 0) throw new Error('no sample photos under content/articles/*/');
  return photos;
}

/**
 * Copies a JPEG with a comment segment naming the article, so every story
 * has its own photo (as in the newsroom) and Astro processes each one
 * instead of deduplicating identical files by content hash.
 */
function uniqueJpeg(from: string, to: string, tag: string): void {
  const source = readFileSync(from);
  const text = Buffer.from(`bench photo ${tag}`, 'utf8');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0); // COM marker
  segment.writeUInt16BE(text.length + 2, 2);
  // SOI (2 bytes), then the comment, then the rest of the original file.
  writeFileSync(to, Buffer.concat([source.subarray(0, 2), segment, text, source.subarray(2)]));
}

/** The generator's article number: the five digits that end each slug. */
function indexOf(slug: string): number {
  const match = /-(\d{5})$/.exec(slug);
  return match ? Number(match[1]) : 0;
}

/**
 * Gives every `1/share`-th article a lead photo and every second of those
 * also a <Figure> in the body, unless the generator already wrote photos.
 */
function addPhotos(contentDir: string, share: number): { heroes: number; figures: number } {
  const articlesDir = join(contentDir, 'articles');
  const slugs = readdirSync(articlesDir).sort();
  const alreadyHas = slugs.some((slug) =>
    readdirSync(join(articlesDir, slug)).some((f) => /\.(jpe?g|png|webp)$/i.test(f)),
  );
  if (alreadyHas || share <= 0) return countPhotos(contentDir);
  const photos = samplePhotos();
  const every = Math.max(1, Math.round(1 / share));
  for (const slug of slugs) {
    const index = indexOf(slug);
    if (index % every !== 0) continue;
    const folder = join(articlesDir, slug);
    const file = join(folder, 'index.mdx');
    const source = readFileSync(file, 'utf8');
    const end = source.indexOf('\n---\n', 4);
    if (!source.startsWith('---\n') || end < 0) continue;
    uniqueJpeg(photos[index % photos.length] as string, join(folder, 'hero.jpg'), `${slug} hero`);
    const hero = `hero:\n  image: ./hero.jpg\n  alt: 本报记者在现场拍摄的工作场景\n  credit: 本报记者 摄\n`;
    let body = source.slice(end + 5);
    if ((index / every) % 2 === 0) {
      uniqueJpeg(
        photos[(index + 1) % photos.length] as string,
        join(folder, 'photo-2.jpg'),
        `${slug} photo-2`,
      );
      const figure = `<Figure caption="工作人员正在忙碌。" credit="本报记者 摄">\n\n![工作人员在服务站点里整理物品](./photo-2.jpg)\n\n</Figure>`;
      const paragraphs = body.split('\n\n');
      paragraphs.splice(Math.min(3, paragraphs.length), 0, figure);
      body = paragraphs.join('\n\n');
    }
    writeFileSync(file, `${source.slice(0, end + 1)}${hero}---\n${body}`);
  }
  return countPhotos(contentDir);
}

function countPhotos(contentDir: string): { heroes: number; figures: number } {
  let heroes = 0;
  let figures = 0;
  const articlesDir = join(contentDir, 'articles');
  for (const slug of readdirSync(articlesDir)) {
    const source = readFileSync(join(articlesDir, slug, 'index.mdx'), 'utf8');
    if (/^hero:/m.test(source)) heroes += 1;
    if (source.includes('<Figure')) figures += 1;
  }
  return { heroes, figures };
}

function countComponents(contentDir: string): number {
  const articlesDir = join(contentDir, 'articles');
  let n = 0;
  for (const slug of readdirSync(articlesDir)) {
    const source = readFileSync(join(articlesDir, slug, 'index.mdx'), 'utf8');
    if (/<(PullQuote|FactBox|ProfileCard|HotlineCallout|Figure)\b/.test(source)) n += 1;
  }
  return n;
}

/**
 * Generates bench/.corpus/perf-<count>/content with the shared generator, or
 * reuses it when its stamp matches.
 */
export async function ensureCorpus(request: CorpusRequest): Promise<Corpus> {
  const full: Required<CorpusRequest> = { seed: 42, imageShare: 0.05, ...request };
  // A folder of its own: the search benchmark generates bench/.corpus/<count>/ with the same generator but no photos.
  const dir = join(CORPUS_ROOT, `perf-${String(full.count)}`);
  const contentDir = join(dir, 'content');
  const stampFile = join(dir, 'stamp.json');
  const stamp = stampOf(full);
  const started = performance.now();
  let reused = false;
  if (existsSync(stampFile) && existsSync(contentDir)) {
    const saved = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp: string };
    reused = saved.stamp === stamp;
  }
  let photos: { heroes: number; figures: number };
  if (!reused) {
    const { generateCorpus } = await import('../corpus/generate.ts');
    await generateCorpus({
      count: full.count,
      outDir: dir,
      seed: full.seed,
      sourceContent: resolve(ROOT, 'content'),
    });
    photos = addPhotos(contentDir, full.imageShare);
    writeFileSync(stampFile, JSON.stringify({ stamp, ...full }, null, 2));
  } else {
    photos = countPhotos(contentDir);
  }
  return {
    count: full.count,
    seed: full.seed,
    dir,
    contentDir,
    articles: readdirSync(join(contentDir, 'articles')).length,
    ...photos,
    withComponents: countComponents(contentDir),
    generatedMs: Math.round(performance.now() - started),
    reused,
  };
}
