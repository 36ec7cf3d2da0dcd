/**
 * How alike two characters sound, for ranking the known names a mistyped
 * one may mean. Chinese is typed through a pinyin input method, so most
 * typos of a name are the wrong character of the right (or a nearly right)
 * syllable: 林东格 for 林东阁, both gé. The readings come from the build
 * (search-readings.ts writes them beside the dictionary); this module is
 * pure so the search page and unit tests share it.
 */

/** The readings file of a character holds it under its own bucket, like the dictionary. */
export const READINGS_PREFIX = 'pinyin-';

/** char → its readings with tone numbers, space-separated: `{ "格": "ge2 ge1" }`. */
export type ReadingBucket = Record<string, string>;

const INITIALS = [
  'zh',
  'ch',
  'sh',
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
];

/** Initials and finals people (and many input methods' fuzzy options) confuse. */
const FUZZY_INITIALS: Record<string, string> = { zh: 'z', ch: 'c', sh: 's', n: 'l', h: 'f', r: 'l' };
const FUZZY_FINALS: Record<string, string> = {
  ang: 'an',
  eng: 'en',
  ing: 'in',
  iang: 'ian',
  uang: 'uan',
};

/** One syllable split into initial, final and tone: "zhang1" → zh / ang / 1. */
export interface Syllable {
  initial: string;
  final: string;
  tone: string;
}

/** Parses "ge2" (ü may be written ü or v); undefined for anything else. */
export function parseSyllable(reading: string): Syllable | undefined {
  const match = /^([a-zü]+?)([0-5]?)$/.exec(reading.toLowerCase().replace(/v/g, 'ü'));
  if (!match) return undefined;
  const [, letters = '', tone = ''] = match;
  const initial = INITIALS.find((i) => letters.startsWith(i) && letters.length > i.length) ?? '';
  return { initial, final: letters.slice(initial.length), tone };
}

const fuzzy = (map: Record<string, string>, part: string) => map[part] ?? part;

/**
 * How alike two syllables sound, 0–6: the same syllable and tone 6, the
 * same syllable in another tone 5, the same once the usual confusions are
 * allowed (z/zh, n/l, an/ang, …) 4, the same final 2, the same initial 1.
 */
export function syllableSimilarity(a: Syllable, b: Syllable): number {
  if (a.initial === b.initial && a.final === b.final) return a.tone === b.tone ? 6 : 5;
  const sameFinal = fuzzy(FUZZY_FINALS, a.final) === fuzzy(FUZZY_FINALS, b.final);
  const sameInitial = fuzzy(FUZZY_INITIALS, a.initial) === fuzzy(FUZZY_INITIALS, b.initial);
  if (sameFinal && sameInitial) return 4;
  if (sameFinal) return 2;
  if (sameInitial && a.initial !== '') return 1;
  return 0;
}

/**
 * How alike two characters sound, from their readings ("ge2 ge1"): the best
 * pair of any reading of each, since a character read two ways may be
 * typed for either. 0 when either has no reading.
 *
 * @example soundSimilarity('ge2 ge1', 'ge2') // 6
 */
export function soundSimilarity(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return 0;
  const left = a.split(' ').flatMap((r) => parseSyllable(r) ?? []);
  const right = b.split(' ').flatMap((r) => parseSyllable(r) ?? []);
  let best = 0;
  for (const x of left) for (const y of right) best = Math.max(best, syllableSimilarity(x, y));
  return best;
}

/**
 * The character pair where a candidate differs from what was typed, when
 * both have the same length and differ in exactly one place: the typed
 * character and the candidate's. Undefined otherwise (a character added or
 * dropped has nothing to compare).
 */
export function replacedPair(typed: string, candidate: string): [string, string] | undefined {
  const a = Array.from(typed);
  const b = Array.from(candidate);
  if (a.length !== b.length) return undefined;
  const at = a.flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  if (at.length !== 1) return undefined;
  const i = at[0] ?? 0;
  return [a[i] ?? '', b[i] ?? ''];
}
