import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, test } from 'vitest';
import { cleanPastedText } from '../../src/lib/clean-text.ts';
import { checkContent, formatProblems, type ContentProblem } from '../../src/lib/content-check.ts';
import { readContentFiles } from '../../src/lib/content-files.ts';
import { checkMdxBody } from '../../src/lib/mdx-check.ts';
import { MDX_COMPONENT_SPECS } from '../../src/schemas/mdx-components.ts';

const root = resolve(import.meta.dirname, '../..');
/** Every component used correctly, plus the authors, column, district and settings the stories need. */
const VALID = join(root, 'tests/fixtures/mdx-check/valid');

const FRONTMATTER = [
  'title: 测试稿件的标题',
  'summary: 这是一篇用来测试正文检查的稿件，导语至少要有二十个字才行。',
  'kind: brief',
  'column: shui-cheng-wen-du',
  'authors:',
  '  - author: ce-shi-ji-zhe',
  '    role: reporter',
  'publishedAt: 2026-04-26 07:30',
];

/** The text of a story file: frontmatter (with `extra` lines) and body, laid out as the CMS writes it. */
const storyText = (body: string, extra: string[] = []): string =>
  `---\n${[...FRONTMATTER, ...extra].join('\n')}\n---\n\n${body}`;

/**
 * A content tree in a temp folder with the fixture's data files and the given
 * files under `articles/`, checked the way `npm run check:content` does it.
 */
function checkTree(files: Record<string, string>): { problems: ContentProblem[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'swd-mdx-check-'));
  for (const data of ['authors', 'columns', 'districts', 'settings']) {
    cpSync(join(VALID, data), join(dir, data), { recursive: true });
  }
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, 'articles', path);
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return { problems: checkContent(readContentFiles(dir, dir)), dir };
}

/** Checks one story with the given body (and extra frontmatter lines). */
function checkStory(body: string, extra: string[] = []): { problems: ContentProblem[]; text: string } {
  const text = storyText(body, extra);
  return { problems: checkTree({ 'ce-shi/index.mdx': text, 'ce-shi/photo-2.jpg': '' }).problems, text };
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string): number => {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
};

describe('MDX syntax errors are found, with the line of the whole file and what to fix', () => {
  it('reports an unclosed <FactBox> at its line, counting the frontmatter', () => {
    const { problems, text } = checkStory('第一段。\n\n<FactBox title="数说">\n\n- **310家** 新业态企业\n');
    expect(problems).toEqual([
      {
        file: 'articles/ce-shi/index.mdx',
        field: 'body',
        line: lineOf(text, '<FactBox'),
        message: expect.stringContaining(
          `正文第 ${String(lineOf(text, '<FactBox'))} 行：<FactBox> 没有结束标签 </FactBox>，请在数据框内容之后加上它`,
        ) as string,
      },
    ]);
    expect(formatProblems(problems)).toContain(
      `articles/ce-shi/index.mdx:${String(lineOf(text, '<FactBox'))} → body`,
    );
  });

  test.each([
    [
      'a closing tag with the wrong case',
      '<FactBox title="数说">\n\n- 一条\n\n</Factbox>\n',
      '</Factbox>',
      '和第',
    ],
    [
      'a closing tag without an opening one',
      '第一段。\n\n</Figure>\n',
      '</Figure>',
      '多了一个结束标签 </Figure>',
    ],
    [
      'a self-closing component without its slash',
      '<HotlineCallout>\n',
      '<HotlineCallout>',
      '在末尾的 > 前加上 /',
    ],
    ['an HTML comment', '第一段 <!-- 待核实 --> 结束。\n', '第一段', 'HTML 注释'],
    ['a bare less-than sign', '气温 <5 度。\n', '气温', '全角"＜"'],
    ['a brace that is never closed', '价格 {100 元。\n', '价格', '花括号 { 没有配对的 }'],
    [
      'Chinese quotes around an attribute',
      '<PullQuote cite=“某人”>一句话。</PullQuote>\n',
      '<PullQuote',
      '英文双引号',
    ],
    [
      'a component closed in the next paragraph',
      '<PullQuote cite="某人">一句话。\n\n</PullQuote>\n',
      '<PullQuote',
      '同一段',
    ],
  ])('%s', (_name, body, at, fix) => {
    const { problems, text } = checkStory(body);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(lineOf(text, at));
    expect(problems[0]?.field).toBe('body');
    expect(problems[0]?.message).toContain(fix);
  });
});

