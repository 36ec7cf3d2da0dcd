/**
 * Every publish hands the site to a new worker process (src/publishing/live-site.ts). The spam limits and the
 * login throttle must hold across that switch: counters kept in the worker's memory started from zero with each
 * new build, so a guesser got five more passwords, and a spammer three more tips, every time a story went live.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSite, type RunningSite } from '../support/server.ts';
import { addEditor, tipForm } from './tips-site.ts';

// What LiveSite gives every worker it starts: the same secret for the keyed address hashes.
const SECRET = 'c2VjcmV0LWZvci10aGUtdGVzdC1vbmx5LTAxMjM0NTY3ODk';

let running: RunningSite | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A worker of "the next build": same data folder, same secret, as after a publish. */
async function worker(dataDir: string): Promise<RunningSite> {
  await running?.stop();
  running = await startSite({ DATA_DIR: dataDir, TIPS_ADDRESS_SECRET: SECRET });
  return running;
}

const tip = (site: RunningSite) =>
  fetch(`${site.origin}/api/tips/`, {
    method: 'POST',
    body: tipForm(),
    headers: { Origin: site.origin },
    redirect: 'manual',
  });

const login = (site: RunningSite, name: string, password: string) =>
  fetch(`${site.origin}/inbox/login/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: site.origin },
    body: new URLSearchParams({ name, password }),
  });

describe('limits across a publish (a new worker on the same data)', () => {
  it('keeps counting tips without proof of work from one address', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swd-limits-'));
    const first = await worker(dataDir);
    const accepted = [];
    for (let i = 0; i < 3; i += 1) accepted.push((await tip(first)).status);
    expect(accepted).toEqual([303, 303, 303]);
    expect((await tip(first)).status).toBe(429);

    const next = await worker(dataDir);
    expect((await tip(next)).status).toBe(429);
  });

  it('keeps counting wrong passwords for an account from one address', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swd-limits-'));
    const password = await addEditor(dataDir, 'guarded');
    const first = await worker(dataDir);
    for (let i = 0; i < 5; i += 1) {
      expect((await login(first, 'guarded', `wrong-${String(i)}`)).headers.get('location')).toContain(
        'error=invalid',
      );
    }
    const next = await worker(dataDir);
    const answer = await login(next, 'guarded', password);
    expect(answer.headers.get('location')).toContain('error=throttled');
  });
});
