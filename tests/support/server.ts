import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built product: `astro build` output with the Node adapter's server. */
export const DIST = resolve(process.env['ASTRO_OUT_DIR'] ?? 'dist');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') done(address.port);
        else fail(new Error('no port'));
      });
    });
  });
}

/** A running site server and how to reach and stop it. */
export interface RunningSite {
  origin: string;
  dataDir: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts the built server (static pages, tips endpoint and inbox, behind the
 * header-setting wrapper src/server/serve.ts) on a free
 * loopback port with its own empty data folder, and waits until it answers.
 */
export async function startSite(env: Record<string, string> = {}): Promise<RunningSite> {
  const port = await freePort();
  const dataDir = env['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'swd-data-'));
  // The production wrapper around the adapter's entry, as `npm start` runs it.
  const serve = resolve(import.meta.dirname, '../../src/server/serve.ts');
  const child = spawn(process.execPath, [serve, join(DIST, 'server', 'entry.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`site server exited early:\n${output}`);
    try {
      const res = await fetch(`${origin}/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`site server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    dataDir,
    process: child,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) {
          done();
          return;
        }
        child.once('exit', () => {
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
