/**
 * The layout of the search index and the small dictionary that goes with
 * it, shared by the indexer (src/integrations/pagefind.ts) and the search
 * page. Pure: no DOM, no Node, so unit tests cover it.
 *
 * The archive is indexed as one Pagefind bundle per period (a shard). The
 * search page loads a shard only when a search needs it: Pagefind's meta
 * file grows with every page (about 17 bytes each), so one index over ten
 * years costs every reader 100 kB before the first result. Names, places and
 * topics of the content model form a dictionary: it says which shards
 * contain a word, keeps a name whole when the query is split into words, and
 * proposes the known word for a mistyped one.
 */
import { replacedPair, soundSimilarity } from './search-pinyin.ts';

/** Bumped when the shard files or the dictionary change shape, so cached shards are rebuilt. */
export const SHARD_FORMAT = 3;

/** Where the manifest is, on the site. */
export const MANIFEST_URL = '/pagefind/shards.json';

/**
 * The primary bundle's one placeholder record. Pagefind needs a primary index
 * to hold its wasm; the manifest names its id so the engine drops it.
 */
export const PLACEHOLDER_URL = '/search/';

/** Number of dictionary files; a query loads the ones of its first two characters. */
export const DICTIONARY_BUCKETS = 64;

/** One shard: the stories of one period, newest first in the manifest. */
export interface ShardInfo {
  /** "2025": the period, also the folder name under /pagefind/. */
  key: string;
  /** The Beijing-time year of its stories, for the year filter. */
  year: string;
  /** Bundle path for Pagefind's `mergeIndex`: /pagefind/2025/. */
  path: string;
  pages: number;
}

/** /pagefind/shards.json. */
export interface ShardManifest {
  format: number;
  /** Newest first. */
  shards: ShardInfo[];
  buckets: number;
  /** Pagefind's id of the primary bundle's placeholder record. */
  placeholder: string;
  /** Filter counts over the whole archive, for the suggestions of the empty page. */
  filters: Record<string, Record<string, number>>;
}

/**
 * One dictionary word: which shards contain it (in text or terms), in
 * which it names a story's subject, and for a given name the full names it
 * belongs to. Shard sets are bit masks over the manifest's order, as hex.
 */
export interface DictionaryEntry {
  /** Shards whose stories contain the word. */
  in: string;
  /** Shards where it is a story's subject (person) or district. */
  main?: string;
  /** For a given name: the full names it belongs to. */
  of?: string[];
  /**
   * The best pages for the word, best first (its subject or district and
   * the word in the text, then its subject, then a mention; newest first
   * within each), as `<shard index>.<fragment hash>`: enough to show the
   * first results without loading Pagefind.
   */
  p?: string[];
  /** How many pages contain the word; more than `p` lists means Pagefind has the rest. */
  n?: number;
  /**
   * Only a pointer, for typo correction: the word lives in the bucket of
   * its first character, and is listed here under its second so a wrong
   * first character still finds it.
   */
  see?: true;
}

/** One dictionary file: word → entry. */
export type DictionaryBucket = Record<string, DictionaryEntry>;

/** The file of the dictionary words starting with `char`. */
export function bucketOf(char: string, buckets = DICTIONARY_BUCKETS): number {
  return (char.codePointAt(0) ?? 0) % buckets;
}

/** The shards in a mask, as indexes into the manifest. */
export function maskIndexes(mask: string | undefined): number[] {
  const out: number[] = [];
  if (mask === undefined) return out;
  const digits = Array.from(mask).reverse();
  for (const [position, digit] of digits.entries()) {
    const value = Number.parseInt(digit, 16);
    for (let bit = 0; bit < 4; bit++) if (value & (1 << bit)) out.push(position * 4 + bit);
  }
  return out;
}

/** A mask of shard indexes, as {@link maskIndexes} reads it. */
export function indexesMask(indexes: Iterable<number>): string {
  const digits: number[] = [];
  for (const index of indexes) {
    const position = Math.floor(index / 4);
    while (digits.length <= position) digits.push(0);
    digits[position] = (digits[position] ?? 0) | (1 << (index % 4));
  }
  return digits
    .map((d) => d.toString(16))
    .reverse()
    .join('')
    .replace(/^0+(?=.)/, '');
}

const HAN = /^\p{Script=Han}+$/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** One word of a query as it goes to Pagefind. */
export interface QueryWord {
  text: string;
  /** A dictionary word: matched as one word (the index has it whole in the `terms` meta). */
  known: boolean;
}

/**
 * Splits a normalised query into the words Pagefind matches: a part (or the
 * start of a part) that is a dictionary word stays whole; everything else is
 * split by the browser's word segmenter, as Pagefind itself would.
 *
 * @example segmentQuery('林东阁 快递', (w) => w === '林东阁') // 林东阁 (known), 快递
 */
export function segmentQuery(q: string, known: (word: string) => boolean): QueryWord[] {
  const words: QueryWord[] = [];
  for (const part of q.split(' ').filter(Boolean)) {
    let rest = part;
    // The longest dictionary word at the start of a part ("林东阁快递" → 林东阁 + 快递).
    for (let length = Math.min(rest.length, 8); length >= 2; length--) {
      const head = rest.slice(0, length);
      if (HAN.test(head) && known(head)) {
        words.push({ text: head, known: true });
        rest = rest.slice(length);
        break;
      }
    }
    if (rest !== '' && known(rest)) {
      words.push({ text: rest, known: true });
      continue;
    }
    for (const { segment, isWordLike } of segmenter.segment(rest)) {
      if (isWordLike === true) words.push({ text: segment.toLowerCase(), known: false });
    }
  }
  return words;
}

