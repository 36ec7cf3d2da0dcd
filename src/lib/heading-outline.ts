/**
 * Heading levels of a story body as the page shows them. The page's title is
 * the only h1, so the body's sections start at h2 whatever level the editor
 * typed: text pasted from a print layout often starts its sections at `###`,
 * which left a gap after the h1 (h1 → h3) that screen-reader users navigate by
 * and that accessibility checkers flag (heading-order). The build (the hast
 * step in heading-levels.ts) and the CMS preview both number headings with
 * {@link HeadingOutline}, so they cannot disagree. No imports: the CMS bundle
 * runs this in the browser.
 */
/** The level the page uses first for body headings; the title is the h1. */
export const FIRST_BODY_LEVEL = 2;

/**
 * Renumbers headings met in document order: the first becomes h2, a deeper
 * heading goes exactly one level below its parent (no skipped levels), a
 * heading at a level seen before returns to the level it got then, and
 * nothing goes past h6.
 */
export class HeadingOutline {
  private readonly open: { typed: number; shown: number }[] = [];

  /** The level to show for the next heading, typed at `level` (1–6). */
  next(level: number): number {
    while ((this.open.at(-1)?.typed ?? 0) > level) this.open.pop();
    const parent = this.open.at(-1);
    let shown: number;
    if (parent?.typed === level) {
      shown = parent.shown;
      this.open.pop();
    } else {
      shown = Math.min((parent?.shown ?? FIRST_BODY_LEVEL - 1) + 1, 6);
    }
    this.open.push({ typed: level, shown });
    return shown;
  }
}

/** {@link HeadingOutline} over a whole list of typed levels. */
export function pageHeadingLevels(typed: readonly number[]): number[] {
  const outline = new HeadingOutline();
  return typed.map((level) => outline.next(level));
}

/** The typed level of a tag such as "h3", or undefined for any other tag. */
export function headingLevel(tag: string | null | undefined): number | undefined {
  const match = tag ? /^h([1-6])$/i.exec(tag) : null;
  return match ? Number(match[1]) : undefined;
}
