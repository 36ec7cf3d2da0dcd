/**
 * Invisible characters that text pasted from web pages, WeChat articles and
 * Word brings along. None of them shows on screen, but they split words for
 * search, stop lines from wrapping, or indent paragraphs twice (the page
 * already sets paragraph spacing), so they are removed or replaced on save.
 */

/** Which kind of pasted-text hazard a character is. */
export type PastedHazardKind = 'zero-width' | 'no-break-space' | 'leading-ideographic-space';

/** One hazard found in the original text. */
export interface PastedHazard {
  kind: PastedHazardKind;
  /** The code point as editors can look it up, e.g. `U+200B`. */
  char: string;
  /** UTF-16 offset of the character in the original text. */
  index: number;
}

/** The cleaned text and what was taken out of it. */
export interface CleanedText {
  text: string;
  removed: PastedHazard[];
}

/** Plain-Chinese names of the hazards, for messages to editors. */
export const HAZARD_LABEL: Record<PastedHazardKind, string> = {
  'zero-width': '看不见的零宽字符',
  'no-break-space': '不换行空格',
  'leading-ideographic-space': '段首全角空格',
};

/*
 * One pass over the text: zero-width space, non-joiner, joiner, word joiner
 * and BOM; the no-break spaces (U+00A0, narrow U+202F, figure U+2007); and
 * runs of full-width spaces (U+3000) at the start of a line, which is where a
 * paragraph starts in both Markdown and the frontmatter's plain text. A
 * zero-width joiner between two pictographs is kept: it builds emoji such as
 * 👨‍👩‍👧, and removing it would change what readers see.
 */
const HAZARDS =
  /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})|[\u200B\u200C\u2060\uFEFF]|[\u00A0\u202F\u2007]|(?<=(?:^|\n)[ \u00A0]*)\u3000+/gu;
const HAZARD = new RegExp(HAZARDS.source, 'u');
const NO_BREAK = new Set(['\u00A0', '\u202F', '\u2007']);

/**
 * Removes zero-width characters and full-width spaces at the start of a
 * paragraph, and turns no-break spaces into ordinary spaces. Pure: the CMS can
 * call it on save, and the content check uses `removed` to tell editors where.
 */
export function cleanPastedText(s: string): CleanedText {
  const removed: PastedHazard[] = [];
  const text = s.replace(HAZARDS, (match: string, index: number) => {
    const first = match.codePointAt(0) ?? 0;
    const kind: PastedHazardKind =
      first === 0x3000 ? 'leading-ideographic-space' : NO_BREAK.has(match) ? 'no-break-space' : 'zero-width';
    for (let i = 0; i < match.length; i += 1) {
      removed.push({ kind, char: codePoint(match.charCodeAt(i)), index: index + i });
    }
    return kind === 'no-break-space' ? ' ' : '';
  });
  return { text, removed };
}

const codePoint = (unit: number): string => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** Whether `s` has anything {@link cleanPastedText} would change; a cheap test before the full pass. */
export function hasPastedHazards(s: string): boolean {
  return HAZARD.test(s);
}
