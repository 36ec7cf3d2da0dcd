/**
 * `npm run dev`: Astro's dev server with live reload, plus the CMS's local Git
 * backend (decap-server) on 127.0.0.1:8081, so /admin works while editing.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { decapServer, supervise } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const run = supervise(root);

run('decap-server', ...decapServer(root));
run('astro dev', [require.resolve('astro/bin/astro.mjs'), 'dev', ...process.argv.slice(2)]);
