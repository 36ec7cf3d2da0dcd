import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { readFrontmatter } from './frontmatter.ts';
import type { CollectionName, ContentFile } from './content-check.ts';

const DATA_COLLECTIONS: CollectionName[] = ['authors', 'columns', 'districts', 'settings'];

/**
 * Reads every content file under `contentDir` the way the site's loaders do:
 * one folder per article (`articles/<slug>/index.mdx`) and one YAML file per
 * author, column, district and settings entry.
 */
export function readContentFiles(contentDir: string, root = process.cwd()): ContentFile[] {
  const files: ContentFile[] = [];
  const articlesDir = join(contentDir, 'articles');
  if (existsSync(articlesDir)) {
    for (const entry of readdirSync(articlesDir, { withFileTypes: true })) {
      const path = join(articlesDir, entry.name, 'index.mdx');
      if (!entry.isDirectory() || !existsSync(path)) continue;
      files.push({
        collection: 'articles',
        id: entry.name,
        file: relative(root, path),
        data: readFrontmatter(readFileSync(path, 'utf8')).data,
      });
    }
  }
  files.push(...readDataFiles(contentDir, DATA_COLLECTIONS, root));
  return files;
}

/** Reads the YAML entries (`<collection>/<id>.yml`) of the given data collections. */
export function readDataFiles(
  contentDir: string,
  collections: readonly CollectionName[],
  root = process.cwd(),
): ContentFile[] {
  const files: ContentFile[] = [];
  for (const collection of collections) {
    const dir = join(contentDir, collection);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.yml')) continue;
      const path = join(dir, name);
      const data: unknown = parse(readFileSync(path, 'utf8'), { schema: 'core' });
      files.push({
        collection,
        id: name.slice(0, -'.yml'.length),
        file: relative(root, path),
        data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {},
      });
    }
  }
  return files;
}
