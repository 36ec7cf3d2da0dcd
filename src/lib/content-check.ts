import type { z } from 'zod';
import {
  buildSchemas,
  COLLECTIONS,
  plainHelpers,
  SLUG_PATTERN,
  type CollectionName,
  type ReferenceTarget,
} from '../schemas/index.ts';
import { describeObject, type FieldInfo } from '../schemas/fields.ts';
import { cleanPastedText, hasPastedHazards, type PastedHazard, type PastedHazardKind } from './clean-text.ts';
import { checkEditions } from './editions.ts';
import { checkMdxBody, missingPhoto } from './mdx-check.ts';

/** The collections under `content/`, as the registry (src/schemas/collections.ts) lists them. */
export type { CollectionName };

/** One content file as read from disk, before validation. */
export interface ContentFile {
  collection: CollectionName;
  /** The entry id: the article's folder name, or the data file's name. */
  id: string;
  /** Path relative to the project root, as the editor would look for it. */
  file: string;
  data: Record<string, unknown>;
  /** An article's MDX body, after the frontmatter; when absent the body is not checked. */
  body?: string;
  /** The file line the body starts on (1 when there is no frontmatter). */
  bodyLine?: number;
  /** Other story files in the article's folder, such as Decap's `index-1.mdx`; paths as in `file`. */
  otherStoryFiles?: string[];
  /** Names of the files in the entry's folder, to find photos and PDFs that are missing; unchecked when absent. */
  folderFiles?: string[];
  /** Pixel sizes of the PNG pictures in the entry's folder (editions' page images), to check regions against. */
  imageSizes?: Record<string, { width: number; height: number }>;
}

/** A problem an editor must fix before the site can be built. */
export interface ContentProblem {
  file: string;
  /** Dotted path of the field, e.g. `authors.1.author`; empty for the whole file. */
  field: string;
  message: string;
  /** The line of the file the problem is on, when it is in one place of the body. */
  line?: number | undefined;
}

const schemas: Record<CollectionName, z.ZodType> = buildSchemas(plainHelpers);

const fieldInfo = new Map<CollectionName, FieldInfo[]>();

/** A collection's fields as the schema describes them, worked out once rather than for every file. */
function fieldsOf(collection: CollectionName): FieldInfo[] {
  let fields = fieldInfo.get(collection);
  if (fields === undefined) {
    fields = describeObject(schemas[collection]);
    fieldInfo.set(collection, fields);
  }
  return fields;
}

/** What one entry of a collection that others link to is called, from the registry. */
const noun = (target: ReferenceTarget): string => COLLECTIONS[target].noun;

/** Every reference in `data` along `fields`, with its dotted path. */
function collectReferences(
  fields: FieldInfo[],
  data: unknown,
  prefix: string,
): { path: string; target: ReferenceTarget; value: unknown }[] {
  if (data === null || typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  return fields.flatMap((field) => {
    const value = record[field.name];
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    if (value === undefined) return [];
    if (field.kind === 'reference' && field.reference) return [{ path, target: field.reference, value }];
    if (field.kind === 'object') return collectReferences(field.fields ?? [], value, path);
    if (field.kind === 'list' && Array.isArray(value)) {
      return value.flatMap((item: unknown, i) =>
        field.fields
          ? collectReferences(field.fields, item, `${path}.${String(i)}`)
          : field.item?.kind === 'reference' && field.item.reference
            ? [{ path: `${path}.${String(i)}`, target: field.item.reference, value: item }]
            : [],
      );
    }
    return [];
  });
}

/**
 * Checks all content at once: each file against its schema, every reference
 * against the entries that exist, and article slugs for form and uniqueness.
 * Returns every problem found, so an editor can fix them in one pass.
 *
 * `perFile` gives the problems of one file on its own ({@link checkFile}); the publisher passes its cached
 * answers for files that have not changed (src/lib/check-cache.ts).
 */
export function checkContent(
  files: readonly ContentFile[],
  perFile: (file: ContentFile) => ContentProblem[] = checkFile,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const ids = new Map<CollectionName, Set<string>>();
  for (const f of files) {
    const set = ids.get(f.collection) ?? new Set<string>();
    ids.set(f.collection, set);
    if (set.has(f.id)) {
      problems.push({
        file: f.file,
        field: '',
        message: `网址别名"${f.id}"与另一篇${COLLECTIONS[f.collection].format === 'mdx-folders' ? '稿件' : '条目'}重复，请改成一个不重复的名字`,
      });
    }
    set.add(f.id);
  }
  for (const f of files) {
    problems.push(...perFile(f));
    if (COLLECTIONS[f.collection].format === 'yaml-file') continue;
    for (const ref of collectReferences(fieldsOf(f.collection), f.data, '')) {
      if (typeof ref.value !== 'string' || ids.get(ref.target)?.has(ref.value)) continue;
      problems.push({
        file: f.file,
        field: ref.path,
        message: `找不到${noun(ref.target)}"${ref.value}"：请从已有的${noun(ref.target)}中选择，或先在 content/${COLLECTIONS[ref.target].folder}/ 中新建它`,
      });
    }
  }
  // Stories and the 数字报 must agree on which story ran where.
  problems.push(...checkEditions(files));
  return problems;
}

/** The problems of one file that need no other file: its folder name, its schema, a story's text. */
export function checkFile(f: ContentFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const format = COLLECTIONS[f.collection].format;
  if (format === 'mdx-folders' && !SLUG_PATTERN.test(f.id)) {
    problems.push({
      file: f.file,
      field: '',
      message: `文件夹名"${f.id}"不能用作网址：只能用小写拼音字母、数字和连字符，例如 lin-dong-ge-kuai-di`,
    });
  }
  const result = schemas[f.collection].safeParse(f.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: f.file, field: issue.path.join('.'), message: issue.message });
    }
  }
  if (format === 'mdx-folders') problems.push(...checkArticleText(f));
  return problems;
}

