import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { t } from '../../i18n/t.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { audit } from '../audit.ts';
import type { Db } from '../db.ts';
import type { AddressHasher } from '../security/ratelimit.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { categoryLabel } from '../tips/fields.ts';
import { deleteTip } from '../tips/store.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import {
  clearedSessionCookie,
  createSession,
  endSession,
  readSessionToken,
  sessionCookie,
  sessionUser,
} from './sessions.ts';
import { getPhotoFile, getTip, listTips, readFilter, STATUSES, type Status } from './tips.ts';
import type { User } from './users.ts';
import { toCsv } from './csv.ts';
import { returnPath } from '../cms-git/return-path.ts';

/** Long-lived collaborators of the inbox handlers. */
export interface InboxServices {
  db: Db;
  photosDir: string;
  addresses: AddressHasher;
  /** Failed logins per account name and address, and per address, in a 15-minute window. */
  logins: LoginThrottle;
  now: () => number;
}

/** Per-request facts the handlers need besides the Request. */
export interface InboxContext {
  clientAddress: string;
  /** Published article slugs an editor may link a tip to, with their titles. */
  articles?: ReadonlyMap<string, string>;
  /** District ids to names, for the CSV export. */
  districtNames?: ReadonlyMap<string, string>;
}

const see = (location: string, headers: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { Location: location, ...headers } });

/** The signed-in editor of a request, if the session is valid. */
export function authenticate(request: Request, services: InboxServices): User | undefined {
  return sessionUser(services.db, readSessionToken(request), services.now());
}

/**
 * What an inbox page should do before rendering: undefined to go ahead, or a
 * redirect to the login page (no session) or the password page (the one-time
 * password has not been changed yet).
 */
export function guard(
  request: Request,
  services: InboxServices,
  allowMustChange = false,
): { user: User } | { redirect: Response } {
  const user = authenticate(request, services);
  if (!user) {
    const expired = readSessionToken(request) !== undefined;
    return {
      redirect: see(
        expired ? '/inbox/login/?error=expired' : '/inbox/login/',
        expired ? { 'Set-Cookie': clearedSessionCookie() } : {},
      ),
    };
  }
  if (user.must_change && !allowMustChange) return { redirect: see('/inbox/password/') };
  return { user };
}

async function form(request: Request): Promise<FormData | undefined> {
  try {
    return await request.formData();
  } catch {
    return undefined;
  }
}

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

// A hash of a random password, so unknown accounts cost the same time as known ones.
let dummyHash: Promise<string> | undefined;

/** An attempted account name as it may appear in the audit log and a log line: no control or format characters. */
function printableName(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 64);
}

/**
 * Records a refused login in the audit log and on stderr. Neither holds the
 * password; the address appears only as a tag that changes every day.
 */
function recordRefusal(
  services: InboxServices,
  name: string,
  action: 'login-failed' | 'login-throttled',
  tag: string,
) {
  const actor = printableName(name) || t('inbox.login.noName');
  audit(services.db, actor, action, '', t('inbox.login.sourceTag', { tag }), new Date(services.now()));
  console.warn(`[inbox] ${action} account=${JSON.stringify(actor)} source=${tag}`);
}

/** POST /inbox/login/: checks the password, throttles failures, starts a session. */
export async function handleLogin(
  request: Request,
  services: InboxServices,
  ctx: InboxContext,
): Promise<Response> {
  const data = await form(request);
  if (!data) return see('/inbox/login/?error=invalid');
  const name = text(data, 'name').trim().slice(0, 64);
  const password = text(data, 'password').slice(0, 256);
  // Where the sign-in returns to (the CMS sends editors here and back, src/server/cms-git/admin-gate.ts).
  const back = returnPath(text(data, 'next'));
  const query = `&name=${encodeURIComponent(name)}${back ? `&next=${encodeURIComponent(back)}` : ''}`;
  // Counted here, before the first await below: parallel guesses cannot all pass a check made before any is counted.
  const gate = services.logins.begin(name, ctx.clientAddress);
  if ('throttled' in gate) {
    if (gate.notice) recordRefusal(services, name, 'login-throttled', services.logins.tag(ctx.clientAddress));
    return see(`/inbox/login/?error=throttled${query}`);
  }
  const row = services.db
    .prepare('SELECT id, password_hash, must_change FROM users WHERE name = ?')
    .get(name) as { id: number; password_hash: string; must_change: number } | undefined;
  dummyHash ??= hashPassword(crypto.randomUUID());
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash));
  if (!row || !ok) {
    recordRefusal(services, name, 'login-failed', services.logins.tag(ctx.clientAddress));
    return see(`/inbox/login/?error=invalid${query}`);
  }
  services.logins.succeeded(gate.attempt);
  const token = createSession(services.db, row.id, services.now());
  audit(services.db, name, 'login', '', '', new Date(services.now()));
  return see(row.must_change ? '/inbox/password/' : (back ?? '/inbox/'), {
    'Set-Cookie': sessionCookie(token),
  });
}

