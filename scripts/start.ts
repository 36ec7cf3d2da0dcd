/**
 * `npm start`: the whole product on embedded defaults.
 * - the site, search, tips service and inbox on http://localhost:4321 (PORT, HOST);
 * - the publisher: every new commit on the content branch, and every scheduled story at its time, is built
 *   into a fresh folder, checked, and only then served (src/publishing/);
 * - the CMS's local Git backend (decap-server) on 127.0.0.1:8081 only, since it has no login.
 * Tips are kept in SQLite under DATA_DIR (default ./data).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { currentBranch, git } from '../src/publishing/git.ts';
import { LiveSite } from '../src/publishing/live-site.ts';
import { Publisher } from '../src/publishing/publisher.ts';
import { STATUS_PATH } from '../src/publishing/status-page.ts';
import { decapServer, supervise } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
const env = process.env;
// The content repository: this project by default; a separate clone of the newsroom's content works too.
const repo = resolve(env['PUBLISH_REPO'] ?? root);

try {
  await git(repo, ['rev-parse', '--git-dir']);
} catch {
  console.error(
    'npm start 需要在 Git 仓库里运行：编辑的每次保存都是一次提交，网站据此发布。请用 git clone 取得本项目。',
  );
  process.exit(1);
}

const dataDir = resolve(root, env['DATA_DIR'] ?? 'data');
mkdirSync(dataDir, { recursive: true });
const port = Number(env['PORT'] ?? '4321');
const host = env['HOST'] ?? '127.0.0.1';
const cmsPort = env['DECAP_PORT'] ?? '8081';
const branch = env['PUBLISH_BRANCH'] ?? env['CMS_BRANCH'] ?? (await currentBranch(repo)) ?? 'main';
// Inside the project: the build resolves photos and packages from there.
const workDir = resolve(root, env['PUBLISH_DIR'] ?? '.builds');

const run = supervise(root);
// The no-login local backend only for local editing; github and newsroom (src/server/cms-git/) need an account.
const localCms = env['CMS_BACKEND'] !== 'github' && env['CMS_BACKEND'] !== 'newsroom';
if (localCms) run('decap-server', ...decapServer(repo));

const site = new LiveSite({
  host,
  port,
  statusFile: resolve(workDir, 'status.json'),
  // The inbox publishes 回音 summaries by committing to the same branch the publisher builds
  // (src/server/tips/echo.ts), so the workers get the repository, the branch and the remote.
  env: {
    DATA_DIR: dataDir,
    PUBLISH_REPO: repo,
    PUBLISH_BRANCH: branch,
    ...(env['PUBLISH_PULL_REMOTE'] ? { PUBLISH_PULL_REMOTE: env['PUBLISH_PULL_REMOTE'] } : {}),
  },
  // Only a live worker can receive the webhook, and workers exist only once the publisher below has started.
  onPublishHook: () => {
    publisher.kick();
  },
  log: (line) => {
    console.log(line);
  },
});
await site.listen();
const publisher = new Publisher({
  repo,
  root,
  branch,
  workDir,
  goLive: (dir) => site.switchTo(dir),
  pullRemote: env['PUBLISH_PULL_REMOTE'],
  ...(env['PUBLISH_POLL_SECONDS'] ? { pollMs: Number(env['PUBLISH_POLL_SECONDS']) * 1000 } : {}),
});
// Ctrl-C and SIGTERM go to supervise(): it stops decap-server and exits; a running build's process group is
// killed on exit (src/publishing/builder.ts), and the site worker exits when its channel to this process closes.

console.log(`
  水城·温度 已启动
  网站与搜索   http://localhost:${String(port)}/
  党报热线     http://localhost:${String(port)}/hotline/
  编辑后台     http://localhost:${String(port)}/admin/   （${localCms ? `本地 Git 后端 127.0.0.1:${cmsPort}` : env['CMS_BACKEND'] === 'newsroom' ? '本站 Git 后端，编辑账号登录' : 'GitHub 后端'}）
  发布状态     http://localhost:${String(port)}${STATUS_PATH}   （发布分支 ${branch}）
  报料收件箱   http://localhost:${String(port)}/inbox/
  报料数据     ${dataDir}
`);
await publisher.start();
