/**
 * Makes the sample 数字报: `node scripts/make-edition-pages.ts [content-dir …]`
 * (default: content and tests/fixtures/content).
 *
 * For every page that stories name in their `edition` (date, 版次, 版名), it
 * lays those stories out as a newspaper page in HTML (masthead, headlines,
 * bylines, the opening of each story in columns), renders the page with
 * Chromium to a PNG (the 版面图) and a PDF, and writes
 * `editions/<date>.yml` with each story's region taken from the box its
 * block has in that layout, so the regions match the picture exactly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { SCHEMA_FIELDS } from '../cms/config.ts';
import { yamlData } from '../cms/format.ts';
import { readContentFiles } from '../src/lib/content-files.ts';

const WIDTH = 960;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

interface Story {
  id: string;
  title: string;
  kicker: string | undefined;
  subtitle: string | undefined;
  byline: string;
  text: string;
  publishedAt: string;
}

interface PageOfStories {
  date: string;
  page: number;
  pageName: string;
  stories: Story[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The story body as plain paragraphs: MDX imports, components and Markdown marks taken out. */
function plainText(body: string): string {
  return body
    .replace(/^import .*$/gm, '')
    .replace(/<[A-Z][\s\S]*?\/>/g, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#+\s*/gm, '')
    .replace(/[*_>`]/g, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s+/g, ''))
    .filter((p) => p.length > 0)
    .join('\n');
}

const ROLE: Record<string, string> = {
  reporter: '记者',
  correspondent: '通讯员',
  photographer: '摄影',
  commentator: '评论员',
  editor: '编辑',
};

function storiesByPage(contentDir: string): { pages: PageOfStories[]; paperName: string } {
  const files = readContentFiles(contentDir);
  const names = new Map(
    files.filter((f) => f.collection === 'authors').map((f) => [f.id, str(f.data['name']) ?? f.id]),
  );
  const settings = files.find((f) => f.collection === 'settings');
  const pages = new Map<string, PageOfStories>();
  for (const f of files) {
    if (f.collection !== 'articles' || f.data['draft'] === true) continue;
    const edition = f.data['edition'];
    if (edition === null || typeof edition !== 'object') continue;
    const { date, page, pageName } = edition as Record<string, unknown>;
    if (typeof date !== 'string' || typeof page !== 'number' || typeof pageName !== 'string') continue;
    const authors = Array.isArray(f.data['authors']) ? (f.data['authors'] as Record<string, unknown>[]) : [];
    const byline = authors
      .map(
        (a) => `${ROLE[String(a['role'])] ?? ''} ${names.get(String(a['author'])) ?? str(a['name']) ?? ''}`,
      )
      .join('　');
    const key = `${date}/${String(page)}`;
    const group = pages.get(key) ?? { date, page, pageName, stories: [] };
    pages.set(key, group);
    group.stories.push({
      id: f.id,
      title: str(f.data['title']) ?? f.id,
      kicker: str(f.data['kicker']),
      subtitle: str(f.data['subtitle']),
      byline: `■ 本报${byline}`,
      text: [str(f.data['summary']) ?? '', plainText(f.body ?? '')].join('\n'),
      publishedAt: String(f.data['publishedAt']),
    });
  }
  for (const group of pages.values()) {
    group.stories.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  }
  return { pages: [...pages.values()], paperName: str(settings?.data['paperName']) ?? '' };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page as HTML: a masthead strip, then the stories in a three-column grid, the first one wide. */
function pageHtml(group: PageOfStories, paperName: string): string {
  const day = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'full', timeZone: 'Asia/Shanghai' }).format(
    new Date(`${group.date}T00:00:00+08:00`),
  );
  const blocks = group.stories
    .map((s, i) => {
      // Only what fits is set: hidden text would still put its glyphs into the PDF's fonts.
      const paragraphs = s.text
        .slice(0, i === 0 ? 420 : 240)
        .split('\n')
        .map((p) => `<p>${esc(p)}</p>`)
        .join('');
      return `<article data-story="${s.id}" class="${i === 0 ? 'lead' : ''}">
        ${s.kicker ? `<p class="kicker">${esc(s.kicker)}</p>` : ''}
        <h2>${esc(s.title)}</h2>
        ${s.subtitle ? `<p class="subtitle">——${esc(s.subtitle)}</p>` : ''}
        <p class="byline">${esc(s.byline)}</p>
        <div class="text">${paragraphs}</div>
      </article>`;
    })
    .join('');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
    * { box-sizing: border-box; margin: 0; }
    body { width: ${String(WIDTH)}px; padding: 28px 32px; font: 13px/1.6 'Noto Sans CJK SC', sans-serif; color: #1a1a1a; background: #fbf8f1; }
    header { display: flex; justify-content: space-between; align-items: end; border-bottom: 4px double #8c1c13; padding-bottom: 8px; margin-bottom: 16px; }
    header .name { font-size: 40px; font-weight: 400; color: #8c1c13; letter-spacing: 6px; }
    header .meta { text-align: end; font-size: 14px; }
    main { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px 18px; }
    article { border-top: 2px solid #1a1a1a; padding-top: 6px; max-height: 420px; overflow: hidden; }
    article.lead { grid-column: span 2; max-height: 460px; }
    article.lead .text { column-count: 2; column-gap: 18px; }
    .kicker { font-size: 13px; color: #8c1c13; }
    h2 { font-weight: 400; font-size: 21px; line-height: 1.3; margin: 2px 0 4px; }
    .lead h2 { font-size: 28px; }
    .subtitle { font-size: 14px; }
    .byline { font-size: 12px; color: #555; margin: 4px 0; }
    .text p { text-indent: 2em; text-align: justify; }
    footer { margin-top: 16px; border: 2px solid #8c1c13; padding: 8px 12px; font-size: 13px; }
  </style><body>
    <header><div class="name">${esc(paperName)}</div>
      <div class="meta">第${String(group.page)}版　${esc(group.pageName)}<br>${esc(day)}</div></header>
    <main>${blocks}</main>
    <footer>党报热线　欢迎广大读者提供新闻线索</footer>
  </body></html>`;
}

/** Renders every page of one content tree and writes its editions. */
async function makeEditions(contentDir: string): Promise<void> {
  const { pages, paperName } = storiesByPage(contentDir);
  const outDir = join(contentDir, 'editions');
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 }, deviceScaleFactor: 1 });
    const byDate = new Map<string, Record<string, unknown>[]>();
    for (const group of pages.sort((a, b) => a.page - b.page)) {
      await page.setContent(pageHtml(group, paperName), { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const boxes = await page.$$eval('article[data-story]', (els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return {
            story: el.getAttribute('data-story') ?? '',
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
          };
        }),
      );
      const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
      const base = `${group.date}-${String(group.page)}`;
      await page.setViewportSize({ width: WIDTH, height });
      // A page of type needs few colours: a palette PNG is a third of the size and looks the same.
      const shot = await page.screenshot({ type: 'png', fullPage: true });
      writeFileSync(
        join(outDir, `${base}.png`),
        await sharp(shot).png({ palette: true, colours: 32 }).toBuffer(),
      );
      writeFileSync(
        join(outDir, `${base}.pdf`),
        await page.pdf({
          width: `${String(WIDTH)}px`,
          height: `${String(height + 1)}px`,
          printBackground: true,
          pageRanges: '1',
        }),
      );
      const list = byDate.get(group.date) ?? [];
      byDate.set(group.date, list);
      list.push({
        page: group.page,
        pageName: group.pageName,
        image: `./${base}.png`,
        pdf: `./${base}.pdf`,
        regions: boxes.map((b) => ({
          story: b.story,
          area: {
            x: Math.round(b.x),
            y: Math.round(b.y),
            width: Math.round(b.width),
            height: Math.round(b.height),
          },
        })),
      });
    }
    // Written the way the CMS writes an issue, so opening and saving it there changes nothing.
    const format = yamlData(SCHEMA_FIELDS.editions);
    for (const [date, list] of byDate) {
      const file = join(outDir, `${date}.yml`);
      writeFileSync(file, format.toFile({ date, pages: list }));
      console.log(`${file}: ${String(list.length)} 个版面`);
    }
  } finally {
    await browser.close();
  }
}

const dirs = process.argv.slice(2);
for (const dir of dirs.length > 0 ? dirs : ['content', 'tests/fixtures/content']) {
  await makeEditions(resolve(dir));
}
