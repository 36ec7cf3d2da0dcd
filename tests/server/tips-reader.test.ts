import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/audit.ts';
import { handleTipAction } from '../../src/server/inbox/handlers.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/inbox/sessions.ts';
import { listTips, readerWaiting, readFilter } from '../../src/server/inbox/tips.ts';
import { addUser, listUsers } from '../../src/server/inbox/users.ts';
import type { Services } from '../../src/server/services.ts';
import { CODE_ALPHABET, canonicalCode, newReaderCode } from '../../src/server/tips/code.ts';
import { handleStatus, LOOKUP_LIMITS } from '../../src/server/tips/reader.ts';
import { Receipts, receiptsFor } from '../../src/server/tips/receipts.ts';
import { conversation, handleReply, templateText } from '../../src/server/tips/replies.ts';
import { handleTip } from '../../src/server/tips/submit.ts';
import { deleteExpiredTips } from '../../src/server/tips/store.ts';
import { clock, DISTRICTS, freshServices, jpegWithGps, tipRequest, validFields } from './tips-helpers.ts';

/** The reader's loop (issue 12): the 查询码, /hotline/status/, additions, and the editors' replies. */
let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

const STORIES = new Map([['lu-deng-xiu-hao-le', '路灯修好了']]);

function setup() {
  const time = clock();
  services = freshServices(time.now);
  const deps = { ...services.tips, districts: DISTRICTS };
  return { time, s: services, deps };
}

/** Sends a tip and reads its 查询码 the way the confirmation page does (once, through the receipt). */
async function sendTip(
  deps: Services['tips'] & { districts: string[] },
  s: Services,
  address = '203.0.113.7',
) {
  const response = await handleTip(tipRequest(validFields()), deps, address);
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get('location') ?? '', 'http://x');
  const ref = location.searchParams.get('ref') ?? '';
  const code = receiptsFor(s.db).take(location.searchParams.get('receipt') ?? '', ref, s.tips.now());
  if (code === undefined) throw new Error('no code');
  return { ref, code };
}

const lookup = (code: string, path = '/hotline/status/') =>
  new Request(`http://127.0.0.1:4321${path}`, { method: 'POST', body: new URLSearchParams({ code }) });

function addition(code: string, body: string, files: File[] = []) {
  const form = new FormData();
  form.append('code', code);
  form.append('body', body);
  for (const file of files) form.append('photos', file);
  return new Request('http://127.0.0.1:4321/hotline/status/?add=1', { method: 'POST', body: form });
}

async function editorSession(s: Services) {
  await addUser(s.db, 'zhao');
  s.db.prepare('UPDATE users SET must_change = 0').run();
  const user = listUsers(s.db)[0];
  if (!user) throw new Error('no user');
  const cookie = `${SESSION_COOKIE}=${createSession(s.db, user.id, s.tips.now())}`;
  return { user: { ...user, must_change: 0 }, cookie };
}

