import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress, serveCompressed } from '../../src/server/compressed.ts';
import { rawGet } from '../support/raw-get.ts';

const dir = mkdtempSync(join(tmpdir(), 'swd-compress-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'swd-compress-cache-'));
const script = `export const words = ${JSON.stringify('水城·温度'.repeat(400))};`;
const page = `<!doctype html><html lang="zh-CN"><title>水城·温度</title><p>${'新就业群体有了家。'.repeat(300)}</p>`;
let origin = '';
const server = createServer((req, res) => {
  if (!serveCompressed(dir, req, res)) {
    res.statusCode = 418;
    res.end('adapter');
  }
});

beforeAll(async () => {
  mkdirSync(join(dir, 'articles/lin-dong-ge'), { recursive: true });
  writeFileSync(join(dir, 'articles/lin-dong-ge/index.html'), page);
  writeFileSync(join(dir, 'tiny.css'), 'a{}');
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, '_astro/search.AbC123.js'), script);
  expect(await precompress(dir, { cacheDir })).toBe(2);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(() => {
  server.close();
});

const get = (path: string, encoding: string) => rawGet(`${origin}${path}`, encoding);

describe('precompressed static files', () => {
  it('sends the Brotli copy of a page to a browser that accepts it', async () => {
    const res = await get('/articles/lin-dong-ge/', 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(brotliDecompressSync(res.body).toString()).toBe(page);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(page) / 5);
  });

  it('leaves files without a copy, and clients without compression, to the adapter', async () => {
    expect((await get('/tiny.css', 'br')).status).toBe(418);
    expect((await get('/articles/lin-dong-ge/', 'identity')).status).toBe(418);
    expect((await get('/../etc/passwd', 'br')).status).toBe(418);
  });

  it('reuses the compressed copy of an unchanged asset on the next build, and not of a changed one', async () => {
    const cached = readdirSync(join(cacheDir, 'precompressed'));
    expect(cached.filter((f) => f.endsWith('.br'))).toHaveLength(1);
    // Plant a marker in the cache: the next build must copy it rather than compress again.
    const brFile = join(cacheDir, 'precompressed', cached.find((f) => f.endsWith('.br')) ?? '');
    writeFileSync(brFile, 'from-cache');
    await precompress(dir, { cacheDir });
    expect(readFileSync(join(dir, '_astro/search.AbC123.js.br'), 'utf8')).toBe('from-cache');
    // A page is compressed afresh each build, never from the cache.
    expect(
      brotliDecompressSync(readFileSync(join(dir, 'articles/lin-dong-ge/index.html.br'))).toString(),
    ).toBe(page);
    writeFileSync(join(dir, '_astro/search.AbC123.js'), `${script}//changed`);
    await precompress(dir, { cacheDir });
    expect(brotliDecompressSync(readFileSync(join(dir, '_astro/search.AbC123.js.br'))).toString()).toBe(
      `${script}//changed`,
    );
    expect(existsSync(join(dir, '_astro/search.AbC123.js.gz'))).toBe(true);
  });
});

describe('pages compressed by an earlier build', () => {
  const site = (name: string, text: string) => {
    const client = mkdtempSync(join(tmpdir(), `swd-compress-${name}-`));
    mkdirSync(join(client, 'articles/a'), { recursive: true });
    mkdirSync(join(client, 'articles/b'), { recursive: true });
    writeFileSync(join(client, 'articles/a/index.html'), page);
    writeFileSync(join(client, 'articles/b/index.html'), `${page}<p>${text}</p>`);
    return client;
  };

  it('are taken from the cache, a changed page is compressed afresh, and copies no page uses are dropped', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'swd-compress-pages-'));
    const first = site('first', '第一版');
    await precompress(first, { cacheDir: cache });
    const second = site('second', '第二版');
    await precompress(second, { cacheDir: cache });
    // The unchanged page's copy is the cached file itself, not a new compression.
    expect(statSync(join(second, 'articles/a/index.html.br')).ino).toBe(
      statSync(join(first, 'articles/a/index.html.br')).ino,
    );
    expect(brotliDecompressSync(readFileSync(join(second, 'articles/b/index.html.br'))).toString()).toContain(
      '第二版',
    );
    expect(gunzipSync(readFileSync(join(second, 'articles/b/index.html.gz'))).toString()).toContain('第二版');
    // Two pages, two copies each: the first build's version of page b is gone from the cache.
    expect(readdirSync(join(cache, 'precompressed', 'pages'))).toHaveLength(4);
  });
});
