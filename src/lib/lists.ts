/** Stories per page on column, district, topic and author lists. */
export const PAGE_SIZE = 10;

/**
 * The page numbers a pager shows: the first and last page, and up to `radius`
 * pages either side of the current one; `null` marks a gap ("…"). Long
 * archives stay a short row on a phone.
 */
export function pageWindow(current: number, last: number, radius = 2): (number | null)[] {
  const shown = new Set([1, last]);
  for (let p = current - radius; p <= current + radius; p++) if (p >= 1 && p <= last) shown.add(p);
  const pages = [...shown].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const [i, page] of pages.entries()) {
    const before = pages[i - 1];
    if (before !== undefined && page - before > 1) result.push(page - before === 2 ? page - 1 : null);
    result.push(page);
  }
  return result;
}
