/**
 * Tests never read content/ (issue 14). The newsroom edits it every day and `npm test` is its CI, so a test
 * that reads a live story, counts live stories or names one breaks on an ordinary edit. Tests read the
 * fixture tree (tests/support/fixture.ts) instead; the one look at live content is the content guard's
 * smoke check in the `test` script of package.json.
 *
 * This file scans the test code for the two ways a test reaches live content: a string that is a path into
 * content/ (relative to the project, like 'content/districts', or a 'content' path segment), and the slug,
 * id or title of an entry that exists in content/ but not in the fixture.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Read here only to learn which names are live-only; this file is the one test allowed to look. */
const LIVE_CONTENT = join(ROOT, 'content');
const DATA_COLLECTIONS = ['authors', 'columns', 'districts'];

/**
 * Strings that name where content is kept without reading it. Each is allowed in one file only, with the
 * reason; anything else that looks like a path into content/ fails the scan.
 */
const ALLOWED: { file: string; literal: string; why: string }[] = [
  ...['content/articles', 'content/settings/site.yml', 'content/'].map((literal) => ({
    file: 'cms/config.test.ts',
    literal,
    why: 'the CMS config under test tells Decap where editors save; nothing is read',
  })),
];

/** Test code: every .ts file under tests/, the CMS's tests and the CMS's test helpers. */
function testFiles(): string[] {
  const files = [
    ...readdirSync(join(ROOT, 'tests'), { recursive: true, encoding: 'utf8' }).map((f) => join('tests', f)),
    ...readdirSync(join(ROOT, 'cms'), { recursive: true, encoding: 'utf8' })
      .map((f) => join('cms', f))
      .filter((f) => f.endsWith('.test.ts') || f.startsWith(join('cms', 'testing'))),
  ];
  const self = relative(ROOT, import.meta.filename);
  return files.filter((f) => f.endsWith('.ts') && f !== self).sort();
}

/** A string literal or template part of a TypeScript source, with its line. */
interface Literal {
  text: string;
  line: number;
  /** An argument of getAttribute() and the like, where 'content' is a <meta> attribute, not a folder. */
  attribute: boolean;
}

