/**
 * Renders generated articles (bench/corpus/generate.ts) as static HTML pages
 * with the site's Pagefind markup contract, without running Astro: a header,
 * navigation and footer outside the article, `<article data-pagefind-body>`
 * with the kicker, title, subtitle and summary weighted as on the real
 * article page, the MDX components as the real components render them
 * (roughly), the byline and tags ignored, and ArticleSearchMeta's hidden
 * element from the same pure function (src/lib/search-meta.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DISTRICT_NAMES, type GeneratedArticle } from './corpus/generate.ts';
import { escapeHtml as esc, searchMetaFields, searchMetaHtml } from '../src/lib/search-meta.ts';

const COLUMN_NAMES: Record<string, string> = {
  'shui-cheng-wen-du': '水城·温度',
  'guang-jiao-jing': '广角镜',
  'lin-cheng-guan-cha': '邻城观察',
  'rui-guan-dian': '锐观点',
};
const DISTRICT_META: Record<string, { kind: string; city: string }> = {
  'dong-chang-fu-qu': { kind: 'district', city: '聊城市' },
  'dong-e-xian': { kind: 'county', city: '聊城市' },
  'kai-fa-qu': { kind: 'zone', city: '聊城市' },
  'lin-qing-shi': { kind: 'city', city: '聊城市' },
  'yan-zhou-qu': { kind: 'district', city: '济宁市' },
};
const KIND_LABELS: Record<string, string> = {
  feature: '特稿',
  profile: '人物',
  report: '报道',
  brief: '简讯',
};

const inline = (text: string) => esc(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

/** The MDX body as HTML: paragraphs, headings, lists and the four components the generator uses. */
export function bodyHtml(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((block) => {
      const quote = /^<PullQuote cite="([^"]*)">([\s\S]*)<\/PullQuote>$/.exec(block);
      if (quote) {
        return `<figure class="pull-quote"><blockquote>${esc(quote[2] ?? '')}</blockquote><figcaption>——${esc(quote[1] ?? '')}</figcaption></figure>`;
      }
      const card = /^<ProfileCard name="([^"]*)" title="([^"]*)" honors=\{\["([^"]*)"\]\} \/>$/.exec(block);
      if (card) {
        return `<aside class="profile-card" aria-label="人物名片"><h2>人物名片</h2><p>${esc(card[1] ?? '')}</p><p>${esc(card[2] ?? '')}</p><h3>荣誉</h3><ul><li>${esc(card[3] ?? '')}</li></ul></aside>`;
      }
      if (block === '<HotlineCallout />') {
        return '<aside class="hotline-box" aria-label="党报热线"><h2>党报热线</h2><p>欢迎广大读者提供新闻线索</p><p>0635-2921234</p><p><a href="/hotline/">网上报料</a></p></aside>';
      }
      if (block.startsWith('<FactBox') || block === '</FactBox>') {
        const title = /title="([^"]*)"/.exec(block)?.[1];
        return title
          ? `<aside class="fact-box" aria-label="${esc(title)}"><h2>${esc(title)}</h2>`
          : '</aside>';
      }
      if (block.startsWith('- ')) {
        return `<ul>${block
          .split('\n')
          .map((line) => `<li>${inline(line.slice(2))}</li>`)
          .join('')}</ul>`;
      }
      if (block.startsWith('## ')) return `<h2>${esc(block.slice(3))}</h2>`;
      return `<p>${inline(block)}</p>`;
    })
    .join('\n');
}

const CHROME_TOP = `<header class="site-header"><a href="/">水城·温度</a> 聊城日报<form action="/search/" role="search"><input name="q" type="search" aria-label="搜索"></form></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/columns/shui-cheng-wen-du/">水城·温度</a></li><li><a href="/columns/guang-jiao-jing/">广角镜</a></li><li><a href="/columns/rui-guan-dian/">锐观点</a></li><li><a href="/columns/lin-cheng-guan-cha/">邻城观察</a></li><li><a href="/hotline/">党报热线</a></li></ul></nav>`;
const CHROME_BOTTOM = `<footer><p>党报热线：0635-2921234　18663513326</p><p>本站为聊城日报专副刊的网络版。© 2026 聊城日报　版权所有</p></footer>`;

/** One article page. `withTerms: false` leaves the extra search terms out (the "before" index). */
export function articlePage(article: GeneratedArticle, options: { withTerms?: boolean } = {}): string {
  const { data } = article;
  const published = new Date(`${data.publishedAt.replace(' ', 'T')}:00+08:00`);
  const day = data.publishedAt.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  const fields = searchMetaFields({
    publishedAt: published,
    displayDate: `${String(y)}年${String(m)}月${String(d)}日`,
    year: day.slice(0, 4),
    columnName: COLUMN_NAMES[data.column] ?? '',
    kindLabel: KIND_LABELS[data.kind] ?? '',
    districts: data.districts.map((id) => ({ name: DISTRICT_NAMES[id] ?? id, ...DISTRICT_META[id] })),
    topics: data.topics,
    subjectName: data.subject?.name,
  });
  if (options.withTerms === false) fields.meta = fields.meta.filter(([key]) => key !== 'terms');
  const byline = data.authors.map((a) => esc(a.name ?? a.author ?? '')).join('　');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(data.title)} - 水城·温度</title></head><body>
${CHROME_TOP}
<main><article class="story" data-pagefind-body><header>
<p class="story-column" data-pagefind-ignore><a href="/columns/${data.column}/">${esc(COLUMN_NAMES[data.column] ?? '')}</a></p>
${data.kicker ? `<p class="kicker" data-pagefind-meta="kicker" data-pagefind-weight="3">${esc(data.kicker)}</p>` : ''}
<h1 data-pagefind-meta="title" data-pagefind-weight="10">${esc(data.title)}</h1>
${data.subtitle ? `<p class="subtitle" data-pagefind-meta="subtitle" data-pagefind-weight="6">——${esc(data.subtitle)}</p>` : ''}
<div class="story-meta" data-pagefind-ignore><p>本报记者 ${byline}</p><p><time datetime="${published.toISOString()}">${esc(data.publishedAt)}</time></p></div>
</header>
<p class="standfirst" data-pagefind-weight="5">${esc(data.summary)}</p>
<div class="article-body">${bodyHtml(article.body)}</div>
<footer class="story-foot" data-pagefind-ignore><dl><dt>话题</dt>${data.topics.map((t) => `<dd>${esc(t)}</dd>`).join('')}</dl></footer>
${searchMetaHtml(fields)}
</article><aside class="more"><h2>相关稿件</h2><ul><li><a href="/">更多稿件</a></li></ul></aside></main>
${CHROME_BOTTOM}
</body></html>`;
}

/** Writes every article page under `siteDir/articles/<slug>/index.html`. */
export async function writeSite(
  articles: GeneratedArticle[],
  siteDir: string,
  options: { withTerms?: boolean } = {},
): Promise<void> {
  for (const article of articles) {
    const dir = join(siteDir, 'articles', article.slug);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), articlePage(article, options));
  }
}
