/**
 * The publishing loop as a newsroom runs it: `npm start` on a content
 * repository, editors committing, readers requesting pages the whole time.
 * Real Git, real Astro builds, real HTTP; nothing is mocked.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readStatus } from '../../src/publishing/status.ts';
import { CONTENT_FOLDER } from '../support/fixture.ts';
import {
  beijing,
  commitAs,
  git,
  makeContentRepo,
  startProduct,
  story,
  waitFor,
  workFolder,
  type RunningProduct,
} from '../support/publish-repo.ts';

const SLUG = 'zi-dong-fa-bu-ce-shi';
const PAGE = `/articles/${SLUG}/`;
const BUILD_MS = 180_000;

let repo: string;
let product: RunningProduct;
const workDir = workFolder('publishing');

/**
 * A request on a new connection, as a reader arriving now makes it. (A kept-alive connection opened before a
 * switch may get one more answer from the previous build: see the drain in src/server/serve.ts.)
 */
function get(path: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = request(`${product.origin}${path}`, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

function status() {
  return readStatus(product.statusFile);
}

/** Waits until `sha` is live; returns the seconds from now until then. */
async function untilLive(sha: string): Promise<number> {
  const started = Date.now();
  const live = await waitFor(
    () => Promise.resolve(status()?.live?.commit.sha === sha ? true : undefined),
    BUILD_MS,
  );
  expect(live, product.output()).toBe(true);
  return (Date.now() - started) / 1000;
}

/** Processes whose environment says they build content from `workDir` (Linux: /proc/<pid>/environ). */
function buildsRunningIn(workDir: string): number {
  const marker = `CONTENT_DIR=${join(workDir, CONTENT_FOLDER)}`;
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker);
    } catch {
      return false;
    }
  }).length;
}

