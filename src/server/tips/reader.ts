import { t } from '../../i18n/t.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { audit } from '../audit.ts';
import { TIP_LIMITS } from '../config.ts';
import { transaction, type Db } from '../db.ts';
import { STATUSES, type Status } from '../inbox/tips.ts';
import { readForm, type FormShape } from './body.ts';
import { canonicalCode, hashReaderCode } from './code.ts';
import { countChars, tipMessages } from './fields.ts';
import { newPhotoName, removePhotos, writeDurable, type CleanPhoto } from './photos.ts';
import { reserve } from './reserve.ts';
import { readerCodeSecret } from './secrets.ts';
import { insertPhotoRows } from './store.ts';
import { checkPhotoFiles, cleanPhotos, type TipServices } from './submit.ts';
import { normaliseText } from '../../tips/contract.ts';

/** What the status page needs of the tips service (no districts: it never validates a new tip). */
export type ReaderServices = Omit<TipServices, 'districts'>;

/** Lookup limits per address and hour. With 99-bit codes guessing is hopeless; these keep the server calm. */
export const LOOKUP_LIMITS = { perHour: 60, failuresPerHour: 10, additionsPerTip: 20 } as const;

/** What the reader sees of a tip: no name or contact, no editors' notes, no assignee. */
export interface ReaderView {
  ref: string;
  createdAt: string;
  status: Status;
  /** 已收到 / 核实中 / 已采用 / 已见报 / 未采用. */
  statusLabel: string;
  body: string;
  photoCount: number;
  messages: { sender: 'newsroom' | 'reader'; body: string; createdAt: string; photoCount: number }[];
  /** The published story, once an editor linked it. */
  story?: { href: string; title: string };
}

/** What the status page shows after a POST. */
export type StatusOutcome =
  | { kind: 'form'; status: number; message?: string }
  | {
      kind: 'tip';
      status: number;
      view: ReaderView;
      /** The code as typed, for the additions form (the page is never cached). */
      code: string;
      added?: boolean;
      errors?: { body?: string; photos?: string; form?: string };
      body?: string;
    };

/** The reader's words for a workflow state. */
export function readerStatusLabel(status: string): string {
  const known = (STATUSES as readonly string[]).includes(status) ? status : 'new';
  return t(`status.state.${known}` as MessageKey);
}

const LOOKUP_FORM: FormShape = {
  text: new Set(['code']),
  maxBytes: 4 * 1024,
  maxTextBytes: 4 * 1024,
  maxParts: 2,
  maxFieldBytes: 200,
};

const ADD_FORM: FormShape = {
  text: new Set(['code', 'body']),
  files: 'photos',
  maxBytes: TIP_LIMITS.requestBytesMax,
  maxTextBytes: 256 * 1024,
  maxParts: 12,
  maxFieldBytes: 64 * 1024,
};

interface TipRecord {
  id: number;
  ref: string;
  created_at: string;
  status: string;
  body: string;
  article: string;
}

/** The tip a code opens, found by the code's keyed hash: there is no other way in. */
export function findByCode(db: Db, typed: string): TipRecord | undefined {
  const canonical = canonicalCode(typed);
  if (canonical === undefined) return undefined;
  const hash = hashReaderCode(readerCodeSecret(db), canonical);
  return db
    .prepare('SELECT id, ref, created_at, status, body, article FROM tips WHERE code_hash = ?')
    .get(hash) as TipRecord | undefined;
}

/** The reader's view of a tip. `stories` maps published slugs to titles (the deployed build's). */
export function readerView(db: Db, tip: TipRecord, stories: ReadonlyMap<string, string>): ReaderView {
  const photos = db
    .prepare('SELECT COUNT(*) AS n FROM tip_photos WHERE tip_id = ? AND message_id IS NULL')
    .get(tip.id) as { n: number };
  const rows = db
    .prepare(
      `SELECT m.sender, m.body, m.created_at, (SELECT COUNT(*) FROM tip_photos p WHERE p.message_id = m.id) AS photos
       FROM tip_messages m WHERE m.tip_id = ? ORDER BY m.id`,
    )
    .all(tip.id) as { sender: 'newsroom' | 'reader'; body: string; created_at: string; photos: number }[];
  const title = tip.article ? stories.get(tip.article) : undefined;
  const view: ReaderView = {
    ref: tip.ref,
    createdAt: tip.created_at,
    status: (STATUSES as readonly string[]).includes(tip.status) ? (tip.status as Status) : 'new',
    statusLabel: readerStatusLabel(tip.status),
    body: tip.body,
    photoCount: photos.n,
    messages: rows.map((r) => ({
      sender: r.sender,
      body: r.body,
      createdAt: r.created_at,
      photoCount: r.photos,
    })),
  };
  if (title !== undefined) view.story = { href: `/articles/${tip.article}/`, title };
  return view;
}

/**
 * POST /hotline/status/: looks a tip up by its 查询码 (field `code`), and with `?add=1` adds the reader's text
 * and photos to it. A code that does not exist and a code that is wrong are one case (the lookup is by the
 * code's hash alone), answered the same way. Places under the per-address limits are taken before the first
 * await, so concurrent guesses cannot outrun them; failures count separately and tighter than lookups.
 */
