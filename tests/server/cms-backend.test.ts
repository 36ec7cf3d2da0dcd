/**
 * The local CMS backend as npm start and npm run dev run it: decap-server in
 * git mode, reachable from this machine only, and open to the admin page on
 * any local port.
 */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTempRepo, removeTempRepo, startDecapServer, type DecapServer } from '../../cms/testing/repo.ts';
import { freePort, startSite } from '../support/server.ts';
import { decapServer } from '../../scripts/processes.ts';
import { CONTENT } from '../../cms/config.ts';

let repo: string;
let decap: DecapServer;

beforeAll(async () => {
  repo = makeTempRepo();
  decap = await startDecapServer(repo, await freePort());
}, 60_000);

afterAll(async () => {
  await decap.stop();
  removeTempRepo(repo);
});

const post = (url: string, body: unknown, origin = 'http://localhost:4321') =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });

test('runs in git mode with the editorial workflow', async () => {
  const res = await post(decap.url, { action: 'info' });
  expect(await res.json()).toMatchObject({
    type: 'local_git',
    publish_modes: ['simple', 'editorial_workflow'],
  });
});

test('lets the admin page on any local port call it, and no other site', async () => {
  const local = await post(decap.url, { action: 'info' }, 'http://127.0.0.1:40123');
  expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:40123');
  const foreign = await post(decap.url, { action: 'info' }, 'https://evil.example');
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
});

test('is not reachable on the machine’s other addresses', async () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
  if (external === undefined) {
    // No other interface: nothing else could reach it either.
    expect(external).toBeUndefined();
    return;
  }
  await expect(post(`http://${external}:${String(decap.port)}/api/v1`, { action: 'info' })).rejects.toThrow();
});

test('npm start and npm run dev bind it to 127.0.0.1 in git mode on port 8081 by default', () => {
  const [, env] = decapServer('/srv/repo');
  expect(env).toMatchObject({
    MODE: 'git',
    BIND_HOST: '127.0.0.1',
    PORT: '8081',
    GIT_REPO_DIRECTORY: '/srv/repo',
  });
});

test('the CMS story search answers no one without a signed-in editor once the CMS is not the local backend', async () => {
  const site = await startSite({ CMS_BACKEND: 'github', CMS_REPO: 'lcrb/wendu', PUBLISH_REPO: repo });
  try {
    const res = await fetch(`${site.origin}/api/cms/search.json?q=${encodeURIComponent('快递')}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: '需要登录编辑后台' });
  } finally {
    await site.stop();
  }
});

test('with the local backend, a browser on this machine gets the stories that have the word', async () => {
  const site = await startSite({ PUBLISH_REPO: repo });
  try {
    const res = await fetch(`${site.origin}/api/cms/search.json?q=${encodeURIComponent('胖哥')}`);
    expect(res.status).toBe(200);
    const { hits } = (await res.json()) as { hits: { path: string }[] };
    expect(hits.map((h) => h.path)).toContain(`${CONTENT.articles}/lin-dong-ge-kuai-di-yuan/index.mdx`);
  } finally {
    await site.stop();
  }
});
