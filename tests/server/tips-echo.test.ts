import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/audit.ts';
import { addUser, listUsers } from '../../src/server/inbox/users.ts';
import type { Services } from '../../src/server/services.ts';
import { echoOf, handleEcho, type EchoTarget } from '../../src/server/tips/echo.ts';
import { handleTip } from '../../src/server/tips/submit.ts';
import { readEchoFiles } from '../../src/tips/echo.ts';
import { CONTENT_FOLDER } from '../support/fixture.ts';
import { clock, DISTRICTS, freshServices, tipRequest, validFields } from './tips-helpers.ts';

/** The 回音 board: a summary published from the inbox becomes a commit on the content branch (real Git). */
let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@x',
    },
  }).trim();

/** A content repository like the project's: a `content/` tree on branch main, checked out. */
function contentRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'echo-repo-'));
  git(repo, 'init', '--quiet', '-b', 'main');
  mkdirSync(join(repo, CONTENT_FOLDER, 'settings'), { recursive: true });
  writeFileSync(join(repo, CONTENT_FOLDER, 'settings', 'site.yml'), 'title: 水城·温度\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'initial content tree');
  return repo;
}

const QUESTION = '读者反映，开发区一处小区门口的路灯坏了一个多月，晚上出门不方便。';
const ANSWER = '记者联系了物业，物业表示本周内更换灯具，本报将继续关注。';

async function setup(echo: boolean) {
  const time = clock();
  services = freshServices(time.now);
  const s = services;
  const fields = { ...validFields(), ...(echo ? { echo: 'yes' } : {}) };
  expect(
    (await handleTip(tipRequest(fields), { ...s.tips, districts: DISTRICTS }, '203.0.113.7')).status,
  ).toBe(303);
  await addUser(s.db, 'qian');
  const user = listUsers(s.db)[0];
  if (!user) throw new Error('no user');
  const post = (fields: Record<string, string>) =>
    new Request('http://127.0.0.1:4321/inbox/tips/1/echo/', {
      method: 'POST',
      body: new URLSearchParams(fields),
    });
  const publish = (target: EchoTarget | undefined, fields = { question: QUESTION, answer: ANSWER }) =>
    handleEcho(post(fields), s.inbox, user, 1, {
      target,
      districtNames: new Map([['kai-fa-qu', '开发区']]),
    });
  return { s, publish };
}

describe('回音 board', () => {
  it('commits the summary to the checked-out content branch, without the reader’s name, contact or photos', async () => {
    const { s, publish } = await setup(true);
    const repo = contentRepo();
    const before = git(repo, 'rev-parse', 'HEAD');
    const response = await publish({ repo, branch: 'main', contentFolder: CONTENT_FOLDER });
    expect(response.headers.get('location')).toBe('/inbox/tips/1/?saved=echo#echo');
    expect(git(repo, 'rev-parse', 'HEAD^')).toBe(before);
    expect(git(repo, 'log', '-1', '--format=%an %s')).toMatch(/^qian 回音：发表报料 XS-20260426-0001/);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const file = readFileSync(join(repo, CONTENT_FOLDER, 'replies', 'xs-20260426-0001.yml'), 'utf8');
    expect(file).not.toContain('王女士');
    expect(file).not.toContain('18663513326');
    expect(readEchoFiles(join(repo, CONTENT_FOLDER))).toEqual([
      {
        published: '2026-04-26T01:00:00.000Z',
        category: '新闻线索',
        district: '开发区',
        question: QUESTION,
        answer: ANSWER,
      },
    ]);
    expect(echoOf(s.db, 1)?.commit_sha).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(listAudit(s.db).find((e) => e.action === 'echo')).toMatchObject({
      actor: 'qian',
      tip_ref: 'XS-20260426-0001',
    });
  });

  it('pushes to the remote the publisher pulls from, so its clone still fast-forwards', async () => {
    const { publish } = await setup(true);
    const origin = contentRepo();
    const remote = mkdtempSync(join(tmpdir(), 'echo-remote-'));
    git(remote, 'clone', '--quiet', '--bare', origin, '.');
    const clone = mkdtempSync(join(tmpdir(), 'echo-clone-'));
    git(clone, 'clone', '--quiet', remote, '.');
    const response = await publish({ repo: clone, branch: 'main', contentFolder: CONTENT_FOLDER, remote });
    expect(response.headers.get('location')).toBe('/inbox/tips/1/?saved=echo#echo');
    expect(git(remote, 'log', '-1', '--format=%s', 'main')).toContain('XS-20260426-0001');
    // The publisher's own step (src/publishing/publisher.ts pull): fetch and fast-forward.
    git(clone, 'fetch', '--quiet', remote, 'main');
    git(clone, 'merge', '--ff-only', '--quiet', 'FETCH_HEAD');
    expect(readEchoFiles(join(clone, CONTENT_FOLDER))).toHaveLength(1);
  });

  it('refuses without the reader’s consent, with too short a text, and without a configured repository', async () => {
    const repo = contentRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    const noConsent = await setup(false);
    const target = { repo, branch: 'main', contentFolder: CONTENT_FOLDER };
    expect((await noConsent.publish(target)).headers.get('location')).toContain('error=echo-consent');
    services?.close();
    const consent = await setup(true);
    expect(
      (await consent.publish(target, { question: '太短', answer: ANSWER })).headers.get('location'),
    ).toContain('error=echo#echo');
    expect((await consent.publish(undefined)).headers.get('location')).toContain('error=echo-config');
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('stops the build with the file and the fix when a summary file is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'echo-content-'));
    mkdirSync(join(dir, 'replies'));
    writeFileSync(join(dir, 'replies', 'xs-1.yml'), 'published: yesterday\nquestion: 短\n');
    expect(() => readEchoFiles(dir)).toThrow(/xs-1\.yml: 回音文件不符合格式.*published.*请在收件箱重新发表/);
  });
});
