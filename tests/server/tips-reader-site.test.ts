import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type RunningSite } from '../support/server.ts';
import { tipForm } from './tips-site.ts';

/**
 * The findings of issue 12 reproduced as they were found: real parallel HTTP requests against the built server
 * (the production wrapper, Astro's origin check, the Node adapter), one address (loopback).
 */
let site: RunningSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.stop();
});

const stored = () => {
  const db = new DatabaseSync(join(site.dataDir, 'tips.sqlite'), { readOnly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM tips').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const post = (path: string, body: FormData | URLSearchParams | string, type?: string) =>
  fetch(`${site.origin}${path}`, {
    method: 'POST',
    body,
    headers: { Origin: site.origin, ...(type ? { 'Content-Type': type } : {}) },
    redirect: 'manual',
  });

describe('the built server under concurrent and oversized requests', () => {
  it('refuses a 40 MB urlencoded body of 10 million fields with 413, stores nothing and keeps answering', async () => {
    const body = `category=clue&district=kai-fa-qu&consent=yes&body=${'x'.repeat(20)}${'&a=b'.repeat(10_000_000)}`;
    expect(body.length).toBeGreaterThan(40_000_000);
    const response = await post('/api/tips/', body, 'application/x-www-form-urlencoded');
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('提交的内容太大');
    expect(stored()).toBe(0);
    expect((await fetch(`${site.origin}/hotline/status/`)).status).toBe(200);
  });

  it('accepts 3 of 20 concurrent photo tips without JavaScript from one address', async () => {
    const before = stored();
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#806040' } })
      .jpeg()
      .toBuffer();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => {
        const form = tipForm();
        form.append('photos', new File([new Uint8Array(photo)], 'p.jpg', { type: 'image/jpeg' }));
        return post('/api/tips/', form);
      }),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    expect(stored() - before).toBe(3);
  });

  it('answers 30 concurrent wrong 查询码 with 10 × “not found” and 20 × 429, never a 5xx', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(
          '/hotline/status/',
          new URLSearchParams({ code: `K7QX-M2PA-9RTZ-4HWD-E${String((i % 8) + 2)}NB` }),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const pages = await Promise.all(responses.map((r) => r.text()));
    const notFound = pages.filter((html) => html.includes('没有找到与这个查询码对应的报料'));
    expect(notFound).toHaveLength(10);
  });
});
