import { parse } from 'yaml';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/**
 * Reads the YAML frontmatter of an MDX file and returns it with the body.
 *
 * YAML 1.2's core schema is used on purpose: it keeps `2026-04-26 08:30` as
 * text, whereas YAML 1.1 parsers turn it into a UTC instant and shift every
 * unzoned newsroom time by eight hours.
 */
export function readFrontmatter(source: string): { data: Record<string, unknown>; body: string } {
  const match = FRONTMATTER.exec(source);
  if (!match) return { data: {}, body: source };
  const data: unknown = parse(match[1] ?? '', { schema: 'core' });
  return {
    data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {},
    body: source.slice(match[0].length),
  };
}
