/**
 * Extra search terms for an article: the words a reader types that the
 * article text may not contain in that exact form. Pagefind matches words
 * by prefix only, so "东阁" never finds "林东阁" when the indexer keeps the
 * name as one word, and "兖州" and "兖州区" are different words to it. The
 * terms are indexed as a hidden meta field (see ArticleSearchMeta.astro), so
 * they help recall without ever appearing in an excerpt.
 */

/** Two-character surnames; for these the given name starts at the third character. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '令狐',
  '夏侯',
  '宇文',
  '司徒',
  '轩辕',
  '端木',
  '南宫',
  '西门',
  '独孤',
  '呼延',
]);

/** Suffixes of county-level places that people often leave out: 兖州区 → 兖州. */
const PLACE_SUFFIXES = ['自治县', '新区', '区', '县', '市', '镇', '乡', '街道'];

/** Han characters only: names with Latin letters or digits are left as they are. */
const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * Splits a Chinese personal name into surname and given name.
 * Returns undefined for names that are not two to four Han characters.
 *
 * @example splitChineseName('林东阁') // { surname: '林', given: '东阁' }
 */
export function splitChineseName(name: string): { surname: string; given: string } | undefined {
  const clean = name.replace(/[\s·•]/g, '');
  if (!HAN_ONLY.test(clean) || clean.length < 2 || clean.length > 4) return undefined;
  const surnameLength = clean.length >= 3 && COMPOUND_SURNAMES.has(clean.slice(0, 2)) ? 2 : 1;
  return { surname: clean.slice(0, surnameLength), given: clean.slice(surnameLength) };
}

/**
 * The short form of a place name: "兖州区" → "兖州", "东阿县" → "东阿",
 * "临清市" → "临清". Development zones and names whose stem would be a
 * single character keep their full name, because "开发" or "东" alone would
 * match far too much.
 */
export function placeStem(name: string, kind?: string): string | undefined {
  if (kind === 'zone') return undefined;
  for (const suffix of PLACE_SUFFIXES) {
    if (name.endsWith(suffix)) {
      const stem = name.slice(0, -suffix.length);
      return stem.length >= 2 ? stem : undefined;
    }
  }
  return undefined;
}

/** What {@link extraSearchTerms} needs to know about an article. */
export interface SearchTermSource {
  subjectName?: string | undefined;
  districts: { name: string; kind?: string; city?: string }[];
  topics: string[];
}

/**
 * The extra terms for one article, without duplicates: the subject's full
 * name and given name (two characters or more; one character alone is
 * noise), each district with and without its suffix and its city, and the
 * topics.
 *
 * @example
 * extraSearchTerms({ subjectName: '林东阁', districts: [{ name: '兖州区', city: '济宁市' }], topics: ['快递进村'] })
 * // ['林东阁', '东阁', '兖州区', '兖州', '济宁市', '济宁', '快递进村']
 */
export function extraSearchTerms(source: SearchTermSource): string[] {
  const terms: string[] = [];
  if (source.subjectName !== undefined && source.subjectName.trim() !== '') {
    const name = source.subjectName.trim();
    terms.push(name);
    const parts = splitChineseName(name);
    if (parts && parts.given.length >= 2) terms.push(parts.given);
  }
  for (const district of source.districts) {
    terms.push(district.name);
    const stem = placeStem(district.name, district.kind);
    if (stem !== undefined) terms.push(stem);
    if (district.city !== undefined) {
      terms.push(district.city);
      const cityStem = placeStem(district.city);
      if (cityStem !== undefined) terms.push(cityStem);
    }
  }
  terms.push(...source.topics.map((topic) => topic.trim()).filter((topic) => topic !== ''));
  return [...new Set(terms)];
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The `terms` meta value: each term followed by the words the browser's
 * segmenter splits it into. Pagefind searches a meta value word by word,
 * splitting only at spaces, while the query is split by `Intl.Segmenter`
 * ("新就业群体" → 新 / 就业 / 群体) and every query word must match the
 * start of some word. So the term alone is not enough; its segments must
 * be there too. Node and Chromium share ICU's segmenter, so both sides agree.
 *
 * @example termsMetaValue(['新就业群体']) // '新就业群体 新 就业 群体'
 */
export function termsMetaValue(terms: string[]): string {
  const words: string[] = [];
  for (const term of terms) {
    words.push(term);
    for (const { segment, isWordLike } of segmenter.segment(term)) {
      if (isWordLike === true && segment !== term) words.push(segment);
    }
  }
  return [...new Set(words)].join(' ');
}
