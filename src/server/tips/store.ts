import { beijingDay } from '../../lib/dates.ts';
import { audit } from '../audit.ts';
import { transaction, type Db, type GroupCommit } from '../db.ts';
import { newPhotoName, removeOrphans, removePhotos, writeDurable, type CleanPhoto } from './photos.ts';
import type { ValidTip } from './fields.ts';
import { randomBytes } from 'node:crypto';

/** "XS-20260426-0007": the prefix, the Beijing day and that day's sequence number. */
export function formatReference(day: string, sequence: number): string {
  return `XS-${day.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

/** Whether a string looks like a tip reference. */
export function isReference(value: string): boolean {
  return /^XS-\d{8}-\d{4,6}$/.test(value);
}

/**
 * Stores a validated tip with its cleaned photos and returns its reference.
 * Photos are written and fsynced first, then the rows are committed in one
 * transaction; if the commit fails the files are removed again. So a tip that
 * is acknowledged has all its photos, and a crash leaves at most orphan files
 * that {@link startupMaintenance} clears. With `commits`, the rows go into the
 * next group commit.
 */
export async function insertTip(
  db: Db,
  dir: string,
  tip: ValidTip,
  photos: readonly CleanPhoto[],
  now = new Date(),
  extra: { codeHash?: string } = {},
  commits?: GroupCommit,
): Promise<string> {
  const names = photos.map(() => newPhotoName());
  photos.forEach((photo, index) => {
    writeDurable(dir, names[index] as string, photo.data);
  });
  const work = () => {
    const day = beijingDay(now);
    const counter = db
      .prepare(
        'INSERT INTO day_counters (day, last) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last',
      )
      .get(day) as { last: number };
    const ref = formatReference(day, counter.last);
    const iso = now.toISOString();
    const row = db
      .prepare(
        `INSERT INTO tips (ref, created_at, updated_at, category, district, body, place, happened, name, contact,
             code_hash, echo_consent)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        ref,
        iso,
        iso,
        tip.category,
        tip.district,
        tip.body,
        tip.place,
        tip.when,
        tip.name,
        tip.contact,
        extra.codeHash ?? null,
        tip.echo ? 1 : 0,
      ) as {
      id: number;
    };
    insertPhotoRows(db, row.id, null, 0, photos, names);
    return ref;
  };
  try {
    // Through the group commit the tip shares one fsync with the tips that arrived meanwhile, and is answered
    // only once that commit is on disk.
    return commits ? await commits.run(work) : transaction(db, work);
  } catch (error) {
    removePhotos(dir, names);
    throw error;
  }
}

/** Photo rows for files already written; `message` links the photos of a reader's addition to it. */
export function insertPhotoRows(
  db: Db,
  tipId: number,
  message: number | null,
  firstPosition: number,
  photos: readonly CleanPhoto[],
  names: readonly string[],
): void {
  const insert = db.prepare(
    `INSERT INTO tip_photos (id, tip_id, position, file, mime, width, height, bytes, message_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  photos.forEach((photo, index) => {
    insert.run(
      randomBytes(12).toString('hex'),
      tipId,
      firstPosition + index,
      names[index] as string,
      'image/jpeg',
      photo.width,
      photo.height,
      photo.data.length,
      message,
    );
  });
}

/** Deletes one tip with its photos, notes and files. Returns its reference, or undefined if it did not exist. */
export function deleteTip(db: Db, dir: string, id: number): string | undefined {
  const files = db.prepare('SELECT file FROM tip_photos WHERE tip_id = ?').all(id) as { file: string }[];
  const row = db.prepare('DELETE FROM tips WHERE id = ? RETURNING ref').get(id) as
    { ref: string } | undefined;
  if (row)
    removePhotos(
      dir,
      files.map((f) => f.file),
    );
  return row?.ref;
}

/** Deletes tips older than `days` with their photos; returns how many went. */
export function deleteExpiredTips(db: Db, dir: string, days: number, now = new Date()): number {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const expired = db.prepare('SELECT id FROM tips WHERE created_at < ?').all(cutoff) as { id: number }[];
  for (const { id } of expired) deleteTip(db, dir, id);
  if (expired.length > 0) {
    audit(db, '系统', 'retention', '', `删除 ${String(expired.length)} 条超过 ${String(days)} 天的报料`, now);
  }
  db.prepare('DELETE FROM day_counters WHERE day < ?').run(
    beijingDay(new Date(now.getTime() - 3 * 86_400_000)),
  );
  return expired.length;
}

/** Start-up housekeeping: retention, orphan photo files, stale sessions and used challenges. */
export function startupMaintenance(db: Db, dir: string, retentionDays: number, now = new Date()): void {
  deleteExpiredTips(db, dir, retentionDays, now);
  const known = new Set(
    (db.prepare('SELECT file FROM tip_photos').all() as { file: string }[]).map((r) => r.file),
  );
  removeOrphans(dir, known, now.getTime());
  db.prepare('DELETE FROM used_challenges WHERE expires_at < ?').run(now.getTime());
}
