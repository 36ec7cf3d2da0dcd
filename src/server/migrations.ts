/**
 * Schema migrations, applied in order on start; the database's user_version
 * counts how many have run. Never edit a released migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tips (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    category TEXT NOT NULL,
    district TEXT NOT NULL,
    body TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    happened TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new',
    assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    article TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
  );
  CREATE INDEX tips_created ON tips(created_at);
  CREATE INDEX tips_status ON tips(status, created_at);
  CREATE TABLE tip_photos (
    id TEXT PRIMARY KEY,
    tip_id INTEGER NOT NULL REFERENCES tips(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file TEXT NOT NULL,
    mime TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL
  );
  CREATE INDEX tip_photos_tip ON tip_photos(tip_id);
  CREATE TABLE tip_notes (
    id INTEGER PRIMARY KEY,
    tip_id INTEGER NOT NULL REFERENCES tips(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX tip_notes_tip ON tip_notes(tip_id);
  CREATE TABLE day_counters (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    must_change INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    tip_ref TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX audit_at ON audit_log(at);
  CREATE TABLE used_challenges (signature TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
  CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // The reader's loop: a 查询码 stored only as its keyed hash, the conversation with the newsroom (replies and the
  // reader's additions, photos of an addition point at it), the last time the reader looked the tip up, and the
  // reader's consent to an anonymised summary on the 回音 board with the summary the editors published.
  `
  ALTER TABLE tips ADD COLUMN code_hash TEXT;
  CREATE UNIQUE INDEX tips_code_hash ON tips(code_hash) WHERE code_hash IS NOT NULL;
  ALTER TABLE tips ADD COLUMN echo_consent INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE tips ADD COLUMN reader_looked_at TEXT;
  CREATE TABLE tip_messages (
    id INTEGER PRIMARY KEY,
    tip_id INTEGER NOT NULL REFERENCES tips(id) ON DELETE CASCADE,
    sender TEXT NOT NULL CHECK (sender IN ('newsroom', 'reader')),
    author TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX tip_messages_tip ON tip_messages(tip_id, id);
  ALTER TABLE tip_photos ADD COLUMN message_id INTEGER REFERENCES tip_messages(id) ON DELETE CASCADE;
  CREATE TABLE echo_summaries (
    tip_id INTEGER PRIMARY KEY REFERENCES tips(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    author TEXT NOT NULL,
    published_at TEXT NOT NULL,
    commit_sha TEXT NOT NULL DEFAULT ''
  );
  `,
  // A 查询码's receipt opens once, whichever worker serves the confirmation page (src/server/tips/receipts.ts).
  `
  CREATE TABLE used_receipts (digest TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
  `,
];
