import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Runs Node child processes as one unit: when any of them exits, or the user
 * presses Ctrl-C, all the others are stopped too, so no orphaned server is
 * left holding a port.
 */
export function supervise(cwd: string): (name: string, args: string[], env?: Record<string, string>) => void {
  const children: ChildProcess[] = [];
  const shutdown = (code: number): void => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    process.exit(code);
  };
  process.on('SIGINT', () => {
    shutdown(0);
  });
  process.on('SIGTERM', () => {
    shutdown(0);
  });
  return (name, args, env = {}) => {
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => {
      console.error(`${name} 已退出（${String(code)}），正在关闭其余服务`);
      shutdown(code ?? 1);
    });
    children.push(child);
  };
}

/**
 * The arguments and environment of the CMS's local Git backend. It is bound
 * to 127.0.0.1 only: decap-server has no login, so anyone who can reach it can
 * commit to the repository.
 */
export function decapServer(repo: string): [args: string[], env: Record<string, string>] {
  return [
    [require.resolve('decap-server/dist/index.js')],
    {
      MODE: 'git',
      PORT: process.env['DECAP_PORT'] ?? '8081',
      BIND_HOST: '127.0.0.1',
      GIT_REPO_DIRECTORY: repo,
      LOG_LEVEL: 'warn',
    },
  ];
}
