import { editionSchema, plainHelpers, type EditionData } from '../schemas/index.ts';

/** The print reference of a story, as the schema outputs it. */
export interface PrintReference {
  date: string;
  page: number;
  pageName: string;
}

/** A story that may have run in print. */
export interface EditionStory {
  id: string;
  data: { publishedAt: Date; edition?: PrintReference | undefined };
}

/** One page (版) of one edition and the stories it carried. */
export interface EditionPage<T> {
  page: number;
  pageName: string;
  stories: T[];
}

/** One day's paper (一期): its date and pages in page order. */
export interface Edition<T> {
  date: string;
  pages: EditionPage<T>[];
}

/**
 * Groups the stories that ran in print by date and page: editions newest
 * first, pages by number, stories on a page in publication order. Pass public
 * stories only; stories without a print reference are left out.
 */
export function groupEditions<T extends EditionStory>(stories: readonly T[]): Edition<T>[] {
  const byDate = new Map<string, Map<number, EditionPage<T>>>();
  for (const story of stories) {
    const ref = story.data.edition;
    if (!ref) continue;
    let pages = byDate.get(ref.date);
    if (!pages) byDate.set(ref.date, (pages = new Map<number, EditionPage<T>>()));
    let page = pages.get(ref.page);
    if (!page) pages.set(ref.page, (page = { page: ref.page, pageName: ref.pageName, stories: [] }));
    page.stories.push(story);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([date, pages]) => ({
      date,
      pages: [...pages.values()]
        .sort((a, b) => a.page - b.page)
        .map((p) => ({
          ...p,
          stories: p.stories.sort(
            (a, b) => a.data.publishedAt.getTime() - b.data.publishedAt.getTime() || a.id.localeCompare(b.id),
          ),
        })),
    }));
}

/**
 * The editions either side of `date` in a newest-first list: `previous` is the
 * earlier day's paper, `next` the later one.
 */
export function adjacentEditions<T>(
  editions: readonly Edition<T>[],
  date: string,
): { previous: Edition<T> | undefined; next: Edition<T> | undefined } {
  const index = editions.findIndex((e) => e.date === date);
  if (index < 0) return { previous: undefined, next: undefined };
  return { previous: editions[index + 1], next: index > 0 ? editions[index - 1] : undefined };
}

/** A content file as the edition cross-check sees it (a subset of the guard's ContentFile). */
export interface CheckedFile {
  collection: string;
  id: string;
  file: string;
  data: Record<string, unknown>;
  /** Names of the files beside it; photos and PDFs are checked against them when present. */
  folderFiles?: string[];
  /** Pixel sizes of the pictures beside it, by file name, where they could be read; regions must fit in them. */
  imageSizes?: Record<string, { width: number; height: number }>;
}

/** A problem the cross-check found, in the guard's shape. */
export interface EditionProblem {
  file: string;
  field: string;
  message: string;
}

interface ParsedEdition {
  file: CheckedFile;
  data: EditionData;
}

interface PlacedStory {
  file: CheckedFile;
  title: string;
  draft: boolean;
  edition: PrintReference;
}

const where = (date: string, page: number): string => `${date} 第 ${String(page)} 版`;

/**
 * Checks that the editions and the stories agree, both ways: every page
 * number once per issue; every region names a story that says it ran on that
 * page; every story placed on a page of an issue has that issue, that page
 * (with the same 版名) and a region on it; the page image and PDF are beside
 * the edition's file. Files that fail their own schema are left to the schema
 * check, which reports them already.
 */
