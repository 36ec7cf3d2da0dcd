import { execFile } from 'node:child_process';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, rm, open, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CHECKED_ENV } from '../integrations/content-guard.ts';
import { explainFailure, runAstroBuild, type BuildPhase } from './builder.ts';
import { branchHead, commitInfo, git, snapshotContent, type CommitInfo } from './git.ts';
import { planFromCheck, snapshotCheckSchema, type SnapshotCheck } from './check-result.ts';
import type { ScheduledStory } from './plan.ts';
import { readStatus, writeStatus, type FailedBuild, type PublishStatus } from './status.ts';
import { verifyBuild } from './verify.ts';

/** How the publisher is set up. */
export interface PublisherOptions {
  /** The Git repository whose content branch is published. */
  repo: string;
  /** The project whose code builds the site (the same folder as `repo` in `npm start`). */
  root: string;
  /** The content branch. */
  branch: string;
  /** Where snapshots, builds, logs and the status file live. */
  workDir: string;
  /** Serves a finished build; resolves once readers get it, rejects if it cannot be served. */
  goLive: (dir: string) => Promise<void>;
  /** Extra environment for the build (SITE_URL, DECAP_PORT, the CMS backend…). */
  env?: NodeJS.ProcessEnv;
  /** How often the branch is read in case a change notification was missed. */
  pollMs?: number;
  /** Fetch this remote before each look at the branch (production clones that pull). */
  pullRemote?: string | undefined;
  log?: (line: string) => void;
  now?: () => number;
}

/** The longest a scheduled story's build starts ahead of its time. */
const MAX_LEAD_MS = 15 * 60 * 1000;
const HISTORY = 20;
/** Build logs kept for whoever investigates a failure. */
const KEPT_LOGS = 10;

/**
 * Publishes the content branch: after every new commit, and at each scheduled
 * story's time, it builds a snapshot of the commit into a fresh folder,
 * verifies it and only then hands it to {@link PublisherOptions.goLive}. A
 * failed build changes nothing that readers or editors see; its problems go
 * to the status file and the log.
 *
 * One build at a time: commits that arrive during a build are coalesced, and
 * the next build takes the newest. A lock file keeps a second publisher off
 * the same work folder.
 */
export class Publisher {
  readonly statusFile: string;
  private readonly options: Required<Omit<PublisherOptions, 'env' | 'pullRemote'>> &
    Pick<PublisherOptions, 'env' | 'pullRemote'>;
  private status: PublishStatus;
  private dirty = true;
  private running: Promise<void> | undefined;
  private stopped = false;
  private abort = new AbortController();
  private watchers: FSWatcher[] = [];
  private timers: NodeJS.Timeout[] = [];
  private scheduleTimer: NodeJS.Timeout | undefined;
  /** Commits whose build failed, not tried again until something changes. */
  private failed = new Set<string>();
  private lastSeconds = 10;

  constructor(options: PublisherOptions) {
    this.options = {
      pollMs: 2000,
      log: (line) => {
        console.log(line);
      },
      now: Date.now,
      env: {},
      ...options,
      workDir: resolve(options.workDir),
    };
    // Astro resolves a story's photos, and Node a build's packages, only inside the project.
    if (relative(this.options.root, this.options.workDir).startsWith('..')) {
      throw new Error(
        `发布目录 ${this.options.workDir} 必须在项目目录 ${this.options.root} 之内（PUBLISH_DIR）`,
      );
    }
    this.statusFile = join(this.options.workDir, 'status.json');
    this.status = readStatus(this.statusFile) ?? {
      branch: options.branch,
      history: [],
      updatedAt: new Date(this.options.now()).toISOString(),
    };
    // A build that was running when the process died is not running now.
    this.status.building = undefined;
    this.status.queued = undefined;
    this.status.branch = options.branch;
  }

