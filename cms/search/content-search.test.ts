import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { searchStories, searchTerms } from './content-search.ts';

/** The story folder of this test's own repository (any folder the search is pointed at). */
const FOLDER = 'newsroom/stories';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const story = (slug: string, title: string, at: string, body: string) => {
  mkdirSync(join(repo, FOLDER, slug), { recursive: true });
  writeFileSync(
    join(repo, FOLDER, slug, 'index.mdx'),
    `---\ntitle: ${title}\npublishedAt: ${at}\nsummary: 导语\n---\n\n${body}\n`,
  );
};

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'cms-search-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', '测试');
  git('config', 'user.email', 'test@example.invalid');
  story('a', '快递小哥', '2026-04-01 08:00', '他在驿站工作。');
  story('b', '老兵献血', '2026-04-20 08:00', '人称“胖哥”的快递员。');
  story('c', '王皮戏', '2026-03-01 08:00', '剧团 Wang Pi Xi。');
  git('add', '-A');
  git('commit', '-q', '-m', 'stories');
  // A change left in the working tree (decap-server checks out other branches there) is not on the branch.
  story('d', '没提交的快递', '2026-05-01 08:00', '快递');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

const slugs = async (query: string) =>
  (await searchStories({ repo, branch: 'main', folder: FOLDER, query })).hits.map(
    (h) => h.path.split('/')[2],
  );

describe('searching the stories on the branch', () => {
  test('a two-character word in the title or body finds the story, newest first', async () => {
    expect(await slugs('快递')).toEqual(['b', 'a']);
    expect(await slugs('胖哥')).toEqual(['b']);
    expect(await slugs('驿站')).toEqual(['a']);
  });

  test('several words must all be there; letters match in any case', async () => {
    expect(await slugs('快递 驿站')).toEqual(['a']);
    expect(await slugs('wang　pi')).toEqual(['c']);
    expect(await slugs('不存在的词')).toEqual([]);
  });

  test('hits carry the file as stored on the branch', async () => {
    const { hits, total } = await searchStories({
      repo,
      branch: 'main',
      folder: FOLDER,
      query: '胖哥',
    });
    expect(total).toBe(1);
    expect(hits[0]?.data).toContain('title: 老兵献血');
  });

  test('a story committed after the first search is found by the next one', async () => {
    expect(await slugs('剪纸')).toEqual([]);
    story('e', '剪纸艺人', '2026-06-01 08:00', '一把剪刀');
    git('add', `${FOLDER}/e`);
    git('commit', '-q', '-m', 'one more');
    expect(await slugs('剪纸')).toEqual(['e']);
  });

  test('queries are split on any space and normalised', () => {
    expect(searchTerms(' 快递\u3000ＡＢ  快递 ')).toEqual(['快递', 'AB']);
    expect(searchTerms('   ')).toEqual([]);
  });
});
