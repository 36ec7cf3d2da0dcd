/**
 * `npm start`: the whole product on embedded defaults.
 * - builds first when there is no build;
 * - the site, search and tips service on http://localhost:4321 (PORT, HOST);
 * - the CMS's local Git backend (decap-server) on 127.0.0.1:8081 only, since it has no login.
 * Tips are kept in SQLite under DATA_DIR (default ./data).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { decapServer, supervise } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
const entry = resolve(root, 'dist/server/entry.mjs');

if (!existsSync(entry)) {
  console.log('还没有构建产物，先运行 npm run build ……');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dataDir = resolve(root, process.env['DATA_DIR'] ?? 'data');
mkdirSync(dataDir, { recursive: true });
const port = process.env['PORT'] ?? '4321';
const host = process.env['HOST'] ?? '127.0.0.1';
const cmsPort = process.env['DECAP_PORT'] ?? '8081';

const run = supervise(root);
if (process.env['CMS_BACKEND'] !== 'github') run('decap-server', ...decapServer(root));
run('site', [resolve(root, 'src/server/serve.ts'), entry], { HOST: host, PORT: port, DATA_DIR: dataDir });

console.log(`
  水城·温度 已启动
  网站与搜索   http://localhost:${port}/
  党报热线     http://localhost:${port}/hotline/
  编辑后台     http://localhost:${port}/admin/   （本地 Git 后端 127.0.0.1:${cmsPort}）
  报料收件箱   http://localhost:${port}/inbox/
  报料数据     ${dataDir}
`);
