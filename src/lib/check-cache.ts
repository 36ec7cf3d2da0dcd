/**
 * The content check without re-reading unchanged stories. At 10,000 stories reading and checking every file
 * took the publisher about 28 s on a busy machine (7 s of it checking), before every build, though a publish
 * changes one story. Like Git's index, a story is known unchanged when its file and its folder have the
 * same size, inode and modification time as last time; its parsed frontmatter and its own problems then
 * come from the cache file. Checks across files (duplicate ids, references, the 数字报) always run on all.
 *
 * Data files (authors, columns, settings, editions) are few and always read: an edition's page image can
 * change without its folder changing.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { collectionsIn } from '../schemas/collections.ts';
import { checkContent, checkFile, type ContentFile, type ContentProblem } from './content-check.ts';
import { readDataFiles, readStoryFolder, storyFolders } from './content-files.ts';

/** The code whose answers the cache keeps: a change to any of it empties the cache. */
const CHECKER_SOURCES = [
  'content-check.ts',
  'content-files.ts',
  'mdx-check.ts',
  'clean-text.ts',
  'frontmatter.ts',
  'editions.ts',
  'check-cache.ts',
];

/** A digest of the checker's code and the schemas it validates with. */
function checkerVersion(): string {
  const hash = createHash('sha256');
  const lib = import.meta.dirname;
  const schemas = resolve(lib, '../schemas');
  const files = [
    ...CHECKER_SOURCES.map((name) => join(lib, name)),
    ...readdirSync(schemas)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => join(schemas, name)),
  ];
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

const problemSchema = z.object({
  file: z.string(),
  field: z.string(),
  message: z.string(),
  line: z.number().optional(),
});

/** What the cache keeps of one story: enough for the checks across files and the build plan. */
const cachedStorySchema = z.object({
  stamp: z.string(),
  file: z.object({
    collection: z.string(),
    id: z.string(),
    file: z.string(),
    data: z.record(z.string(), z.unknown()),
    folderFiles: z.array(z.string()),
    otherStoryFiles: z.array(z.string()).optional(),
  }),
  problems: z.array(problemSchema),
});

const cacheSchema = z.object({
  version: z.string(),
  stories: z.record(z.string(), cachedStorySchema),
});

type CachedStory = z.infer<typeof cachedStorySchema>;

/** Size, inode and nanosecond modification time of a story's file and of its folder (for photos added or removed). */
function stampOf(folder: string): string | undefined {
  const path = join(folder, 'index.mdx');
  if (!existsSync(path)) return undefined;
  const dir = statSync(folder, { bigint: true });
  const file = statSync(path, { bigint: true });
  return `${String(dir.mtimeNs)}:${String(file.mtimeNs)}:${String(file.size)}:${String(file.ino)}`;
}

function readCache(cacheFile: string, version: string): Map<string, CachedStory> {
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(readFileSync(cacheFile, 'utf8')));
    if (parsed.success && parsed.data.version === version)
      return new Map(Object.entries(parsed.data.stories));
  } catch {
    // No cache yet, or a damaged one: check everything.
  }
  return new Map();
}

/** The result of {@link checkContentCached}: the files as read, their problems, and how many were read. */
export interface CachedCheck {
  files: ContentFile[];
  problems: ContentProblem[];
  /** Stories read and checked again, against those taken from the cache. */
  read: number;
  reused: number;
}

/**
 * Reads and checks `contentDir` as `checkContent(readContentFiles(...))` does, reading only the stories that
 * changed since the last call with the same `cacheFile`. Reused stories carry no body: nothing after the
 * check reads it.
 */
export function checkContentCached(contentDir: string, root: string, cacheFile: string): CachedCheck {
  const version = checkerVersion();
  const previous = readCache(cacheFile, version);
  const next: Record<string, CachedStory> = {};
  const files: ContentFile[] = [];
  const known = new Map<ContentFile, ContentProblem[]>();
  let read = 0;
  let reused = 0;
  for (const collection of collectionsIn('mdx-folders')) {
    for (const folder of storyFolders(contentDir, collection)) {
      const stamp = stampOf(folder);
      if (stamp === undefined) continue;
      const hit = previous.get(folder);
      if (hit?.stamp === stamp && hit.file.collection === collection) {
        const { otherStoryFiles, ...rest } = hit.file;
        const file: ContentFile = { ...rest, collection, ...(otherStoryFiles ? { otherStoryFiles } : {}) };
        files.push(file);
        known.set(file, hit.problems);
        next[folder] = hit;
        reused += 1;
        continue;
      }
      const file = readStoryFolder(folder, collection, root);
      if (!file) continue;
      const problems = checkFile(file);
      files.push(file);
      known.set(file, problems);
      const kept: CachedStory['file'] = {
        collection,
        id: file.id,
        file: file.file,
        data: file.data,
        folderFiles: file.folderFiles ?? [],
        ...(file.otherStoryFiles ? { otherStoryFiles: file.otherStoryFiles } : {}),
      };
      next[folder] = { stamp, file: kept, problems };
      read += 1;
    }
  }
  files.push(...readDataFiles(contentDir, collectionsIn('yaml', 'yaml-file'), root));
  const problems = checkContent(files, (file) => known.get(file) ?? checkFile(file));
  mkdirSync(dirname(cacheFile), { recursive: true });
  // Written aside and renamed, so a build killed halfway never leaves half a cache.
  writeFileSync(`${cacheFile}.tmp`, JSON.stringify({ version, stories: next }));
  renameSync(`${cacheFile}.tmp`, cacheFile);
  return { files, problems, read, reused };
}