  /**
   * Takes the lock, serves the last live build again straight away, removes
   * builds that were interrupted, then watches the branch and builds whatever
   * is newer than what is live.
   */
  async start(): Promise<void> {
    await mkdir(this.options.workDir, { recursive: true });
    await this.lock();
    const live = this.status.live;
    if (live !== undefined && existsSync(join(live.dir, 'server', 'entry.mjs'))) {
      await this.options.goLive(live.dir);
      this.options.log(`[发布] 继续提供上次上线的版本 ${short(live.commit.sha)}`);
    } else {
      this.status.live = undefined;
    }
    await this.removeStaleBuilds();
    this.save();
    this.watchBranch();
    this.kick();
  }

  /** Asks for a look at the branch now (a webhook, a push, a test). */
  kick(): void {
    this.dirty = true;
    if (this.stopped) return;
    if (this.running !== undefined) {
      void this.noteQueued();
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Stops watching and ends a running build; the live build stays as it is. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    for (const w of this.watchers) w.close();
    for (const t of this.timers) clearInterval(t);
    if (this.scheduleTimer !== undefined) clearTimeout(this.scheduleTimer);
    await this.running?.catch(() => undefined);
    await rm(join(this.options.workDir, 'publisher.lock'), { force: true });
  }

  /** Shows the newest commit as waiting when it is not the one being built. */
  private async noteQueued(): Promise<void> {
    const building = this.status.building;
    if (building === undefined) return;
    const head = await branchHead(this.options.repo, this.options.branch);
    if (head === undefined || head === building.commit.sha || head === this.status.queued?.sha) return;
    this.status.queued = await commitInfo(this.options.repo, head);
    this.save();
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      try {
        await this.step();
      } catch (error) {
        this.options.log(`[发布] 出错：${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** One look at the branch and the schedule; builds at most once. */
  private async step(): Promise<void> {
    if (this.options.pullRemote !== undefined) await this.pull(this.options.pullRemote);
    const head = await branchHead(this.options.repo, this.options.branch);
    if (head === undefined) return;
    const liveSha = this.status.live?.commit.sha;
    const now = this.options.now();
    const next = this.status.next === undefined ? undefined : Date.parse(this.status.next.at);
    const due = next !== undefined && next - this.lead() <= now;
    if (head !== liveSha && !this.failed.has(head)) {
      // A story due within the lead goes out with this build, on time, rather than in a second one.
      await this.publish(head, new Date(due ? Math.max(now, next) : now), '新提交');
    } else if (due) {
      // The schedule moves even when the newest commit is broken: rebuild what is live.
      const sha = this.failed.has(head) ? liveSha : head;
      const title = this.status.next?.title ?? '';
      if (sha !== undefined) await this.publish(sha, new Date(Math.max(now, next)), `定时发布：${title}`);
    }
  }

  private lead(): number {
    return Math.min(MAX_LEAD_MS, Math.max(5000, this.lastSeconds * 1500 + 2000));
  }

  /** Builds `sha` as of `buildNow`, verifies it and puts it live at `buildNow` at the earliest. */
  private async publish(sha: string, buildNow: Date, reason: string): Promise<void> {
    const started = this.options.now();
    const commit = await commitInfo(this.options.repo, sha);
    const id = `site-${new Date(started).toISOString().replace(/[-:.TZ]/g, '')}-${short(sha)}`;
    const outDir = join(this.options.workDir, id);
    const contentDir = join(this.options.workDir, 'content');
    const setPhase = (phase: BuildPhase) => {
      if (this.status.building) this.status.building.phase = phase;
      this.save();
    };
    this.status.building = { commit, startedAt: new Date(started).toISOString(), phase: 'check', reason };
    if (this.status.queued?.sha === sha) this.status.queued = undefined;
    this.save();
    this.options.log(`[发布] ${reason}：开始构建 ${describe(commit)}`);

    await snapshotContent(this.options.repo, sha, contentDir);
    const checked = await checkSnapshot(contentDir, this.options.workDir, buildNow);
    if (checked.plan === undefined) {
      this.fail(commit, started, { problems: checked.problems, details: [] });
      return;
    }
    const plan = planFromCheck(checked.plan);
    const result = await runAstroBuild(
      {
        root: this.options.root,
        contentDir,
        outDir,
        buildDir: join(this.options.workDir, 'building'),
        now: buildNow,
        logFile: `${outDir}.log`,
        // Astro's content store keeps each story's photo paths, so its cache must move with the snapshot:
        // a cache filled from another folder names photos that are not there ("ImageNotFound").
        env: {
          ASTRO_CACHE_DIR: join(this.options.workDir, 'cache'),
          // The snapshot was checked just above; the build's own guard need not read every file again.
          [CHECKED_ENV]: '1',
          ...this.options.env,
        },
        onPhase: setPhase,
      },
      this.abort.signal,
    );
    if (this.stopped) {
      await rm(outDir, { recursive: true, force: true });
      return;
    }
    if (!result.ok) {
      await rm(outDir, { recursive: true, force: true });
      this.fail(commit, started, explainFailure(result.tail));
      return;
    }
    setPhase('verify');
    const wrong = verifyBuild(outDir, plan);
    if (wrong.length > 0) {
      await rm(outDir, { recursive: true, force: true });
      this.fail(commit, started, { problems: [], details: wrong });
      return;
    }
    // The lead for the next scheduled story follows how long building takes, not how long this one waited.
    this.lastSeconds = (this.options.now() - started) / 1000;
    const wait = buildNow.getTime() - this.options.now();
    if (wait > 0) await sleep(wait, this.abort.signal);
    try {
      await this.options.goLive(outDir);
    } catch (error) {
      await rm(outDir, { recursive: true, force: true });
      this.fail(commit, started, {
        problems: [],
        details: [`新版本无法启动：${error instanceof Error ? error.message : String(error)}`],
      });
      return;
    }
    const seconds = (this.options.now() - started) / 1000;
    const previous = this.status.live?.dir;
    this.status.live = {
      commit,
      dir: outDir,
      buildNow: buildNow.toISOString(),
      liveAt: new Date(this.options.now()).toISOString(),
      seconds,
      stories: plan.publicSlugs.length,
    };
    this.status.building = undefined;
    this.status.failure = undefined;
    this.failed.clear();
    this.record(commit, 'live', started);
    this.scheduleNext(plan.next);
    this.save();
    this.options.log(
      `[发布] 已上线 ${describe(commit)}，共 ${String(plan.publicSlugs.length)} 篇稿件，用时 ${seconds.toFixed(1)} 秒`,
    );
    await this.removeStaleBuilds(previous);
  }

  private fail(commit: CommitInfo, started: number, what: Pick<FailedBuild, 'problems' | 'details'>): void {
    this.failed.add(commit.sha);
    this.status.building = undefined;
    this.status.failure = { commit, at: new Date(this.options.now()).toISOString(), ...what };
    this.record(commit, 'failed', started);
    this.save();
    const lines = [
      ...what.problems.map((p) => `  ✗ ${p.file}${p.field ? ` → ${p.field}` : ''}：${p.message}`),
      ...what.details.map((d) => `  ${d}`),
    ];
    this.options.log(`[发布] 没有上线 ${describe(commit)}，网站保持原样：\n${lines.join('\n')}`);
  }

  private record(commit: CommitInfo, result: 'live' | 'failed', started: number): void {
    const now = this.options.now();
    this.status.history = [
      {
        commit,
        result,
        startedAt: new Date(started).toISOString(),
        at: new Date(now).toISOString(),
        seconds: (now - started) / 1000,
      },
      ...this.status.history,
    ].slice(0, HISTORY);
  }

  /** Sets a timer so the next scheduled story's build starts in time to go live at its minute. */
  private scheduleNext(next: ScheduledStory | undefined): void {
    if (this.scheduleTimer !== undefined) clearTimeout(this.scheduleTimer);
    this.scheduleTimer = undefined;
    this.status.next = next && { slug: next.slug, title: next.title, at: next.at.toISOString() };
    if (next === undefined) return;
    const delay = next.at.getTime() - this.lead() - this.options.now();
    // setTimeout keeps at most 24.8 days; a longer wait is re-armed by the periodic look at the branch.
    if (delay > 2 ** 31 - 1) return;
    this.scheduleTimer = setTimeout(
      () => {
        this.kick();
      },
      Math.max(0, delay),
    );
  }

  private watchBranch(): void {
    const poll = setInterval(() => {
      this.kick();
    }, this.options.pollMs);
    poll.unref();
    this.timers.push(poll);
    // Git writes a new ref file or packed-refs on every commit; watching them notices a publish at once.
    void git(this.options.repo, ['rev-parse', '--absolute-git-dir'])
      .then((gitDir) => {
        for (const path of [join(gitDir, 'refs', 'heads'), gitDir]) {
          try {
            const watcher = watch(path, { recursive: path.endsWith('heads') }, () => {
              this.kick();
            });
            watcher.on('error', () => undefined);
            this.watchers.push(watcher);
          } catch {
            // The poll still notices changes.
          }
        }
      })
      .catch(() => undefined);
  }

  private async pull(remote: string): Promise<void> {
    try {
      await git(this.options.repo, ['fetch', '--quiet', remote, this.options.branch]);
      await git(this.options.repo, ['merge', '--ff-only', '--quiet', 'FETCH_HEAD']);
    } catch (error) {
      this.options.log(
        `[发布] 拉取 ${remote} 失败：${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Deletes build folders that are neither live nor `keep` (the one whose readers may still be finishing a
   * request), and all but the newest logs.
   */
  private async removeStaleBuilds(keep?: string): Promise<void> {
    const live = this.status.live?.dir;
    const names = (await readdir(this.options.workDir)).filter((n) => n.startsWith('site-')).sort();
    const logs = names.filter((n) => n.endsWith('.log'));
    for (const name of names) {
      const path = join(this.options.workDir, name);
      if (path === live || path === keep) continue;
      if (name.endsWith('.log') && logs.indexOf(name) >= logs.length - KEPT_LOGS) continue;
      await rm(path, { recursive: true, force: true });
    }
  }

  private async lock(): Promise<void> {
    const file = join(this.options.workDir, 'publisher.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(file, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        return;
      } catch {
        const pid = Number(await readFile(file, 'utf8').catch(() => ''));
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
          throw new Error(
            `另一个发布进程（pid ${String(pid)}）正在使用 ${this.options.workDir}，两个发布进程不能同时构建同一个仓库`,
          );
        }
        await rm(file, { force: true });
      }
    }
    throw new Error(`无法创建发布锁文件 ${file}`);
  }

  private save(): void {
    this.status.updatedAt = new Date(this.options.now()).toISOString();
    writeStatus(this.statusFile, this.status);
  }
}

const execNode = promisify(execFile);

/**
 * Runs the content check and the build plan in a child process (check-snapshot.ts), so seconds of reading
 * files at 10,000 stories never stall the port that hands readers' connections to the live site. Paths are
 * reported as content/…, the ones editors know, not the snapshot's.
 */
async function checkSnapshot(contentDir: string, workDir: string, now: Date): Promise<SnapshotCheck> {
  const script = join(import.meta.dirname, 'check-snapshot.ts');
  const { stdout } = await execNode(process.execPath, [script, contentDir, workDir, now.toISOString()], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return snapshotCheckSchema.parse(JSON.parse(stdout));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function describe(commit: CommitInfo): string {
  return `${short(commit.sha)}（${commit.author}：${commit.subject}）`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}
