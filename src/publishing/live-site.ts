import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { readStatus } from './status.ts';
import { renderStartingPage } from './status-page.ts';

/** Messages between the front process and a site worker. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'drain' }
  /** The old worker now closes each connection after its current answer: new requests reach the new build. */
  | { type: 'drained' }
  | { type: 'publish-hook' }
  | { type: 'connection' };

const SERVE = resolve(import.meta.dirname, '../server/serve.ts');
/** How long a replaced worker may finish its requests (a slow photo upload) before it is stopped. */
const DRAIN_MS = 60_000;
const READY_MS = 60_000;

/** Options of {@link LiveSite}. */
export interface LiveSiteOptions {
  host: string;
  port: number;
  /** The publisher's status file, which workers read for the status page. */
  statusFile: string;
  env?: NodeJS.ProcessEnv;
  /** A worker asks for a look at the branch (the publishing webhook). */
  onPublishHook?: () => void;
  log?: (line: string) => void;
}

interface Worker {
  dir: string;
  child: ChildProcess;
}

/**
 * The port readers and editors connect to. It owns the listening socket and
 * hands every new connection to the worker process that serves the live
 * build, so switching to a new build is one assignment: connections already
 * open finish on the old worker, new ones go to the new one, and nobody
 * ever sees a half-written folder or a closed port. The worker sees the
 * reader's own socket, with the reader's address, exactly as if it listened
 * itself.
 */
export class LiveSite {
  private current: Worker | undefined;
  private server: Server | undefined;
  private readonly starting = createHttpServer((req, res) => {
    respondStarting(res, req.url ?? '/', this.options.statusFile);
  });
  private stopping = false;
  private readonly options: LiveSiteOptions;
  /**
   * One secret for the keyed address hashes of every worker this front starts: the spam limits and the login
   * throttle count in the database under those hashes, and a worker with a secret of its own would not find
   * the counts of the one it replaced. It lives only in memory, so after a restart of `npm start` the stored
   * hashes can no longer be linked to anyone.
   */
  private readonly addressSecret = randomBytes(32).toString('base64url');

  constructor(options: LiveSiteOptions) {
    this.options = options;
  }

  /** Starts listening; until a build is live, every request gets the "first build" page. */
  listen(): Promise<void> {
    const server = createServer({ pauseOnConnect: true }, (socket) => {
      this.route(socket);
    });
    this.server = server;
    return new Promise((done, fail) => {
      server.once('error', fail);
      server.listen(this.options.port, this.options.host, () => {
        done();
      });
    });
  }

  /**
   * Starts a worker on `dir` and, once it has loaded the build, sends new
   * connections to it. The previous worker drains and exits. Rejects, with
   * the old worker still serving, if the new one fails to start.
   */
  async switchTo(dir: string): Promise<void> {
    const worker = await this.startWorker(resolve(dir));
    const previous = this.current;
    this.current = worker;
    if (previous !== undefined) {
      previous.child.removeAllListeners('exit');
      const timer = setTimeout(() => previous.child.kill('SIGKILL'), DRAIN_MS + 5000);
      timer.unref();
      previous.child.once('exit', () => {
        clearTimeout(timer);
      });
      // The switch is done once the old worker has stopped keeping connections alive (or is gone).
      await new Promise<void>((done) => {
        const finish = () => {
          clearTimeout(limit);
          previous.child.removeListener('message', onMessage);
          done();
        };
        const onMessage = (message: WorkerMessage) => {
          if (message.type === 'drained') finish();
        };
        const limit = setTimeout(finish, 2000);
        previous.child.on('message', onMessage);
        previous.child.once('exit', finish);
        if (!previous.child.connected) finish();
        else previous.child.send({ type: 'drain' } satisfies WorkerMessage);
      });
    }
  }

  /** Stops listening and stops the workers. */
  async close(): Promise<void> {
    this.stopping = true;
    await new Promise<void>((done) => {
      if (this.server === undefined) done();
      else
        this.server.close(() => {
          done();
        });
    });
    const child = this.current?.child;
    if (child?.exitCode === null) {
      await new Promise<void>((done) => {
        child.once('exit', () => {
          done();
        });
        child.kill('SIGTERM');
      });
    }
  }

  private route(socket: Socket): void {
    const worker = this.current;
    if (!worker?.child.connected) {
      this.starting.emit('connection', socket);
      socket.resume();
      return;
    }
    worker.child.send(
      { type: 'connection' } satisfies WorkerMessage,
      socket,
      { keepOpen: false },
      (error) => {
        // The worker died between the check and the send: answer here rather than drop the reader.
        if (error && !socket.destroyed) {
          this.starting.emit('connection', socket);
          socket.resume();
        }
      },
    );
  }

  private startWorker(dir: string): Promise<Worker> {
    const child = fork(SERVE, [join(dir, 'server', 'entry.mjs')], {
      env: {
        ...process.env,
        ...this.options.env,
        SERVE_MODE: 'worker',
        PUBLISH_STATUS_FILE: this.options.statusFile,
        TIPS_ADDRESS_SECRET: this.addressSecret,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: Worker = { dir, child };
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new Error(`网站进程 ${String(READY_MS / 1000)} 秒内没有就绪`));
      }, READY_MS);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        fail(new Error(`网站进程启动时退出（退出码 ${String(code)}）`));
      };
      child.once('exit', onExit);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'publish-hook') this.options.onPublishHook?.();
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        child.once('exit', (code) => {
          this.restartCrashed(worker, code);
        });
        done(worker);
      });
    });
  }

  /** A live worker that dies is started again on the same build, so the site comes back by itself. */
  private restartCrashed(worker: Worker, code: number | null): void {
    if (this.stopping || this.current !== worker) return;
    this.options.log?.(`[网站] 网站进程意外退出（退出码 ${String(code)}），正在重新启动`);
    this.current = undefined;
    this.switchTo(worker.dir).catch((error: unknown) => {
      this.options.log?.(`[网站] 重新启动失败：${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

function respondStarting(res: ServerResponse, url: string, statusFile: string): void {
  const html = renderStartingPage(url, readStatus(statusFile));
  res.writeHead(503, {
    // A kept-alive connection would stay with this page after the first build goes live.
    Connection: 'close',
    'Content-Type': 'text/html; charset=utf-8',
    'Retry-After': '5',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}
