/**
 * Versioned schema. Each entry runs once, in order, inside a transaction; `user_version`
 * records how far a database has got. Append new migrations, never edit applied ones.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX conversations_expiry ON conversations (expires_at);`,
  `CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     conversation TEXT,
     question TEXT NOT NULL,
     answer TEXT NOT NULL,
     briefing TEXT,
     citations TEXT NOT NULL,
     helpful INTEGER NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX feedback_helpful ON feedback (helpful, at);`,
  `CREATE TABLE digest_subscriptions (
     id TEXT PRIMARY KEY,
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     workspace_id TEXT,
     schedule TEXT NOT NULL,
     timezone TEXT NOT NULL,
     topics TEXT NOT NULL,
     length TEXT NOT NULL,
     source TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     schedule_since INTEGER NOT NULL,
     paused_at INTEGER,
     paused_reason TEXT,
     UNIQUE (platform, channel_id)
   );
   CREATE TABLE digest_deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     subscription_id TEXT NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
     slot INTEGER NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     idempotency_key TEXT NOT NULL,
     owner TEXT,
     lease_until INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL DEFAULT 0,
     detail TEXT,
     message_id TEXT,
     content_until INTEGER,
     briefings TEXT NOT NULL DEFAULT '[]',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     UNIQUE (subscription_id, slot)
   );
   CREATE INDEX digest_deliveries_open ON digest_deliveries (state, next_attempt_at);
   CREATE TABLE digest_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     delivery_id INTEGER NOT NULL,
     subscription_id TEXT NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
     slot INTEGER NOT NULL,
     outcome TEXT NOT NULL,
     detail TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX digest_log_subscription ON digest_log (subscription_id, at);`,
  // Answer feedback names its citation as data; refused questions and handled platform events are kept.
  `ALTER TABLE feedback ADD COLUMN citation TEXT;
   CREATE TABLE unanswered (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     platform TEXT NOT NULL,
     conversation TEXT,
     question TEXT NOT NULL,
     briefing TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX unanswered_at ON unanswered (at);
   CREATE TABLE handled_events (
     key TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX handled_events_expiry ON handled_events (expires_at);
   CREATE INDEX digest_log_at ON digest_log (at);`,
];
