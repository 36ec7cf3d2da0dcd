import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';
import { serverSecret } from '../services.ts';

/** How long the confirmation page can still show a new tip's 查询码. */
const TTL_MS = 30 * 60 * 1000;

interface Sealed {
  /** The tip's reference number. */
  r: string;
  /** The 查询码. */
  c: string;
  /** Expiry, ms since the epoch. */
  e: number;
}

/**
 * The 查询码 of a new tip on its way to the confirmation page. The database
 * has only the code's hash, so the code travels in the redirect's receipt,
 * sealed (AES-256-GCM) under a key only the server has: any worker can open
 * it, which matters because the publisher replaces the worker at every
 * publish, and a code kept in one worker's memory was lost when the switch
 * fell between the tip and its page. A receipt opens once: its digest is
 * recorded when the page shows the code, so a reload, the browser's history
 * or a log line shows nothing; it also expires after half an hour.
 */
export class Receipts {
  private readonly key: Buffer;
  private readonly db: Db;

  constructor(db: Db, key: Buffer) {
    this.db = db;
    this.key = key;
  }

  /** Seals a code for its confirmation page and returns the receipt for the redirect. */
  issue(ref: string, code: string, now: number): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed: Sealed = { r: ref, c: code, e: now + TTL_MS };
    const body = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The code for this receipt and reference, once; undefined after that, when expired, forged or for another tip. */
  take(receipt: string, ref: string, now: number): string | undefined {
    const sealed = this.open(receipt);
    if (sealed?.r !== ref || sealed.e <= now) return undefined;
    this.db.prepare('DELETE FROM used_receipts WHERE expires_at <= ?').run(now);
    const digest = createHash('sha256').update(receipt).digest('base64url');
    const first = this.db
      .prepare('INSERT OR IGNORE INTO used_receipts (digest, expires_at) VALUES (?, ?)')
      .run(digest, sealed.e);
    return first.changes === 1 ? sealed.c : undefined;
  }

  private open(receipt: string): Sealed | undefined {
    const bytes = Buffer.from(receipt, 'base64url');
    if (bytes.length < 29) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      const value = JSON.parse(text) as Partial<Sealed>;
      if (typeof value.r !== 'string' || typeof value.c !== 'string' || typeof value.e !== 'number')
        return undefined;
      return { r: value.r, c: value.c, e: value.e };
    } catch {
      return undefined;
    }
  }
}

const opened = new WeakMap<Db, Receipts>();

/** The receipts of this database: the key is made once, kept in the database, and shared by every worker. */
export function receiptsFor(db: Db): Receipts {
  let receipts = opened.get(db);
  if (!receipts) {
    const key = createHash('sha256').update(serverSecret(db, 'receipt')).digest();
    receipts = new Receipts(db, key);
    opened.set(db, receipts);
  }
  return receipts;
}
