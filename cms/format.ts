/**
 * How the CMS reads and writes content files. Decap's built-in formats would
 * re-quote and re-order YAML in their own style; these keep the newsroom's
 * style (the one the sample files are written in) so that editing one field
 * leaves every other byte of a file as it was:
 * - YAML 1.2 core schema, as the site's own loader reads it, so
 *   `2026-04-26 07:30` stays Beijing wall time;
 * - keys in schema order, unknown keys after them in their old order;
 * - empty optional values (blank strings, empty objects and lists) left out,
 *   because the schemas treat "missing" and "blank" differently.
 */
import { parse, stringify } from 'yaml';
import type { FieldInfo } from '../src/schemas/fields.ts';
import { escapeMdxText } from './mdx-escape.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n?---(?:\r?\n|$)/;

/** Decap's name for the markdown body inside an entry's data. */
export const BODY = 'body';

/**
 * Decap writes a photo stored beside the entry as a bare file name
 * ("hero.jpg"); the newsroom and Astro's docs write "./hero.jpg". Paths with a
 * folder, an absolute path or a URL are left alone.
 */
export function relativeMediaPath(path: string): string {
  return path === '' || /[/:]/.test(path) || path.startsWith('.') ? path : `./${path}`;
}

/** A plain object, not an array. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Removes values an editor left blank and orders keys as the schema declares
 * them. Returns undefined when nothing is left.
 */
export function tidy(
  value: unknown,
  fields: readonly FieldInfo[] | undefined,
  kind?: FieldInfo['kind'],
): unknown {
  if (typeof value === 'string') {
    if (value === '') return undefined;
    return kind === 'image' ? relativeMediaPath(value) : value;
  }
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => tidy(item, fields, kind)).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  const known = new Map((fields ?? []).map((f) => [f.name, f]));
  const order = [...known.keys(), ...Object.keys(value).filter((k) => !known.has(k))];
  for (const key of order) {
    if (!(key in value)) continue;
    const field = known.get(key);
    const tidied = tidy(value[key], field?.fields, field?.item?.kind ?? field?.kind);
    if (tidied !== undefined) out[key] = tidied;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Serializes data as YAML in the newsroom's style. */
function toYaml(data: unknown, compat: boolean): string {
  return stringify(data ?? {}, {
    singleQuote: true,
    lineWidth: 0,
    // Astro reads .yml data files as YAML 1.1, where `yes` and `2026-04-26` are not strings.
    ...(compat ? { compat: 'yaml-1.1' as const } : {}),
  });
}

/** A Decap custom format: text ⇄ entry data. */
export interface Format {
  fromFile: (content: string) => Record<string, unknown>;
  toFile: (data: Record<string, unknown>) => string;
}

/**
 * The article format: YAML frontmatter between `---` lines, then the MDX body
 * exactly as written (including the blank line after the frontmatter).
 */
export function mdxFrontmatter(fields: readonly FieldInfo[], omit: readonly string[] = []): Format {
  return {
    fromFile(content) {
      const match = FRONTMATTER.exec(content);
      if (!match) return { [BODY]: content };
      const data: unknown = parse(match[1] ?? '', { schema: 'core' });
      return { ...(isRecord(data) ? data : {}), [BODY]: content.slice(match[0].length) };
    },
    toFile(data) {
      const { [BODY]: body, ...rest } = data;
      // Form-only fields (the slug lives in the folder name) never reach the file.
      const meta = Object.fromEntries(Object.entries(rest).filter(([key]) => !omit.includes(key)));
      const front = tidy(meta, fields);
      return `---\n${toYaml(front ?? {}, false)}---\n${writeBody(typeof body === 'string' ? body : '')}`;
    },
  };
}

/**
 * The body as written after the frontmatter: one blank line first (Decap's
 * rich-text editor drops it), a final newline, and typed MDX characters
 * escaped (see mdx-escape.ts).
 */
export function writeBody(body: string): string {
  const text = escapeMdxText(body);
  if (text.trim() === '') return text;
  const start = text.startsWith('\n') ? text : `\n${text}`;
  return start.endsWith('\n') ? start : `${start}\n`;
}

/** The data file format for authors, columns, districts and settings. */
export function yamlData(fields: readonly FieldInfo[]): Format {
  return {
    fromFile(content) {
      const data: unknown = parse(content, { schema: 'core' });
      return isRecord(data) ? data : {};
    },
    toFile(data) {
      return toYaml(tidy(data, fields) ?? {}, true);
    },
  };
}
