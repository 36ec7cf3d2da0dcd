import { expect, test } from 'vitest';
import { fieldLabel, validateEntry } from './validate.ts';

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
  expect(problems).toContain('人物：人物稿（kind: profile）必须填写主人公（subject）：姓名和身份');
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
