import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { escapeMdxText } from './mdx-escape.ts';
import { FIXTURE_CONTENT } from '../tests/support/fixture.ts';

test('typed angle brackets and braces become MDX escapes', () => {
  expect(escapeMdxText('血压<140，体温{正常}')).toBe('血压\\<140，体温\\{正常\\}');
  expect(escapeMdxText('（记者注：1*2_3<4>）')).toBe('（记者注：1*2_3\\<4>）');
});

test('already escaped characters, code and component lines are left alone', () => {
  expect(escapeMdxText('a \\<b')).toBe('a \\<b');
  expect(escapeMdxText('用 `<br>` 换行')).toBe('用 `<br>` 换行');
  expect(escapeMdxText('```\n<x>{y}\n```')).toBe('```\n<x>{y}\n```');
  const card = '<ProfileCard name="甲" title="乙" honors={["a","b"]} />';
  expect(escapeMdxText(card)).toBe(card);
  expect(escapeMdxText('<FactBox title="数">\n\n- **1** 一\n\n</FactBox>')).toBe(
    '<FactBox title="数">\n\n- **1** 一\n\n</FactBox>',
  );
});

test('the sample articles need no escaping, so saving them changes nothing', () => {
  const dir = join(FIXTURE_CONTENT, 'articles');
  for (const slug of readdirSync(dir)) {
    const text = readFileSync(join(dir, slug, 'index.mdx'), 'utf8');
    expect(escapeMdxText(text), slug).toBe(text);
  }
});
