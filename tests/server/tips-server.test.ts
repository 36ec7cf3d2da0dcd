import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type RunningSite } from '../support/server.ts';
import { addEditor, tipForm } from './tips-site.ts';

/** Tests against the built server (`astro build` output), where Astro's own origin check and the adapter run. */
let site: RunningSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.stop();
});

const count = (dataDir: string) => {
  const db = new DatabaseSync(join(dataDir, 'tips.sqlite'), { readOnly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM tips').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('tips endpoint on the built server', () => {
  it('accepts a same-origin POST and refuses a cross-site one with 403 (Astro checkOrigin)', async () => {
    const ok = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: tipForm(),
      headers: { Origin: site.origin },
      redirect: 'manual',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/api\/tips\/\?ref=XS-\d{8}-0001&receipt=[\w-]+$/);
    const before = count(site.dataDir);
    const evil = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: tipForm(),
      headers: { Origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(evil.status).toBe(403);
    expect(count(site.dataDir)).toBe(before);
    const login = await fetch(`${site.origin}/inbox/login/`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'x', password: 'y' }),
      headers: { Origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(login.status).toBe(403);
  });

  it('shows the reference on the confirmation page', async () => {
    const page = await fetch(`${site.origin}/api/tips/?ref=XS-20260426-0007`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('XS-20260426-0007');
    expect(html).toContain('noindex');
  });

  it('re-renders the whole form with the values and Chinese messages after a bad plain POST', async () => {
    const form = tipForm('太短');
    form.set('place', '柳园街道"><script>alert(1)</script>');
    const response = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: form,
      headers: { Origin: site.origin },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('至少要写 10 个字，现在是 2 个字');
    expect(html).toContain('>太短</textarea>');
    // The attribute keeps the text; its quote is escaped, so the script never becomes markup.
    expect(html).toContain('value="柳园街道&quot;><script>alert(1)</script>"');
    expect(html).not.toContain('value="柳园街道">');
  });

  it('redirects unauthenticated inbox requests to the login page', async () => {
    for (const path of ['/inbox/', '/inbox/audit/', '/inbox/tips/1/', '/inbox/export.csv']) {
      const response = await fetch(`${site.origin}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe('/inbox/login/');
    }
    const photo = await fetch(`${site.origin}/inbox/photos/${'a'.repeat(24)}/`, { redirect: 'manual' });
    expect(photo.status).toBe(401);
  });

  it('shows a tip with HTML and script in it as plain text in the inbox', async () => {
    const payload = '<script>alert("xss")</script><img src=x onerror=alert(1)> 路灯坏了一个多月';
    const posted = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: tipForm(payload),
      headers: { Origin: site.origin },
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    const password = await addEditor(site.dataDir, 'xss-check');
    const login = await fetch(`${site.origin}/inbox/login/`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'xss-check', password }),
      headers: { Origin: site.origin },
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^__Host-swd_inbox=/);
    // The one-time password must be changed before the inbox opens.
    expect(login.headers.get('location')).toBe('/inbox/password/');
    const changed = await fetch(`${site.origin}/inbox/password/`, {
      method: 'POST',
      body: new URLSearchParams({
        current: password,
        next: 'correct horse battery',
        confirm: 'correct horse battery',
      }),
      headers: { Origin: site.origin, Cookie: cookie },
      redirect: 'manual',
    });
    const session = (changed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const db = new DatabaseSync(join(site.dataDir, 'tips.sqlite'), { readOnly: true });
    const { id } = db.prepare('SELECT id FROM tips WHERE body LIKE ?').get('<script>%') as { id: number };
    db.close();
    const page = await fetch(`${site.origin}/inbox/tips/${String(id)}/`, { headers: { Cookie: session } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).not.toContain('<script>alert("xss")');
    expect(html).not.toContain('<img src=x');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
  });
});

describe('security headers', () => {
  const expectStrict = (response: Response) => {
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // HTML pages carry forms: 'same-origin' (see HTML_REFERRER_POLICY); everything else 'no-referrer'.
    const html = (response.headers.get('content-type') ?? '').includes('text/html');
    expect(response.headers.get('referrer-policy')).toBe(html ? 'same-origin' : 'no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('set-cookie')).toBeNull();
  };

  it('puts them on the prerendered /hotline/ page (through src/server/serve.ts)', async () => {
    const response = await fetch(`${site.origin}/hotline/`);
    expect(response.status).toBe(200);
    expectStrict(response);
    // Every inline script and style of the page is allowed by its hash, nothing else.
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>/g)].length;
    expect(csp.match(/'sha256-/g)?.length ?? 0).toBeGreaterThanOrEqual(inline);
  });

  it('puts them on the endpoint, the confirmation page and the inbox (middleware)', async () => {
    for (const path of ['/api/tips/?ref=XS-20260426-0001', '/inbox/login/', '/api/tips/challenge/']) {
      expectStrict(await fetch(`${site.origin}${path}`));
      expectStrict(await fetch(`${site.origin}${path}`));
    }
  });
});

// Last: the server drops the connection of an oversized upload, which must not disturb other tests.
describe('oversized uploads on the built server', () => {
  it('answers 413 to a body over the limit, with and without Content-Length', async () => {
    const big = new Uint8Array(43 * 1024 * 1024);
    const form = tipForm();
    form.append('photos', new File([big], 'big.jpg', { type: 'image/jpeg' }));
    const withLength = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: form,
      headers: { Origin: site.origin },
    });
    expect(withLength.status).toBe(413);
    // A chunked upload has no Content-Length; the adapter's bodySizeLimit (42 MB) stops it while reading.
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type') ?? '';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1 << 20) controller.enqueue(bytes.slice(i, i + (1 << 20)));
        controller.close();
      },
    });
    const chunked = await fetch(`${site.origin}/api/tips/`, {
      method: 'POST',
      body: stream,
      headers: { Origin: site.origin, 'Content-Type': type, Accept: 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});
