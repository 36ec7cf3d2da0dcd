import { describe, expect, it } from 'vitest';
import { checkContent, formatProblems, type ContentFile } from '../../src/lib/content-check.ts';
import { readContentFiles } from '../../src/lib/content-files.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';

const base: ContentFile[] = [
  {
    collection: 'columns',
    id: 'guang-jiao-jing',
    file: 'tests/fixtures/content/columns/guang-jiao-jing.yml',
    data: { name: '广角镜', description: '短新闻', order: 2 },
  },
  {
    collection: 'districts',
    id: 'dong-e-xian',
    file: 'tests/fixtures/content/districts/dong-e-xian.yml',
    data: { name: '东阿县', city: '聊城市', kind: 'county' },
  },
  {
    collection: 'authors',
    id: 'ren-huan-zhen',
    file: 'tests/fixtures/content/authors/ren-huan-zhen.yml',
    data: { name: '任焕珍', role: 'reporter' },
  },
];

const article = (id: string, data: Record<string, unknown> = {}): ContentFile => ({
  collection: 'articles',
  id,
  file: `tests/fixtures/content/articles/${id}/index.mdx`,
  data: {
    title: '东阿濒危剧种王皮戏焕生机',
    summary: '东阿县持续开展公益性演出，让停唱几十年的王皮戏重新回到村民身边。',
    kind: 'brief',
    column: 'guang-jiao-jing',
    authors: [
      { author: 'ren-huan-zhen', role: 'reporter' },
      { name: '周宁', role: 'correspondent' },
    ],
    publishedAt: '2026-04-26 07:30',
    districts: ['dong-e-xian'],
    ...data,
  },
});

describe('content check', () => {
  it('passes consistent content', () => {
    expect(checkContent([...base, article('wang-pi-xi')])).toEqual([]);
  });

  it('names a missing column, author and district by file and field', () => {
    const problems = checkContent([
      ...base,
      article('wang-pi-xi', {
        column: 'no-such-column',
        authors: [{ author: 'nobody', role: 'reporter' }],
        districts: ['dong-e-xian', 'atlantis'],
      }),
    ]);
    const found = problems.map((p) => [p.file, p.field, p.message]);
    expect(found).toHaveLength(3);
    expect(found[0]?.slice(0, 2)).toEqual(['tests/fixtures/content/articles/wang-pi-xi/index.mdx', 'column']);
    expect(found[0]?.[2]).toContain('找不到栏目"no-such-column"');
    expect(found[1]?.slice(1, 2)).toEqual(['authors.0.author']);
    expect(found[1]?.[2]).toContain('找不到作者"nobody"');
    expect(found[2]?.slice(1, 2)).toEqual(['districts.1']);
    expect(found[2]?.[2]).toContain('找不到区县"atlantis"');
  });

  it('rejects a folder name that is not an ASCII slug', () => {
    const problems = checkContent([...base, article('王皮戏')]);
    expect(problems[0]?.message).toContain('只能用小写拼音字母');
  });

  it('rejects duplicate slugs', () => {
    const problems = checkContent([...base, article('wang-pi-xi'), article('wang-pi-xi')]);
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('重复'));
  });

  it('formats problems with file, field and the fix', () => {
    const text = formatProblems(checkContent([...base, article('wang-pi-xi', { kind: 'story' })]));
    expect(text).toContain('tests/fixtures/content/articles/wang-pi-xi/index.mdx → kind');
    expect(text).toContain('稿件类型只能是');
  });
});

