import { describe, expect, it } from 'vitest';
import { checkContent, formatProblems, type ContentFile } from '../../src/lib/content-check.ts';

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
