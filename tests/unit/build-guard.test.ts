import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { copyFixtureInto } from '../support/fixture.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** A throwaway copy of the project, with the fixture tree as its content, that can be broken at will. */
function projectCopy(): { dir: string; content: string } {
  const dir = mkdtempSync(join(tmpdir(), 'swd-guard-'));
  for (const item of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(root, item), join(dir, item), { recursive: true });
  }
  const content = copyFixtureInto(dir);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return { dir, content };
}

describe('invalid content stops the build', () => {
  it('names the file and the field for a missing title, a bad kind and an unknown column', async () => {
    const { dir, content } = projectCopy();
    const story = join(content, 'articles', 'huai-gao', 'index.mdx');
    mkdirSync(join(content, 'articles', 'huai-gao'));
    writeFileSync(
      story,
      [
        '---',
        'summary: 这是一篇故意写错的稿件，用来确认构建会停下并指出问题。',
        'kind: story',
        'column: no-such-column',
        'authors:',
        '  - author: zhao-qi',
        '    role: reporter',
        'publishedAt: 2026-04-26 08:00',
        '---',
        '',
        '正文。',
        '',
      ].join('\n'),
    );
    const astro = join(root, 'node_modules/astro/bin/astro.mjs');
    const failure = await run(process.execPath, [astro, 'build'], {
      cwd: dir,
      env: { ...process.env, ASTRO_OUT_DIR: join(dir, 'dist'), ASTRO_CACHE_DIR: join(dir, '.cache') },
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    expect(failure, 'the build should have failed').toBeDefined();
    const output = `${failure?.stdout ?? ''}${failure?.stderr ?? ''}`;
    // Named as the editor knows it: relative to the repository, e.g. content/articles/huai-gao/index.mdx.
    const file = relative(dir, story);
    expect(output).toContain(`${file} → title`);
    expect(output).toContain('缺少主标题');
    expect(output).toContain(`${file} → kind`);
    expect(output).toContain(`${file} → column`);
    expect(output).toContain('找不到栏目"no-such-column"');
  }, 120_000);
});
