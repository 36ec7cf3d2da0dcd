/**
 * `npm run dev` and `npm start` as a newsroom developer runs them: the site
 * and the CMS's local Git backend start together and stop together.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { FIXTURE_CONTENT } from '../support/fixture.ts';
import { makeContentRepo, workFolder } from '../support/publish-repo.ts';
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

const launchers = [
  // npm run dev: Astro's dev server with live reload, on the tests' own content.
  {
    script: 'scripts/dev.ts',
    args: (port: number) => ['--port', String(port)],
    env: () => ({ CONTENT_DIR: FIXTURE_CONTENT }),
  },
  // npm start: the publisher builds the content repository's newest commit, then serves it.
  {
    script: 'scripts/start.ts',
    args: () => [],
    env: (port: number) => ({
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'swd-start-')),
      PUBLISH_REPO: makeContentRepo(),
      PUBLISH_DIR: workFolder('launcher'),
    }),
  },
];

test.each(launchers)(
  '$script serves the site and the CMS backend, and stops both on Ctrl-C',
  async ({ script, args, env }) => {
    const [sitePort, cmsPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [resolve(ROOT, script), ...args(sitePort)], {
      cwd: ROOT,
      // As from a shell: without the test runner's NODE_ENV=test and VITEST variables, which change Vite's mode.
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')),
        ),
        DECAP_PORT: String(cmsPort),
        ...env(sitePort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const cms = `http://127.0.0.1:${String(cmsPort)}/api/v1`;
    const info = () =>
      fetch(cms, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"action":"info"}',
      });
    try {
      const page = `http://localhost:${String(sitePort)}/articles/lin-dong-ge-kuai-di-yuan/`;
      expect(await waitFor(async () => (await fetch(page)).ok, 150_000), output).toBe(true);
      expect(await (await fetch(page)).text()).toContain('林东阁');
      expect(await (await info()).json()).toMatchObject({ type: 'local_git' });
    } finally {
      child.kill('SIGINT');
    }
    const stopped = () =>
      info().then(
        () => false,
        () => true,
      );
    expect(await waitFor(stopped, 10_000), output).toBe(true);
  },
  180_000,
);