describe('查询码', () => {
  it('has at least 80 random bits in an alphabet without 0, O, 1, I or L, in groups of four', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newReaderCode()));
    expect(codes.size).toBe(2000);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$/);
    expect(20 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(80);
    // Every symbol turns up: the sampling is not biased toward a part of the alphabet.
    const seen = new Set([...codes].join('').replaceAll('-', ''));
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });

  it('forgives case, spaces and full-width dashes as typed on a phone', () => {
    const code = newReaderCode();
    const typed = ` ${code.toLowerCase().replaceAll('-', '－')} `;
    expect(canonicalCode(typed)).toBe(code.replaceAll('-', ''));
    expect(canonicalCode('K7QX-M2PA')).toBeUndefined();
  });

  it('opens the receipt in the next worker after a publish, still once, and never a forged or expired one', async () => {
    const { deps, s, time } = setup();
    const response = await handleTip(tipRequest(validFields()), deps, '203.0.113.7');
    const location = new URL(response.headers.get('location') ?? '', 'http://x');
    const ref = location.searchParams.get('ref') ?? '';
    const receipt = location.searchParams.get('receipt') ?? '';
    // The worker that takes the page is not the one that took the tip: it shares only the database.
    const secret = (
      s.db.prepare("SELECT value FROM secrets WHERE name = 'receipt'").get() as { value: string }
    ).value;
    const nextWorker = new Receipts(s.db, createHash('sha256').update(secret).digest());
    const forged = `${receipt.slice(0, -2)}${receipt.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(nextWorker.take(forged, ref, s.tips.now())).toBeUndefined();
    expect(nextWorker.take(receipt, ref, s.tips.now())).toMatch(
      /^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$/,
    );
    expect(receiptsFor(s.db).take(receipt, ref, s.tips.now())).toBeUndefined();

    const late = new URL(
      (await handleTip(tipRequest(validFields()), deps, '203.0.113.8')).headers.get('location') ?? '',
      'http://x',
    );
    time.advance(31 * 60 * 1000);
    const lateRef = late.searchParams.get('ref') ?? '';
    expect(nextWorker.take(late.searchParams.get('receipt') ?? '', lateRef, s.tips.now())).toBeUndefined();
  });

  it('is shown once through a single-use receipt and stored only as a keyed hash', async () => {
    const { deps, s } = setup();
    const response = await handleTip(tipRequest(validFields()), deps, '203.0.113.7');
    const location = new URL(response.headers.get('location') ?? '', 'http://x');
    const ref = location.searchParams.get('ref') ?? '';
    const receipt = location.searchParams.get('receipt') ?? '';
    expect(location.toString()).not.toMatch(/[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/);
    const receipts = receiptsFor(s.db);
    expect(receipts.take(receipt, 'XS-20990101-0001', s.tips.now())).toBeUndefined();
    const code = receipts.take(receipt, ref, s.tips.now());
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$/);
    expect(receipts.take(receipt, ref, s.tips.now())).toBeUndefined();
    const dump = JSON.stringify(
      ['tips', 'audit_log', 'secrets'].map((table) => s.db.prepare(`SELECT * FROM ${table}`).all()),
    );
    const plain = (code ?? '').replaceAll('-', '');
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(plain);
    const row = s.db.prepare('SELECT code_hash FROM tips').get() as { code_hash: string };
    expect(row.code_hash).toMatch(/^[\w-]{43}$/);
  });
});

describe('/hotline/status/', () => {
  it('shows the reference, 已收到, then 核实中 and the editor’s reply in order, and the story once published', async () => {
    const { deps, s, time } = setup();
    const { ref, code } = await sendTip(deps, s);
    const first = await handleStatus(lookup(code), deps, '198.51.100.1', STORIES);
    expect(first.kind).toBe('tip');
    if (first.kind !== 'tip') return;
    expect(first.view.ref).toBe(ref);
    expect(first.view.statusLabel).toBe('已收到');
    expect(first.view.messages).toEqual([]);
    expect(JSON.stringify(first.view)).not.toContain('18663513326');
    expect(JSON.stringify(first.view)).not.toContain('王女士');

    const { user, cookie } = await editorSession(s);
    const tipId = (s.db.prepare('SELECT id FROM tips').get() as { id: number }).id;
    const inboxPost = (path: string, fields: Record<string, string>) =>
      new Request(`http://127.0.0.1:4321${path}`, {
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: { Cookie: cookie },
      });
    const ctx = { clientAddress: '192.0.2.1', articles: STORIES };
    await handleTipAction(
      inboxPost(`/inbox/tips/${String(tipId)}/`, { action: 'status', status: 'checking' }),
      s.inbox,
      ctx,
      tipId,
    );
    time.advance(60_000);
    const replied = await handleReply(
      inboxPost(`/inbox/tips/${String(tipId)}/reply/`, { template: 'received', reply: '' }),
      s.inbox,
      user,
      tipId,
    );
    expect(replied.status).toBe(303);
    time.advance(60_000);
    await handleReply(
      inboxPost(`/inbox/tips/${String(tipId)}/reply/`, {
        template: 'received',
        reply: '记者明天上午到现场。',
      }),
      s.inbox,
      user,
      tipId,
    );

    const second = await handleStatus(lookup(code.toLowerCase()), deps, '198.51.100.1', STORIES);
    if (second.kind !== 'tip') throw new Error(second.kind);
    expect(second.view.statusLabel).toBe('核实中');
    expect(second.view.messages.map((m) => [m.sender, m.body])).toEqual([
      ['newsroom', templateText('received')],
      ['newsroom', '记者明天上午到现场。'],
    ]);
    expect(second.view.story).toBeUndefined();

    await handleTipAction(
      inboxPost(`/inbox/tips/${String(tipId)}/`, { action: 'article', article: 'lu-deng-xiu-hao-le' }),
      s.inbox,
      ctx,
      tipId,
    );
    await handleTipAction(
      inboxPost(`/inbox/tips/${String(tipId)}/`, { action: 'status', status: 'published' }),
      s.inbox,
      ctx,
      tipId,
    );
    const third = await handleStatus(lookup(code), deps, '198.51.100.1', STORIES);
    if (third.kind !== 'tip') throw new Error(third.kind);
    expect(third.view.statusLabel).toBe('已见报');
    expect(third.view.story).toEqual({ href: '/articles/lu-deng-xiu-hao-le/', title: '路灯修好了' });
    expect(listAudit(s.db).map((e) => e.action)).toEqual(
      expect.arrayContaining(['reply', 'status', 'article']),
    );
  });

  it('gives one answer for a code that does not exist and one that is malformed, never a 5xx', async () => {
    const { deps, s } = setup();
    await sendTip(deps, s);
    const unknown = await handleStatus(lookup(newReaderCode()), deps, '198.51.100.2', STORIES);
    const malformed = await handleStatus(lookup('hello'), deps, '198.51.100.2', STORIES);
    const empty = await handleStatus(lookup(''), deps, '198.51.100.2', STORIES);
    expect(unknown).toEqual(malformed);
    expect(unknown).toEqual(empty);
    expect(unknown).toMatchObject({ kind: 'form', status: 404 });
  });

  it('throttles guesses per address even when they arrive all at once, and counts only failures tightly', async () => {
    const { deps, s } = setup();
    const { code } = await sendTip(deps, s);
    const guesses = await Promise.all(
      Array.from({ length: 30 }, () => handleStatus(lookup(newReaderCode()), deps, '198.51.100.3', STORIES)),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((c) => c === 404)).toHaveLength(LOOKUP_LIMITS.failuresPerHour);
    expect(statuses.filter((c) => c === 429)).toHaveLength(30 - LOOKUP_LIMITS.failuresPerHour);
    expect(statuses.every((c) => c < 500)).toBe(true);
    // The right code from the same address is throttled too (the answer tells nothing), another address is not.
    expect((await handleStatus(lookup(code), deps, '198.51.100.3', STORIES)).status).toBe(429);
    expect((await handleStatus(lookup(code), deps, '198.51.100.4', STORIES)).kind).toBe('tip');
    // Right codes do not use up the failure allowance.
    for (let i = 0; i < LOOKUP_LIMITS.failuresPerHour + 5; i++)
      expect((await handleStatus(lookup(code), deps, '198.51.100.5', STORIES)).kind).toBe('tip');
  });

  it('records lookups so the inbox shows which tips a reader looked up since the last reply', async () => {
    const { deps, s, time } = setup();
    const { code } = await sendTip(deps, s);
    const waiting = () =>
      readerWaiting(
        listTips(s.db, readFilter(new URL('http://x/inbox/'))).rows[0] ?? {
          reader_looked_at: null,
          last_reply_at: null,
        },
      );
    expect(waiting()).toBeUndefined();
    time.advance(1000);
    await handleStatus(lookup(code), deps, '198.51.100.6', STORIES);
    expect(waiting()).toBe('no-reply');
    const { user } = await editorSession(s);
    time.advance(1000);
    await handleReply(
      new Request('http://127.0.0.1:4321/inbox/tips/1/reply/', {
        method: 'POST',
        body: new URLSearchParams({ reply: '已转交有关部门。' }),
      }),
      s.inbox,
      user,
      1,
    );
    expect(waiting()).toBeUndefined();
    time.advance(1000);
    await handleStatus(lookup(code), deps, '198.51.100.6', STORIES);
    expect(waiting()).toBe('since-reply');
  });
});

