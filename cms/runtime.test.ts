import { expect, test } from 'vitest';
import { buildCmsConfig, cmsEnvironment } from './config.ts';
import { resolveEnvironment } from './runtime.ts';

const baked = JSON.stringify(cmsEnvironment({}));

test('?decap=<port> moves the local backend when the page is on this machine', () => {
  const env = resolveEnvironment(baked, { hostname: '127.0.0.1', search: '?decap=40123' });
  expect(buildCmsConfig(env).backend.proxy_url).toBe('http://127.0.0.1:40123/api/v1');
});

test('the override is ignored on a public host, for non-numbers and for the GitHub backend', () => {
  expect(resolveEnvironment(baked, { hostname: 'wendu.example.com', search: '?decap=40123' }).localUrl).toBe(
    'http://127.0.0.1:8081/api/v1',
  );
  expect(resolveEnvironment(baked, { hostname: 'localhost', search: '?decap=evil.com' }).localUrl).toBe(
    'http://127.0.0.1:8081/api/v1',
  );
  const github = JSON.stringify(cmsEnvironment({ CMS_BACKEND: 'github', CMS_REPO: 'a/b' }));
  expect(resolveEnvironment(github, { hostname: 'localhost', search: '?decap=40123' }).backend).toBe(
    'github',
  );
});
