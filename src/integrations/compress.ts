import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { precompress } from '../server/compressed.ts';
import { DEFER_ENV } from './pagefind.ts';

/**
 * Writes Brotli and gzip copies of the built text files (pages, CSS, the
 * search script) so the Node server sends them compressed without spending
 * CPU per request. Listed after the search integration so its files are
 * included.
 */
export function compressIntegration(): AstroIntegration {
  let cacheDir: string | undefined;
  return {
    name: 'precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env[DEFER_ENV] === '1') return;
        const started = performance.now();
        const count = await precompress(fileURLToPath(dir), cacheDir === undefined ? {} : { cacheDir });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(`已为 ${String(count)} 个文本文件生成 Brotli 和 gzip 压缩副本，用时 ${seconds} 秒`);
      },
    },
  };
}