export function checkEditions(files: readonly CheckedFile[]): EditionProblem[] {
  const problems: EditionProblem[] = [];
  const schema = editionSchema(plainHelpers);
  const editions = new Map<string, ParsedEdition>();
  for (const file of files) {
    if (file.collection !== 'editions') continue;
    const parsed = schema.safeParse(file.data);
    if (!parsed.success) continue;
    const data = parsed.data;
    if (file.id !== data.date) {
      problems.push({
        file: file.file,
        field: 'date',
        message: `文件名是 ${file.id}.yml，刊期却写的是 ${data.date}：文件名必须就是刊期，请把文件改名为 ${data.date}.yml，或改正刊期`,
      });
    }
    editions.set(data.date, { file, data });
    problems.push(...checkPages(file, data));
  }
  const stories = new Map<string, PlacedStory | { file: CheckedFile; title: string; edition?: undefined }>();
  for (const file of files) {
    if (file.collection !== 'articles') continue;
    const title = typeof file.data['title'] === 'string' ? file.data['title'] : file.id;
    const edition = printReference(file.data['edition']);
    stories.set(
      file.id,
      edition ? { file, title, draft: file.data['draft'] === true, edition } : { file, title },
    );
  }
  for (const { file, data } of editions.values()) {
    data.pages.forEach((page, p) => {
      page.regions.forEach((region, r) => {
        const story = typeof region.story === 'string' ? stories.get(region.story) : undefined;
        // A story that does not exist is reported by the reference check.
        if (!story) return;
        const field = `pages.${String(p)}.regions.${String(r)}.story`;
        if (!story.edition) {
          problems.push({
            file: file.file,
            field,
            message: `区域指向的稿件"${story.title}"没有填写见报信息：请在这篇稿件里填上刊期 ${data.date}、版次 ${String(page.page)}、版名"${page.pageName}"（${story.file.file} → edition），或删掉这块区域`,
          });
        } else if (story.edition.date !== data.date || story.edition.page !== page.page) {
          problems.push({
            file: file.file,
            field,
            message: `区域指向的稿件"${story.title}"登在 ${where(story.edition.date, story.edition.page)}，不在 ${where(data.date, page.page)}：请改正这篇稿件的见报信息（${story.file.file} → edition），或把这块区域移到它所在的版面`,
          });
        }
      });
    });
  }
  for (const story of stories.values()) {
    if (!story.edition) continue;
    problems.push(...checkPlacement(story, editions));
  }
  return problems;
}