/** Every string literal and template part in a TypeScript source. */
function literals(source: string): Literal[] {
  const file = ts.createSourceFile('scan.ts', source, ts.ScriptTarget.Latest, true);
  const found: Literal[] = [];
  const callee = (node: ts.Node): string => {
    for (let at = node.parent as ts.Node | undefined; at; at = at.parent) {
      if (ts.isCallExpression(at)) {
        const target = at.expression;
        if (ts.isIdentifier(target)) return target.text;
        if (ts.isPropertyAccessExpression(target)) return target.name.text;
        return '';
      }
    }
    return '';
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push({
        text: node.text,
        line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        attribute: callee(node).endsWith('Attribute'),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The folder itself as a path segment: 'content', './content', '../content'. */
const FOLDER_SEGMENT = /^(?:\.{1,2}\/)*content$/;
/** A path into the project's content/: 'content/…', './content/…', or …/content/<collection> outside fixtures/. */
const CONTENT_PATH = [
  /^(?:\.{1,2}\/)*content\//,
  /(?<!fixtures\/)\bcontent\/(?:articles|authors|columns|districts|settings)\b/,
];

/** Names that exist in live content but not in the fixture: slugs and ids, and story titles. */
interface LiveOnly {
  ids: string[];
  titles: string[];
}

/** Every way `source` (the file `file`) reaches live content, one message each. */
function findLiveContent(file: string, source: string, liveOnly: LiveOnly): string[] {
  const problems: string[] = [];
  for (const { text, line, attribute } of literals(source)) {
    const folder = FOLDER_SEGMENT.test(text) && !attribute;
    if (!folder && !CONTENT_PATH.some((pattern) => pattern.test(text))) continue;
    if (ALLOWED.some((a) => a.file === file && a.literal === text)) continue;
    problems.push(
      `${file}:${String(line)} reads content/ through '${text}': use FIXTURE_CONTENT, or CONTENT_FOLDER ` +
        'for the content of a copy of the project (tests/support/fixture.ts)',
    );
  }
  for (const id of liveOnly.ids) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(?<![a-z0-9-])${escaped}(?![a-z0-9-])`).test(source)) {
      problems.push(`${file} names ${id}, which is only in content/; use a story of the fixture`);
    }
  }
  for (const title of liveOnly.titles) {
    if (source.includes(title)) {
      problems.push(`${file} quotes “${title}”, which is only in content/; use a story of the fixture`);
    }
  }
  return problems;
}

/** Article slugs, data ids and titles of a content tree. */
function names(dir: string): { ids: Set<string>; titles: Set<string> } {
  const ids = new Set<string>();
  const titles = new Set<string>();
  const articles = join(dir, 'articles');
  for (const slug of existsSync(articles) ? readdirSync(articles) : []) {
    ids.add(slug);
    const path = join(articles, slug, 'index.mdx');
    if (!existsSync(path)) continue;
    const title = readFrontmatter(readFileSync(path, 'utf8')).data['title'];
    if (typeof title === 'string' && title !== '') titles.add(title);
  }
  for (const collection of DATA_COLLECTIONS) {
    const folder = join(dir, collection);
    for (const name of existsSync(folder) ? readdirSync(folder) : []) ids.add(name.replace(/\.yml$/, ''));
  }
  return { ids, titles };
}

describe('tests never read content/', () => {
  it('no test file reads content/ or names what only content/ has', () => {
    const live = names(LIVE_CONTENT);
    const fixture = names(FIXTURE_CONTENT);
    const liveOnly: LiveOnly = {
      ids: [...live.ids].filter((id) => !fixture.ids.has(id)),
      titles: [...live.titles].filter((title) => !fixture.titles.has(title)),
    };
    const files = testFiles();
    expect(files).toContain(join('tests', 'browser', 'cms-editor.test.ts'));
    expect(files).toContain(join('cms', 'testing', 'repo.ts'));
    const problems = files.flatMap((file) =>
      findLiveContent(file, readFileSync(join(ROOT, file), 'utf8'), liveOnly),
    );
    expect(problems).toEqual([]);
  });

  it('every allowed string is still used, so the list cannot go stale', () => {
    for (const { file, literal } of ALLOWED) {
      expect(
        literals(readFileSync(join(ROOT, file), 'utf8')).map((l) => l.text),
        `${file}: ${literal}`,
      ).toContain(literal);
    }
  });
});

describe('the scan', () => {
  const none: LiveOnly = { ids: [], titles: [] };
  const scan = (source: string, liveOnly = none) => findLiveContent('tests/unit/x.test.ts', source, liveOnly);

  it.each([
    "loadSiteData('content');",
    "readdirSync('content/districts');",
    "readFileSync(join('content/articles', slug, 'index.mdx'));",
    "join(import.meta.dirname, '..', 'content', 'articles');",
    "resolve(process.env['CONTENT_DIR'] ?? 'content', 'articles');",
    "cpSync('./content', dir, { recursive: true });",
    "for (const item of ['src', 'content', 'public']) cpSync(item, join(dir, item));",
    'const file = `${ROOT}/content/settings/site.yml`;',
    'const file = `content/articles/${slug}/index.mdx`;',
  ])('finds a path into content/ in %s', (source) => {
    expect(scan(source)).toHaveLength(1);
  });

  it.each([
    "join(FIXTURE_CONTENT, 'articles');",
    "const file = 'tests/fixtures/content/articles/wang-pi-xi/index.mdx';",
    'join(repo, CONTENT.articles, SLUG);',
    '// one folder per story: content/articles/<slug>/index.mdx',
    "page.locator('meta[name=\"robots\"]').getAttribute('content');",
    "expect(res.headers.get('content-type')).toBe('text/html');",
  ])('lets %s pass', (source) => {
    expect(scan(source)).toEqual([]);
  });

  it('allows a listed string only in its own file', () => {
    expect(findLiveContent('cms/config.test.ts', "folder: 'content/articles'", none)).toEqual([]);
    expect(findLiveContent('cms/other.test.ts', "folder: 'content/articles'", none)).toHaveLength(1);
  });

  it('finds a slug or a title that only live content has, but not a longer slug containing it', () => {
    const liveOnly: LiveOnly = { ids: ['xin-gao'], titles: ['新稿标题'] };
    expect(scan("page.goto('/articles/xin-gao/')", liveOnly)).toHaveLength(1);
    expect(scan("expect(h1).toBe('新稿标题')", liveOnly)).toHaveLength(1);
    expect(scan("page.goto('/articles/xin-gao-er/')", liveOnly)).toEqual([]);
  });
});
