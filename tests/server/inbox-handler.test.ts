import { afterEach, describe, expect, it } from 'vitest';
import {
  authenticate,
  guard,
  handleExport,
  handleLogin,
  handleLogout,
  handlePasswordChange,
  handlePhoto,
  handleTipAction,
} from '../../src/server/inbox/handlers.ts';
import { addUser } from '../../src/server/inbox/users.ts';
import { listAudit } from '../../src/server/audit.ts';
import { handleTip } from '../../src/server/tips/submit.ts';
import type { Services } from '../../src/server/services.ts';
import { clock, DISTRICTS, freshServices, jpegWithGps, tipRequest, validFields } from './tips-helpers.ts';

let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

const ctx = {
  clientAddress: '192.0.2.10',
  articles: new Map([['lin-dong-ge-kuai-di-yuan', '微光成炬暖人心']]),
};

function post(path: string, fields: Record<string, string>, cookie?: string): Request {
  return new Request(`http://127.0.0.1:4321${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: cookie ? { Cookie: cookie } : {},
  });
}

function get(path: string, cookie?: string): Request {
  return new Request(`http://127.0.0.1:4321${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] ?? '';
}

async function setup() {
  const time = clock();
  services = freshServices(time.now);
  const s = services;
  const initial = await addUser(s.db, 'zhang');
  return { time, s, initial };
}

async function signIn(s: Services, password: string, name = 'zhang') {
  return handleLogin(post('/inbox/login/', { name, password }), s.inbox, ctx);
}

/** Signs in with the one-time password and sets a real one, as an editor would on day one. */
async function editor(s: Services, initial: string): Promise<string> {
  const first = await signIn(s, initial);
  expect(first.headers.get('location')).toBe('/inbox/password/');
  const changed = await handlePasswordChange(
    post(
      '/inbox/password/',
      { current: initial, next: 'a-long-new-passphrase', confirm: 'a-long-new-passphrase' },
      cookieOf(first),
    ),
    s.inbox,
  );
  expect(changed.headers.get('location')).toBe('/inbox/?changed=1');
  return cookieOf(changed);
}

describe('inbox accounts and sessions', () => {
  it('keeps everything behind a session: pages redirect to login, photos and CSV are refused', async () => {
    const { s } = await setup();
    const checked = guard(get('/inbox/'), s.inbox);
    expect('redirect' in checked && checked.redirect.headers.get('location')).toBe('/inbox/login/');
    const csv = handleExport(get('/inbox/export.csv'), s.inbox, ctx);
    expect(csv.status).toBe(303);
    expect((await handlePhoto(get('/inbox/photos/abc/'), s.inbox, 'a'.repeat(24))).status).toBe(401);
    const action = await handleTipAction(
      post('/inbox/tips/1/', { action: 'delete', confirm: 'yes' }),
      s.inbox,
      ctx,
      1,
    );
    expect(action.headers.get('location')).toBe('/inbox/login/');
  });

  it('hashes passwords with Argon2id and sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict', async () => {
    const { s, initial } = await setup();
    const row = s.db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(initial);
    const response = await signIn(s, initial);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-swd_inbox=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const token = cookieOf(response).split('=')[1] ?? '';
    const stored = JSON.stringify(s.db.prepare('SELECT * FROM sessions').all());
    expect(stored).not.toContain(token);
  });

  it('forces a password change after the one-time password', async () => {
    const { s, initial } = await setup();
    const first = await signIn(s, initial);
    const checked = guard(get('/inbox/', cookieOf(first)), s.inbox);
    expect('redirect' in checked && checked.redirect.headers.get('location')).toBe('/inbox/password/');
    const cookie = await editor(s, initial);
    expect('user' in guard(get('/inbox/', cookie), s.inbox)).toBe(true);
    // The one-time password no longer works.
    expect((await signIn(s, initial)).headers.get('location')).toContain('error=invalid');
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
    const { s, time, initial } = await setup();
    const cookie = await editor(s, initial);
    time.advance(29 * 60 * 1000);
    expect(authenticate(get('/inbox/', cookie), s.inbox)?.name).toBe('zhang');
    time.advance(31 * 60 * 1000);
    expect(authenticate(get('/inbox/', cookie), s.inbox)).toBeUndefined();
    const checked = guard(get('/inbox/', cookie), s.inbox);
    expect('redirect' in checked && checked.redirect.headers.get('location')).toBe(
      '/inbox/login/?error=expired',
    );

    const fresh = cookieOf(await signIn(s, 'a-long-new-passphrase'));
    for (let i = 0; i < 25; i++) {
      time.advance(29 * 60 * 1000);
      if (i < 24) expect(authenticate(get('/inbox/', fresh), s.inbox)).toBeDefined();
    }
    expect(authenticate(get('/inbox/', fresh), s.inbox)).toBeUndefined();
  });

  it('logout invalidates the session on the server, not just the cookie', async () => {
    const { s, initial } = await setup();
    const cookie = await editor(s, initial);
    const out = handleLogout(post('/inbox/logout/', {}, cookie), s.inbox);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(authenticate(get('/inbox/', cookie), s.inbox)).toBeUndefined();
  });

  it('throttles login attempts: after 5 failures even the right password is refused for 15 minutes', async () => {
    const { s, time, initial } = await setup();
    for (let i = 0; i < 5; i++)
      expect((await signIn(s, 'wrong')).headers.get('location')).toContain('error=invalid');
    expect((await signIn(s, initial)).headers.get('location')).toContain('error=throttled');
    time.advance(16 * 60 * 1000);
    expect((await signIn(s, initial)).headers.get('location')).toBe('/inbox/password/');
  });
});

describe('inbox triage', () => {
  async function withTip() {
    const base = await setup();
    const photo = new File([new Uint8Array(await jpegWithGps())], 'a.jpg');
    await handleTip(
      tipRequest(
        { ...validFields(), body: '=HYPERLINK("http://evil.example","点我") <script>alert(1)</script>' },
        [photo],
      ),
      { ...base.s.tips, districts: DISTRICTS },
      '203.0.113.7',
    );
    const cookie = await editor(base.s, base.initial);
    return { ...base, cookie };
  }

  it('changes status, assigns, adds a note, links an article and records each change in the audit log', async () => {
    const { s, cookie } = await withTip();
    const act = (fields: Record<string, string>) =>
      handleTipAction(post('/inbox/tips/1/', fields, cookie), s.inbox, ctx, 1);
    expect((await act({ action: 'status', status: 'checking' })).headers.get('location')).toBe(
      '/inbox/tips/1/?saved=status',
    );
    await act({ action: 'assign', assignee: '1' });
    await act({ action: 'note', note: '已电话联系报料人' });
    await act({ action: 'article', article: 'lin-dong-ge-kuai-di-yuan' });
    expect((await act({ action: 'article', article: 'no-such-story' })).headers.get('location')).toContain(
      'error=invalid',
    );
    expect((await act({ action: 'status', status: 'bogus' })).headers.get('location')).toContain(
      'error=invalid',
    );
    const tip = s.db.prepare('SELECT status, assignee_id, article FROM tips WHERE id = 1').get();
    expect(tip).toEqual({ status: 'checking', assignee_id: 1, article: 'lin-dong-ge-kuai-di-yuan' });
    const actions = listAudit(s.db).map((e) => `${e.actor}:${e.action}:${e.tip_ref}:${e.detail}`);
    expect(actions).toContain('zhang:status:XS-20260426-0001:新线索 → 核实中');
    expect(actions).toContain('zhang:assign:XS-20260426-0001:zhang');
    expect(actions).toContain('zhang:note:XS-20260426-0001:');
    expect(actions).toContain('zhang:article:XS-20260426-0001:lin-dong-ge-kuai-di-yuan');
  });

  it('serves photos only to signed-in editors', async () => {
    const { s, cookie } = await withTip();
    const { id } = s.db.prepare('SELECT id FROM tip_photos').get() as { id: string };
    const photo = await handlePhoto(get(`/inbox/photos/${id}/`, cookie), s.inbox, id);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await handlePhoto(get(`/inbox/photos/${id}/`), s.inbox, id)).status).toBe(401);
  });

  it('exports CSV with a BOM for Excel and neutralises formulas', async () => {
    const { s, cookie } = await withTip();
    const response = handleExport(get('/inbox/export.csv?status=new', cookie), s.inbox, ctx);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"编号","收到时间"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"") <script>alert(1)</script>"`);
    expect(text).not.toMatch(/(^|,)"=/m);
  });

  it('deletes a tip with its photos only after confirmation', async () => {
    const { s, cookie } = await withTip();
    const act = (fields: Record<string, string>) =>
      handleTipAction(post('/inbox/tips/1/', fields, cookie), s.inbox, ctx, 1);
    expect((await act({ action: 'delete' })).headers.get('location')).toContain('error=confirm');
    expect((await act({ action: 'delete', confirm: 'yes' })).headers.get('location')).toBe(
      '/inbox/?deleted=XS-20260426-0001',
    );
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM tip_photos').get()).toEqual({ n: 0 });
    expect(listAudit(s.db)[0]?.action).toBe('delete');
  });
});
