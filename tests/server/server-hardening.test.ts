/**
 * Findings from testing the running server (issue 12), each against the
 * built server (src/server/serve.ts around the adapter's entry) or, for the
 * forwarded address, Astro's own request builder behind the same wrapper.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequestFromNodeRequest } from 'astro/app/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineHashes } from '../../src/server/security/headers.ts';
import { openDatabase } from '../../src/server/db.ts';
import { withHeaders } from '../../src/server/serve.ts';
import { DIST, freePort, startSite, type RunningSite } from '../support/server.ts';
import { addEditor } from './tips-site.ts';

const CLIENT = join(DIST, 'client');

/** The built server started by hand, for starts that must fail: its exit code and everything it printed. */
function startExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return freePort().then(
    (port) =>
      new Promise((done) => {
        const child = spawn(
          process.execPath,
          [resolve('src/server/serve.ts'), join(DIST, 'server', 'entry.mjs')],
          {
            env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          done({ code, output });
        });
      }),
  );
}

let site: RunningSite;
let log = '';
beforeAll(async () => {
  // A data folder that already exists with the usual 0755, as an administrator would make it (F6).
  const dataDir = mkdtempSync(join(tmpdir(), 'swd-hard-'));
  chmodSync(dataDir, 0o755);
  site = await startSite({ DATA_DIR: dataDir });
  site.process.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
});
afterAll(async () => {
  await site.stop();
});

const loginPost = (name: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${site.origin}/inbox/login/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: site.origin, ...headers },
    body: new URLSearchParams({ name, password }),
  });

describe('login throttle on the running server (F2, F10)', () => {
  it('lets 5 of 40 parallel guesses through, refuses the right password sent last, and logs without the password', async () => {
    const password = await addEditor(site.dataDir, 'burst');
    const guesses = [...Array.from({ length: 39 }, (_, i) => `guess-${String(i)}-9c1e`), password];
    const answers = await Promise.all(guesses.map((p) => loginPost('burst', p)));
    const locations = answers.map((r) => r.headers.get('location') ?? '');
    expect(locations.filter((l) => l.includes('error=invalid'))).toHaveLength(5);
    expect(locations.at(-1)).toContain('error=throttled');
    expect(answers.some((r) => (r.headers.get('set-cookie') ?? '').startsWith('__Host-'))).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(log.match(/\[inbox\] login-failed account="burst"/g)).toHaveLength(5);
    expect(log).toContain('[inbox] login-throttled account="burst"');
    expect(log).not.toContain('9c1e');
    expect(log).not.toContain(password);
  });
});

describe('data folder and files (F6)', () => {
  it('narrows an existing 0755 DATA_DIR to 0700 and keeps the database, -wal and -shm at 0600', async () => {
    // A tip makes SQLite write the WAL and its shared memory.
    const form = new FormData();
    form.append('category', 'clue');
    form.append('district', 'kai-fa-qu');
    form.append('body', '开发区某小区门口的路灯坏了一个多月，晚上很黑。');
    form.append('consent', 'yes');
    const posted = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: form,
      headers: { Origin: site.origin },
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    expect(statSync(site.dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(site.dataDir).filter((f) => f.startsWith('tips.sqlite'));
    expect(files.sort()).toEqual(['tips.sqlite', 'tips.sqlite-shm', 'tips.sqlite-wal']);
    for (const file of files) expect(statSync(join(site.dataDir, file)).mode & 0o777, file).toBe(0o600);
  });
});

describe('storage checked at start (F7)', () => {
  it('refuses to start on a database with overwritten pages, naming the file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swd-bad-'));
    const db = openDatabase(dataDir);
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('水城'.repeat(200));
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    const path = join(dataDir, 'tips.sqlite');
    // Overwrite the middle of the file (B-tree pages of the tables), leaving the header intact.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096 * 3);
    closeSync(fd);
    const { code, output } = await startExpectingFailure({ DATA_DIR: dataDir });
    expect(code).not.toBe(0);
    expect(output).toContain(`报料数据库 ${path} 无法使用`);
    expect(output).not.toContain('listening');
  });

  it('refuses to start when DATA_DIR cannot be a folder, naming it', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'swd-file-'));
    writeFileSync(join(parent, 'plain-file'), 'x');
    const dataDir = join(parent, 'plain-file', 'data');
    const { code, output } = await startExpectingFailure({ DATA_DIR: dataDir });
    expect(code).not.toBe(0);
    expect(output).toContain(`数据文件夹 ${dataDir} 无法使用`);
  });

  it('closes the file of every failed open', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swd-garbage-'));
    writeFileSync(join(dataDir, 'tips.sqlite'), Buffer.alloc(64 * 1024, 0x41));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) expect(() => openDatabase(dataDir)).toThrow(/报料数据库 .* 无法使用/);
    expect(open()).toBeLessThanOrEqual(before + 1);
  });
});

