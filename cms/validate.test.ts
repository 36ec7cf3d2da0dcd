import { expect, test } from 'vitest';
import { cleanEntryText, duplicateSlugMessage, fieldLabel, plainMessage, validateEntry } from './validate.ts';

const article = {
  slug: 'wang-pi-xi',
  title: '东阿濒危剧种王皮戏焕生机',
  summary: '东阿县持续开展濒危剧种公益性演出，让停唱几十年的王皮戏重新回到村民身边。',
  kind: 'brief',
  column: 'guang-jiao-jing',
  authors: [{ author: 'ren-huan-zhen', role: 'reporter' }],
  publishedAt: '2026-04-26 07:30',
  body: '\n正文\n',
};

test('a complete article passes, whatever the form-only fields hold', () => {
  expect(validateEntry('articles', article)).toEqual([]);
});

test('required parts of an optional group are required once the group is used', () => {
  const problems = validateEntry('articles', { ...article, hero: { image: './a.jpg', alt: '' } });
  expect(problems).toEqual(['题图 · 替代文字：这一项必须填写']);
});

test('rules across fields come back in Chinese with the field names editors see', () => {
  const problems = validateEntry('articles', {
    ...article,
    kind: 'profile',
    authors: [{ role: 'reporter' }],
    subtitle: '——副题',
  });
  expect(problems).toContain('副题：副题开头不要写"——"，页面会自动加上');
  expect(problems).toContain('署名 · 第 1 条：每条署名要么从作者库选择"作者"，要么填写"姓名"，只能二选一');
  expect(problems).toContain('人物：人物稿必须填写主人公：姓名和身份');
});

test('settings are checked against their patterns', () => {
  const problems = validateEntry('settings', {
    siteName: '水城·温度',
    paperName: '聊城日报',
    tagline: '一句话',
    hotline: { phones: ['电话'], qq: '12', email: 'x', notice: '欢迎' },
    tipsNotice: '说明',
  });
  expect(problems).toContain('党报热线 · 热线电话 · 第 1 条：电话只能包含数字和连字符，例如 0635-8888888');
  expect(problems).toContain('党报热线 · QQ：QQ 号应为 5 到 12 位数字');
  expect(problems).toContain('党报热线 · 邮箱：邮箱格式不对，例如 rexian@example.com');
});

test('field labels fall back to the code name for unknown paths', () => {
  expect(fieldLabel('articles', ['edition', 'page'])).toBe('见报信息 · 版次');
  expect(fieldLabel('articles', ['nonsense'])).toBe('nonsense');
});

test('messages name no schema keys or values and are never English', () => {
  expect(plainMessage('缺少主标题（title）')).toBe('缺少主标题');
  expect(plainMessage('稿件类型只能是 feature（特稿）、profile（人物）之一')).toBe(
    '稿件类型只能是 特稿、人物之一',
  );
  // Parentheses that explain in Chinese stay.
  expect(plainMessage('电话只能包含数字和连字符（例如 0635-8888888）')).toBe(
    '电话只能包含数字和连字符（例如 0635-8888888）',
  );
  expect(plainMessage('Invalid input: expected string, received undefined')).toBe('这一项必须填写');
  expect(plainMessage('Too small: expected string to have >=1 characters')).toBe('这一项填写得不对，请检查');
});

test('pasted invisible characters are cleaned from the fields editors paste into, with a note per field', () => {
  const { data, notes } = cleanEntryText('articles', {
    ...article,
    title: '东阿\u200b濒危剧种\u200d王皮戏焕生机',
    subtitle: '记\u00a0东阿县',
    body: '\n\u3000\u3000第一段\n\n第二段\n',
    kind: 'brief\u200b',
  });
  expect(data).toMatchObject({
    title: '东阿濒危剧种王皮戏焕生机',
    subtitle: '记 东阿县',
    body: '\n第一段\n\n第二段\n',
    // Not a field editors paste into: left for the schema to refuse.
    kind: 'brief\u200b',
  });
  expect(notes).toEqual([
    '主标题：删除了 2 个看不见的零宽字符',
    '副题：把 1 个不换行空格换成了普通空格',
    '正文：删除了 2 个段首全角空格',
  ]);
  expect(cleanEntryText('articles', article)).toEqual({ data: article, notes: [] });
});

test('a slug already taken is refused naming the story that has it', () => {
  expect(
    duplicateSlugMessage('articles', 'dong-e-wang-pi-xi', {
      title: '东阿濒危剧种王皮戏焕生机',
      draft: false,
    }),
  ).toBe(
    '网址别名："dong-e-wang-pi-xi"已经被稿件《东阿濒危剧种王皮戏焕生机》用了。请换一个不重复的网址别名，否则这篇不会出现在网站上',
  );
  expect(duplicateSlugMessage('authors', 'zhao-qi', { title: '赵琦', draft: true })).toContain(
    '已经被工作流里的作者《赵琦》用了',
  );
});
