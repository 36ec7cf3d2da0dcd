/**
 * Reading time for Chinese text. Readers take in Chinese by the character, not
 * by the word; about 400 characters a minute is a comfortable pace for a
 * feature read on a phone.
 */
export const CHARS_PER_MINUTE = 400;

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z0-9]+(?:[.,][0-9]+)*/g;

/** The text a reader actually reads in an MDX body: no imports, tags, URLs or markup. */
export function readableText(mdx: string): string {
  return mdx
    .replace(/^(?:import|export)\s.*$/gm, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/[#*_>`[\]|-]/g, ' ');
}

/**
 * How many reading units a text has: each Han character counts one, and so
 * does each Latin word or number ("4900" is read at a glance).
 */
export function readingUnits(mdx: string): number {
  const text = readableText(mdx);
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.replace(HAN, ' ').match(LATIN_WORD)?.length ?? 0;
  return han + latin;
}

/** Whole minutes to read an MDX body, at least one. */
export function readingMinutes(mdx: string, charsPerMinute = CHARS_PER_MINUTE): number {
  return Math.max(1, Math.ceil(readingUnits(mdx) / charsPerMinute));
}
