/**
 * The 回音 board's content files: one YAML file per published summary under `<content>/replies/`, written by
 * the inbox through the Git content branch (src/server/tips/echo.ts) and read by the build
 * (src/pages/hotline/replies/index.astro). Both sides use {@link echoFileSchema}. A file holds only what the
 * editor wrote for the public: never the reader's name, contact or photos, which stay in the tips database.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';

/** The folder of the summaries inside the content tree. */
export const ECHO_FOLDER = 'replies';

/** Length of each text, in characters: long enough for a paragraph, short enough for a board. */
export const ECHO_TEXT = { min: 10, max: 500 } as const;

/** One summary as stored in its file. */
export const echoFileSchema = z.object({
  published: z.iso.datetime().describe('发表时间（ISO 8601，UTC）'),
  category: z.string().min(1).describe('报料类别的中文名称'),
  district: z.string().describe('区县名称，可为空'),
  question: z.string().min(ECHO_TEXT.min).max(ECHO_TEXT.max).describe('读者反映的事情（编辑写的摘要）'),
  answer: z.string().min(ECHO_TEXT.min).max(ECHO_TEXT.max).describe('报社的答复'),
});

/** A summary on the board. */
export type EchoEntry = z.infer<typeof echoFileSchema>;

/** The file name of a tip's summary: its reference in lower case, so a second publish replaces the first. */
export function echoFileName(ref: string): string {
  return `${ref.toLowerCase()}.yml`;
}

/** The text of a summary's file. */
export function formatEchoFile(entry: EchoEntry): string {
  return stringify(echoFileSchema.parse(entry), { lineWidth: 0 });
}

/**
 * Every summary under `contentDir`, newest first. A file that does not fit the schema stops the build with
 * its path and what is wrong, like any other content file.
 */
export function readEchoFiles(contentDir: string): EchoEntry[] {
  const dir = join(contentDir, ECHO_FOLDER);
  if (!existsSync(dir)) return [];
  const entries: EchoEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yml')) continue;
    const path = join(dir, name);
    let data: unknown;
    try {
      data = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(
        `${path}: 不是有效的 YAML（${(error as Error).message}）。请在收件箱重新发表这条回音。`,
      );
    }
    const result = echoFileSchema.safeParse(data);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.') || '（整个文件）'}：${i.message}`);
      throw new Error(`${path}: 回音文件不符合格式（${problems.join('；')}）。请在收件箱重新发表这条回音。`);
    }
    entries.push(result.data);
  }
  return entries.sort((a, b) => b.published.localeCompare(a.published));
}