/** Page numbers once per issue; the page image and PDF beside the edition file. */
function checkPages(file: CheckedFile, data: EditionData): EditionProblem[] {
  const problems: EditionProblem[] = [];
  const seen = new Map<number, number>();
  const present = file.folderFiles ? new Set(file.folderFiles) : undefined;
  data.pages.forEach((page, p) => {
    const first = seen.get(page.page);
    if (first !== undefined) {
      problems.push({
        file: file.file,
        field: `pages.${String(p)}.page`,
        message: `第 ${String(page.page)} 版出现了两次（第 ${String(first + 1)} 个和第 ${String(p + 1)} 个版面）：一期里每个版次只能有一个版面，请改正其中一个的版次`,
      });
    } else seen.set(page.page, p);
    const size =
      typeof page.image === 'string' ? file.imageSizes?.[page.image.replace(/^\.\//, '')] : undefined;
    if (size) {
      page.regions.forEach((region, r) => {
        const { x = 0, y = 0, width = 0, height = 0, points } = region.area;
        const corners = points
          ? points
              .trim()
              .split(/\s+/)
              .map((pt) => pt.split(',').map(Number))
          : [[x + width, y + height]];
        if (corners.every(([cx = 0, cy = 0]) => cx <= size.width && cy <= size.height)) return;
        problems.push({
          file: file.file,
          field: `pages.${String(p)}.regions.${String(r)}.area`,
          message: `区域超出了版面图（图宽 ${String(size.width)}、高 ${String(size.height)} 像素）：请在 CMS 里重新画这块区域，或改小坐标`,
        });
      });
    }
    for (const key of ['image', 'pdf'] as const) {
      const path = page[key];
      if (typeof path !== 'string') continue;
      const name = path.replace(/^\.\//, '');
      if (!present || name.includes('/') || present.has(name)) continue;
      problems.push({
        file: file.file,
        field: `pages.${String(p)}.${key}`,
        message: `找不到${key === 'image' ? '版面图' : 'PDF'}"${path}"：它应放在 ${file.file} 所在的文件夹里。请在 CMS 里重新上传，或改正文件名`,
      });
    }
  });
  return problems;
}

/** A story placed on a page: the issue, the page, its name and a region must all be there. */
function checkPlacement(story: PlacedStory, editions: ReadonlyMap<string, ParsedEdition>): EditionProblem[] {
  const { date, page, pageName } = story.edition;
  const edition = editions.get(date);
  const file = story.file.file;
  if (!edition) {
    return [
      {
        file,
        field: 'edition.date',
        message: `没有 ${date} 这一期的数字报（content/editions/${date}.yml）：请先在 CMS 的"数字报"里新建这一期并上传版面图，或改正这篇稿件的刊期`,
      },
    ];
  }
  const index = edition.data.pages.findIndex((p) => p.page === page);
  const found = edition.data.pages[index];
  if (!found) {
    const pages = edition.data.pages.map((p) => `第 ${String(p.page)} 版`).join('、');
    return [
      {
        file,
        field: 'edition.page',
        message: `${date} 这一期没有第 ${String(page)} 版（有：${pages}）：请改正版次，或在数字报 ${edition.file.file} 里添加第 ${String(page)} 版`,
      },
    ];
  }
  const problems: EditionProblem[] = [];
  if (found.pageName !== pageName) {
    problems.push({
      file,
      field: 'edition.pageName',
      message: `版名写的是"${pageName}"，数字报里 ${where(date, page)} 的版名是"${found.pageName}"：请把两处改成一样`,
    });
  }
  if (!story.draft && !found.regions.some((r) => r.story === story.file.id)) {
    problems.push({
      file,
      field: 'edition',
      message: `这篇稿件登在 ${where(date, page)}，但那一版的版面图上没有它的区域：请在 CMS 的"数字报"${date} 第 ${String(page)} 版里为它画出区域（${edition.file.file} → pages.${String(index)}.regions），或改正见报信息`,
    });
  }
  return problems;
}

/** The story's print reference when it is well formed; the schema reports the rest. */
function printReference(value: unknown): PrintReference | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { date, page, pageName } = value as Record<string, unknown>;
  const day = date instanceof Date ? date.toISOString().slice(0, 10) : date;
  if (typeof day !== 'string' || typeof page !== 'number' || typeof pageName !== 'string') return undefined;
  return { date: day, page, pageName };
}

/** One month of the calendar: the days with an issue, newest first. */
export interface CalendarMonth {
  month: number;
  days: { date: string; day: number }[];
}

/** One year of the calendar, its months newest first. */
export interface CalendarYear {
  year: number;
  count: number;
  months: CalendarMonth[];
}

/**
 * Arranges issue dates (YYYY-MM-DD) as a calendar: years, then months, then
 * the days with an issue, all newest first.
 */
export function calendarOf(dates: readonly string[]): CalendarYear[] {
  const years = new Map<number, Map<number, number[]>>();
  for (const date of [...new Set(dates)].sort().reverse()) {
    const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
    let months = years.get(y);
    if (!months) years.set(y, (months = new Map<number, number[]>()));
    let days = months.get(m);
    if (!days) months.set(m, (days = []));
    days.push(d);
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return [...years.entries()].map(([year, months]) => ({
    year,
    count: [...months.values()].reduce((sum, days) => sum + days.length, 0),
    months: [...months.entries()].map(([month, days]) => ({
      month,
      days: days.map((day) => ({ date: `${String(year)}-${pad(month)}-${pad(day)}`, day })),
    })),
  }));
}

/** The items either side of `index` in a list: `before` is index − 1, `after` index + 1. */
export function neighbours<T>(
  list: readonly T[],
  index: number,
): { before: T | undefined; after: T | undefined } {
  return { before: index > 0 ? list[index - 1] : undefined, after: list[index + 1] };
}

/** The SVG shape of a region: a rectangle's corners or the polygon's own points. */
export function regionPoints(area: {
  x?: number | undefined;
  y?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
  points?: string | undefined;
}): string {
  if (area.points !== undefined) return area.points.trim().split(/\s+/).join(' ');
  const { x = 0, y = 0, width = 0, height = 0 } = area;
  return `${String(x)},${String(y)} ${String(x + width)},${String(y)} ${String(x + width)},${String(y + height)} ${String(x)},${String(y + height)}`;
}
