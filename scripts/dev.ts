/**
 * `npm run dev`: Astro's dev server with live reload, plus the CMS's local Git
 * backend (decap-server) on 127.0.0.1:8081, so /admin works while editing.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { decapServer, supervise } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const run = supervise(root);

run('decap-server', ...decapServer(root));
// astro's exports map hides bin/, so find it from its package.json.
const astro = join(dirname(require.resolve('astro/package.json')), 'bin/astro.mjs');
run('astro dev', [astro, 'dev', ...process.argv.slice(2)]);
