/**
 * Pagefind's index files served Brotli-compressed: precompress writes a
 * `.br` copy of the unpacked bytes beside each gzipped Pagefind file when it
 * is smaller, and the server sends it to a browser that accepts Brotli;
 * others get Pagefind's own gzip file from the adapter, as before.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress, serveCompressed } from '../../src/server/compressed.ts';
import { rawGet } from '../support/raw-get.ts';

const dir = mkdtempSync(join(tmpdir(), 'swd-pf-br-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'swd-pf-br-cache-'));
// As Pagefind writes a fragment: a signature, then JSON whose text has a zero-width space between words.
const words = '快递员\u200B林东阁\u200B每天\u200B都\u200B去\u200B村里\u200B送\u200B快递\u200B。\u200B'.repeat(
  60,
);
const fragment = Buffer.from(
  `pagefind_dcd${JSON.stringify({ url: '/articles/lin-dong-ge/', content: words, meta: { title: '快递员林东阁' } })}`,
);
const gzipped = gzipSync(fragment);
const FRAGMENT = '/pagefind/2026/fragment/zh-cn_abc123.pf_fragment';
let origin = '';
const server = createServer((req, res) => {
  if (!serveCompressed(dir, req, res)) {
    res.statusCode = 418;
    res.end('adapter');
  }
});

beforeAll(async () => {
  mkdirSync(join(dir, 'pagefind/2026/fragment'), { recursive: true });
  writeFileSync(join(dir, FRAGMENT), gzipped);
  // Not gzip: left alone rather than failing the build.
  writeFileSync(join(dir, 'pagefind/2026/fragment/zh-cn_broken.pf_fragment'), 'not gzip at all');
  writeFileSync(join(dir, 'pagefind/wasm.zh-cn.pagefind'), gzipSync(Buffer.alloc(4096, 'asm')));
  await precompress(dir, { cacheDir });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(() => {
  server.close();
});

const get = (path: string, encoding: string) => rawGet(`${origin}${path}`, encoding);

describe('Pagefind files over Brotli', () => {
  it('a fragment gets a smaller Brotli copy of its unpacked bytes', () => {
    const br = join(dir, `${FRAGMENT}.br`);
    expect(existsSync(br)).toBe(true);
    expect(statSync(br).size).toBeLessThan(gzipped.byteLength);
    expect(brotliDecompressSync(readFileSync(br)).equals(fragment)).toBe(true);
    expect(existsSync(join(dir, `${FRAGMENT}.gz`))).toBe(false);
    expect(existsSync(join(dir, 'pagefind/2026/fragment/zh-cn_broken.pf_fragment.br'))).toBe(false);
    expect(existsSync(join(dir, 'pagefind/wasm.zh-cn.pagefind.br'))).toBe(true);
  });

  it('a browser that accepts Brotli gets it, and the decoded body is what Pagefind reads unpacked', async () => {
    const res = await get(FRAGMENT, 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBeLessThan(gzipped.byteLength);
    expect(brotliDecompressSync(res.body).subarray(0, 12).toString()).toBe('pagefind_dcd');
  });

  it('without Brotli the adapter sends Pagefind’s own gzip file', async () => {
    expect((await get(FRAGMENT, 'gzip')).status).toBe(418);
    expect((await get(FRAGMENT, 'identity')).status).toBe(418);
  });
});
