import { pinyin } from 'pinyin-pro';
import { SLUG_PATTERN } from '../src/schemas/common.ts';

/** Longest slug suggested from a title; editors usually shorten it to a few keywords. */
const MAX_SLUG_LENGTH = 48;

/**
 * Suggests an ASCII slug for a Chinese title from its pinyin, without tones:
 * "东阿濒危剧种王皮戏焕生机" → "dong-e-bin-wei-ju-zhong-wang-pi-xi-huan-sheng-ji"
 * (cut at a syllable boundary). Latin letters and digits are kept; ü becomes v.
 */
export function slugFromTitle(title: string): string {
  const syllables = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const words = syllables
    .join(' ')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  return slug;
}

/**
 * Tidies what an editor typed into a slug: lowercase, spaces and underscores
 * to hyphens, no doubled or dangling hyphens. Chinese characters are turned
 * into pinyin rather than dropped.
 */
export function normalizeSlug(input: string): string {
  return /[\u3400-\u9fff]/.test(input)
    ? slugFromTitle(input)
    : input
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[\s_]+/g, '-')
        .replace(/[^a-z0-9-]/g, '')
        .replace(/-{2,}/g, '-')
        .replace(/^-|-$/g, '');
}

/** Whether `slug` can be used as an article's folder name and URL. */
export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug);
}
