/**
 * `npm run dev` as an editor runs it: Astro's dev server and the CMS's local
 * Git backend start together and stop together.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { freePort } from '../support/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

test('serves the site with live reload and the CMS backend, and stops both on Ctrl-C', async () => {
  const [sitePort, cmsPort] = [await freePort(), await freePort()];
  const dev = spawn(process.execPath, [resolve(ROOT, 'scripts/dev.ts'), '--port', String(sitePort)], {
    cwd: ROOT,
    // As from a shell: without the test runner's NODE_ENV=test and VITEST variables, which change Vite's mode.
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')),
      ),
      DECAP_PORT: String(cmsPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  dev.stdout.on('data', (c: Buffer) => (output += c.toString()));
  dev.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const cms = `http://127.0.0.1:${String(cmsPort)}/api/v1`;
  const info = () =>
    fetch(cms, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"info"}',
    });
  try {
    const page = `http://localhost:${String(sitePort)}/articles/lin-dong-ge-kuai-di-yuan/`;
    expect(await waitFor(async () => (await fetch(page)).ok, 60_000), output).toBe(true);
    expect(await (await fetch(page)).text()).toContain('林东阁');
    expect(await (await info()).json()).toMatchObject({ type: 'local_git' });
  } finally {
    dev.kill('SIGINT');
  }
  expect(
    await waitFor(
      async () =>
        !(await info().then(
          () => true,
          () => false,
        )),
      10_000,
    ),
  ).toBe(true);
}, 90_000);
