import type { ConversationState, ConversationStore } from '../../core/ports/storage.js';
import type { PgDatabase } from './pg-database.js';

export class PgConversationStore implements ConversationStore {
  constructor(private readonly db: PgDatabase) {}

  async get(id: string, now: Date): Promise<ConversationState | undefined> {
    const [row] = await this.db.rows<{ state: ConversationState }>('SELECT state FROM conversations WHERE id = $1 AND expires_at > $2', [id, now]);
    return row?.state;
  }

  async save(state: ConversationState, now: Date, ttlMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO conversations (id, state, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at`,
      [state.id, JSON.stringify(state), new Date(now.getTime() + ttlMs)],
    );
  }

  async purgeExpired(now: Date): Promise<number> {
    return this.db.changes('DELETE FROM conversations WHERE expires_at <= $1', [now]);
  }
}
