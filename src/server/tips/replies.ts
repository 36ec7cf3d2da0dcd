import { t } from '../../i18n/t.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { normaliseText, countChars } from '../../tips/contract.ts';
import { audit } from '../audit.ts';
import type { Db } from '../db.ts';
import type { InboxServices } from '../inbox/handlers.ts';
import type { User } from '../inbox/users.ts';
import { readForm, type FormShape } from './body.ts';

/** Reusable replies the inbox offers, in the order of a tip's usual life. */
export const REPLY_TEMPLATES = ['received', 'more', 'forwarded', 'declined'] as const;

/** The text of a reply template. */
export function templateText(name: (typeof REPLY_TEMPLATES)[number]): string {
  return t(`inbox.reply.tpl.${name}` as MessageKey);
}

/** Longest reply, in characters. */
export const REPLY_MAX = 2000;

/** One entry of the conversation between the newsroom and the reader, as the inbox shows it. */
export interface ConversationEntry {
  id: number;
  sender: 'newsroom' | 'reader';
  author: string;
  body: string;
  created_at: string;
  photos: { id: string; width: number; height: number }[];
}

/** The conversation of a tip, oldest first, with the photos of each of the reader's additions. */
export function conversation(db: Db, tipId: number): ConversationEntry[] {
  const rows = db
    .prepare('SELECT id, sender, author, body, created_at FROM tip_messages WHERE tip_id = ? ORDER BY id')
    .all(tipId) as Omit<ConversationEntry, 'photos'>[];
  const photos = db.prepare(
    'SELECT id, width, height FROM tip_photos WHERE message_id = ? ORDER BY position',
  );
  return rows.map((row) => ({
    ...row,
    photos: photos.all(row.id) as ConversationEntry['photos'],
  }));
}

/** When the reader last looked the tip up and when the newsroom last replied (ISO instants). */
export function readerActivity(db: Db, tipId: number): { lookedAt?: string; lastReplyAt?: string } {
  const row = db
    .prepare(
      `SELECT reader_looked_at AS looked,
        (SELECT MAX(created_at) FROM tip_messages WHERE tip_id = tips.id AND sender = 'newsroom') AS replied
       FROM tips WHERE id = ?`,
    )
    .get(tipId) as { looked: string | null; replied: string | null } | undefined;
  const activity: { lookedAt?: string; lastReplyAt?: string } = {};
  if (row?.looked) activity.lookedAt = row.looked;
  if (row?.replied) activity.lastReplyAt = row.replied;
  return activity;
}

const REPLY_FORM: FormShape = {
  text: new Set(['reply', 'template']),
  maxBytes: 64 * 1024,
  maxTextBytes: 64 * 1024,
  maxParts: 3,
  maxFieldBytes: 16 * 1024,
};

const see = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

/**
 * POST /inbox/tips/<id>/reply/: the editor's reply to the reader, plain text (what the editor typed, or the
 * chosen template when the text is left empty). The middleware has checked the session; `editor` is its user.
 */
export async function handleReply(
  request: Request,
  services: InboxServices,
  editor: User,
  id: number,
): Promise<Response> {
  const back = `/inbox/tips/${String(id)}/`;
  const tip = services.db.prepare('SELECT id, ref FROM tips WHERE id = ?').get(id) as
    { id: number; ref: string } | undefined;
  if (!tip)
    return new Response(t('inbox.tip.notFound'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const read = await readForm(request, REPLY_FORM);
  if (!read.ok) return see(`${back}?error=reply#reply`);
  const typed = read.form.get('reply');
  const template = read.form.get('template');
  let body = typeof typed === 'string' ? normaliseText(typed, true) : '';
  if (body === '' && typeof template === 'string') {
    const known = REPLY_TEMPLATES.find((name) => name === template);
    if (known) body = templateText(known);
  }
  if (body === '' || countChars(body) > REPLY_MAX) return see(`${back}?error=reply#reply`);
  const at = new Date(services.now());
  services.db
    .prepare(
      "INSERT INTO tip_messages (tip_id, sender, author, body, created_at) VALUES (?, 'newsroom', ?, ?, ?)",
    )
    .run(id, editor.name, body, at.toISOString());
  services.db.prepare('UPDATE tips SET updated_at = ? WHERE id = ?').run(at.toISOString(), id);
  audit(services.db, editor.name, 'reply', tip.ref, `${String(countChars(body))} 字`, at);
  return see(`${back}?saved=reply#conversation`);
}
