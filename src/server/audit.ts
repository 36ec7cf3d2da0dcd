import type { Db } from './db.ts';

/** One audit log line. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  tip_ref: string;
  detail: string;
}

/**
 * Records a change. Details name what changed (a status, an assignee), never
 * the tip's text or the reader's contact details, so the log holds nothing
 * the retention rule must later erase.
 */
export function audit(
  db: Db,
  actor: string,
  action: string,
  tipRef = '',
  detail = '',
  at = new Date(),
): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, tip_ref, detail) VALUES (?, ?, ?, ?, ?)').run(
    at.toISOString(),
    actor,
    action,
    tipRef,
    detail,
  );
}

/** The newest audit entries first. */
export function listAudit(db: Db, limit = 200, offset = 0): AuditEntry[] {
  return db
    .prepare('SELECT id, at, actor, action, tip_ref, detail FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?')
    .all(limit, offset) as unknown as AuditEntry[];
}
