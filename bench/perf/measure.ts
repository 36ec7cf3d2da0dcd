/**
 * Runs one command and measures it: wall time around the spawned process,
 * peak memory of the whole process tree (sampled from /proc) and of the
 * largest single process (GNU time's "Maximum resident set size"), plus the
 * moment each log marker first appeared, so a build's phases can be told
 * apart without instrumenting the tool itself.
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAverage } from './machine.ts';

/** A log line pattern whose first appearance marks the start or end of a phase. */
export interface Marker {
  name: string;
  pattern: RegExp;
  /** Only match once this other marker has matched (for lines that repeat, like "✓ Completed"). */
  after?: string;
}

/** What to run and how long to allow. */
export interface RunOptions {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** The run is killed (whole process group) after this many milliseconds. */
  timeoutMs: number;
  /** Full stdout+stderr goes here. */
  logFile: string;
  markers?: Marker[];
  /** How often /proc is sampled for the tree's resident memory. */
  sampleMs?: number;
}

/** Figures of one run. */
export interface RunResult {
  exitCode: number | null;
  timedOut: boolean;
  wallMs: number;
  /** Highest sum of VmRSS over the process and all its descendants, sampled. */
  peakTreeRssKb: number;
  /** GNU time: the largest maximum RSS of any single process in the tree. */
  maxSingleRssKb: number | null;
  /** GNU time: user and system CPU seconds of the whole tree, and its CPU share (200 % = both cores). */
  cpu: { userS: number; systemS: number; percent: number } | null;
  /**
   * CPU seconds by process and thread name (e.g. "node/tokio-runtime-w"), from
   * /proc/<pid>/task/<tid>/stat, sampled: threads that live shorter than
   * one sample interval are missed, so the sum is a lower bound.
   */
  cpuByThread: Record<string, number>;
  /** Milliseconds from start at which each marker first matched. */
  marks: Record<string, number>;
  loadBefore: [number, number, number];
  loadAfter: [number, number, number];
  logFile: string;
  /** The last lines of output, for error reports. */
  tail: string;
}

const TIME = '/usr/bin/time';
const ANSI = /\u001b\[[0-9;]*m/g;

/** Parent pid of every process, read from /proc/<pid>/stat. */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // the process ended between readdir and read
    }
    // The command name may contain spaces and parentheses; fields restart after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  return children;
}

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** `root` and all its descendants right now. */
function treePids(root: number): number[] {
  const children = parentMap();
  const pids: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    pids.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/** Sum of resident memory of `root` and all its descendants right now. */
export function treeRssKb(root: number): number {
  return treePids(root).reduce((sum, pid) => sum + rssKb(pid), 0);
}

const TICKS_PER_SECOND = 100;

/** Records the cumulative CPU ticks of every thread of `pids` into `seen`, keyed by pid/tid. */
function sampleThreads(pids: number[], seen: Map<string, { name: string; ticks: number }>): void {
  for (const pid of pids) {
    let processName: string;
    let tids: string[];
    try {
      processName = readFileSync(`/proc/${String(pid)}/comm`, 'utf8').trim();
      tids = readdirSync(`/proc/${String(pid)}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${String(pid)}/task/${tid}/stat`, 'utf8');
        const threadName = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the name.
        const ticks = Number(fields[11]) + Number(fields[12]);
        // Thread pools number their threads; group them by the name without digits.
        const name = `${processName}/${threadName.replace(/[\d-]+$/, '').trim() || threadName}`;
        seen.set(`${String(pid)}/${tid}`, { name, ticks });
      } catch {
        // the thread ended
      }
    }
  }
}

/**
 * Runs the command under GNU time in its own process group, samples the
 * tree's memory, timestamps markers in its output and kills the group if
 * it outlives `timeoutMs`.
 */
