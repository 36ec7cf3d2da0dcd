/**
 * A deterministic generator of realistic Chinese feature articles in the
 * real content schema, for benchmarks. It writes a complete content tree:
 * `outDir/content/articles/<slug>/index.mdx` per article, and copies
 * columns, districts, authors and settings from the real `content/`, so
 * `CONTENT_DIR=outDir/content astro build` builds it like the real site.
 *
 * The same seed and count always give the same files. About a third of
 * the articles use MDX components (PullQuote, FactBox, ProfileCard,
 * HotlineCallout). Run directly:
 *   node bench/corpus/generate.ts --count 10000 --out bench/.corpus/10k --seed 42
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pinyin } from 'pinyin-pro';
import { stringify } from 'yaml';
import {
  GIVEN_CHARS,
  HEADINGS,
  HONORS,
  KICKERS,
  PLACES,
  QUOTES,
  SENTENCES,
  SURNAMES,
  TOPICS,
  TRADES,
} from './vocabulary.ts';

/** Options of {@link generateCorpus}. */
export interface CorpusOptions {
  count: number;
  outDir: string;
  seed?: number;
  /** The real content tree to copy columns, districts, authors and settings from. */
  sourceContent?: string;
}

/** One generated article: its folder name, frontmatter and MDX body. */
export interface GeneratedArticle {
  slug: string;
  data: {
    title: string;
    kicker?: string;
    subtitle?: string;
    summary: string;
    kind: 'feature' | 'profile' | 'report' | 'brief';
    column: string;
    authors: { author?: string; name?: string; role: string }[];
    publishedAt: string;
    districts: string[];
    topics: string[];
    subject?: { name: string; title: string; honors: string[] };
  };
  body: string;
  usesComponents: boolean;
}

/** Real ids from content/; the generator only refers to entries that exist. */
export const DISTRICT_IDS = Object.keys(PLACES);
export const DISTRICT_NAMES: Record<string, string> = {
  'dong-chang-fu-qu': '东昌府区',
  'dong-e-xian': '东阿县',
  'kai-fa-qu': '开发区',
  'lin-qing-shi': '临清市',
  'yan-zhou-qu': '兖州区',
};
const COLUMN_IDS = ['shui-cheng-wen-du', 'guang-jiao-jing', 'lin-cheng-guan-cha'];
const AUTHOR_IDS = [
  'ji-xiang',
  'ren-huan-zhen',
  'shang-jing-hao',
  'yuan-cui',
  'yue-dian-ju',
  'zhang-ying',
  'zhao-qi',
];

/**
 * A pool of about 4,000 real Chinese words (the phrase list bundled with
 * pinyin-pro), so the corpus has a realistic spread of vocabulary rather
 * than only the template words; index size depends on it.
 */
export const WORD_POOL: string[] = (() => {
  const source = readFileSync(createRequire(import.meta.url).resolve('pinyin-pro'), 'utf8');
  return [...new Set(source.match(/[\u4e00-\u9fa5]{2,4}/g) ?? [])].sort();
})();

const FILLERS = [
  '据了解，{a}和{b}方面的工作也在稳步推进。',
  '不少群众表示，{a}、{b}这些变化看得见、摸得着。',
  '在{a}的同时，当地还把{b}作为一项重点来抓。',
  '有关部门将{a}与{b}结合起来，形成了长效机制。',
];

