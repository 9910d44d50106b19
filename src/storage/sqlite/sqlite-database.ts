import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

/** Opens (creating if needed) the database at `path` (or `:memory:`) and brings its schema up to date. */
export function openSqlite(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets a second process (or a second instance of the bot) read while one writes;
  // busy_timeout makes concurrent writers wait for the lock instead of failing.
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL still survives a crash of the process (what the digest claims guard
  // against); only an OS crash or power loss can roll back the last commits. It saves an fsync
  // per commit, which is most of the cost of a claim.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Runs the migrations `user_version` has not seen yet, each in its own write transaction. */
export function migrate(db: SqliteDatabase, migrations: readonly string[] = MIGRATIONS): void {
  for (let v = db.pragma('user_version', { simple: true }) as number; v < migrations.length; v++) {
    db.transaction(() => {
      // Another process may have migrated while this one waited for the write lock.
      if ((db.pragma('user_version', { simple: true }) as number) > v) return;
      db.exec(migrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/** JSON text as stored, or undefined for SQL NULL. */
export function parseJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}
