/**
 * `npm run dev`: Astro's dev server with live reload, plus the CMS's local Git
 * backend (decap-server) on 127.0.0.1:8081, so /admin works while editing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const children: ChildProcess[] = [];

function shutdown(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => {
  shutdown(0);
});
process.on('SIGTERM', () => {
  shutdown(0);
});

const start = (args: string[], env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  child.on('exit', (code) => {
    shutdown(code ?? 1);
  });
  children.push(child);
};

start([require.resolve('decap-server/dist/index.js')], {
  MODE: 'git',
  PORT: process.env['DECAP_PORT'] ?? '8081',
  BIND_HOST: '127.0.0.1',
  GIT_REPO_DIRECTORY: root,
  LOG_LEVEL: 'warn',
});
start([require.resolve('astro/bin/astro.mjs'), 'dev', ...process.argv.slice(2)]);