export async function measure(options: RunOptions): Promise<RunResult> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const timeFile = `${options.logFile}.time`;
  rmSync(timeFile, { force: true });
  const log = createWriteStream(options.logFile);
  const useTime = existsSync(TIME);
  const [command, args] = useTime
    ? [TIME, ['-v', '-o', timeFile, options.command, ...options.args]]
    : [options.command, options.args];
  const loadBefore = loadAverage();
  const marks: Record<string, number> = {};
  const markers = options.markers ?? [];
  let tail: string[] = [];
  let peakTreeRssKb = 0;
  let timedOut = false;

  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so a timeout can stop the whole tree
  });
  const onLine = (line: string) => {
    const clean = line.replace(ANSI, '');
    const at = performance.now() - started;
    for (const marker of markers) {
      if (marks[marker.name] !== undefined) continue;
      if (marker.after !== undefined && marks[marker.after] === undefined) continue;
      if (marker.pattern.test(clean)) marks[marker.name] = Math.round(at);
    }
    tail.push(clean);
    if (tail.length > 60) tail = tail.slice(-40);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    stream.on('end', () => {
      if (buffered) onLine(buffered);
    });
  }
  const pid = child.pid;
  const threads = new Map<string, { name: string; ticks: number }>();
  const sampler = setInterval(() => {
    if (pid === undefined) return;
    const pids = treePids(pid);
    peakTreeRssKb = Math.max(
      peakTreeRssKb,
      pids.reduce((sum, p) => sum + rssKb(p), 0),
    );
    sampleThreads(pids, threads);
  }, options.sampleMs ?? 200);
  const killer = setTimeout(() => {
    timedOut = true;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5000).unref();
      } catch {
        // already gone
      }
    }
  }, options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      resolve(code);
    });
  });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  clearTimeout(killer);
  await new Promise<void>((resolve) => log.end(resolve));
  let maxSingleRssKb: number | null = null;
  let cpu: RunResult['cpu'] = null;
  if (useTime && existsSync(timeFile)) {
    const report = readFileSync(timeFile, 'utf8');
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (match) maxSingleRssKb = Number(match[1]);
    const user = /User time \(seconds\): ([\d.]+)/.exec(report);
    const system = /System time \(seconds\): ([\d.]+)/.exec(report);
    const percent = /Percent of CPU this job got: (\d+)%/.exec(report);
    if (user && system)
      cpu = { userS: Number(user[1]), systemS: Number(system[1]), percent: Number(percent?.[1] ?? 0) };
  }
  const cpuByThread: Record<string, number> = {};
  for (const { name, ticks } of threads.values()) {
    cpuByThread[name] = Math.round(((cpuByThread[name] ?? 0) + ticks / TICKS_PER_SECOND) * 100) / 100;
  }
  // A run shorter than one sample still has a peak: GNU time's figure is a lower bound for the tree.
  if (maxSingleRssKb !== null) peakTreeRssKb = Math.max(peakTreeRssKb, maxSingleRssKb);
  return {
    exitCode,
    timedOut,
    wallMs: Math.round(wallMs),
    peakTreeRssKb,
    maxSingleRssKb,
    cpu,
    cpuByThread: Object.fromEntries(Object.entries(cpuByThread).sort((a, b) => b[1] - a[1])),
    marks,
    loadBefore,
    loadAfter: loadAverage(),
    logFile: options.logFile,
    tail: tail.slice(-25).join('\n'),
  };
}

/** Bytes and file counts of a built output folder, split by kind. */
export interface OutputSize {
  bytes: number;
  files: number;
  html: { bytes: number; files: number };
  search: { bytes: number; files: number };
  images: { bytes: number; files: number };
  cssJs: { bytes: number; files: number };
  other: { bytes: number; files: number };
}

/** Apparent size of every file under `dir` (like `du -sb`), grouped by kind. */
export function outputSize(dir: string): OutputSize {
  const size: OutputSize = {
    bytes: 0,
    files: 0,
    html: { bytes: 0, files: 0 },
    search: { bytes: 0, files: 0 },
    images: { bytes: 0, files: 0 },
    cssJs: { bytes: 0, files: 0 },
    other: { bytes: 0, files: 0 },
  };
  if (!existsSync(dir)) return size;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes: number;
    try {
      bytes = statSync(path).size;
    } catch {
      continue;
    }
    const bucket = path.includes('/pagefind/')
      ? size.search
      : /\.html?$/.test(entry.name)
        ? size.html
        : /\.(jpe?g|png|webp|avif|gif|svg)$/i.test(entry.name)
          ? size.images
          : /\.(css|m?js)$/.test(entry.name)
            ? size.cssJs
            : size.other;
    bucket.bytes += bytes;
    bucket.files += 1;
    size.bytes += bytes;
    size.files += 1;
  }
  return size;
}