describe('the reader’s additions', () => {
  it('adds text and a re-encoded photo to the same tip, in the inbox and the audit log', async () => {
    const { deps, s } = setup();
    const { ref, code } = await sendTip(deps, s);
    const photo = new File([new Uint8Array(await jpegWithGps())], 'IMG_1.jpg', { type: 'image/jpeg' });
    const added = await handleStatus(
      addition(code, '补充：\u202E晚上八点以后最暗。', [photo]),
      deps,
      '198.51.100.7',
      STORIES,
    );
    if (added.kind !== 'tip') throw new Error(added.kind);
    expect(added.added).toBe(true);
    expect(added.view.messages).toEqual([
      expect.objectContaining({ sender: 'reader', body: '补充：晚上八点以后最暗。', photoCount: 1 }),
    ]);
    const entries = conversation(s.db, 1);
    expect(entries[0]?.photos).toHaveLength(1);
    expect(listAudit(s.db).find((e) => e.action === 'reader-add')).toMatchObject({
      actor: '读者',
      tip_ref: ref,
    });
    // The stored photo has no camera or GPS data, like the form's.
    const file = (
      s.db.prepare('SELECT file FROM tip_photos WHERE message_id IS NOT NULL').get() as { file: string }
    ).file;
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(`${s.tips.photosDir}/${file}`).includes(Buffer.from('TestCam'))).toBe(false);
  });

  it('forgets additions and their photo files with the tip when the retention period ends', async () => {
    const { deps, s, time } = setup();
    const { code } = await sendTip(deps, s);
    const photo = new File([new Uint8Array(await jpegWithGps())], 'b.jpg', { type: 'image/jpeg' });
    await handleStatus(addition(code, '再补一张照片。', [photo]), deps, '198.51.100.9', STORIES);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(s.tips.photosDir)).toHaveLength(1);
    time.advance(181 * 86_400_000);
    expect(deleteExpiredTips(s.db, s.tips.photosDir, 180, new Date(time.now()))).toBe(1);
    expect(readdirSync(s.tips.photosDir)).toEqual([]);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM tip_messages').get()).toEqual({ n: 0 });
    expect((await handleStatus(lookup(code), deps, '198.51.100.9', STORIES)).kind).toBe('form');
  });

  it('checks an addition like the form: short text without photos, a non-image, a wrong code', async () => {
    const { deps, s } = setup();
    const { code } = await sendTip(deps, s);
    const short = await handleStatus(
      addition(code, '太短\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B'),
      deps,
      '198.51.100.8',
      STORIES,
    );
    expect(short).toMatchObject({ kind: 'tip', status: 422 });
    if (short.kind === 'tip') expect(short.errors?.body).toContain('现在是 2 个字');
    const fake = new File(['not a picture'], 'a.jpg', { type: 'image/jpeg' });
    const notImage = await handleStatus(addition(code, '', [fake]), deps, '198.51.100.8', STORIES);
    expect(notImage).toMatchObject({ kind: 'tip', status: 422 });
    const wrong = await handleStatus(
      addition(newReaderCode(), '这是一段足够长的补充说明文字。'),
      deps,
      '198.51.100.8',
      STORIES,
    );
    expect(wrong).toMatchObject({ kind: 'form', status: 404 });
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM tip_messages').get()).toEqual({ n: 0 });
  });
});
