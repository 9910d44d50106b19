import type { ConversationStore, DeliveryStore, EventLedger, FeedbackStore, Store, SubscriptionStore, UnansweredStore } from '../../core/ports/storage.js';
import { SqliteConversationStore } from './sqlite-conversations.js';
import { openSqlite, type SqliteDatabase } from './sqlite-database.js';
import { SqliteDeliveryStore } from './sqlite-deliveries.js';
import { SqliteEventLedger } from './sqlite-events.js';
import { SqliteFeedbackStore, SqliteUnansweredStore } from './sqlite-feedback.js';
import { SqliteSubscriptionStore } from './sqlite-subscriptions.js';

/**
 * The embedded store. better-sqlite3 is synchronous, so every method does its work before its
 * promise resolves; the async ports cost a microtask here and let PostgreSQL share the contract.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly conversations: ConversationStore;
  readonly feedback: FeedbackStore;
  readonly unanswered: UnansweredStore;
  readonly events: EventLedger;
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;

  constructor(readonly db: SqliteDatabase) {
    this.conversations = new SqliteConversationStore(db);
    this.feedback = new SqliteFeedbackStore(db);
    this.unanswered = new SqliteUnansweredStore(db);
    this.events = new SqliteEventLedger(db);
    this.subscriptions = new SqliteSubscriptionStore(db);
    this.deliveries = new SqliteDeliveryStore(db);
  }

  static open(path: string): SqliteStore {
    return new SqliteStore(openSqlite(path));
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
