/**
 * What the search page has loaded of the index: the manifest, the
 * dictionary files, Pagefind itself (only when a search needs it) and the
 * shards merged into it, and fragments read straight from a shard for the
 * pages a dictionary word lists (no Pagefind needed for those).
 */
import {
  bucketOf,
  bucketsFor,
  DICTIONARY_BUCKETS,
  MANIFEST_URL,
  pageRef,
  type DictionaryBucket,
  type ReadingLookup,
  type ShardManifest,
} from './search-shards.ts';
import { READINGS_PREFIX, type ReadingBucket } from './search-pinyin.ts';
import type { PagefindApi, PagefindFragment, PagefindHit } from './search-engine.ts';

/** Fetches JSON from the site. */
export type JsonLoader = <T>(url: string) => Promise<T>;

const loadJson: JsonLoader = async <T>(url: string) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${String(response.status)}`);
  return (await response.json()) as T;
};

/**
 * Ranking options for Pagefind. A match in the story's subject (its person)
 * counts most, then the title, then the extra terms; the body is weighted
 * in the markup (title 10, subtitle 6, summary 5, body 1).
 */
export const RANKING = {
  metaWeights: { subject: 10, title: 6, terms: 3, kicker: 2, subtitle: 2 },
};

/**
 * The language the shards are searched as. A language Pagefind does not
 * segment makes it take the query's words as we give them (split at spaces),
 * so a dictionary name stays one word; the shards are still zh-CN indexes.
 */
export const SHARD_QUERY_LANGUAGE = 'en';

const PAGEFIND_OPTIONS = { ranking: RANKING, excerptLength: 40, excerptEllipsis: '…' };
const SIGNATURE = 'pagefind_dcd';

/** Reads one Pagefind fragment file: gzip (as Pagefind writes it) or already decoded by the server. */
async function readFragment(url: string): Promise<PagefindFragment> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${String(response.status)}`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  if (new TextDecoder().decode(bytes.subarray(0, 12)) !== SIGNATURE) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const data = JSON.parse(new TextDecoder().decode(bytes.subarray(12))) as Omit<PagefindFragment, 'excerpt'>;
  return { ...data, excerpt: '' };
}

/** The manifest, dictionary, Pagefind and shards this page has loaded so far. */
export class SearchIndex {
  manifest: ShardManifest | undefined;
  private readonly loaded = new Set<number>();
  private readonly buckets = new Map<number, Promise<DictionaryBucket>>();
  private readonly fragments = new Map<string, Promise<PagefindFragment>>();
  private readonly readingFiles = new Map<number, Promise<ReadingBucket>>();
  private readonly json: JsonLoader;
  private readonly importPagefind: () => Promise<PagefindApi>;
  private pagefindReady: Promise<PagefindApi> | undefined;

  constructor(importPagefind: () => Promise<PagefindApi>, json: JsonLoader = loadJson) {
    this.importPagefind = importPagefind;
    this.json = json;
  }

  /** Reads the manifest; call once before searching. Pagefind itself loads on first need. */
  async init(): Promise<void> {
    this.manifest = await this.json<ShardManifest>(MANIFEST_URL);
  }

  /** Pagefind, loaded and configured on first use (no web worker: one less script to fetch). */
  pagefind(): Promise<PagefindApi> {
    this.pagefindReady ??= (async () => {
      const api = await this.importPagefind();
      await api.options({ ...PAGEFIND_OPTIONS, noWorker: true });
      await api.init();
      return api;
    })();
    return this.pagefindReady;
  }

  private bucket(n: number): Promise<DictionaryBucket> {
    let file = this.buckets.get(n);
    if (!file) {
      file = this.json<DictionaryBucket>(`/pagefind/dictionary/${String(n)}.json`).catch(() => ({}));
      this.buckets.set(n, file);
    }
    return file;
  }

  /**
   * The dictionary entries of the files a query needs, merged; a word's own
   * entry wins over the pointer another file keeps for typo correction.
   */
  async dictionary(q: string, extra: string[] = []): Promise<DictionaryBucket> {
    // Before the manifest is in, the build's own bucket count: the first query's files load beside it.
    const buckets = this.manifest?.buckets ?? DICTIONARY_BUCKETS;
    const numbers = new Set([...bucketsFor(q, buckets), ...extra.map((w) => bucketOf(w, buckets))]);
    const merged: DictionaryBucket = {};
    for (const file of await Promise.all([...numbers].map((n) => this.bucket(n)))) {
      for (const [word, entry] of Object.entries(file)) {
        if (entry.see !== true || merged[word] === undefined) merged[word] = entry;
      }
    }
    return merged;
  }

  /**
   * The readings of some characters (for ranking typo corrections), from the
   * readings files of their buckets; a missing file only means no readings.
   */
  async readings(chars: string[]): Promise<ReadingLookup> {
    const buckets = this.manifest?.buckets ?? DICTIONARY_BUCKETS;
    const numbers = [...new Set(chars.map((ch) => bucketOf(ch, buckets)))];
    const files = await Promise.all(
      numbers.map((n) => {
        let file = this.readingFiles.get(n);
        if (!file) {
          file = this.json<ReadingBucket>(`/pagefind/dictionary/${READINGS_PREFIX}${String(n)}.json`).catch(
            () => ({}),
          );
          this.readingFiles.set(n, file);
        }
        return file;
      }),
    );
    const merged: ReadingBucket = {};
    for (const file of files) Object.assign(merged, file);
    return (char) => merged[char];
  }

  /** A hit for a page a dictionary list names, read without Pagefind. */
  hit(ref: string, score: number): PagefindHit | undefined {
    const { shard, hash } = pageRef(ref);
    const path = this.manifest?.shards[shard]?.path;
    if (path === undefined) return undefined;
    return {
      id: hash,
      score,
      data: () => {
        let fragment = this.fragments.get(hash);
        if (!fragment) {
          fragment = readFragment(`${path}fragment/${hash}.pf_fragment`);
          this.fragments.set(hash, fragment);
        }
        return fragment;
      },
    };
  }

  /** True when shard `index` is merged into Pagefind. */
  isLoaded(index: number): boolean {
    return this.loaded.has(index);
  }

  /** Merges the given shards into Pagefind (each once), in parallel. */
  async load(indexes: number[]): Promise<void> {
    const shards = this.manifest?.shards ?? [];
    const api = await this.pagefind();
    await Promise.all(
      indexes
        .filter((i) => !this.loaded.has(i) && shards[i] !== undefined)
        .map(async (i) => {
          this.loaded.add(i);
          await api.mergeIndex(shards[i]?.path ?? '', {
            ...PAGEFIND_OPTIONS,
            language: SHARD_QUERY_LANGUAGE,
          });
        }),
    );
  }
}
