import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type RunningSite } from '../support/server.ts';
import { addEditor } from './tips-site.ts';

/**
 * Every route under src/pages/inbox/, found from the files themselves, so a
 * page added tomorrow is requested here too: without a session it must be
 * refused by src/middleware.ts like all the others, or this test fails.
 */
const PAGES = resolve(import.meta.dirname, '../../src/pages');

interface InboxRoute {
  /** The source file, relative to src/pages/. */
  file: string;
  /** A URL path that reaches it, with a sample value for each [param]. */
  path: string;
}

function inboxRoutes(dir = join(PAGES, 'inbox')): InboxRoute[] {
  const found: InboxRoute[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Astro's rule: files and folders starting with _ are not routes.
    if (entry.name.startsWith('_')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...inboxRoutes(full));
      continue;
    }
    if (!/\.(astro|ts|js|mdx?|html)$/.test(entry.name)) continue;
    const file = relative(PAGES, full).split(sep).join('/');
    const route = file
      .replace(/\.(astro|ts|js|mdx?|html)$/, '')
      .replace(/(^|\/)index$/, '')
      .replace(/\[\.\.\.\w+\]/g, 'x/y')
      .replace(/\[\w+\]/g, '1');
    // trailingSlash: 'always', except for endpoints named like files (export.csv).
    const last = route.split('/').at(-1) ?? '';
    found.push({ file, path: `/${route}${last.includes('.') ? '' : '/'}` });
  }
  return found;
}

/** Routes that must answer without a session, and what they answer. */
const PUBLIC = new Set(['inbox/login.astro', 'inbox/logout.ts']);
/** Loaded by <img>, so refused with 401 instead of a redirect to a page. */
const REFUSED_401 = new Set(['inbox/photos/[id].ts']);

const ROUTES = inboxRoutes();
const PROTECTED = ROUTES.filter((r) => !PUBLIC.has(r.file));

let site: RunningSite;
beforeAll(async () => {
  // Not the build's default of 180: the hotline must state what this server does.
  site = await startSite({ TIPS_RETENTION_DAYS: '30' });
});
afterAll(async () => {
  await site.stop();
});

function request(path: string, method: 'GET' | 'POST', cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { Origin: site.origin };
  if (cookie) headers['Cookie'] = cookie;
  return fetch(`${site.origin}${path}`, {
    method,
    redirect: 'manual',
    headers,
    ...(method === 'POST' ? { body: new URLSearchParams({ action: 'delete', confirm: 'yes' }) } : {}),
  });
}

const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('every inbox route is behind the session check', () => {
  it('finds the inbox routes from the files under src/pages/inbox/', () => {
    expect(ROUTES.map((r) => r.path).sort()).toEqual(
      expect.arrayContaining([
        '/inbox/',
        '/inbox/audit/',
        '/inbox/export.csv',
        '/inbox/login/',
        '/inbox/logout/',
        '/inbox/password/',
        '/inbox/photos/1/',
        '/inbox/tips/1/',
      ]),
    );
    // Only the sign-in and sign-out are public; everything else an editor sees needs a session.
    expect(ROUTES.filter((r) => PUBLIC.has(r.file)).map((r) => r.file)).toEqual([...PUBLIC].sort());
  });

  it.each(
    PROTECTED.flatMap((r) => [
      { ...r, method: 'GET' as const },
      { ...r, method: 'POST' as const },
    ]),
  )('$method $path without a session is refused', async ({ file, path, method }) => {
    const response = await request(path, method);
    if (REFUSED_401.has(file)) {
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('需要登录');
    } else {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/inbox/login/');
      expect(await response.text()).toBe('');
    }
    // The refusal carries the inbox's strict headers like any other inbox response.
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('sends an expired session to the login page with a message and clears its cookie', async () => {
    for (const { path } of PROTECTED.filter((r) => !REFUSED_401.has(r.file))) {
      const response = await request(path, 'GET', '__Host-swd_inbox=no-such-session');
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe('/inbox/login/?error=expired');
      expect(response.headers.get('set-cookie'), path).toMatch(/^__Host-swd_inbox=;.*Max-Age=0/);
    }
  });

  it('keeps the sign-in and sign-out open', async () => {
    const login = await request('/inbox/login/', 'GET');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="password"');
    const out = await request('/inbox/logout/', 'POST');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/inbox/login/?out=1');
  });

  it('sends a new editor to the password page until the one-time password is changed, then lets every page render', async () => {
    const initial = await addEditor(site.dataDir, 'routes');
    const signIn = await fetch(`${site.origin}/inbox/login/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: site.origin },
      body: new URLSearchParams({ name: 'routes', password: initial }),
    });
    expect(signIn.headers.get('location')).toBe('/inbox/password/');
    const first = cookieOf(signIn);
    for (const { file, path } of PROTECTED) {
      const response = await request(path, 'GET', first);
      if (file === 'inbox/password.astro') expect(response.status, path).toBe(200);
      // Photos stay closed to a session on its one-time password (F11): 403, whether or not the photo exists.
      else if (REFUSED_401.has(file)) expect(response.status, path).toBe(403);
      else {
        expect(response.status, path).toBe(303);
        expect(response.headers.get('location'), path).toBe('/inbox/password/');
      }
    }

    const changed = await fetch(`${site.origin}/inbox/password/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: site.origin, Cookie: first },
      body: new URLSearchParams({
        current: initial,
        next: 'routes-long-passphrase',
        confirm: 'routes-long-passphrase',
      }),
    });
    expect(changed.headers.get('location')).toBe('/inbox/?changed=1');
    const cookie = cookieOf(changed);
    for (const { file, path } of PROTECTED) {
      const response = await request(path, 'GET', cookie);
      // No tip 1 and no photo 1 exist; the pages say so instead of refusing the editor.
      const expected = file.includes('[id]') ? 404 : 200;
      expect(response.status, path).toBe(expected);
      if (file.endsWith('.astro')) expect(await response.text(), path).toContain('routes');
    }
  });
});

describe('the route list itself', () => {
  it('has no page that opts back into prerendering: a static inbox page would skip the middleware', () => {
    for (const { file } of ROUTES) {
      const source = readFileSync(join(PAGES, file), 'utf8');
      expect(source, file).toMatch(/export const prerender = false;/);
    }
  });
});

describe('the retention period readers are told', () => {
  it("is the running server's, not a number baked into the prerendered /hotline/ page at build time", async () => {
    const page = await (await fetch(`${site.origin}/hotline/`)).text();
    expect(page).not.toMatch(/报料在 \d+ 天后/);
    // Without JavaScript the reader still learns what is kept and that it is deleted, without a number.
    expect(page).toMatch(
      /<p data-retention[^>]*>\s*我们不记录您的 IP 地址[^<]*报料在保存期满后连同照片一起删除。\s*<\/p>/,
    );
    // The form's script reads it from the challenge it fetches on load.
    const challenge = await fetch(`${site.origin}/api/tips/challenge/`);
    expect(challenge.headers.get('x-tips-retention-days')).toBe('30');
    // A rejected tip without JavaScript gets the form again, rendered by the server with its own number.
    const form = new FormData();
    form.append('body', '太短');
    const rejected = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: form,
      headers: { Origin: site.origin },
    });
    expect(rejected.status).toBe(422);
    expect(await rejected.text()).toContain('报料在 30 天后连同照片一起删除');
  });
});