/** mulberry32: a small, fast, deterministic PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

function personName(rng: Rng): string {
  const given = rng() < 0.75 ? pick(rng, GIVEN_CHARS) + pick(rng, GIVEN_CHARS) : pick(rng, GIVEN_CHARS);
  return pick(rng, SURNAMES) + given;
}

function fill(template: string, v: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => v[key] ?? whole);
}

function slugOf(words: string, index: number): string {
  const syllables = pinyin(words, { toneType: 'none', type: 'array' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, 6);
  return `${syllables.join('-')}-${String(index).padStart(5, '0')}`;
}

/** Generates article number `index` of the corpus for `seed`; pure and deterministic. */
export function generateArticle(index: number, seed = 42): GeneratedArticle {
  const rng = random(seed * 1_000_003 + index);
  const districtId = pick(rng, DISTRICT_IDS);
  const district = DISTRICT_NAMES[districtId] ?? '';
  const place = pick(rng, PLACES[districtId] ?? ['城区']);
  const trade = pick(rng, TRADES);
  const name = personName(rng);
  const given = name.length > 2 ? name.slice(-2) : name.slice(-1);
  const topic = rng() < 0.5 ? trade.topic : pick(rng, TOPICS);
  const roll = rng();
  const kind = roll < 0.35 ? 'profile' : roll < 0.6 ? 'feature' : roll < 0.85 ? 'report' : 'brief';
  const year = 2018 + ((index * 7 + seed) % 8);
  const day = new Date(Date.UTC(year, int(rng, 0, 11), int(rng, 1, 28), int(rng, 0, 12), int(rng, 0, 59)));
  const vars: Record<string, string> = {
    name,
    given,
    place,
    district,
    trade: trade.title,
    org: trade.org,
    topic,
    year: String(year),
    honor: pick(rng, HONORS),
    quote: pick(rng, QUOTES),
  };
  const sentence = () =>
    fill(pick(rng, SENTENCES), {
      ...vars,
      n: String(int(rng, 3, 200)),
      n2: String(int(rng, 1000, 90000)),
      n3: String(int(rng, 2, 15)),
      quote: pick(rng, QUOTES),
    });
  const paragraphs = kind === 'brief' ? int(rng, 2, 4) : int(rng, 6, 16);
  const blocks: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    if (kind !== 'brief' && p > 0 && p % 5 === 0) blocks.push(`## ${pick(rng, HEADINGS)}`);
    const filler = fill(pick(rng, FILLERS), { a: pick(rng, WORD_POOL), b: pick(rng, WORD_POOL) });
    blocks.push([...Array.from({ length: int(rng, 2, 4) }, sentence), filler].join(''));
  }
  const usesComponents = rng() < 0.33;
  if (usesComponents) {
    const at = Math.min(2, blocks.length);
    const choice = int(rng, 0, 3);
    const component = [
      `<PullQuote cite="${district}${trade.title} ${name}">${vars['quote'] ?? ''}，这是我最真实的想法。</PullQuote>`,
      `<FactBox title="数说${topic}">\n\n- **${String(int(rng, 10, 900))}个** ${district}已建成的服务站点\n- **${String(int(rng, 2, 60))}%** 今年以来的增长\n\n</FactBox>`,
      `<ProfileCard name="${name}" title="${trade.org}${trade.title}" honors={["${vars['honor'] ?? ''}"]} />`,
      '<HotlineCallout />',
    ][choice];
    blocks.splice(at, 0, component ?? '');
  }
  const title =
    kind === 'profile'
      ? `${trade.title}${name}：${pick(rng, ['把温暖送到家门口', '一条路跑了六年', '平凡岗位上的坚守', '小岗位有大担当'])}`
      : `${district}${place}：${topic}${pick(rng, ['有了新进展', '惠及更多群众', '迈出新步伐', '让生活更便利'])}`;
  const data: GeneratedArticle['data'] = {
    title: title.slice(0, 60),
    summary: `${district}${place}的${trade.title}${name}和同事们一起，围绕${topic}做了许多实事，让群众在家门口感受到变化。`,
    kind,
    column: kind === 'brief' ? 'guang-jiao-jing' : pick(rng, COLUMN_IDS),
    authors: [
      { author: pick(rng, AUTHOR_IDS), role: 'reporter' },
      ...(rng() < 0.5 ? [{ name: personName(rng), role: 'correspondent' }] : []),
    ],
    publishedAt: `${day.toISOString().slice(0, 10)} ${day.toISOString().slice(11, 16)}`,
    districts: [districtId],
    topics: [...new Set([topic, ...(rng() < 0.4 ? [pick(rng, TOPICS)] : [])])],
  };
  if (rng() < 0.6) data.kicker = pick(rng, KICKERS);
  if (kind !== 'brief' && rng() < 0.5) data.subtitle = `记${district}${trade.title}${name}`;
  if (kind === 'profile')
    data.subject = { name, title: `${trade.org}${trade.title}`, honors: [vars['honor'] ?? ''] };
  return {
    slug: slugOf(kind === 'profile' ? `${name}${trade.title}` : `${district}${topic}`, index),
    data,
    body: blocks.join('\n\n'),
    usesComponents,
  };
}

/**
 * Writes a content tree of `count` generated articles under `outDir/content/`
 * (replacing what was there) and returns the articles.
 */
export async function generateCorpus(options: CorpusOptions): Promise<GeneratedArticle[]> {
  const seed = options.seed ?? 42;
  const content = join(options.outDir, 'content');
  const source = resolve(options.sourceContent ?? 'content');
  await rm(content, { recursive: true, force: true });
  for (const folder of ['columns', 'districts', 'authors', 'settings']) {
    await cp(join(source, folder), join(content, folder), { recursive: true });
  }
  const articles: GeneratedArticle[] = [];
  for (let i = 0; i < options.count; i++) {
    const article = generateArticle(i, seed);
    const folder = join(content, 'articles', article.slug);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'index.mdx'), `---\n${stringify(article.data)}---\n\n${article.body}\n`);
    articles.push(article);
  }
  return articles;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      out: { type: 'string', default: 'bench/.corpus/10k' },
      seed: { type: 'string', default: '42' },
    },
  });
  const started = performance.now();
  const articles = await generateCorpus({
    count: Number(values.count),
    outDir: values.out,
    seed: Number(values.seed),
  });
  console.log(
    `generated ${String(articles.length)} articles in ${values.out}/content (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
