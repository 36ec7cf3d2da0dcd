import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/audit.ts';
import { handleLogin, handlePasswordChange, handlePhoto } from '../../src/server/inbox/handlers.ts';
import { addUser } from '../../src/server/inbox/users.ts';
import type { Services } from '../../src/server/services.ts';
import { handleTip } from '../../src/server/tips/submit.ts';
import { clock, DISTRICTS, freshServices, jpegWithGps, tipRequest, validFields } from './tips-helpers.ts';

const run = promisify(execFile);

let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

async function setup() {
  const time = clock();
  services = freshServices(time.now);
  const initial = await addUser(services.db, 'zhang');
  return { s: services, time, initial };
}

const login = (s: Services, password: string, address = '192.0.2.10', name = 'zhang') =>
  handleLogin(
    new Request('http://127.0.0.1:4321/inbox/login/', {
      method: 'POST',
      body: new URLSearchParams({ name, password }),
    }),
    s.inbox,
    { clientAddress: address },
  );

const outcome = (response: Response) => {
  const location = response.headers.get('location') ?? '';
  if (location.includes('error=throttled')) return 'throttled';
  if (location.includes('error=invalid')) return 'invalid';
  return 'in';
};

const actions = (s: Services) => listAudit(s.db).map((e) => e.action);

describe('login throttle under parallel guesses (F2)', () => {
  it('evaluates at most five of 40 parallel guesses, so the right password sent last is refused', async () => {
    const { s, initial } = await setup();
    const guesses = [...Array.from({ length: 39 }, (_, i) => `wrong-${String(i)}`), initial];
    const results = (await Promise.all(guesses.map((p) => login(s, p)))).map(outcome);
    expect(results.filter((r) => r === 'invalid')).toHaveLength(5);
    expect(results.at(-1)).toBe('throttled');
    expect(results).not.toContain('in');
    expect(actions(s).filter((a) => a === 'login-failed')).toHaveLength(5);
  });

  it('does not let a correct password in a burst reset the count for the next burst', async () => {
    const { s, initial } = await setup();
    const first = await Promise.all(
      [initial, ...Array.from({ length: 9 }, () => 'wrong')].map((p) => login(s, p)),
    );
    expect(outcome(first[0] as Response)).toBe('in');
    const second = await Promise.all(Array.from({ length: 10 }, () => login(s, 'wrong-again')));
    const evaluated = [...first, ...second].map(outcome).filter((r) => r === 'invalid');
    // Five guesses in the window in all, whatever the right password did in between.
    expect(evaluated).toHaveLength(5);
  });
});

describe('login throttle per name and address (F8)', () => {
  it('locks the name only from the guessing address; the editor elsewhere signs in', async () => {
    const { s, initial } = await setup();
    for (let i = 0; i < 5; i++) expect(outcome(await login(s, 'wrong', '203.0.113.66'))).toBe('invalid');
    expect(outcome(await login(s, initial, '203.0.113.66'))).toBe('throttled');
    expect(outcome(await login(s, initial, '198.51.100.20'))).toBe('in');
  });

  it('caps one address over all names at twenty failures', async () => {
    const { s } = await setup();
    const names = Array.from({ length: 6 }, (_, i) => `name${String(i)}`);
    const results: string[] = [];
    for (const name of names)
      for (let i = 0; i < 5; i++) results.push(outcome(await login(s, 'wrong', '203.0.113.66', name)));
    expect(results.filter((r) => r === 'invalid')).toHaveLength(20);
  });

  it('is lifted at once by `npm run inbox -- unlock <name>`, without a restart', async () => {
    const { s, initial } = await setup();
    for (let i = 0; i < 5; i++) await login(s, 'wrong');
    expect(outcome(await login(s, initial))).toBe('throttled');
    const { stdout } = await run(process.execPath, [resolve('scripts/inbox.ts'), 'unlock', 'zhang'], {
      env: { ...process.env, DATA_DIR: s.config.dataDir },
    });
    expect(stdout).toContain('已解除“zhang”的登录限制');
    expect(outcome(await login(s, initial))).toBe('in');
    expect(listAudit(s.db).some((e) => e.action === 'unlock' && e.detail === 'zhang')).toBe(true);
  });

  it('is lifted by a password reset too', async () => {
    const { s } = await setup();
    for (let i = 0; i < 5; i++) await login(s, 'wrong');
    const { stdout } = await run(process.execPath, [resolve('scripts/inbox.ts'), 'reset-password', 'zhang'], {
      env: { ...process.env, DATA_DIR: s.config.dataDir },
    });
    const password = /\n\s+(\S{20})\s*\n/.exec(stdout)?.[1] ?? '';
    expect(outcome(await login(s, password))).toBe('in');
  });
});

describe('refused logins are on record (F10)', () => {
  it('audits each failure and the first refusal of a throttled name, without the password', async () => {
    const { s } = await setup();
    for (let i = 0; i < 7; i++) await login(s, 'secret-guess-7f3a');
    await login(s, 'secret-guess-7f3a', '192.0.2.10', 'nobody');
    const entries = listAudit(s.db);
    const failed = entries.filter((e) => e.action === 'login-failed');
    expect(failed.filter((e) => e.actor === 'zhang')).toHaveLength(5);
    expect(failed.filter((e) => e.actor === 'nobody')).toHaveLength(1);
    // Two throttled attempts, one entry: a flood of refusals cannot fill the log.
    expect(entries.filter((e) => e.action === 'login-throttled' && e.actor === 'zhang')).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain('secret-guess-7f3a');
    expect(JSON.stringify(entries)).not.toContain('192.0.2.10');
  });
});

describe('a session on its one-time password (F11)', () => {
  it('cannot fetch photos until the password is changed', async () => {
    const { s, initial } = await setup();
    const photo = new File([new Uint8Array(await jpegWithGps())], 'a.jpg');
    await handleTip(tipRequest(validFields(), [photo]), { ...s.tips, districts: DISTRICTS }, '203.0.113.7');
    const { id } = s.db.prepare('SELECT id FROM tip_photos').get() as { id: string };
    const first = await login(s, initial);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const get = (c: string) =>
      handlePhoto(
        new Request(`http://127.0.0.1:4321/inbox/photos/${id}/`, { headers: { Cookie: c } }),
        s.inbox,
        id,
      );
    const refused = await get(cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('请先修改一次性初始密码');
    const changed = await handlePasswordChange(
      new Request('http://127.0.0.1:4321/inbox/password/', {
        method: 'POST',
        headers: { Cookie: cookie },
        body: new URLSearchParams({
          current: initial,
          next: 'a-long-new-passphrase',
          confirm: 'a-long-new-passphrase',
        }),
      }),
      s.inbox,
    );
    const session = (changed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await get(session)).status).toBe(200);
  });
});
