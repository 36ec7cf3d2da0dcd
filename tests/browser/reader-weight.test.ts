import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLIENT, fileOf, pageTypes } from './reader-pages.ts';

/** HTML plus every stylesheet it links, compressed as a server would send them. */
function weight(path: string): { html: number; css: number; gzip: number; brotli: number } {
  const html = readFileSync(fileOf(path));
  const sheets = [...html.toString('utf8').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) =>
    readFileSync(join(CLIENT, m[1] ?? '')),
  );
  const files = [html, ...sheets];
  const sum = (f: (b: Buffer) => number) => files.reduce((n, b) => n + f(b), 0);
  return {
    html: html.length,
    css: sheets.reduce((n, b) => n + b.length, 0),
    gzip: sum((b) => gzipSync(b, { level: 9 }).length),
    brotli: sum((b) => brotliCompressSync(b).length),
  };
}

describe('page weight (HTML + CSS, compressed)', () => {
  const types = pageTypes();

  it('keeps an article page within 20 kB', () => {
    const w = weight(types['article with photo'] ?? '/');
    console.info('article page weight', w);
    expect(w.gzip).toBeLessThanOrEqual(20 * 1024);
    expect(w.brotli).toBeLessThanOrEqual(20 * 1024);
  });

  it('keeps the home page within 40 kB', () => {
    const w = weight('/');
    console.info('home page weight', w);
    expect(w.gzip).toBeLessThanOrEqual(40 * 1024);
    expect(w.brotli).toBeLessThanOrEqual(40 * 1024);
  });
});
