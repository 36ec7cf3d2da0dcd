import type { z } from 'zod';
import {
  articleSchema,
  authorSchema,
  columnSchema,
  districtSchema,
  plainHelpers,
  settingsSchema,
  SLUG_PATTERN,
  type ReferenceTarget,
} from '../schemas/index.ts';
import { describeObject, type FieldInfo } from '../schemas/fields.ts';

/** The collections under `content/`. */
export type CollectionName = ReferenceTarget | 'settings';

/** One content file as read from disk, before validation. */
export interface ContentFile {
  collection: CollectionName;
  /** The entry id: the article's folder name, or the data file's name. */
  id: string;
  /** Path relative to the project root, as the editor would look for it. */
  file: string;
  data: Record<string, unknown>;
}

/** A problem an editor must fix before the site can be built. */
export interface ContentProblem {
  file: string;
  /** Dotted path of the field, e.g. `authors.1.author`; empty for the whole file. */
  field: string;
  message: string;
}

const schemas: Record<CollectionName, z.ZodType> = {
  articles: articleSchema(plainHelpers),
  authors: authorSchema(plainHelpers),
  columns: columnSchema(),
  districts: districtSchema(),
  settings: settingsSchema(),
};

const COLLECTION_LABEL: Record<ReferenceTarget, string> = {
  articles: '稿件',
  authors: '作者',
  columns: '栏目',
  districts: '区县',
};

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
 */
export function checkContent(files: readonly ContentFile[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const ids = new Map<CollectionName, Set<string>>();
  for (const f of files) {
    const set = ids.get(f.collection) ?? new Set<string>();
    ids.set(f.collection, set);
    if (set.has(f.id)) {
      problems.push({
        file: f.file,
        field: '',
        message: `网址别名"${f.id}"与另一篇${f.collection === 'articles' ? '稿件' : '条目'}重复，请改成一个不重复的名字`,
      });
    }
    set.add(f.id);
  }
  for (const f of files) {
    if (f.collection === 'articles' && !SLUG_PATTERN.test(f.id)) {
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
    if (f.collection === 'settings') continue;
    for (const ref of collectReferences(describeObject(schemas[f.collection]), f.data, '')) {
      if (typeof ref.value !== 'string' || ids.get(ref.target)?.has(ref.value)) continue;
      problems.push({
        file: f.file,
        field: ref.path,
        message: `找不到${COLLECTION_LABEL[ref.target]}"${ref.value}"：请从已有的${COLLECTION_LABEL[ref.target]}中选择，或先在 content/${ref.target}/ 中新建它`,
      });
    }
  }
  return problems;
}

/** Formats problems as the build prints them: file, field, then what to do. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  const lines = problems.map((p) => `  ✗ ${p.file}${p.field ? ` → ${p.field}` : ''}\n      ${p.message}`);
  return `内容检查发现 ${String(problems.length)} 个问题，网站没有构建。请修改后重试：\n${lines.join('\n')}`;
}