/** Requests the pages readers, editors and tipsters use every 100 ms, keeping every answer that was not 200. */
function sampleAvailability(): { stop: () => Promise<string[]> } {
  const failures: string[] = [];
  const state = { running: true };
  const paths = ['/', PAGE, '/admin/', '/hotline/', '/search/', '/pagefind/pagefind-entry.json'];
  const loop = (async () => {
    while (state.running) {
      await Promise.all(
        paths.map(async (path) => {
          try {
            const res = await fetch(`${product.origin}${path}`);
            await res.arrayBuffer();
            if (res.status !== 200) failures.push(`${path} → ${String(res.status)}`);
          } catch (error) {
            failures.push(`${path} → ${String(error)}`);
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      state.running = false;
      await loop;
      return failures;
    },
  };
}

beforeAll(async () => {
  repo = makeContentRepo();
  commitAs(
    repo,
    '王敏',
    '新建稿件：自动发布测试',
    story(SLUG, '城东驿站添了新书架', '驿站里新添了两排书架。'),
  );
  product = await startProduct(repo, workDir);
});

afterAll(async () => {
  await product.stop();
  rmSync(repo, { recursive: true, force: true });
});

describe('publishing from the content branch', () => {
  test(
    'the first build goes live by itself; until then readers get a Chinese "first build" page',
    async () => {
      const early = await waitFor(async () => (await get('/')).text, 10_000);
      // The first build takes seconds, so the first answer is the waiting page unless the machine is very fast.
      if (status()?.live === undefined) expect(early).toContain('网站正在首次构建');
      await untilLive(git(repo, 'rev-parse', 'HEAD'));
      const page = await get(PAGE);
      expect(page.status).toBe(200);
      expect(page.text).toContain('城东驿站添了新书架');
    },
    BUILD_MS,
  );

  test(
    'an edit committed by an editor goes live within seconds while the site, CMS, hotline and search keep answering',
    async () => {
      const sampler = sampleAvailability();
      const sha = commitAs(
        repo,
        '李娜',
        '更新稿件：自动发布测试',
        story(SLUG, '城东驿站的新书架有了第一批读者', '第一批读者来了。'),
      );
      const seconds = await untilLive(sha);
      const failures = await sampler.stop();
      expect(failures).toEqual([]);
      expect((await get(PAGE)).text).toContain('城东驿站的新书架有了第一批读者');
      expect((await get('/')).text).toContain('城东驿站的新书架有了第一批读者');
      const live = status()?.live;
      expect(live?.commit.author).toBe('李娜');
      const page = await get('/admin/publishing/');
      expect(page.text).toContain('李娜');
      expect(page.text).toContain('更新稿件：自动发布测试');
      console.log(`publish-to-live: ${seconds.toFixed(1)} s (build ${String(live?.seconds)} s)`);
    },
    BUILD_MS,
  );

  test(
    'a broken story never goes live: readers keep the last good site and the status page says which file to fix',
    async () => {
      const before = (await get(PAGE)).text;
      const sampler = sampleAvailability();
      const broken = commitAs(repo, '王敏', '加数据框', {
        ...story(SLUG, '这个标题不该上线', '正文。\n\n<FactBox title="数说">\n\n- **3排** 书架\n'),
      });
      const failed = await waitFor(
        () => Promise.resolve(status()?.failure?.commit.sha === broken ? true : undefined),
        BUILD_MS,
      );
      expect(failed, product.output()).toBe(true);
      expect(await sampler.stop()).toEqual([]);
      expect((await get(PAGE)).text).toBe(before);
      expect((await get('/admin/')).status).toBe(200);
      const page = await get('/admin/publishing/');
      expect(page.text).toContain(`${CONTENT_FOLDER}/articles/${SLUG}/index.mdx`);
      expect(page.text).toContain('FactBox');
      expect(page.text).toContain('王敏');
      expect(product.output()).toContain(`${CONTENT_FOLDER}/articles/${SLUG}/index.mdx`);

      const fixed = commitAs(repo, '王敏', '补上数据框结束标签', {
        ...story(
          SLUG,
          '书架旁多了数据框',
          '正文。\n\n<FactBox title="数说">\n\n- **3排** 书架\n\n</FactBox>\n',
        ),
      });
      await untilLive(fixed);
      expect((await get(PAGE)).text).toContain('书架旁多了数据框');
      expect(status()?.failure).toBeUndefined();
    },
    2 * BUILD_MS,
  );

  test(
    'a burst of commits is coalesced into at most two builds, which never overlap',
    async () => {
      const historyBefore = status()?.history.length ?? 0;
      let last = '';
      for (let i = 1; i <= 4; i++) {
        last = commitAs(
          repo,
          '赵强',
          `连续修改第 ${String(i)} 次`,
          story(SLUG, `书架稿第 ${String(i)} 版`, `第 ${String(i)} 版。`),
        );
      }
      await untilLive(last);
      expect((await get(PAGE)).text).toContain('书架稿第 4 版');
      const history = status()?.history ?? [];
      const builds = history.length - historyBefore;
      expect(builds).toBeGreaterThanOrEqual(1);
      expect(builds).toBeLessThanOrEqual(2);
      const spans = history
        .map((h) => [Date.parse(h.startedAt), Date.parse(h.at)] as const)
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) {
        expect((spans[i] as readonly [number, number])[0]).toBeGreaterThanOrEqual(
          (spans[i - 1] as readonly [number, number])[1],
        );
      }
    },
    2 * BUILD_MS,
  );

  test(
    'a story scheduled a minute ahead appears at its time, not before',
    async () => {
      const at = new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000);
      const slug = 'ding-shi-ce-shi';
      const sha = commitAs(
        repo,
        '王敏',
        '定时稿件',
        story(slug, '定时发布的驿站简讯', '到点才上线。', beijing(at)),
      );
      await untilLive(sha);
      expect(status()?.next?.slug).toBe(slug);
      expect((await get(`/articles/${slug}/`)).status).toBe(404);
      const appeared = await waitFor(
        async () => ((await get(`/articles/${slug}/`)).status === 200 ? Date.now() : undefined),
        120_000,
      );
      expect(appeared, product.output()).toBeDefined();
      const late = ((appeared as number) - at.getTime()) / 1000;
      console.log(`scheduled story live ${late.toFixed(1)} s after its time`);
      expect(late).toBeGreaterThanOrEqual(-0.5);
      expect(late).toBeLessThan(15);
      expect((await get('/')).text).toContain('定时发布的驿站简讯');
    },
    4 * BUILD_MS,
  );

  test(
    'killed mid-build, npm start serves the last live build at once on restart, then publishes the newest commit',
    async () => {
      const sha = commitAs(repo, '李娜', '重启前的修改', story(SLUG, '重启之后才上线的标题', '重启。'));
      const building = await waitFor(
        () => Promise.resolve(status()?.building?.commit.sha === sha ? true : undefined),
        30_000,
      );
      expect(building).toBe(true);
      const exited = new Promise((done) => product.child.once('exit', done));
      product.child.kill('SIGKILL');
      await exited;
      // The build notices its publisher is gone and stops; nothing keeps writing into the work folder.
      const orphans = await waitFor(
        () => Promise.resolve(buildsRunningIn(workDir) === 0 ? 'none' : undefined),
        10_000,
      );
      expect(orphans).toBe('none');

      product = await startProduct(repo, workDir);
      const served = await waitFor(
        async () => ((await get(PAGE)).status === 200 ? (await get(PAGE)).text : undefined),
        10_000,
      );
      expect(served).toContain('书架稿第 4 版');
      await untilLive(sha);
      expect((await get(PAGE)).text).toContain('重启之后才上线的标题');
    },
    2 * BUILD_MS,
  );
});
