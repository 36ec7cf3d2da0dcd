/**
 * Choosing the newsroom backend: the CMS config points Decap's proxy backend
 * at the site's own /api/cms/git/ on the publisher's branch, /admin/'s CSP
 * reaches only this origin, and the write policy takes its folders from the
 * CMS config.
 */
import { describe, expect, it } from 'vitest';
import { buildCmsConfig, cmsEnvironment, CONTENT } from '../../cms/config.ts';
import { returnPath } from '../../src/server/cms-git/return-path.ts';
import {
  dataExtensions,
  pathProblem,
  typeProblem,
  writableRoots,
} from '../../src/server/cms-git/write-policy.ts';
import { adminPolicy } from '../../src/server/security/headers.ts';
import { CONTENT_FOLDER } from '../support/fixture.ts';

const newsroom = cmsEnvironment({ CMS_BACKEND: 'newsroom', PUBLISH_BRANCH: 'stories' });

describe('CMS_BACKEND=newsroom', () => {
  it('is Decap’s proxy backend on this origin, on the branch the publisher builds', () => {
    expect(newsroom.backend).toBe('newsroom');
    expect(buildCmsConfig(newsroom).backend).toEqual({
      name: 'proxy',
      proxy_url: '/api/cms/git/',
      branch: 'stories',
    });
    // The default stays the no-login local backend, for development.
    expect(buildCmsConfig(cmsEnvironment({})).backend).toMatchObject({
      proxy_url: 'http://127.0.0.1:8081/api/v1',
    });
  });

  it('lets /admin/ connect to this origin only, not to decap-server or other loopback ports', () => {
    const html = `<script type="application/json" id="cms-env">${JSON.stringify(newsroom)}</script>`;
    const connect =
      adminPolicy(html)
        .split('; ')
        .find((d) => d.startsWith('connect-src')) ?? '';
    expect(connect).toBe("connect-src 'self' blob: data:");
    const local = `<script type="application/json" id="cms-env">${JSON.stringify(cmsEnvironment({}))}</script>`;
    expect(adminPolicy(local)).toContain('http://127.0.0.1:*');
  });

  it('writes only the content tree and the media folder of the CMS config', () => {
    const roots = writableRoots(newsroom);
    expect(roots).toEqual([CONTENT_FOLDER, buildCmsConfig(newsroom).media_folder].sort());
    expect(pathProblem(`${CONTENT.articles}/x/index.mdx`, roots)).toBeUndefined();
    expect(pathProblem(`${buildCmsConfig(newsroom).media_folder}/photo.jpg`, roots)).toBeUndefined();
    expect(pathProblem(CONTENT_FOLDER, roots)).toContain('不在');
    expect(pathProblem(CONTENT_FOLDER, roots, true)).toBeUndefined();
  });

  it('saves entries only as the CMS config’s file types', () => {
    const types = dataExtensions(newsroom);
    expect(types).toEqual(['mdx', 'yml']);
    expect(typeProblem('a/index.MDX', types)).toBeUndefined();
    expect(typeProblem('a/index.mdx.js', types)).toContain('.mdx .yml');
  });

  it('sends a sign-in back only to a path of the CMS or the inbox', () => {
    expect(returnPath('/admin/')).toBe('/admin/');
    expect(returnPath('/admin/publishing/')).toBe('/admin/publishing/');
    for (const next of ['https://evil.example/', '//evil.example/', '/admin/../x/', '/search/', '', null]) {
      expect(returnPath(next), String(next)).toBeUndefined();
    }
  });
});
