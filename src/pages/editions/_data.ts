/**
 * The 数字报 as the reader pages see it: every issue newest first, each page
 * with its image, PDF and the regions of the public stories on it.
 */
import type { ImageMetadata } from 'astro';
import { getCollection } from 'astro:content';
import { dirname, resolve } from 'node:path';
import { getPublishedArticles } from '../../lib/content.ts';
import type { Story } from '../../lib/story.ts';
import { regionPoints } from '../../lib/editions.ts';
import { formatCalendarDay } from '../../lib/dates.ts';
import { editionUrl } from '../../lib/urls.ts';
import { t } from '../../i18n/t.ts';

/** A story's clickable region on a page image. */
export interface PageRegion {
  story: Story;
  /** SVG polygon points in the image's pixels. */
  points: string;
}

/** One printed page of an issue. */
export interface IssuePage {
  page: number;
  pageName: string;
  image: ImageMetadata;
  /** The PDF's path on disk, read by the download endpoint. */
  pdfFile: string;
  /** Regions of public stories only: a draft or a story not yet due has no link. */
  regions: PageRegion[];
}

/** One day's paper. */
export interface Issue {
  date: string;
  pages: IssuePage[];
}

let issues: Promise<Issue[]> | undefined;

/** Every issue, newest first, pages in page order. */
export function getIssues(): Promise<Issue[]> {
  issues ??= load();
  return issues;
}

async function load(): Promise<Issue[]> {
  const [entries, articles] = await Promise.all([getCollection('editions'), getPublishedArticles()]);
  const stories = new Map(articles.map((s) => [s.id, s]));
  return entries
    .map((entry) => {
      const folder = dirname(resolve(entry.filePath ?? '.'));
      return {
        date: entry.data.date,
        pages: entry.data.pages
          .map((p) => ({
            page: p.page,
            pageName: p.pageName,
            image: p.image,
            pdfFile: resolve(folder, p.pdf),
            regions: p.regions.flatMap((r) => {
              const story = stories.get(r.story.id);
              return story ? [{ story, points: regionPoints(r.area) }] : [];
            }),
          }))
          .sort((a, b) => a.page - b.page),
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date));
}

/** A page's PDF: /editions/2026-04-26/5.pdf. */
export const pdfUrl = (date: string, page: number): string => `/editions/${date}/${String(page)}.pdf`;

/** One year of the calendar: /editions/archive/2025/. */
export const yearUrl = (year: number): string => `/editions/archive/${String(year)}/`;

/** 上一期 / 下一期 for IssueNav: the issues before and after this one, when there are any. */
export function issueLinks(
  earlier: string | undefined,
  later: string | undefined,
): ({ href: string; label: string; rel: 'prev' | 'next' } | undefined)[] {
  return [
    earlier
      ? {
          href: editionUrl(earlier),
          label: t('edition.previousIssue', { date: formatCalendarDay(earlier) }),
          rel: 'prev',
        }
      : undefined,
    later
      ? {
          href: editionUrl(later),
          label: t('edition.nextIssue', { date: formatCalendarDay(later) }),
          rel: 'next',
        }
      : undefined,
  ];
}
