import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import { readFrontmatter } from './frontmatter.ts';
import { COLLECTIONS, collectionsIn, type CollectionName } from '../schemas/collections.ts';
import type { ContentFile } from './content-check.ts';

/** Story files other than `index.mdx`: Decap writes `index-1.mdx` when a new story's slug is already taken. */
const STORY_FILE = /\.mdx?$/;

/**
 * Reads every content file under `contentDir` the way the site's loaders do,
 * for every collection of the registry: one folder per story
 * (`articles/<slug>/index.mdx`) and one YAML file per data entry. Stories
 * carry their body and the file line it starts on, and any other story file
 * in their folder.
 */
export function readContentFiles(contentDir: string, root = process.cwd()): ContentFile[] {
  return [
    ...collectionsIn('mdx-folders').flatMap((collection) => readStoryFolders(contentDir, collection, root)),
    ...readDataFiles(contentDir, collectionsIn('yaml', 'yaml-file'), root),
  ];
}

/** One entry per `<folder>/<id>/index.mdx` of a story collection. */
function readStoryFolders(contentDir: string, collection: CollectionName, root: string): ContentFile[] {
  const files: ContentFile[] = [];
  for (const folder of storyFolders(contentDir, collection)) {
    const file = readStoryFolder(folder, collection, root);
    if (file) files.push(file);
  }
  return files;
}

/** The folders of a story collection (`<contentDir>/articles/<slug>`), whether or not they hold a story. */
export function storyFolders(contentDir: string, collection: CollectionName): string[] {
  const articlesDir = join(contentDir, COLLECTIONS[collection].folder);
  if (!existsSync(articlesDir)) return [];
  return readdirSync(articlesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(articlesDir, entry.name));
}

/** The story of one folder (its `index.mdx`), or undefined when the folder has none. */
export function readStoryFolder(
  folder: string,
  collection: CollectionName,
  root: string,
): ContentFile | undefined {
  // One listing per folder finds index.mdx and its stray siblings in the same system call.
  const names = readdirSync(folder);
  if (!names.includes('index.mdx')) return undefined;
  const path = join(folder, 'index.mdx');
  const source = readFileSync(path, 'utf8');
  const { data, body } = readFrontmatter(source);
  const others = names.filter((n) => n !== 'index.mdx' && STORY_FILE.test(n)).sort();
  return {
    collection,
    id: basename(folder),
    file: relative(root, path),
    data,
    body,
    bodyLine: lineOf(source, source.length - body.length),
    folderFiles: names,
    ...(others.length > 0 ? { otherStoryFiles: others.map((n) => relative(root, join(folder, n))) } : {}),
  };
}

/** Reads the YAML entries (`<collection>/<id>.yml`) of the given data collections. */
export function readDataFiles(
  contentDir: string,
  collections: readonly CollectionName[],
  root = process.cwd(),
): ContentFile[] {
  const files: ContentFile[] = [];
  for (const collection of collections) {
    const dir = join(contentDir, COLLECTIONS[collection].folder);
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir).sort();
    for (const name of names) {
      if (!name.endsWith('.yml')) continue;
      const path = join(dir, name);
      const data: unknown = parse(readFileSync(path, 'utf8'), { schema: 'core' });
      files.push({
        collection,
        id: name.slice(0, -'.yml'.length),
        file: relative(root, path),
        data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {},
        // Editions keep their page images and PDFs beside their files.
        folderFiles: names,
        ...(collection === 'editions' ? { imageSizes: pngSizes(dir, names) } : {}),
      });
    }
  }
  return files;
}

/** The 1-based line of a UTF-16 offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * Width and height of the PNG pictures in a folder, from each file's header
 * (the 24 bytes before the image data), so the guard can tell a region that
 * falls off its page image without decoding any picture.
 */
function pngSizes(dir: string, names: readonly string[]): Record<string, { width: number; height: number }> {
  const sizes: Record<string, { width: number; height: number }> = {};
  const header = Buffer.alloc(24);
  for (const name of names) {
    if (!name.toLowerCase().endsWith('.png')) continue;
    const fd = openSync(join(dir, name), 'r');
    try {
      if (readSync(fd, header, 0, 24, 0) < 24 || header.toString('latin1', 12, 16) !== 'IHDR') continue;
      sizes[name] = { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
    } finally {
      closeSync(fd);
    }
  }
  return sizes;
}
