/**
 * The newsroom backend in the built server (CMS_BACKEND=newsroom): every route
 * under src/pages/api/cms/, found from the files, refuses a request without a
 * session; /admin/ sends a visitor to the inbox's sign-in and back.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db.ts';
import { addUser } from '../../src/server/inbox/users.ts';
import { startSite, type RunningSite } from '../support/server.ts';
import { makeContentRepo, signedInEditor } from './cms-git-helpers.ts';

const API = resolve(import.meta.dirname, '../../src/pages/api/cms');
/** Each route file as a URL path (trailingSlash: 'always', except endpoints named like files). */
const ROUTES = readdirSync(API)
  .filter((f) => /\.(ts|astro)$/.test(f))
  .map((f) => {
    const name = f.replace(/\.(ts|astro)$/, '');
    return `/api/cms/${name}${name.includes('.') ? '' : '/'}`;
  });

let site: RunningSite;
let db: Db;
beforeAll(async () => {
  const repo = makeContentRepo();
  site = await startSite({ CMS_BACKEND: 'newsroom', PUBLISH_REPO: repo, PUBLISH_BRANCH: 'main' });
  db = openDatabase(site.dataDir);
});
afterAll(async () => {
  db.close();
  await site.stop();
});

const request = (
  path: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
) =>
  fetch(`${site.origin}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { Origin: site.origin, ...init.headers },
  });

describe('the CMS API answers only a signed-in editor', () => {
  it('finds the routes from the files under src/pages/api/cms/', () => {
    expect(ROUTES).toEqual(expect.arrayContaining(['/api/cms/git/', '/api/cms/search.json']));
  });

  it.each(
    ROUTES.flatMap((path) => [
      { path, method: 'GET' },
      { path, method: 'POST' },
    ]),
  )('$method $path without a session is refused (401 with a Chinese message)', async ({ path, method }) => {
    const response = await request(path, {
      method,
      ...(method === 'POST'
        ? { body: JSON.stringify({ action: 'info' }), headers: { 'Content-Type': 'application/json' } }
        : {}),
    });
    // A method the route does not handle is Astro's 404; whatever the route handles needs a session.
    if (response.status === 404) {
      expect(await response.text()).not.toContain('newsroom_git');
      return;
    }
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/登录/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a signed-in editor', async () => {
    const cookie = await signedInEditor(db, 'wangmin');
    const response = await request('/api/cms/git/', {
      method: 'POST',
      body: JSON.stringify({ action: 'info' }),
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: 'newsroom_git' });
  });
});

describe('/admin/ is for signed-in editors', () => {
  it.each(['/admin/', '/admin/index.html', '/admin/publishing/', '/admin/publishing/status.json'])(
    '%s without a session goes to the sign-in, which will come back',
    async (path) => {
      const response = await request(path);
      expect(response.status).toBe(303);
      const back = path.startsWith('/admin/publishing/') ? '/admin/publishing/' : '/admin/';
      expect(response.headers.get('location')).toBe(`/inbox/login/?next=${encodeURIComponent(back)}`);
      expect(await response.text()).toBe('');
    },
  );

  it('signs in with next=/admin/, returns there, and the CMS page talks to this site’s backend', async () => {
    const password = await addUser(db, 'lina');
    db.prepare('UPDATE users SET must_change = 0 WHERE name = ?').run('lina');
    const form = await request('/inbox/login/?next=%2Fadmin%2F');
    expect(await form.text()).toContain('name="next" value="/admin/"');
    const login = await request('/inbox/login/', {
      method: 'POST',
      body: new URLSearchParams({ name: 'lina', password, next: '/admin/' }),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await request('/admin/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('"backend":"newsroom"');
    // Only this origin: the page cannot reach decap-server or any other loopback port.
    expect(page.headers.get('content-security-policy')).not.toContain('127.0.0.1');
  });

  it('never sends a sign-in to another site', async () => {
    const password = await addUser(db, 'zhaoqi');
    db.prepare('UPDATE users SET must_change = 0 WHERE name = ?').run('zhaoqi');
    for (const next of [
      'https://evil.example/',
      '//evil.example/admin/',
      '/admin/../inbox/',
      'javascript:alert(1)',
    ]) {
      const login = await request('/inbox/login/', {
        method: 'POST',
        body: new URLSearchParams({ name: 'zhaoqi', password, next }),
      });
      expect(login.headers.get('location'), next).toBe('/inbox/');
    }
  });
});
