/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`).
 *
 * Astro reuses a page from the last build when its route's code is unchanged and the path's `cacheKey` is
 * the same; the content store is left out of its own check, so the key must cover every piece of data the
 * page shows. The rule that makes that checkable: a page renders only from its props plus the site-wide
 * data (settings, columns, districts, authors, editions, the year in the footer). Story lists, related
 * stories and neighbours are computed in `getStaticPaths` and passed as props, never read in the page body
 * (tests/unit/page-keys-rule.test.ts keeps it so). The key is a digest of both.
 */
import { createHash } from 'node:crypto';
import { getCollection } from 'astro:content';
import { COLLECTION_NAMES } from '../schemas/collections.ts';
import { getColumns, getDistricts, getSettings } from './site-data.ts';
import { buildTime } from './content.ts';

/** An entry as getCollection() returns it. */
interface Entry {
  id: string;
  collection: string;
  data: object;
}

const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' &&
  value !== null &&
  'collection' in value &&
  'id' in value &&
  'data' in value &&
  typeof value.data === 'object';

/** An entry's digest, worked out once: the same story is in the props of dozens of pages. */
const entryDigests = new WeakMap<Entry, string>();

/**
 * How a value enters a key: a content entry as the digest of all of it (body and data, photos resolved:
 * their file names carry a hash of the photo, so a replaced photo changes the key).
 */
function keyReplacer(this: unknown, _key: string, value: unknown): unknown {
  if (isEntry(value)) {
    let digest = entryDigests.get(value);
    if (digest === undefined) {
      digest = hash(JSON.stringify({ ...value }, plainReplacer));
      entryDigests.set(value, digest);
    }
    return `${value.collection}/${value.id}@${digest}`;
  }
  return plainReplacer(_key, value);
}

/** Maps and sets as arrays, so their contents count. */
function plainReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  return value;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** A stable digest of a JSON-able value, in base64url. */
export function digestOf(value: unknown): string {
  return hash(JSON.stringify(value, keyReplacer));
}

let siteWide: Promise<string> | undefined;

/** Digest of the data every page may show whatever its props: every collection but the stories, and the year. */
export function siteWideDigest(): Promise<string> {
  siteWide ??= (async () => {
    const others = COLLECTION_NAMES.filter((name) => name !== 'articles');
    const entries = await Promise.all(others.map((name) => getCollection(name)));
    const [columns, districts, settings] = await Promise.all([getColumns(), getDistricts(), getSettings()]);
    return digestOf({
      entries,
      columns,
      districts,
      settings,
      year: buildTime.getFullYear(),
      // Set per build by the environment, so a change of origin redraws canonical URLs and feeds.
      site: import.meta.env.SITE,
    });
  })();
  return siteWide;
}

/** A path of `getStaticPaths`, as Astro takes it. */
interface StaticPath {
  params: Record<string, string | number | undefined>;
  props?: Record<string, unknown>;
}

/**
 * The same paths, each with a `cacheKey`: the digest of its params, its props and the site-wide data.
 * Every `getStaticPaths` of the site returns its paths through this.
 */
export async function withCacheKeys<P extends StaticPath>(paths: P[]): Promise<(P & { cacheKey: string })[]> {
  const site = await siteWideDigest();
  return paths.map((path) => ({
    ...path,
    cacheKey: digestOf({ site, params: path.params, props: path.props }),
  }));
}
