import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DeliveryStore, SubscriptionStore } from '../../core/digests/digest-types.js';
import type { ConversationState, ConversationStore, FeedbackRecord, FeedbackStore, Store } from '../../core/store/store.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteDeliveryStore, SqliteSubscriptionStore } from './sqlite-digest-stores.js';

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

export function migrate(db: SqliteDatabase, migrations: readonly string[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

class SqliteConversationStore implements ConversationStore {
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

  get(id: string, now: Date): ConversationState | undefined {
    const row = this.getStmt.get(id, now.getTime());
    return row ? (JSON.parse(row.state) as ConversationState) : undefined;
  }

  save(state: ConversationState, now: Date, ttlMs: number): void {
    this.saveStmt.run(state.id, JSON.stringify(state), now.getTime() + ttlMs);
  }

  purgeExpired(now: Date): number {
    return this.purgeStmt.run(now.getTime()).changes;
  }
}

interface FeedbackRow {
  platform: string;
  user_id: string;
  conversation: string | null;
  question: string;
  answer: string;
  briefing: string | null;
  citations: string;
  helpful: number;
  at: number;
}

class SqliteFeedbackStore implements FeedbackStore {
  constructor(private readonly db: SqliteDatabase) {}

  record(f: FeedbackRecord): void {
    this.db
      .prepare('INSERT INTO feedback (platform, user_id, conversation, question, answer, briefing, citations, helpful, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(f.platform, f.user, f.conversation, f.question, f.answer, f.briefing, JSON.stringify(f.citations), f.helpful ? 1 : 0, f.at.getTime());
  }

  list(options: { helpful?: boolean; limit?: number } = {}): FeedbackRecord[] {
    const where = options.helpful === undefined ? '' : `WHERE helpful = ${options.helpful ? 1 : 0}`;
    const rows = this.db.prepare<[number], FeedbackRow>(`SELECT * FROM feedback ${where} ORDER BY at DESC, id DESC LIMIT ?`).all(options.limit ?? 100);
    return rows.map((r) => ({
      platform: r.platform,
      user: r.user_id,
      conversation: r.conversation,
      question: r.question,
      answer: r.answer,
      briefing: r.briefing,
      citations: JSON.parse(r.citations) as string[],
      helpful: r.helpful === 1,
      at: new Date(r.at),
    }));
  }
}

export class SqliteStore implements Store {
  readonly conversations: ConversationStore;
  readonly feedback: FeedbackStore;
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;

  constructor(readonly db: SqliteDatabase) {
    this.conversations = new SqliteConversationStore(db);
    this.feedback = new SqliteFeedbackStore(db);
    this.subscriptions = new SqliteSubscriptionStore(db);
    this.deliveries = new SqliteDeliveryStore(db);
  }

  static open(path: string): SqliteStore {
    return new SqliteStore(openSqlite(path));
  }

  close(): void {
    this.db.close();
  }
}
