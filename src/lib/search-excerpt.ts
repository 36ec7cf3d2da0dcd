/**
 * Excerpts for search results, made from the page text Pagefind keeps in
 * each fragment. Pagefind's own excerpt joins headings and paragraphs with
 * ". " and only highlights words that matched the page text, so a name
 * matched through the dictionary (kept whole, see search-shards.ts) would
 * get no highlight; here the excerpt is cut around the first occurrence of
 * a query word as written and every occurrence is marked.
 */

/** A piece of an excerpt: plain text or a highlight. */
export interface ExcerptRun {
  text: string;
  mark: boolean;
}

const CJK_PUNCTUATION = /[。！？；：，、”’）》」』】…—]/u;

/**
 * Pagefind's page text with its block joins made Chinese: a ". " after
 * Chinese punctuation goes away, after anything else it becomes 。; the
 * space it puts between paragraphs (after 。) or between two Han
 * characters goes too, since Chinese text has none. Spaces beside Latin
 * letters and digits stay.
 *
 * @example chineseJoins('把服务送到村里. 消防员说。. 今年') // '把服务送到村里。消防员说。今年'
 */
export function chineseJoins(text: string): string {
  return text
    .replace(/\u200B/g, '')
    .replace(/(^|[^A-Za-z\s])\. +/gu, (_, before: string) =>
      before === '' || CJK_PUNCTUATION.test(before) ? before : `${before}。`,
    )
    .replace(/\s+/g, ' ')
    .replace(/([。！？；：，、”’）》」』】…—]) /gu, '$1')
    .replace(/(\p{Script=Han}) (?=[\p{Script=Han}“‘（《「『【。！？；：，、”’）》」』】…—])/gu, '$1')
    .trim();
}

/**
 * An excerpt of about `length` characters around the first occurrence of
 * the longest needle found, with every needle occurrence marked. Returns
 * undefined when no needle occurs in the text (the page matched through
 * meta only), so the caller can fall back to Pagefind's excerpt.
 */
export function buildExcerpt(content: string, needles: string[], length = 64): ExcerptRun[] | undefined {
  const text = chineseJoins(content);
  const sorted = [...new Set(needles.filter((n) => n.trim() !== ''))].sort((a, b) => b.length - a.length);
  let first = -1;
  for (const needle of sorted) {
    const at = text.indexOf(needle);
    if (at >= 0) {
      first = at;
      break;
    }
  }
  if (first < 0) return undefined;
  // Start at the beginning of the sentence when it is near, else a few characters before the match.
  const sentenceStart = Math.max(text.lastIndexOf('。', first), text.lastIndexOf('！', first)) + 1;
  let start = first - sentenceStart <= 20 ? sentenceStart : first - 12;
  const end = Math.min(text.length, start + length);
  start = Math.max(0, Math.min(start, end - length));
  const window = text.slice(start, end);
  const marks: [number, number][] = [];
  for (const needle of sorted) {
    for (let at = window.indexOf(needle); at >= 0; at = window.indexOf(needle, at + needle.length)) {
      if (!marks.some(([a, b]) => at < b && at + needle.length > a)) marks.push([at, at + needle.length]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const runs: ExcerptRun[] = [];
  const push = (piece: string, mark: boolean) => {
    if (piece === '') return;
    const last = runs.at(-1);
    if (last?.mark === mark) last.text += piece;
    else runs.push({ text: piece, mark });
  };
  if (start > 0) push('…', false);
  let at = 0;
  for (const [a, b] of marks) {
    push(window.slice(at, a), false);
    push(window.slice(a, b), true);
    at = b;
  }
  push(window.slice(at), false);
  if (end < text.length) push('…', false);
  return runs;
}

/**
 * The opening of a story's text, after its headline, for a result that
 * matched through its names or topics only (no word occurs in the text and
 * the dictionary path has no Pagefind excerpt): better than an empty line.
 *
 * @example leadExcerpt('快递员林东阁. 他每天送件。', '快递员林东阁') // [{ text: '他每天送件。', mark: false }]
 */
export function leadExcerpt(content: string, title = '', length = 64): ExcerptRun[] {
  let text = chineseJoins(content);
  const head = chineseJoins(title);
  if (head !== '' && text.startsWith(head)) text = text.slice(head.length).replace(/^[。\s]+/u, '');
  if (text === '') return [];
  return [{ text: text.length > length ? `${text.slice(0, length)}…` : text, mark: false }];
}
