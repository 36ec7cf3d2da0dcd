import { randomBytes } from 'node:crypto';
import { readConfig, SPAM_LIMITS, type ServerConfig } from './config.ts';
import { GroupCommit, openDatabase, type Db } from './db.ts';
import type { InboxServices } from './inbox/handlers.ts';
import { LoginThrottle } from './inbox/login-throttle.ts';
import { ProofOfWork } from './security/pow.ts';
import { LimitStore } from './security/limit-store.ts';
import { AddressHasher, SlidingWindowLimiter } from './security/ratelimit.ts';
import { photosDir } from './tips/photos.ts';
import { startupMaintenance, deleteExpiredTips } from './tips/store.ts';
import type { TipServices } from './tips/submit.ts';

const HOUR = 60 * 60 * 1000;

/** Everything the tips endpoint and the inbox share within one server process. */
export interface Services {
  config: ServerConfig;
  db: Db;
  tips: Omit<TipServices, 'districts'>;
  inbox: InboxServices;
  close: () => void;
}

/** The secret that signs proof-of-work challenges; created once and kept in the database. */
export function serverSecret(db: Db, name: string): string {
  const row = db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as
    { value: string } | undefined;
  if (row) return row.value;
  const value = randomBytes(32).toString('base64url');
  db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(name, value);
  return (db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as { value: string }).value;
}

/**
 * Opens the database, runs migrations and start-up retention, and wires the
 * handlers' collaborators. `now` is injectable so tests can move time.
 */
export function createServices(
  options: Pick<ServerConfig, 'dataDir' | 'retentionDays'> & Partial<ServerConfig>,
  now: () => number = Date.now,
): Services {
  const config: ServerConfig = { rateLimitFactor: 1, ...options };
  const db = openDatabase(config.dataDir);
  const dir = photosDir(config.dataDir);
  startupMaintenance(db, dir, config.retentionDays, new Date(now()));
  // Counters outlive the worker: the publisher starts a new one at every publish (see LimitStore).
  const limits = LimitStore.inFolder(config.dataDir);
  const limiter = (name: string, windowMs = HOUR) =>
    new SlidingWindowLimiter(windowMs, now, { store: limits, name });
  const addresses = new AddressHasher(now, config.addressSecret);
  const pow = new ProofOfWork(db, serverSecret(db, 'pow'), now);
  const timer = setInterval(() => {
    deleteExpiredTips(db, dir, config.retentionDays, new Date(now()));
  }, 24 * HOUR);
  timer.unref();
  return {
    config,
    db,
    tips: {
      db,
      commits: new GroupCommit(db),
      photosDir: dir,
      pow,
      addresses,
      perAddress: limiter('tips'),
      perAddressNoPow: limiter('tips-no-pow'),
      globalNoPow: limiter('tips-no-pow-all'),
      lookups: limiter('code-lookups'),
      lookupFailures: limiter('code-lookup-failures'),
      now,
      limits: {
        perHour: SPAM_LIMITS.perHour * config.rateLimitFactor,
        perHourNoPow: SPAM_LIMITS.perHourNoPow * config.rateLimitFactor,
        globalPerHourNoPow: SPAM_LIMITS.globalPerHourNoPow * config.rateLimitFactor,
      },
    },
    inbox: {
      db,
      photosDir: dir,
      addresses,
      logins: new LoginThrottle(limits, addresses, now),
      now,
    },
    close: () => {
      clearInterval(timer);
      limits.close();
      db.close();
    },
  };
}

let shared: Services | undefined;

/** The process-wide services, opened on first use from DATA_DIR and TIPS_RETENTION_DAYS. */
export function getServices(): Services {
  shared ??= createServices(readConfig());
  return shared;
}
