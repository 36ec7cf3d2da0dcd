import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ContentProblem } from '../lib/content-check.ts';
import type { BuildPhase } from './builder.ts';
import type { CommitInfo } from './git.ts';

/** A build that went live. */
export interface LiveBuild {
  commit: CommitInfo;
  /** The folder holding `client/` and `server/`. */
  dir: string;
  /** The "now" the build used for scheduled stories. */
  buildNow: string;
  /** When readers started getting it. */
  liveAt: string;
  /** From noticing the commit to serving it. */
  seconds: number;
  stories: number;
}

/** The build under way. */
export interface RunningBuild {
  commit: CommitInfo;
  startedAt: string;
  phase: BuildPhase;
  /** Why it runs: a new commit, a scheduled story, or the first start. */
  reason: string;
}

/** The last build that did not go live, with everything an editor needs to fix it. */
export interface FailedBuild {
  commit: CommitInfo;
  at: string;
  /** Problems in the content, each with its file and field. */
  problems: ContentProblem[];
  /** What went wrong when no content problem explains it: the end of the build log or a check of the output. */
  details: string[];
}

/** One line of the publishing history. */
export interface HistoryEntry {
  commit: CommitInfo;
  result: 'live' | 'failed';
  /** When the build started and when it ended (went live or failed). */
  startedAt: string;
  at: string;
  seconds: number;
}

/**
 * Everything the publisher knows, written to one JSON file after every change.
 * The status page reads it, and a restarted publisher resumes from it: the
 * live build is served again at once, and a commit that never went live is
 * built again.
 */
export interface PublishStatus {
  branch: string;
  live?: LiveBuild | undefined;
  building?: RunningBuild | undefined;
  /** The newest commit waiting for the running build to finish. */
  queued?: CommitInfo | undefined;
  failure?: FailedBuild | undefined;
  next?: { slug: string; title: string; at: string } | undefined;
  history: HistoryEntry[];
  updatedAt: string;
}

/** Reads the status file; undefined when there is none yet or it cannot be read. */
export function readStatus(file: string): PublishStatus | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PublishStatus;
  } catch {
    return undefined;
  }
}

/** Writes the status file atomically: a reader never sees half of it, a crash never leaves it torn. */
export function writeStatus(file: string, status: PublishStatus): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(status, null, 2)}\n`);
  renameSync(temporary, file);
}
