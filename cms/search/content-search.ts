/**
 * Full-text search of the stories on the site's branch, for the CMS search
 * box. Decap's own search loads every entry into the browser and scores
 * titles with a fuzzy matcher whose threshold no two-character word reaches
 * (快递, 驿站 and 胖哥 found nothing), and it never looks at the body. This
 * reads the stories from Git instead, on the server: every story file of
 * the branch's tree, read once per tree (one `git cat-file --batch`) and kept
 * while the branch does not move, then each query is a substring test over
 * them: a story is found when its file contains every word of the query
 * (title, summary, subject, body: Chinese has no spaces between words, so a
 * word is a plain substring). Only the hits are sent to the browser.
 * `git grep` on the tree was tried first: it inflates every blob per query
 * (0.7 s for no hit at 2,000 stories, docs/benchmarks.md).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One story the search found: its path on the branch and its file, as Decap's backends hand entries over. */
export interface SearchHit {
  path: string;
  data: string;
}

/** What a search returns: the newest hits first, and how many matched in all. */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

/** At most this many words are searched; the rest of a pasted sentence is ignored. */
const MAX_TERMS = 5;
const MAX_TERM_LENGTH = 50;

/**
 * The words of a query: NFKC (full-width letters and digits become ASCII),
 * split on any space, ideographic spaces included; duplicates dropped.
 */
export function searchTerms(query: string): string[] {
  const words = query
    .normalize('NFKC')
    .split(/[\s\u3000]+/u)
    .map((w) => w.slice(0, MAX_TERM_LENGTH))
    .filter((w) => w !== '');
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** The publication time written in a story's frontmatter, for sorting ("2026-04-26 07:50" sorts as text). */
function publishedAt(file: string): string {
  return /^publishedAt:\s*['"]?([^'"\n]+)/m.exec(file)?.[1] ?? '';
}

/** Reads the blobs `ids` with one `git cat-file --batch`, in order. */
async function readFiles(repo: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const child = execFile('git', ['cat-file', '--batch'], {
    cwd: repo,
    encoding: 'buffer',
    maxBuffer: 512 * 1024 * 1024,
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`git cat-file 以状态 ${String(code)} 结束`));
    });
  });
  child.stdin?.end(ids.map((id) => `${id}\n`).join(''));
  await done;
  const out = Buffer.concat(chunks);
  const files: string[] = [];
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    const size = Number(header.split(' ')[2]);
    if (!Number.isFinite(size)) break;
    files.push(out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
    at = eol + 1 + size + 1;
  }
  return files;
}

/** A story file of the branch, with the text the search compares against. */
interface Story extends SearchHit {
  /** NFKC and lower case, so full-width and capital letters match. */
  folded: string;
  publishedAt: string;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** The stories of the last tree read, per repository, branch and folder. */
const cache = new Map<string, { tree: string; stories: Story[] }>();

async function git(repo: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: repo, maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/** Every `<folder>/<slug>/index.mdx` of the tree `tree`, read and folded; reused while the tree is the same. */
async function storiesOf(repo: string, branch: string, folder: string): Promise<Story[]> {
  const key = `${repo}\0${branch}\0${folder}`;
  const tree = (await git(repo, ['rev-parse', `${branch}^{tree}`])).trim();
  const known = cache.get(key);
  if (known?.tree === tree) return known.stories;
  // Blob ids from the listing: asking cat-file for `<tree>:<path>` walks the 10,000-entry folder per file
  // (28 s at 10,000 stories), an id is looked up directly.
  const listed = await git(repo, ['ls-tree', '-r', '-z', tree, '--', `${folder}/`]);
  const depth = folder.split('/').length + 2;
  const entries = listed
    .split('\0')
    .map((line) => {
      const tab = line.indexOf('\t');
      return { id: line.slice(0, tab).split(' ')[2] ?? '', path: line.slice(tab + 1) };
    })
    .filter((e) => e.id !== '' && e.path.endsWith('/index.mdx') && e.path.split('/').length === depth);
  const paths = entries.map((e) => e.path);
  const files = await readFiles(
    repo,
    entries.map((e) => e.id),
  );
  const stories = paths.map((path, i) => {
    const data = files[i] ?? '';
    return { path, data, folded: fold(data), publishedAt: publishedAt(data) };
  });
  stories.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  cache.set(key, { tree, stories });
  return stories;
}

/**
 * Stories in `folder` on `branch` whose file contains every word of `query`
 * (case-insensitive), newest first, at most `limit` of them.
 */
export async function searchStories(options: {
  repo: string;
  branch: string;
  folder: string;
  query: string;
  limit?: number;
}): Promise<SearchResult> {
  const terms = searchTerms(options.query).map(fold);
  if (terms.length === 0) return { hits: [], total: 0 };
  const stories = await storiesOf(options.repo, options.branch, options.folder);
  const found = stories.filter((story) => terms.every((term) => story.folded.includes(term)));
  return {
    hits: found.slice(0, options.limit ?? 100).map(({ path, data }) => ({ path, data })),
    total: found.length,
  };
}

/**
 * One page of the stories in `folder` on `branch`, newest first, for the
 * CMS's story list: page 1 is the newest `size`. `total` counts them all.
 */
export async function listStories(options: {
  repo: string;
  branch: string;
  folder: string;
  page: number;
  size: number;
}): Promise<SearchResult> {
  const stories = await storiesOf(options.repo, options.branch, options.folder);
  const start = (options.page - 1) * options.size;
  return {
    hits: stories.slice(start, start + options.size).map(({ path, data }) => ({ path, data })),
    total: stories.length,
  };
}
