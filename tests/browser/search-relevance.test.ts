/**
 * Search relevance over the sample edition, in Chromium against the built
 * site: every query of tests/browser/search-cases.ts goes through the real
 * /search/ page (Pagefind's JS plus our ranking), and the test reports P@1
 * and recall@5 next to a baseline of raw Pagefind with default options.
 *
 * The bars: P@1 ≥ 0.9 and recall@5 ≥ 0.95. The edition is small and the
 * cases are the questions readers actually ask (a name, a place, a topic),
 * so nearly every one must put a right story first; one miss in ten is
 * allowed for the deliberately hard cases (a single character, a typo),
 * where Pagefind gives us only prefix matching. Recall is held higher
 * because missing a right story from the first five is worse for a reader
 * than a slightly wrong order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { DIST, startSite, type RunningSite } from '../support/server.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';
import { CASES } from './search-cases.ts';
import { score, searchPage, searchRaw } from './search-helpers.ts';

const P1_BAR = 0.9;
const R5_BAR = 0.95;

let site: RunningSite;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser.close();
  await site.stop();
});

/** Slugs of the stories this build published (drafts and future stories have no page). */
function publishedSlugs(): Set<string> {
  const dir = join(DIST, 'client', 'articles');
  return new Set(readdirSync(dir).filter((slug) => existsSync(join(dir, slug, 'index.html'))));
}

describe('search relevance on the sample edition', () => {
  test('every case refers to stories that this build published', () => {
    const published = publishedSlugs();
    const missing = CASES.flatMap((c) => [...c.relevant, ...(c.absent ?? [])]).filter(
      (s) => !published.has(s),
    );
    expect(missing, 'relevance cases name stories that are not in the build').toEqual([]);
  });

  test(`P@1 ≥ ${String(P1_BAR)} and recall@5 ≥ ${String(R5_BAR)} over ${String(CASES.length)} queries`, async () => {
    const rows: string[] = [];
    const totals = { p1: 0, r5: 0, baseP1: 0, baseR5: 0 };
    const leaks: string[] = [];
    for (const c of CASES) {
      const ranking = await searchPage(page, site.origin, c.q, c.params);
      const baseline = await searchRaw(page, c.q, c.params);
      const ours = score(ranking, c.relevant);
      const base = score(baseline, c.relevant);
      totals.p1 += ours.p1;
      totals.r5 += ours.r5;
      totals.baseP1 += base.p1;
      totals.baseR5 += base.r5;
      for (const slug of c.absent ?? []) if (ranking.includes(slug)) leaks.push(`${c.q}: ${slug}`);
      const label = `${c.q}${c.params ? ` ${decodeURIComponent(new URLSearchParams(c.params).toString())}` : ''}`;
      rows.push(
        `| ${c.kind} | ${label} | ${String(ours.p1)} | ${ours.r5.toFixed(2)} | ${String(base.p1)} | ${base.r5.toFixed(2)} | ${ranking.slice(0, 3).join(' ')} |`,
      );
    }
    const n = CASES.length;
    const p1 = totals.p1 / n;
    const r5 = totals.r5 / n;
    console.log(
      [
        `| kind | query | P@1 | R@5 | base P@1 | base R@5 | top 3 |`,
        `|---|---|---|---|---|---|---|`,
        ...rows,
        `| **all** | ${String(n)} queries | **${p1.toFixed(3)}** | **${r5.toFixed(3)}** | ${(totals.baseP1 / n).toFixed(3)} | ${(totals.baseR5 / n).toFixed(3)} | |`,
      ].join('\n'),
    );
    expect(leaks, 'stories that must not match a query were found').toEqual([]);
    expect(p1).toBeGreaterThanOrEqual(P1_BAR);
    expect(r5).toBeGreaterThanOrEqual(R5_BAR);
  });

  test('every sample story is found by its subject name (first), its districts and its main topic (first five)', async () => {
    const districtNames = new Map<string, string>();
    const districtFiles = join(FIXTURE_CONTENT, 'districts');
    for (const file of readdirSync(districtFiles)) {
      const name = /^name:\s*(.+)$/m.exec(readFileSync(join(districtFiles, file), 'utf8'))?.[1];
      if (name) districtNames.set(file.replace(/\.yml$/, ''), name.trim());
    }
    const failures: string[] = [];
    for (const slug of publishedSlugs()) {
      const { data } = readFrontmatter(
        readFileSync(join(FIXTURE_CONTENT, 'articles', slug, 'index.mdx'), 'utf8'),
      );
      const subject = (data['subject'] as { name?: string } | undefined)?.name;
      const districts = ((data['districts'] as string[] | undefined) ?? []).map(
        (id) => districtNames.get(id) ?? id,
      );
      const topic = (data['topics'] as string[] | undefined)?.[0];
      const checks: [string, number][] = [
        ...(subject ? [[subject, 1] as [string, number]] : []),
        ...districts.map((d): [string, number] => [d, 5]),
        ...(topic ? [[topic, 5] as [string, number]] : []),
      ];
      for (const [q, within] of checks) {
        const ranking = await searchPage(page, site.origin, q);
        if (!ranking.slice(0, within).includes(slug)) {
          failures.push(`${slug}: “${q}” not in first ${String(within)} (${ranking.slice(0, 5).join(', ')})`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