/** POST /inbox/logout/: ends the session on the server and clears the cookie. */
export function handleLogout(request: Request, services: InboxServices): Response {
  const user = authenticate(request, services);
  endSession(services.db, readSessionToken(request));
  if (user) audit(services.db, user.name, 'logout', '', '', new Date(services.now()));
  return see('/inbox/login/?out=1', { 'Set-Cookie': clearedSessionCookie() });
}

/** POST /inbox/password/: sets a new password (required after the one-time password). */
export async function handlePasswordChange(request: Request, services: InboxServices): Promise<Response> {
  const checked = guard(request, services, true);
  if ('redirect' in checked) return checked.redirect;
  const data = await form(request);
  if (!data) return see('/inbox/password/?error=current');
  const current = text(data, 'current');
  const next = text(data, 'next');
  const row = services.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(checked.user.id) as {
    password_hash: string;
  };
  if (!(await verifyPassword(current, row.password_hash))) return see('/inbox/password/?error=current');
  if (next !== text(data, 'confirm')) return see('/inbox/password/?error=mismatch');
  if (passwordProblem(next)) return see('/inbox/password/?error=short');
  if (next === current) return see('/inbox/password/?error=same');
  services.db
    .prepare('UPDATE users SET password_hash = ?, must_change = 0 WHERE id = ?')
    .run(await hashPassword(next), checked.user.id);
  // Every session of this account ends (whoever knew the old password is out); this browser gets a new one.
  services.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(checked.user.id);
  const keep = createSession(services.db, checked.user.id, services.now());
  audit(services.db, checked.user.name, 'password', '', '', new Date(services.now()));
  return see('/inbox/?changed=1', { 'Set-Cookie': sessionCookie(keep) });
}

/** The label of a status. */
export function statusLabel(status: string): string {
  return (STATUSES as readonly string[]).includes(status)
    ? t(`inbox.status.${status}` as MessageKey)
    : status;
}