/** Edit distance 1 or 0 (one character replaced, added or dropped). */
function withinOne(a: string[], b: string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** A character's readings, as the build wrote them (search-pinyin.ts); undefined when not loaded. */
export type ReadingLookup = (char: string) => string | undefined;

/**
 * The dictionary words a mistyped part probably means: words of three or
 * more characters one character away (replaced, added or dropped), looked
 * up in the buckets of the part's first and second characters (a wrong
 * surname keeps the given name, which points to the full names). Best
 * first: the one whose replaced character sounds most like the typed one
 * (with `readings`: a typo through a pinyin input method is mostly a
 * homophone), then the word that names a subject in more shards, then the
 * one in more stories.
 *
 * @example typoCandidates('林东格', lookup) // ['林东阁']
 */
export function typoCandidates(part: string, entries: DictionaryBucket, readings?: ReadingLookup): string[] {
  const chars = Array.from(part);
  if (chars.length < 2 || !HAN.test(part) || entries[part] !== undefined) return [];
  const found = new Set<string>();
  for (const word of Object.keys(entries)) {
    const letters = Array.from(word);
    if (letters.length >= 3 && withinOne(chars, letters)) found.add(word);
  }
  // Two-character full names: only a wrong given name, and only people who are a story's subject.
  if (chars.length === 2) {
    for (const [word, entry] of Object.entries(entries)) {
      const letters = Array.from(word);
      if (
        letters.length === 2 &&
        letters[0] === chars[0] &&
        entry.main !== undefined &&
        entry.of === undefined
      ) {
        found.add(word);
      }
    }
  }
  // A wrong first character: the rest is a given name whose full names are one edit away.
  for (const given of [chars.slice(1).join(''), chars.slice(2).join('')]) {
    for (const full of entries[given]?.of ?? []) {
      if (withinOne(chars, Array.from(full))) found.add(full);
    }
  }
  const sound = (word: string) => {
    const pair = readings ? replacedPair(part, word) : undefined;
    return pair && readings ? soundSimilarity(readings(pair[0]), readings(pair[1])) : 0;
  };
  const ranked = [...found].map((word) => {
    const entry = entries[word];
    return {
      word,
      sound: sound(word),
      main: maskIndexes(entry?.main).length,
      stories: entry?.n ?? 0,
      shards: maskIndexes(entry?.in).length,
    };
  });
  return ranked
    .sort(
      (a, b) =>
        b.sound - a.sound ||
        b.main - a.main ||
        b.stories - a.stories ||
        b.shards - a.shards ||
        a.word.localeCompare(b.word),
    )
    .map(({ word }) => word);
}

/** The characters whose readings rank the candidates of a typo: the typed ones and those they replace. */
export function readingsNeeded(part: string, candidates: string[]): string[] {
  return [...new Set(candidates.flatMap((word) => replacedPair(part, word) ?? []))];
}

/** Which buckets a query needs: those of the first two characters of each Han part. */
export function bucketsFor(q: string, buckets = DICTIONARY_BUCKETS): number[] {
  const needed = new Set<number>();
  for (const part of q.split(' ')) {
    const chars = Array.from(part).filter((ch) => HAN.test(ch));
    for (const ch of chars.slice(0, 2)) needed.add(bucketOf(ch, buckets));
  }
  return [...needed].sort((a, b) => a - b);
}

/**
 * The order in which to load shards for a search: first those where a
 * dictionary word of the query names the subject, then the other shards
 * that contain every dictionary word, newest first. Without dictionary
 * words every shard may hold a match, so all, newest first. A year filter
 * keeps only that year's shards.
 */
export function shardOrder(
  manifest: ShardManifest,
  entries: DictionaryEntry[],
  years: string[] = [],
): number[] {
  let candidates = manifest.shards.map((_, index) => index);
  if (years.length > 0) candidates = candidates.filter((i) => years.includes(manifest.shards[i]?.year ?? ''));
  if (entries.length === 0) return candidates;
  const everyWord = entries.map((entry) => new Set(maskIndexes(entry.in)));
  candidates = candidates.filter((i) => everyWord.every((set) => set.has(i)));
  const main = new Set(entries.flatMap((entry) => maskIndexes(entry.main)));
  return [...candidates.filter((i) => main.has(i)), ...candidates.filter((i) => !main.has(i))];
}

/** Where a page of a dictionary list is: its shard and Pagefind fragment hash. */
export function pageRef(ref: string): { shard: number; hash: string } {
  const dot = ref.indexOf('.');
  return { shard: Number(ref.slice(0, dot)), hash: `zh-cn_${ref.slice(dot + 1)}` };
}

/** Pages a dictionary list names for every word, in the first word's order (empty if any list is cut short). */
export function intersectLists(entries: DictionaryEntry[]): string[] | undefined {
  if (entries.length === 0) return undefined;
  const complete = entries.every((e) => e.p !== undefined && (e.n ?? 0) <= e.p.length);
  if (entries.length > 1 && !complete) return undefined;
  const [first, ...rest] = entries;
  const sets = rest.map((e) => new Set(e.p ?? []));
  return (first?.p ?? []).filter((ref) => sets.every((set) => set.has(ref)));
}
