/**
 * The readings files of the search dictionary: each common character's
 * pinyin, so the search page can rank the known names a mistyped one may
 * mean by how alike the wrong character sounds (search-pinyin.ts). Made at
 * build time with pinyin-pro; the page never loads pinyin-pro, only the
 * small file of the characters it compares.
 */
import { pinyin } from 'pinyin-pro';
import { bucketOf, DICTIONARY_BUCKETS } from '../lib/search-shards.ts';
import type { ReadingBucket } from '../lib/search-pinyin.ts';

const HAN = /^\p{Script=Han}$/u;

/**
 * The 6,763 characters of GB 2312, the set a pinyin input method offers
 * first, read from the runtime's own GB 2312 decoder (rows 0xB0–0xF7), so
 * no list has to be kept here.
 */
export function commonCharacters(): string[] {
  const decoder = new TextDecoder('gb2312');
  const chars: string[] = [];
  for (let row = 0xb0; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const char = decoder.decode(new Uint8Array([row, cell]));
      if (HAN.test(char)) chars.push(char);
    }
  }
  return chars;
}

/** Every reading of a character with tone numbers, space-separated ("ge2 ge1"); '' when pinyin-pro has none. */
export function readingsOf(char: string): string {
  const readings = pinyin(char, { multiple: true, type: 'array', toneType: 'num' });
  return readings.filter((r) => /^[a-zü]+[0-5]?$/.test(r)).join(' ');
}

/**
 * The readings files: the common characters and every character of the
 * dictionary's words (names use rarer ones: 瞿, 亓), in the dictionary's
 * buckets by character.
 */
export function buildReadings(words: Iterable<string>, buckets = DICTIONARY_BUCKETS): ReadingBucket[] {
  const chars = new Set(commonCharacters());
  for (const word of words) for (const char of word) if (HAN.test(char)) chars.add(char);
  const files: ReadingBucket[] = Array.from({ length: buckets }, () => ({}));
  for (const char of [...chars].sort()) {
    const reading = readingsOf(char);
    const file = files[bucketOf(char, buckets)];
    if (reading !== '' && file) file[char] = reading;
  }
  return files;
}
