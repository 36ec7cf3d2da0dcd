import type { Db } from '../db.ts';

/** Triage states, in workflow order. */
export const STATUSES = ['new', 'checking', 'adopted', 'published', 'declined'] as const;
export type Status = (typeof STATUSES)[number];

/** One tip as the inbox shows it. */
export interface TipRow {
  id: number;
  ref: string;
  created_at: string;
  category: string;
  district: string;
  body: string;
  place: string;
  happened: string;
  name: string;
  contact: string;
  status: Status;
  assignee_id: number | null;
  assignee: string | null;
  article: string;
  photo_count: number;
  /** When the reader last opened the tip with the 查询码 (ISO), if ever. */
  reader_looked_at: string | null;
  /** When the newsroom last replied to the reader (ISO), if ever. */
  last_reply_at: string | null;
  /** 1 when the reader agreed to an anonymised summary on the 回音 board. */
  echo_consent: number;
}

export interface PhotoRow {
  id: string;
  file: string;
  width: number;
  height: number;
}

export interface NoteRow {
  id: number;
  author: string;
  body: string;
  created_at: string;
}

/** List filters, as read from the query string. Empty strings mean "any". */
export interface TipFilter {
  status: string;
  category: string;
  district: string;
  /** Beijing calendar days, inclusive. */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads list filters from a URL, dropping anything malformed. */
export function readFilter(url: URL): TipFilter {
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim();
  const status = get('status');
  const from = get('from');
  const to = get('to');
  return {
    status: (STATUSES as readonly string[]).includes(status) ? status : '',
    category: /^[a-z]{1,20}$/.test(get('category')) ? get('category') : '',
    district: /^[a-z0-9-]{1,60}$/.test(get('district')) ? get('district') : '',
    from: DAY.test(from) ? from : '',
    to: DAY.test(to) ? to : '',
  };
}

/** The start of a Beijing day as an ISO instant (UTC+8, no daylight saving). */
function beijingStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00+08:00`);
  return new Date(d.getTime() + 86_400_000).toISOString();
}

const SELECT = `SELECT t.id, t.ref, t.created_at, t.category, t.district, t.body, t.place, t.happened, t.name,
  t.contact, t.status, t.assignee_id, u.name AS assignee, t.article,
  (SELECT COUNT(*) FROM tip_photos p WHERE p.tip_id = t.id) AS photo_count, t.reader_looked_at, t.echo_consent,
  (SELECT MAX(m.created_at) FROM tip_messages m WHERE m.tip_id = t.id AND m.sender = 'newsroom') AS last_reply_at
  FROM tips t LEFT JOIN users u ON u.id = t.assignee_id`;

/** Tips matching a filter, newest first. */
export function listTips(
  db: Db,
  filter: TipFilter,
  limit = 200,
  offset = 0,
): { rows: TipRow[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.status) add('t.status = ?', filter.status);
  if (filter.category) add('t.category = ?', filter.category);
  if (filter.district) add('t.district = ?', filter.district);
  if (filter.from) add('t.created_at >= ?', beijingStart(filter.from));
  if (filter.to) add('t.created_at < ?', nextDay(filter.to));
  const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const rows = db
    .prepare(`${SELECT}${clause} ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as unknown as TipRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM tips t${clause}`).get(...params) as { n: number }).n;
  return { rows, total };
}

/** One tip with its photos and notes. */
export function getTip(
  db: Db,
  id: number,
): { tip: TipRow; photos: PhotoRow[]; notes: NoteRow[] } | undefined {
  const tip = db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TipRow | undefined;
  if (!tip) return undefined;
  const photos = db
    .prepare(
      'SELECT id, file, width, height FROM tip_photos WHERE tip_id = ? AND message_id IS NULL ORDER BY position',
    )
    .all(id) as unknown as PhotoRow[];
  const notes = db
    .prepare('SELECT id, author, body, created_at FROM tip_notes WHERE tip_id = ? ORDER BY id')
    .all(id) as unknown as NoteRow[];
  return { tip, photos, notes };
}

/**
 * Whether the reader looked the tip up after the newsroom's last reply (or at all, when nobody has replied
 * yet): the inbox marks these, since the reader is waiting for an answer.
 */
export function readerWaiting(
  tip: Pick<TipRow, 'reader_looked_at' | 'last_reply_at'>,
): 'since-reply' | 'no-reply' | undefined {
  if (tip.reader_looked_at === null) return undefined;
  if (tip.last_reply_at === null) return 'no-reply';
  return tip.reader_looked_at > tip.last_reply_at ? 'since-reply' : undefined;
}

/** The stored file of a photo, by its public id. */
export function getPhotoFile(db: Db, photoId: string): string | undefined {
  const row = db.prepare('SELECT file FROM tip_photos WHERE id = ?').get(photoId) as
    { file: string } | undefined;
  return row?.file;
}
