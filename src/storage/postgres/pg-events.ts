import { randomUUID } from 'node:crypto';
import type { EventLedger } from '../../core/ports/storage.js';
import type { PgDatabase } from './pg-database.js';

export class PgEventLedger implements EventLedger {
  constructor(private readonly db: PgDatabase) {}

  async firstTime(key: string, now: Date, ttlMs: number): Promise<boolean> {
    // One statement: a new key inserts; an expired one is taken over; a live one is left alone and returns no row.
    // Racing callers queue on the key's row, and each re-checks the WHERE against the winner's committed row.
    // The token makes a retry of this same call (its first reply lost with the connection) find its own row.
    const taken = await this.db.changes(
      `INSERT INTO handled_events AS h (key, expires_at, claim_token) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, claim_token = EXCLUDED.claim_token
         WHERE h.expires_at <= $4 OR h.claim_token = EXCLUDED.claim_token`,
      [key, new Date(now.getTime() + ttlMs), randomUUID(), now],
    );
    return taken > 0;
  }

  async purgeExpired(now: Date): Promise<number> {
    return this.db.changes('DELETE FROM handled_events WHERE expires_at <= $1', [now]);
  }
}