export async function handleStatus(
  request: Request,
  services: ReaderServices,
  clientAddress: string,
  stories: ReadonlyMap<string, string>,
): Promise<StatusOutcome> {
  const adding = new URL(request.url).searchParams.has('add');
  const keys = services.addresses.keys(clientAddress);
  const { lookups, lookupFailures: failures } = services;
  const lookup = reserve([{ limiter: lookups, keys, max: LOOKUP_LIMITS.perHour }]);
  // Every lookup holds a place under the failure limit too, since nobody knows in advance whether the code is
  // right; the place is recorded only when the code opens nothing.
  const failure = lookup
    ? reserve([{ limiter: failures, keys, max: LOOKUP_LIMITS.failuresPerHour }])
    : undefined;
  if (!lookup || !failure) {
    lookup?.release();
    return { kind: 'form', status: 429, message: t('status.throttled') };
  }
  const addition = adding
    ? reserve([{ limiter: services.perAddress, keys, max: services.limits.perHour }])
    : undefined;
  try {
    if (adding && !addition) return { kind: 'form', status: 429, message: t('hotline.err.rateLimited') };
    const read = await readForm(request, adding ? ADD_FORM : LOOKUP_FORM);
    if (!read.ok) return { kind: 'form', status: read.status, message: read.message };
    const typed = read.form.get('code');
    const code = typeof typed === 'string' ? typed.trim() : '';
    const tip = findByCode(services.db, code);
    lookup.commit();
    if (!tip) {
      failure.commit();
      return { kind: 'form', status: 404, message: t('status.notFound') };
    }
    const now = new Date(services.now());
    services.db.prepare('UPDATE tips SET reader_looked_at = ? WHERE id = ?').run(now.toISOString(), tip.id);
    if (!adding) return { kind: 'tip', status: 200, view: readerView(services.db, tip, stories), code };

    const result = await addToTip(services, tip, read.form, now);
    const view = readerView(services.db, tip, stories);
    if ('errors' in result)
      return { kind: 'tip', status: result.status, view, code, errors: result.errors, body: result.body };
    addition?.commit();
    return { kind: 'tip', status: 200, view, code, added: true };
  } catch (error) {
    console.error('tip lookup failed:', error);
    return { kind: 'form', status: 503, message: t('status.busy') };
  } finally {
    lookup.release();
    failure.release();
    addition?.release();
  }
}

type AddResult =
  { ok: true } | { status: number; errors: { body?: string; photos?: string; form?: string }; body: string };

/**
 * The reader's addition: the same text cleaning, photo checks and re-encoding as a new tip. Without photos the
 * text needs the form's 10 characters; with photos it may be empty.
 */
async function addToTip(
  services: ReaderServices,
  tip: TipRecord,
  form: FormData,
  now: Date,
): Promise<AddResult> {
  const raw = form.get('body');
  const body = typeof raw === 'string' ? normaliseText(raw, true) : '';
  const files = form.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  const messages = tipMessages();
  const count = countChars(body);
  const errors: { body?: string; photos?: string; form?: string } = {};
  if (files.length === 0 && count < TIP_LIMITS.bodyMin)
    errors.body = messages.bodyShort.replace('{count}', String(count));
  else if (count > TIP_LIMITS.bodyMax) errors.body = messages.bodyLong.replace('{count}', String(count));
  const photoProblem = checkPhotoFiles(files);
  if (photoProblem !== undefined) errors.photos = photoProblem;
  const { db } = services;
  const additions = db
    .prepare("SELECT COUNT(*) AS n FROM tip_messages WHERE tip_id = ? AND sender = 'reader'")
    .get(tip.id) as { n: number };
  if (additions.n >= LOOKUP_LIMITS.additionsPerTip)
    errors.form = t('status.addLimit', { max: LOOKUP_LIMITS.additionsPerTip });
  if (Object.keys(errors).length > 0) return { status: 422, errors, body };

  const photos = await cleanPhotos(files);
  if (!Array.isArray(photos)) return { status: 422, errors: { photos: photos.error }, body };
  try {
    storeAddition(db, services.photosDir, tip, body, photos, now);
  } catch (error) {
    console.error('addition not saved:', error);
    return { status: 503, errors: { form: t('hotline.err.notStored') }, body };
  }
  return { ok: true };
}

/** Writes the photos durably, then the message and photo rows in one transaction (as a new tip is stored). */
function storeAddition(
  db: Db,
  dir: string,
  tip: TipRecord,
  body: string,
  photos: readonly CleanPhoto[],
  now: Date,
): void {
  const names = photos.map(() => newPhotoName());
  photos.forEach((photo, index) => {
    writeDurable(dir, names[index] as string, photo.data);
  });
  try {
    transaction(db, () => {
      const iso = now.toISOString();
      const message = db
        .prepare(
          "INSERT INTO tip_messages (tip_id, sender, author, body, created_at) VALUES (?, 'reader', '', ?, ?) RETURNING id",
        )
        .get(tip.id, body, iso) as { id: number };
      const last = db
        .prepare('SELECT COALESCE(MAX(position), -1) AS p FROM tip_photos WHERE tip_id = ?')
        .get(tip.id) as { p: number };
      insertPhotoRows(db, tip.id, message.id, last.p + 1, photos, names);
      db.prepare('UPDATE tips SET updated_at = ? WHERE id = ?').run(iso, tip.id);
      audit(
        db,
        '读者',
        'reader-add',
        tip.ref,
        `文字 ${String(countChars(body))} 字，照片 ${String(photos.length)} 张`,
        now,
      );
    });
  } catch (error) {
    removePhotos(dir, names);
    throw error;
  }
}