describe('components are checked against their props schemas', () => {
  test.each([
    [
      'a <Figure> with no photo inside',
      '<Figure caption="说明">\n\n只有文字。\n\n</Figure>\n',
      '<Figure',
      '里没有照片',
    ],
    [
      'a photo with empty alt text',
      '<Figure caption="说明">\n\n![](./photo-2.jpg)\n\n</Figure>\n',
      '![',
      '图片缺少替代文字',
    ],
    ['a <ProfileCard /> with no name', '<ProfileCard title="快递员" />\n', '<ProfileCard', '缺少人物姓名'],
    [
      'a misspelt <Factbox>',
      '<Factbox title="数说">\n\n- 一条\n\n</Factbox>\n',
      '<Factbox',
      '应写成 <FactBox>',
    ],
    ['a component that does not exist', '<Gallery />\n', '<Gallery', '没有 <Gallery> 这个组件'],
    [
      'a JS expression where a string is needed',
      '<Figure caption={说明}>\n\n![照片](./photo-2.jpg)\n\n</Figure>\n',
      '<Figure',
      '要写成 caption="…"',
    ],
    [
      'honors written as a string',
      '<ProfileCard name="林东阁" honors="水城工匠" />\n',
      '<ProfileCard',
      'honors={["第一项","第二项"]}',
    ],
    [
      'honors with a number in it',
      '<ProfileCard name="林东阁" honors={["水城工匠", 2024]} />\n',
      '<ProfileCard',
      'honors 第 2 项',
    ],
    [
      'honors in single quotes',
      '<ProfileCard name="林东阁" honors={[\'水城工匠\']} />\n',
      '<ProfileCard',
      '英文双引号',
    ],
    ['a misspelt attribute', '<PullQuote cie="某人">一句话。</PullQuote>\n', '<PullQuote', '没有属性 cie'],
    ['an empty pull quote', '<PullQuote cite="某人"></PullQuote>\n', '<PullQuote', '引语是空的'],
    [
      'a fact box without a list',
      '<FactBox title="数说">\n\n一段话。\n\n</FactBox>\n',
      '<FactBox',
      '没有条目',
    ],
    [
      'text between the tags of a component that shows none',
      '<HotlineCallout>\n\n欢迎报料。\n\n</HotlineCallout>\n',
      '<HotlineCallout',
      '不能放内容',
    ],
    [
      'a component inside a paragraph',
      '正文 <PullQuote>一句话。</PullQuote> 正文。\n',
      '正文 <PullQuote',
      '要单独成段',
    ],
    ['code in braces', '今年是 {year} 年。\n', '今年', '会被当作程序代码'],
  ])('%s', (_name, body, at, fix) => {
    const { problems, text } = checkStory(body);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(fix)]);
    expect(problems[0]?.line).toBe(lineOf(text, at));
  });

  it('finds a photo that is not in the story folder, in the body and as the lead photo', () => {
    const hero = ['hero:', '  image: ./hero.jpg', '  alt: 一张题图的替代文字'];
    const { problems, text } = checkStory('<Figure>\n\n![照片](./photo-3.jpg)\n\n</Figure>\n', hero);
    expect(problems.map((p) => [p.field, p.line, p.message])).toEqual([
      ['hero.image', undefined, expect.stringContaining('找不到图片 ./hero.jpg')],
      ['body', lineOf(text, '![照片]'), expect.stringContaining('找不到图片 ./photo-3.jpg')],
    ]);
  });

  it('accepts every component used as the editor guide shows', () => {
    expect(checkContent(readContentFiles(VALID, root))).toEqual([]);
  });

  it('knows exactly the components the article body provides', () => {
    const articleBody = readFileSync(join(root, 'src/components/mdx/ArticleBody.astro'), 'utf8');
    const provided = /const components[^=]*=\s*\{([^}]*)\}/.exec(articleBody)?.[1] ?? '';
    const names = provided
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^[A-Z]\w*$/.test(s));
    expect(names.sort()).toEqual(Object.keys(MDX_COMPONENT_SPECS).sort());
  });

  it('gives each component its Props from the same schema', () => {
    for (const name of Object.keys(MDX_COMPONENT_SPECS)) {
      const source = readFileSync(join(root, `src/components/mdx/${name}.astro`), 'utf8');
      expect(source, name).toContain(`type Props = ${name}Props;`);
      expect(source, name).toContain("from '../../schemas/mdx-components.ts'");
    }
  });
});

describe('headings', () => {
  it('reports nothing for sections that start with ### right after the title (the page shifts levels)', () => {
    expect(checkStory('### 第一节\n\n正文。\n\n### 第二节\n\n正文。\n').problems).toEqual([]);
  });
});