describe('数字报 and stories agree', () => {
  const placed = (id: string, page = 5, pageName = '水城·温度') =>
    article(id, { edition: { date: '2026-04-26', page, pageName } });
  const rect = { x: 10, y: 20, width: 300, height: 200 };
  const edition = (pages: Record<string, unknown>[], id = '2026-04-26'): ContentFile => ({
    collection: 'editions',
    id,
    file: `tests/fixtures/content/editions/${id}.yml`,
    data: { date: '2026-04-26', pages },
    folderFiles: [`${id}.yml`, '2026-04-26-5.png', '2026-04-26-5.pdf'],
  });
  const page5 = (regions: Record<string, unknown>[], page = 5) => ({
    page,
    pageName: '水城·温度',
    image: './2026-04-26-5.png',
    pdf: './2026-04-26-5.pdf',
    regions,
  });
  const found = (files: ContentFile[]) =>
    checkContent([...base, ...files]).map((p) => [p.file, p.field, p.message]);

  it('passes an issue whose page has a region for each story placed on it', () => {
    expect(found([placed('wang-pi-xi'), edition([page5([{ story: 'wang-pi-xi', area: rect }])])])).toEqual(
      [],
    );
  });

  it('names the story placed on a page without a region, and where to draw it', () => {
    const problems = found([
      placed('wang-pi-xi'),
      placed('other'),
      edition([page5([{ story: 'wang-pi-xi', area: rect }])]),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.slice(0, 2)).toEqual(['tests/fixtures/content/articles/other/index.mdx', 'edition']);
    expect(problems[0]?.[2]).toContain('2026-04-26 第 5 版');
    expect(problems[0]?.[2]).toContain('tests/fixtures/content/editions/2026-04-26.yml → pages.0.regions');
  });

  it('names a region whose story does not exist, and one whose story ran elsewhere', () => {
    const problems = found([
      placed('wang-pi-xi', 5),
      placed('elsewhere', 3, '要闻'),
      edition([
        page5([
          { story: 'wang-pi-xi', area: rect },
          { story: 'nobody', area: rect },
          { story: 'elsewhere', area: rect },
        ]),
        { ...page5([], 3), pageName: '要闻' },
      ]),
    ]);
    const file = 'tests/fixtures/content/editions/2026-04-26.yml';
    expect(problems).toContainEqual([
      file,
      'pages.0.regions.1.story',
      expect.stringContaining('找不到稿件"nobody"'),
    ]);
    expect(problems).toContainEqual([
      file,
      'pages.0.regions.2.story',
      expect.stringContaining('登在 2026-04-26 第 3 版，不在 2026-04-26 第 5 版'),
    ]);
  });

  it('refuses two pages with one number', () => {
    const problems = found([
      placed('wang-pi-xi'),
      edition([page5([{ story: 'wang-pi-xi', area: rect }]), page5([])]),
    ]);
    expect(problems).toEqual([
      [
        'tests/fixtures/content/editions/2026-04-26.yml',
        'pages.1.page',
        expect.stringContaining('第 5 版出现了两次'),
      ],
    ]);
  });

  it('names a story whose issue, page or page name is not in the 数字报', () => {
    const withIssue = edition([page5([{ story: 'wang-pi-xi', area: rect }])]);
    expect(
      found([article('no-issue', { edition: { date: '2026-05-01', page: 5, pageName: '水城·温度' } })]),
    ).toEqual([
      [
        'tests/fixtures/content/articles/no-issue/index.mdx',
        'edition.date',
        expect.stringContaining('没有 2026-05-01 这一期'),
      ],
    ]);
    expect(found([placed('wang-pi-xi'), placed('p7', 7), withIssue])).toEqual([
      [
        'tests/fixtures/content/articles/p7/index.mdx',
        'edition.page',
        expect.stringContaining('没有第 7 版（有：第 5 版）'),
      ],
    ]);
    expect(found([placed('wang-pi-xi', 5, '广角镜'), withIssue])).toEqual([
      [
        'tests/fixtures/content/articles/wang-pi-xi/index.mdx',
        'edition.pageName',
        expect.stringContaining('"水城·温度"'),
      ],
    ]);
  });

  it('names a page image or PDF missing from the edition folder, a file named off its date, and a half-drawn region', () => {
    const problems = found([
      placed('wang-pi-xi'),
      {
        ...edition(
          [{ ...page5([{ story: 'wang-pi-xi', area: { x: 1, y: 2 } }]), pdf: './missing.pdf' }],
          '2026-04-27',
        ),
      },
    ]);
    const file = 'tests/fixtures/content/editions/2026-04-27.yml';
    expect(problems).toContainEqual([
      file,
      'pages.0.regions.0.area',
      expect.stringContaining('请在版面图上画出'),
    ]);
    // The area problem is a schema problem; with the region fixed the file checks go on.
    const fixed = found([
      placed('wang-pi-xi'),
      edition([{ ...page5([{ story: 'wang-pi-xi', area: rect }]), pdf: './missing.pdf' }], '2026-04-27'),
    ]);
    expect(fixed).toContainEqual([file, 'date', expect.stringContaining('请把文件改名为 2026-04-26.yml')]);
    expect(fixed).toContainEqual([file, 'pages.0.pdf', expect.stringContaining('找不到PDF"./missing.pdf"')]);
  });
});

describe('regions fit their page image', () => {
  it('names a region that falls off the page image, with the image size', () => {
    const story = article('wang-pi-xi', { edition: { date: '2026-04-26', page: 5, pageName: '水城·温度' } });
    const issue = (area: Record<string, unknown>): ContentFile => ({
      collection: 'editions',
      id: '2026-04-26',
      file: 'tests/fixtures/content/editions/2026-04-26.yml',
      data: {
        date: '2026-04-26',
        pages: [
          {
            page: 5,
            pageName: '水城·温度',
            image: './2026-04-26-5.png',
            pdf: './2026-04-26-5.pdf',
            regions: [{ story: 'wang-pi-xi', area }],
          },
        ],
      },
      imageSizes: { '2026-04-26-5.png': { width: 960, height: 1360 } },
    });
    expect(checkContent([...base, story, issue({ x: 0, y: 0, width: 960, height: 1360 })])).toEqual([]);
    const off = checkContent([...base, story, issue({ x: 900, y: 0, width: 100, height: 100 })]);
    expect(off.map((p) => [p.field, p.message])).toEqual([
      ['pages.0.regions.0.area', expect.stringContaining('图宽 960、高 1360 像素')],
    ]);
    const polygon = checkContent([...base, story, issue({ points: '0,0 100,0 50,1400' })]);
    expect(polygon.map((p) => p.field)).toEqual(['pages.0.regions.0.area']);
  });

  it('reads the page image sizes of the fixture issues from their PNG headers', () => {
    const issues = readContentFiles(FIXTURE_CONTENT).filter((f) => f.collection === 'editions');
    expect(issues.length).toBeGreaterThan(0);
    for (const f of issues) {
      const sizes = Object.values(f.imageSizes ?? {});
      expect(sizes.length, f.file).toBeGreaterThan(0);
      for (const size of sizes) expect(size.width, f.file).toBe(960);
    }
  });
});
