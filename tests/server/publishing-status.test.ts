/**
 * The publisher's editor-facing surfaces, served by a real worker handler on
 * a real HTTP server: the status page, the CMS badge's JSON and the push
 * webhook; and the pure helpers behind them (the build plan, reading
 * Astro's failure log).
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ContentFile } from '../../src/lib/content-check.ts';
import { explainFailure } from '../../src/publishing/builder.ts';
import { planBuild } from '../../src/publishing/plan.ts';
import { writeStatus, type PublishStatus } from '../../src/publishing/status.ts';
import { withPublishing } from '../../src/server/serve.ts';
import { CONTENT_FOLDER } from '../support/fixture.ts';

const SECRET = 'test-hook-secret';
const statusFile = join(mkdtempSync(join(tmpdir(), 'publish-status-')), 'status.json');
const commit = (subject: string, author = '王敏') => ({
  sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  author,
  date: '2026-12-01T08:00:00+08:00',
  subject,
});
const STATUS: PublishStatus = {
  branch: 'main',
  live: {
    commit: commit('更新稿件：驿站书架'),
    dir: '/srv/shuicheng/.builds/site-1',
    buildNow: '2026-12-01T00:00:05.000Z',
    liveAt: '2026-12-01T00:00:12.000Z',
    seconds: 9.5,
    stories: 42,
  },
  failure: {
    commit: commit('加数据框 <b>', '李娜'),
    at: '2026-12-01T00:05:00.000Z',
    problems: [
      {
        file: `${CONTENT_FOLDER}/articles/yi-zhan/index.mdx`,
        field: 'body',
        message: '正文第 14 行：<FactBox> 没有结束标签 </FactBox>',
      },
    ],
    details: [],
  },
  next: { slug: 'ding-shi', title: '元旦驿站照常开放', at: '2026-12-31T16:00:00.000Z' },
  history: [],
  updatedAt: '2026-12-01T00:05:00.000Z',
};

let server: Server;
let origin: string;
let passedOn = 0;

beforeAll(async () => {
  writeStatus(statusFile, STATUS);
  const handler = withPublishing(
    (_req, res) => {
      passedOn += 1;
      res.end('site');
    },
    statusFile,
    SECRET,
  );
  server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
});

afterAll(() => {
  server.close();
});

describe('the status page', () => {
  test('names the live commit, its editor and the failed file, field and fix, with the HTML escaped', async () => {
    const res = await fetch(`${origin}/admin/publishing/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'sha256-");
    const html = await res.text();
    expect(html).toContain('线上版本');
    expect(html).toContain('更新稿件：驿站书架');
    expect(html).toContain('42 篇稿件');
    expect(html).toContain(`${CONTENT_FOLDER}/articles/yi-zhan/index.mdx`);
    expect(html).toContain('&#60;FactBox&#62; 没有结束标签');
    expect(html).toContain('加数据框 &#60;b&#62;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('李娜');
    expect(html).toContain('《元旦驿站照常开放》将于 2027年1月1日 00:00 上线');
    // The server's folders are nobody's business.
    expect(html).not.toContain('/srv/shuicheng');
  });

  test('the badge says in one line that the newest commit did not go live', async () => {
    const badge = (await (await fetch(`${origin}/admin/publishing/status.json`)).json()) as {
      state: string;
      text: string;
    };
    expect(badge).toEqual({ state: 'failed', text: '最新的提交没有上线，点此查看原因' });
  });

  test('every other address goes on to the site', async () => {
    const before = passedOn;
    expect(await (await fetch(`${origin}/admin/`)).text()).toBe('site');
    expect(passedOn).toBe(before + 1);
  });
});

describe('the push webhook', () => {
  const body = JSON.stringify({ ref: 'refs/heads/main' });
  const sign = (text: string) => `sha256=${createHmac('sha256', SECRET).update(text).digest('hex')}`;

  test('accepts a push signed with the shared secret', async () => {
    const res = await fetch(`${origin}/admin/publishing/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
      body,
    });
    expect(res.status).toBe(202);
  });

  test('refuses a wrong or missing signature, and a signature of another body', async () => {
    for (const headers of [
      {},
      { 'x-hub-signature-256': 'sha256=00' },
      { 'x-hub-signature-256': sign('{"ref":"refs/heads/other"}') },
    ]) {
      const res = await fetch(`${origin}/admin/publishing/hook`, { method: 'POST', headers, body });
      expect(res.status).toBe(401);
    }
  });
});

describe('the build plan', () => {
  const story = (id: string, data: Record<string, unknown>): ContentFile => ({
    collection: 'articles',
    id,
    file: `${CONTENT_FOLDER}/articles/${id}/index.mdx`,
    data: {
      title: `标题${id}`,
      summary: '这是一条导语，写够二十个字，用来检验发布计划的计算是否正确。',
      kind: 'brief',
      column: 'guang-jiao-jing',
      authors: [{ author: 'zhao-qi', role: 'reporter' }],
      ...data,
    },
  });
  const now = new Date('2026-12-01T10:00:00+08:00');

  test('publishes what is due, hides drafts and future stories, and names the earliest one due next', () => {
    const plan = planBuild(
      [
        story('due', { publishedAt: '2026-12-01 09:59' }),
        story('draft', { publishedAt: '2026-11-01 08:00', draft: true }),
        story('later', { publishedAt: '2026-12-02 08:00' }),
        story('soon', { publishedAt: '2026-12-01 10:01' }),
        story('draft-soon', { publishedAt: '2026-12-01 10:00:30', draft: true }),
      ],
      now,
    );
    expect(plan.publicSlugs).toEqual(['due']);
    expect(plan.hiddenSlugs).toEqual(['draft', 'draft-soon', 'later', 'soon']);
    expect(plan.next).toEqual({ slug: 'soon', title: '标题soon', at: new Date('2026-12-01T10:01:00+08:00') });
  });
});

describe("reading Astro's failure log", () => {
  test('turns an MDX error with its location into a problem an editor can act on, without stack frames', () => {
    const tail = [
      '16:52:24 [ERROR] [vite] ✗ Build failed in 496ms',
      '78:1: Expected a closing tag for `<FactBox>` (78:1) (mdx-jsx:unexpected-character)',
      'Location:',
      `  ${CONTENT_FOLDER}/articles/lin-dong-ge/index.mdx:78:1`,
      'Stack trace:',
      '  at TransformPluginContextImpl.handler (file:///x/vite-plugin-mdx.js:64:17)',
    ];
    const { problems, details } = explainFailure(tail);
    expect(problems).toEqual([
      {
        file: `${CONTENT_FOLDER}/articles/lin-dong-ge/index.mdx`,
        field: '正文',
        message:
          '第 78 行附近无法排版：Expected a closing tag for `<FactBox>` (78:1) (mdx-jsx:unexpected-character)',
      },
    ]);
    expect(details.some((line) => line.startsWith('at '))).toBe(false);
  });

  test('keeps the message before "Location:" when it names no content file', () => {
    const { problems, details } = explainFailure([
      'Cannot find package "piccolore" imported from /srv/x/prerender-entry.mjs',
      'Location:',
      '/srv/node_modules/vite/dist/node/module-runner.js:743:9',
    ]);
    expect(problems).toEqual([]);
    expect(details[0]).toContain('Cannot find package');
  });
});