/** POST /inbox/tips/<id>/: one triage action (status, assign, note, article, delete). */
export async function handleTipAction(
  request: Request,
  services: InboxServices,
  ctx: InboxContext,
  id: number,
): Promise<Response> {
  const checked = guard(request, services);
  if ('redirect' in checked) return checked.redirect;
  const actor = checked.user.name;
  const { db } = services;
  const back = `/inbox/tips/${String(id)}/`;
  const found = getTip(db, id);
  if (!found)
    return new Response(t('inbox.tip.notFound'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const { tip } = found;
  const data = await form(request);
  if (!data) return see(`${back}?error=invalid`);
  const at = new Date(services.now());
  const touch = () => db.prepare('UPDATE tips SET updated_at = ? WHERE id = ?').run(at.toISOString(), id);
  switch (text(data, 'action')) {
    case 'status': {
      const status = text(data, 'status');
      if (!(STATUSES as readonly string[]).includes(status)) return see(`${back}?error=invalid`);
      if (status !== tip.status) {
        db.prepare('UPDATE tips SET status = ? WHERE id = ?').run(status as Status, id);
        touch();
        audit(db, actor, 'status', tip.ref, `${statusLabel(tip.status)} → ${statusLabel(status)}`, at);
      }
      return see(`${back}?saved=status`);
    }
    case 'assign': {
      const raw = text(data, 'assignee');
      const assignee = raw === '' ? null : Number(raw);
      let name = t('inbox.tip.unassigned');
      if (assignee !== null) {
        const user = db.prepare('SELECT name FROM users WHERE id = ?').get(assignee) as
          { name: string } | undefined;
        if (!user) return see(`${back}?error=invalid`);
        name = user.name;
      }
      db.prepare('UPDATE tips SET assignee_id = ? WHERE id = ?').run(assignee, id);
      touch();
      audit(db, actor, 'assign', tip.ref, name, at);
      return see(`${back}?saved=assign`);
    }
    case 'note': {
      const body = text(data, 'note').replace(/\r\n?/g, '\n').trim();
      if (body === '' || Array.from(body).length > 2000) return see(`${back}?error=note`);
      db.prepare('INSERT INTO tip_notes (tip_id, author, body, created_at) VALUES (?, ?, ?, ?)').run(
        id,
        actor,
        body,
        at.toISOString(),
      );
      touch();
      audit(db, actor, 'note', tip.ref, '', at);
      return see(`${back}?saved=note#notes`);
    }
    case 'article': {
      const slug = text(data, 'article');
      if (slug !== '' && ctx.articles && !ctx.articles.has(slug)) return see(`${back}?error=invalid`);
      db.prepare('UPDATE tips SET article = ? WHERE id = ?').run(slug, id);
      touch();
      audit(db, actor, 'article', tip.ref, slug === '' ? '取消关联' : slug, at);
      return see(`${back}?saved=article`);
    }
    case 'delete': {
      if (data.get('confirm') !== 'yes') return see(`${back}?error=confirm#delete`);
      const ref = deleteTip(db, services.photosDir, id);
      audit(db, actor, 'delete', ref ?? tip.ref, '', at);
      return see(`/inbox/?deleted=${encodeURIComponent(ref ?? tip.ref)}`);
    }
    default:
      return see(`${back}?error=invalid`);
  }
}

/**
 * The answer to a photo request from a session still on its one-time password: that password travelled
 * by hand or by message, so until it is changed the session reaches the password page and nothing else.
 */
export function mustChangeRefusal(): Response {
  return new Response(t('inbox.password.firstOnly'), {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** GET /inbox/photos/<id>: a tip's photo, for signed-in editors only. */
export async function handlePhoto(
  request: Request,
  services: InboxServices,
  photoId: string,
): Promise<Response> {
  const user = authenticate(request, services);
  if (!user)
    return new Response('需要登录', {
      status: 401,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  if (user.must_change) return mustChangeRefusal();
  const file = /^[a-f0-9]{24}$/.test(photoId) ? getPhotoFile(services.db, photoId) : undefined;
  if (!file)
    return new Response('没有这张照片', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const data = await readFile(join(services.photosDir, file));
  return new Response(data, {
    headers: {
      'Content-Type': 'image/jpeg',
      'Cache-Control': 'private, no-store',
      'Content-Disposition': 'inline',
    },
  });
}

/** GET /inbox/export.csv: the filtered tips as CSV for Excel. */
export function handleExport(request: Request, services: InboxServices, ctx: InboxContext): Response {
  const checked = guard(request, services);
  if ('redirect' in checked) return checked.redirect;
  const filter = readFilter(new URL(request.url));
  const { rows } = listTips(services.db, filter, 100_000);
  const table: (string | number)[][] = [
    [
      '编号',
      '收到时间',
      '类别',
      '区县',
      '内容',
      '地点',
      '时间',
      '称呼',
      '联系方式',
      '状态',
      '负责编辑',
      '相关稿件',
      '照片数',
    ],
  ];
  for (const r of rows) {
    table.push([
      r.ref,
      formatDateTime(new Date(r.created_at)),
      categoryLabel(r.category),
      ctx.districtNames?.get(r.district) ?? r.district,
      r.body,
      r.place,
      r.happened,
      r.name,
      r.contact,
      statusLabel(r.status),
      r.assignee ?? '',
      r.article,
      r.photo_count,
    ]);
  }
  audit(services.db, checked.user.name, 'export', '', `${String(rows.length)} 条`, new Date(services.now()));
  const day = new Date(services.now()).toISOString().slice(0, 10);
  return new Response(toCsv(table), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tips-${day}.csv"`,
    },
  });
}
