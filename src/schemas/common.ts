import { z } from 'zod';
import type { FieldMeta } from './context.ts';

/** The newsroom's time zone: a time written without an offset is Beijing time. */
export const NEWSROOM_TIME_ZONE = 'Asia/Shanghai';
const NEWSROOM_OFFSET = '+08:00';

const ZONED = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a datetime as editors write it. "2026-04-26 08:30" and
 * "2026-04-26" mean Beijing time; an explicit offset or `Z` is kept.
 */
export function parseNewsroomDate(value: unknown): unknown {
  if (value instanceof Date || typeof value !== 'string') return value;
  const text = value.trim();
  if (DATE_ONLY.test(text)) return new Date(`${text}T00:00:00${NEWSROOM_OFFSET}`);
  const iso = text.replace(' ', 'T');
  return new Date(ZONED.test(iso) ? iso : `${iso}${NEWSROOM_OFFSET}`);
}

/** A datetime field; see {@link parseNewsroomDate} for how zones are read. */
export const newsroomDate = () =>
  z.preprocess(
    parseNewsroomDate,
    z.date({ error: '不是有效的日期时间，请写成 2026-04-26 08:30 或 2026-04-26T08:30:00+08:00' }),
  );

/** A calendar day (刊期) written as YYYY-MM-DD, kept as text so it never shifts zone. */
export const calendarDay = () =>
  z.preprocess(
    (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
    z
      .string()
      .regex(DATE_ONLY, '日期请写成 YYYY-MM-DD，例如 2026-04-26')
      .refine((s) => !Number.isNaN(Date.parse(s)), '这一天不存在，请检查月份和日期')
      .meta({ calendarDay: true } satisfies FieldMeta),
  );

/** URL slugs are lowercase ASCII words joined by hyphens, usually from pinyin. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug field. */
export const slug = () =>
  z.string().regex(SLUG_PATTERN, '网址别名只能用小写拼音字母、数字和连字符，例如 lin-dong-ge-kuai-di');
