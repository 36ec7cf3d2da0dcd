import { randomBytes } from 'node:crypto';

/** How long the confirmation page can still show a new tip's 查询码. */
const TTL_MS = 30 * 60 * 1000;
/** A bound on memory: a flood of tips cannot grow the map without end. */
const MAX_OPEN = 10_000;

/**
 * The 查询码 of new tips, kept in memory only until the confirmation page has shown it once. The database
 * has only the code's hash, and the code never goes into a URL: the redirect after a tip carries a random
 * single-use receipt instead, which is worthless once the page has been shown (a reload, the browser's
 * history or a log line then shows nothing). A restart in between loses the code; the page then says so.
 */
export class Receipts {
  private readonly open = new Map<string, { ref: string; code: string; expires: number }>();

  /** Keeps a code for its confirmation page and returns the receipt for the redirect. */
  issue(ref: string, code: string, now: number): string {
    if (this.open.size >= MAX_OPEN) this.prune(now);
    if (this.open.size >= MAX_OPEN) {
      const oldest = this.open.keys().next();
      if (!oldest.done) this.open.delete(oldest.value);
    }
    const receipt = randomBytes(18).toString('base64url');
    this.open.set(receipt, { ref, code, expires: now + TTL_MS });
    return receipt;
  }

  /** The code for this receipt and reference, once; undefined after that, when expired or for another tip. */
  take(receipt: string, ref: string, now: number): string | undefined {
    const entry = this.open.get(receipt);
    if (entry?.ref !== ref) return undefined;
    this.open.delete(receipt);
    return entry.expires > now ? entry.code : undefined;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.open) if (entry.expires <= now) this.open.delete(key);
  }
}

/** The process's receipts (one server process serves the endpoint and its confirmation page). */
export const receipts = new Receipts();
