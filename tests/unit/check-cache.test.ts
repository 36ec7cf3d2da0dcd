/**
 * The cached content check (src/lib/check-cache.ts) answers as the full check does, reading only the
 * stories that changed: an edit, a broken file, a photo taken out of a story's folder, a new story.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkContentCached } from '../../src/lib/check-cache.ts';
import { checkContent } from '../../src/lib/content-check.ts';
import { readContentFiles } from '../../src/lib/content-files.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';

let work: string;
let content: string;
let cache: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'swd-check-cache-'));
  content = join(work, 'tree');
  cache = join(work, 'cache', 'check-cache.json');
  cpSync(FIXTURE_CONTENT, content, { recursive: true });
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

const full = () => checkContent(readContentFiles(content, work));
const cached = () => checkContentCached(content, work, cache);
const story = (slug: string) => join(content, 'articles', slug, 'index.mdx');

it('reads every story once, then none while nothing changes, with the same answer as the full check', () => {
  const first = cached();
  expect(first.read).toBe(11);
  expect(first.reused).toBe(0);
  const second = cached();
  expect(second).toMatchObject({ read: 0, reused: 11 });
  expect(second.problems).toEqual(full());
  expect(second.files.map((f) => [f.collection, f.id]).sort()).toEqual(
    readContentFiles(content, work)
      .map((f) => [f.collection, f.id])
      .sort(),
  );
});

it('reads an edited story again and reports what is wrong with it', () => {
  cached();
  const path = story('tang-yi-hu-lu-ka-fei');
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: ""'));
  const after = cached();
  expect(after.read).toBe(1);
  expect(after.problems).toEqual(full());
  expect(after.problems.map((p) => [p.file, p.field])).toContainEqual([relative(work, path), 'title']);
});

it('notices a photo taken out of a story folder, though the story file did not change', () => {
  cached();
  rmSync(join(content, 'articles', 'lin-dong-ge-kuai-di-yuan', 'photo-2.jpg'));
  const after = cached();
  expect(after.read).toBe(1);
  expect(after.problems).toEqual(full());
  expect(after.problems.some((p) => p.message.includes('photo-2.jpg'))).toBe(true);
});

it('checks references of unchanged stories against what exists now', () => {
  cached();
  rmSync(join(content, 'authors', 'ji-xiang.yml'));
  const after = cached();
  expect(after.read).toBe(0);
  expect(after.problems).toEqual(full());
  expect(after.problems.some((p) => p.message.includes('ji-xiang'))).toBe(true);
});
