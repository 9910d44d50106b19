import type { EventLedger } from '../../core/ports/storage.js';
import type { SqliteDatabase } from './sqlite-database.js';

export class SqliteEventLedger implements EventLedger {
  private readonly claimStmt;
  private readonly purgeStmt;

  constructor(db: SqliteDatabase) {
    // One statement: a new key inserts, an expired one is taken over, a live one changes nothing.
    this.claimStmt = db.prepare(
      `INSERT INTO handled_events (key, expires_at) VALUES (@key, @expires) ON CONFLICT (key)
       DO UPDATE SET expires_at = excluded.expires_at WHERE handled_events.expires_at <= @now`,
    );
    this.purgeStmt = db.prepare('DELETE FROM handled_events WHERE expires_at <= ?');
  }

  async firstTime(key: string, now: Date, ttlMs: number): Promise<boolean> {
    return this.claimStmt.run({ key, expires: now.getTime() + ttlMs, now: now.getTime() }).changes > 0;
  }

  async purgeExpired(now: Date): Promise<number> {
    return this.purgeStmt.run(now.getTime()).changes;
  }
}
