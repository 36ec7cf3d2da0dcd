import { NEWSROOM_TIME_ZONE } from '../schemas/common.ts';

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: NEWSROOM_TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: NEWSROOM_TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: NEWSROOM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** "2026年4月26日", in Beijing time. */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** "2026年4月26日 08:30", in Beijing time. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

/** The Beijing calendar day of an instant as "YYYY-MM-DD". */
export function beijingDay(date: Date): string {
  return partsFormat.format(date);
}

/** The Beijing calendar month of an instant as "YYYY-MM". */
export function beijingMonth(date: Date): string {
  return beijingDay(date).slice(0, 7);
}

/** "2026年4月26日" for a calendar day written "2026-04-26" (a 刊期). */
export function formatCalendarDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${String(y)}年${String(m)}月${String(d)}日`;
}
