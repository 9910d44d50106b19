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
];