describe('a second story file in a story folder', () => {
  it('is refused, naming both files and asking for a new slug', () => {
    const { problems } = checkTree({
      'ce-shi/index.mdx': storyText('第一篇。\n'),
      'ce-shi/index-1.mdx': storyText('同一个网址别名的第二篇。\n'),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('articles/ce-shi/index-1.mdx');
    expect(problems[0]?.message).toContain('articles/ce-shi/index.mdx 和 articles/ce-shi/index-1.mdx');
    expect(problems[0]?.message).toContain('网址别名（slug）改成不重复的名字');
  });
});

describe('pasted-text hazards', () => {
  test.each([
    ['title', 'zero-width', 'title: 测试稿件的\u200B标题', '零宽字符'],
    [
      'summary',
      'no-break space',
      'summary: 这是一篇用来测试正文检查的稿件，导语至少要有\u00A0二十个字才行。',
      '不换行空格',
    ],
    ['subtitle', 'BOM', 'subtitle: \uFEFF副题', '零宽字符'],
    ['kicker', 'leading full-width space', 'kicker: \u3000\u3000引题', '段首全角空格'],
  ])('in the %s (%s)', (field, _kind, line, fix) => {
    const base = FRONTMATTER.filter((l) => !l.startsWith(`${field}:`));
    const text = `---\n${[...base, line].join('\n')}\n---\n\n正文。\n`;
    const { problems } = checkTree({ 'ce-shi/index.mdx': text });
    expect(problems).toEqual([
      { file: 'articles/ce-shi/index.mdx', field, message: expect.stringContaining(fix) as string },
    ]);
  });

  it('in the body, with the lines they are on', () => {
    const { problems, text } = checkStory(
      '\u3000\u3000第一段。\n\n第二\u200D段。\n\n\u3000\u3000第三段\u00A0有空格。\n',
    );
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['body', lineOf(text, '\u3000\u3000第一段')],
      ['body', lineOf(text, '第二')],
      ['body', lineOf(text, '第三段')],
    ]);
    const leading = problems.find((p) => p.message.includes('段首全角空格'));
    expect(leading?.message).toContain(
      `正文第 ${String(lineOf(text, '\u3000\u3000第一段'))}、${String(lineOf(text, '第三段'))} 行有 4 个`,
    );
  });

  it('are removed by the normaliser the CMS can call on save', () => {
    const { text, removed } = cleanPastedText(
      '\u3000\u3000第一段\u200B。\n\n第二段\u00A0有空格\u3000中间的全角空格保留。\uFEFF',
    );
    expect(text).toBe('第一段。\n\n第二段 有空格\u3000中间的全角空格保留。');
    expect(removed.map((r) => [r.kind, r.char])).toEqual([
      ['leading-ideographic-space', 'U+3000'],
      ['leading-ideographic-space', 'U+3000'],
      ['zero-width', 'U+200B'],
      ['no-break-space', 'U+00A0'],
      ['zero-width', 'U+FEFF'],
    ]);
    expect(removed[2]?.index).toBe(5);
  });

  it('name a BOM at the start of the file as the cause of the missing frontmatter', () => {
    const { problems } = checkTree({ 'ce-shi/index.mdx': `\uFEFF${storyText('正文 {x}。\n')}` });
    expect(problems.at(-1)).toEqual({
      file: 'articles/ce-shi/index.mdx',
      field: '',
      line: 1,
      message: expect.stringContaining('BOM') as string,
    });
    expect(problems.filter((p) => p.field === 'body')).toEqual([]);
  });

  it('leave emoji built with a zero-width joiner alone', () => {
    expect(cleanPastedText('一家人👨\u200D👩\u200D👧合影').removed).toEqual([]);
    expect(cleanPastedText('文\u200D字').text).toBe('文字');
  });
});

describe('body line numbers', () => {
  it('count from the start of the file, so they match the editor', () => {
    expect(checkMdxBody('\n<Gallery />\n', 11).map((p) => p.line)).toEqual([12]);
  });
});

describe('what the check accepts, Astro builds', () => {
  it('builds the fixture tree with every component used correctly', async () => {
    expect(checkContent(readContentFiles(VALID, root))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'swd-mdx-build-'));
    for (const item of ['src', 'cms', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
      cpSync(join(root, item), join(dir, item), { recursive: true });
    }
    cpSync(VALID, join(dir, 'fixture'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    const astro = join(root, 'node_modules/astro/bin/astro.mjs');
    await promisify(execFile)(process.execPath, [astro, 'build'], {
      cwd: dir,
      env: {
        ...process.env,
        CONTENT_DIR: join(dir, 'fixture'),
        ASTRO_OUT_DIR: join(dir, 'dist'),
        ASTRO_CACHE_DIR: join(dir, '.cache'),
      },
    });
    const html = readFileSync(join(dir, 'dist/client/articles/zu-jian-shi-fan/index.html'), 'utf8');
    for (const marker of [
      'class="mdx-figure"',
      'class="pull-quote"',
      'class="fact-box"',
      'class="profile-card"',
      'class="hotline"',
    ]) {
      expect(html).toContain(marker);
    }
  }, 240_000);
});