/** Frontmatter fields that editors paste into, with the names the CMS shows. */
const PASTED_FIELDS: Record<string, string> = {
  title: '主标题',
  kicker: '引题',
  subtitle: '副题',
  summary: '导语',
};

const HAZARD_FIX: Record<PastedHazardKind, string> = {
  'zero-width':
    '看不见的零宽字符，多半是从网页或微信复制时带进来的，会打断搜索和换行。请删除：把这段文字清空后重新输入，或粘贴时选"粘贴为纯文本"',
  'no-break-space':
    '不换行空格，是从网页或 Word 复制时带进来的，会让这一行不能正常换行。请把它们换成普通空格，中文之间的空格可以直接删除',
  'leading-ideographic-space': '段首全角空格：网页会自动排版段落，不需要手动缩进。请删除段首的空格',
};

/** Story-level checks that need the article's text: stray story files, the MDX body, pasted characters. */
function checkArticleText(f: ContentFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const other of f.otherStoryFiles ?? []) {
    problems.push({
      file: other,
      field: '',
      message: `文件夹里有两篇稿件：${f.file} 和 ${other}。网站只发布 index.mdx，另一篇不会出现在网站上。这通常是新建稿件时用了已有稿件的网址别名：请在 CMS 里把后建的那篇的网址别名（slug）改成不重复的名字，再删除多余的文件`,
    });
  }
  for (const [field, label] of Object.entries(PASTED_FIELDS)) {
    const value = f.data[field];
    if (typeof value !== 'string' || !hasPastedHazards(value)) continue;
    for (const [kind, found] of groupHazards(cleanPastedText(value).removed)) {
      problems.push({
        file: f.file,
        field,
        message: `${label}里有 ${String(found.length)} 个${HAZARD_FIX[kind]}`,
      });
    }
  }
  const hasPhoto = photoLookup(f.folderFiles);
  const hero = f.data['hero'];
  if (
    hasPhoto &&
    hero !== null &&
    typeof hero === 'object' &&
    'image' in hero &&
    typeof hero.image === 'string'
  ) {
    if (!hasPhoto(hero.image))
      problems.push({ file: f.file, field: 'hero.image', message: missingPhoto(hero.image) });
  }
  if (f.body === undefined) return problems;
  if (f.body.startsWith('\uFEFF')) {
    // Neither this check nor Astro sees frontmatter behind a BOM, so the problems above all stem from it.
    problems.push({
      file: f.file,
      field: '',
      line: 1,
      message:
        '文件开头有一个看不见的 BOM 字符（U+FEFF），网站因此读不到这篇稿件的标题等信息，上面列出的"缺少"问题都是它造成的。请在编辑器里把文件另存为"UTF-8（无 BOM）"，或在 CMS 里重新保存这篇稿件',
    });
    return problems;
  }
  const firstLine = f.bodyLine ?? 1;
  for (const p of checkMdxBody(f.body, firstLine, hasPhoto ? { hasPhoto } : {})) {
    problems.push({ file: f.file, field: 'body', line: p.line, message: p.message });
  }
  if (hasPastedHazards(f.body)) {
    const starts = lineStarts(f.body);
    for (const [kind, found] of groupHazards(cleanPastedText(f.body).removed)) {
      const lines = [...new Set(found.map((h) => firstLine + lineIndex(starts, h.index)))];
      const shown = lines.slice(0, 8).join('、') + (lines.length > 8 ? ' 等' : '');
      problems.push({
        file: f.file,
        field: 'body',
        line: lines[0] ?? firstLine,
        message: `正文第 ${shown} 行有 ${String(found.length)} 个${HAZARD_FIX[kind]}`,
      });
    }
  }
  return problems;
}

/**
 * Answers "is this photo beside the story?" for paths in the story's own
 * folder (`./photo-2.jpg`, `photo-2.jpg`). Web addresses, site paths and
 * subfolders are left to the build: they are rare and need more than the
 * folder listing.
 */
function photoLookup(folderFiles: readonly string[] | undefined): ((path: string) => boolean) | undefined {
  if (folderFiles === undefined) return undefined;
  const names = new Set(folderFiles);
  return (path) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/|^\.\.\//i.test(path)) return true;
    const name = path.replace(/^\.\//, '');
    if (name.includes('/')) return true;
    return names.has(name) || names.has(safeDecode(name));
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function groupHazards(removed: readonly PastedHazard[]): Map<PastedHazardKind, PastedHazard[]> {
  const groups = new Map<PastedHazardKind, PastedHazard[]>();
  for (const h of removed) {
    const group = groups.get(h.kind);
    if (group) group.push(h);
    else groups.set(h.kind, [h]);
  }
  return groups;
}

/** Offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line an offset is on, by binary search over {@link lineStarts}. */
function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Formats problems as the build prints them: file (and line), field, then what to do. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  const lines = problems.map(
    (p) =>
      `  ✗ ${p.file}${p.line === undefined ? '' : `:${String(p.line)}`}${p.field ? ` → ${p.field}` : ''}\n      ${p.message}`,
  );
  return `内容检查发现 ${String(problems.length)} 个问题，网站没有构建。请修改后重试：\n${lines.join('\n')}`;
}
