import type { ConversationState, ConversationStore } from '../../core/ports/storage.js';
import type { SqliteDatabase } from './sqlite-database.js';

export class SqliteConversationStore implements ConversationStore {
  private readonly getStmt;
  private readonly saveStmt;
  private readonly purgeStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string, number], { state: string }>('SELECT state FROM conversations WHERE id = ? AND expires_at > ?');
    this.saveStmt = db.prepare(
      'INSERT INTO conversations (id, state, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at',
    );
    this.purgeStmt = db.prepare('DELETE FROM conversations WHERE expires_at <= ?');
  }

  async get(id: string, now: Date): Promise<ConversationState | undefined> {
    const row = this.getStmt.get(id, now.getTime());
    return row ? normalise(JSON.parse(row.state) as Partial<ConversationState> & { id: string }) : undefined;
  }

  async save(state: ConversationState, now: Date, ttlMs: number): Promise<void> {
    this.saveStmt.run(state.id, JSON.stringify(state), now.getTime() + ttlMs);
  }

  async purgeExpired(now: Date): Promise<number> {
    return this.purgeStmt.run(now.getTime()).changes;
  }
}

/** Rows written before answers were recorded per turn lack `answers`; they still continue. */
export function normalise(s: Partial<ConversationState> & { id: string }): ConversationState {
  return { id: s.id, context: s.context ?? {}, turns: s.turns ?? 0, answers: Array.isArray(s.answers) ? s.answers : [] };
}
