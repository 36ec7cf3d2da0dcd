import { describe, expect, it } from 'vitest';
import { describeObject, type FieldInfo } from '../../src/schemas/fields.ts';
import { articleSchema, editionSchema, plainHelpers, settingsSchema } from '../../src/schemas/index.ts';

const article = articleSchema(plainHelpers);

/** A minimal valid article; each test breaks one thing. */
const valid = {
  title: '微光成炬暖人心',
  summary: '快递员林东阁在开发区的驿站里一干多年，用一件件小事赢得了居民的信任。',
  kind: 'profile',
  column: 'shui-cheng-wen-du',
  authors: [{ author: 'yue-dian-ju', role: 'reporter' }],
  publishedAt: '2026-04-26 07:30',
  subject: { name: '林东阁', title: '快递员' },
};

function issuesOf(data: unknown): { path: string; message: string }[] {
  const result = article.safeParse(data);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('article schema', () => {
  it('accepts a complete profile and fills defaults', () => {
    const parsed = article.parse(valid);
    expect(parsed.draft).toBe(false);
    expect(parsed.topics).toEqual([]);
    expect(parsed.subject?.honors).toEqual([]);
  });

  it('reads a time without a zone as Beijing time', () => {
    expect(article.parse(valid).publishedAt.toISOString()).toBe('2026-04-25T23:30:00.000Z');
    const zoned = article.parse({ ...valid, publishedAt: '2026-04-26T07:30:00Z' });
    expect(zoned.publishedAt.toISOString()).toBe('2026-04-26T07:30:00.000Z');
  });

  it.each([
    ['missing title', { title: undefined }, 'title', '缺少主标题'],
    ['unknown kind', { kind: 'story' }, 'kind', '稿件类型只能是'],
    ['short summary', { summary: '太短了' }, 'summary', '导语至少 20 字'],
    ['long summary', { summary: '长'.repeat(201) }, 'summary', '导语最多 200 字'],
    ['subtitle with its dash', { subtitle: '——走近快递员林东阁' }, 'subtitle', '不要写"——"'],
    ['empty byline', { authors: [] }, 'authors', '至少需要一条署名'],
    [
      'byline with both a staff author and a name',
      { authors: [{ author: 'zhao-qi', name: '赵琦', role: 'reporter' }] },
      'authors.0',
      '二选一',
    ],
    ['byline role outside the list', { authors: [{ name: '周宁', role: 'intern' }] }, 'authors.0.role', ''],
    ['profile without a subject', { subject: undefined }, 'subject', '必须填写主人公'],
    ['update before publication', { updatedAt: '2026-04-25 08:00' }, 'updatedAt', '更新时间早于发布时间'],
    ['impossible date', { publishedAt: '2026-13-45 08:00' }, 'publishedAt', '不是有效的日期时间'],
    ['hero without alt text', { hero: { image: './hero.jpg', alt: '' } }, 'hero.alt', '替代文字'],
    [
      'edition with a bad day',
      { edition: { date: '2026/04/26', page: 5, pageName: '水城·温度' } },
      'edition.date',
      'YYYY-MM-DD',
    ],
    [
      'edition page zero',
      { edition: { date: '2026-04-26', page: 0, pageName: '水城·温度' } },
      'edition.page',
      '版次从 1 开始',
    ],
  ])('rejects %s, naming the field', (_name, change, path, message) => {
    const issues = issuesOf({ ...valid, ...change });
    const hit = issues.find((i) => i.path === path);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit?.message).toContain(message);
  });
});

describe('settings schema', () => {
  const settings = settingsSchema();
  const ok = {
    siteName: '水城·温度',
    paperName: '聊城日报',
    tagline: '看见城市里每一份平凡的努力',
    hotline: { phones: ['0635-2921234'], qq: '549542711', email: 'a@example.com', notice: '欢迎提供线索' },
    tipsNotice: '网上报料不是匿名的。',
  };

  it('accepts the hotline box of the printed page', () => {
    expect(settings.safeParse(ok).success).toBe(true);
  });

  it('rejects a malformed email and phone with Chinese hints', () => {
    const result = settings.safeParse({
      ...ok,
      hotline: { ...ok.hotline, phones: ['电话'], email: 'not-an-email' },
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toContain('hotline.phones.0: 电话只能包含数字和连字符');
    expect(messages).toContain('hotline.email: 邮箱格式不对');
  });
});

describe('edition schema', () => {
  const edition = editionSchema(plainHelpers);
  const page = (area: Record<string, unknown>) => ({
    page: 5,
    pageName: '水城·温度',
    image: './2026-04-26-5.png',
    pdf: './2026-04-26-5.pdf',
    regions: [{ story: 'lin-dong-ge-kuai-di-yuan', area }],
  });
  const issues = (area: Record<string, unknown>, change: Record<string, unknown> = {}) => {
    const result = edition.safeParse({ date: '2026-04-26', pages: [{ ...page(area), ...change }] });
    return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('accepts a rectangle and a polygon in image pixels', () => {
    expect(issues({ x: 32, y: 120, width: 591, height: 362 })).toEqual([]);
    expect(issues({ points: '10,10 300,10 300,200 10,200' })).toEqual([]);
  });

  it.each([
    ['a rectangle missing its height', { x: 1, y: 2, width: 3 }, '请在版面图上画出'],
    [
      'both a rectangle and a polygon',
      { x: 1, y: 2, width: 3, height: 4, points: '1,1 2,2 3,3' },
      '不能两样都填',
    ],
    ['a polygon of two points', { points: '1,1 2,2' }, '至少三个点'],
    ['a negative corner', { x: -1, y: 2, width: 3, height: 4 }, '横坐标不能小于 0'],
  ])('refuses %s, naming the area', (_name, area, message) => {
    const found = issues(area);
    expect(
      found.some(([path, m]) => path?.startsWith('pages.0.regions.0.area') && m?.includes(message)),
    ).toBe(true);
  });

  it('wants the page PDF to be a .pdf file', () => {
    expect(issues({ x: 1, y: 2, width: 3, height: 4 }, { pdf: './page.png' })).toEqual([
      ['pages.0.pdf', '请上传这一版的 PDF 文件（.pdf）'],
    ]);
  });

  it('describes every field in Chinese, down to the region numbers', () => {
    const missing: string[] = [];
    const walk = (fields: readonly FieldInfo[], path: string) => {
      for (const f of fields) {
        if (!f.description || !/[\u4e00-\u9fff]/.test(f.description)) missing.push(`${path}${f.name}`);
        walk(f.fields ?? [], `${path}${f.name}.`);
      }
    };
    walk(describeObject(edition), '');
    expect(missing).toEqual([]);
  });
});