describe('the image endpoint (F5)', () => {
  it('is closed: /_image/ answers 404 for any source', async () => {
    for (const query of ['href=%2Ffavicon.svg&w=100&f=png', 'href=%2Flogo.png&w=8000&q=100&f=avif']) {
      const response = await fetch(`${site.origin}/_image?${query}`);
      expect(response.status, query).toBe(404);
      await response.arrayBuffer();
    }
    expect((await fetch(`${site.origin}/_image/`)).status).toBe(404);
  });

  it('is not used by any page, style or script of the build', () => {
    const files = readdirSync(CLIENT, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(html|css|js)$/.test(f),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(readFileSync(join(CLIENT, file), 'utf8'), file).not.toContain('/_image');
  });
});

describe('security headers on every page', () => {
  const expectCovered = async (path: string, status = 200) => {
    const response = await fetch(`${site.origin}${path}`);
    expect(response.status, path).toBe(status);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp, path).toContain("default-src 'self'");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    const html = await response.text();
    const { scripts, styles } = inlineHashes(html);
    // The CMS adds styles at run time, so /admin/ allows inline styles instead of listing hashes.
    const hashed = path === '/admin/' ? scripts : [...scripts, ...styles];
    for (const hash of hashed) expect(csp, `${path} ${hash}`).toContain(hash);
    return { csp, response };
  };

  it('covers the reader pages and the 404 page, with a hash for each inline script and style', async () => {
    for (const path of ['/', '/about/', '/search/', '/archive/']) {
      const { csp } = await expectCovered(path);
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain("'unsafe-eval'");
    }
    await expectCovered('/no-such-page/', 404);
    const asset = await fetch(`${site.origin}/favicon.svg`);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asset.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('covers /admin/ with the CMS policy: scripts hashed, its backend reachable, no framing', async () => {
    const { csp } = await expectCovered('/admin/');
    expect(csp).toMatch(/connect-src 'self'[^;]* http:\/\/127\.0\.0\.1:\*/);
    // Decap's bundle evaluates strings while it starts; scripts still come only from this origin.
    expect(csp).toMatch(/script-src 'self' 'unsafe-eval'(?: 'sha256-[^']+')*;/);
  });

  it('gives /hotline/index.html the same policy as /hotline/', async () => {
    const dir = await fetch(`${site.origin}/hotline/`);
    const file = await fetch(`${site.origin}/hotline/index.html`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-security-policy')).toBe(dir.headers.get('content-security-policy'));
    expect(file.headers.get('content-security-policy')).toContain("'sha256-");
    // 'no-referrer' would make the browser post the form with Origin: null, which Astro refuses with 403.
    expect(file.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('sends no HSTS over plain HTTP, even with a forged X-Forwarded-Proto', async () => {
    const response = await fetch(`${site.origin}/`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('HTTPS behind a configured proxy', () => {
  it('sends HSTS when the trusted proxy says https, and on every response when SITE_URL is https', async () => {
    const proxied = await startSite({ TRUSTED_PROXY: '127.0.0.1' });
    try {
      for (const path of ['/', '/hotline/', '/inbox/login/']) {
        const response = await fetch(`${proxied.origin}${path}`, {
          headers: { 'X-Forwarded-Proto': 'https' },
        });
        expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
      }
      expect((await fetch(`${proxied.origin}/`)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await proxied.stop();
    }
    const https = await startSite({ SITE_URL: 'https://shuicheng.example' });
    try {
      const response = await fetch(`${https.origin}/about/`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await https.stop();
    }
  });

  it('refuses to start with a TRUSTED_PROXY that is not an address', async () => {
    const { code, output } = await startExpectingFailure({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'swd-proxy-')),
      TRUSTED_PROXY: 'nginx.local',
    });
    expect(code).not.toBe(0);
    expect(output).toContain('TRUSTED_PROXY 里的“nginx.local”不是 IP 地址');
  });
});

describe('the client address Astro derives (F4)', () => {
  // Astro's own request builder, with SITE_URL's host allowed as astro.config.mjs does, behind the wrapper.
  let server: Server;
  let origin = '';
  const ADDRESS = Symbol.for('astro.clientAddress');
  async function listen(trustedProxies: string[]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'swd-fwd-'));
    mkdirSync(dataDir, { recursive: true });
    process.env['DATA_DIR'] = dataDir;
    const handler = withHeaders(
      (req: IncomingMessage, res) => {
        const request = createRequestFromNodeRequest(req, {
          allowedDomains: [{ hostname: '127.0.0.1', protocol: 'http' }],
        });
        res.end(String(Reflect.get(request, ADDRESS)));
      },
      new Map(),
      1024,
      undefined,
      { trustedProxies: new Set(trustedProxies), httpsSite: false },
    );
    server = createServer(handler);
    const port = await freePort();
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    origin = `http://127.0.0.1:${String(port)}`;
  }
  const close = () =>
    new Promise<void>((done) =>
      server.close(() => {
        done();
      }),
    );
  const address = async (headers: Record<string, string>) => (await fetch(`${origin}/`, { headers })).text();

  it('is the socket address when no proxy is configured, whatever X-Forwarded-For says', async () => {
    await listen([]);
    try {
      expect(await address({ 'X-Forwarded-For': '198.51.100.1' })).toBe('127.0.0.1');
      expect(
        await address({ 'X-Forwarded-For': '198.51.100.2, 10.0.0.1', 'X-Forwarded-Host': '127.0.0.1' }),
      ).toBe('127.0.0.1');
    } finally {
      await close();
    }
  });

  it('is the address the trusted proxy saw (the rightmost entry), not one the client prepended', async () => {
    await listen(['127.0.0.1']);
    try {
      expect(await address({ 'X-Forwarded-For': '203.0.113.9' })).toBe('203.0.113.9');
      expect(await address({ 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' })).toBe('203.0.113.9');
    } finally {
      await close();
    }
  });
});
