import type { ConversationStore, DeliveryStore, EventLedger, FeedbackStore, Store, SubscriptionStore, UnansweredStore } from '../../core/ports/storage.js';
import { PgConversationStore } from './pg-conversations.js';
import { migrate, PgDatabase, type PgOptions } from './pg-database.js';
import { PgDeliveryStore } from './pg-deliveries.js';
import { PgEventLedger } from './pg-events.js';
import { PgFeedbackStore, PgUnansweredStore } from './pg-feedback.js';
import { PgSubscriptionStore } from './pg-subscriptions.js';

/**
 * The store for replicas: every process on one PostgreSQL database sees the same conversations, event ledger
 * and digest claims. `url` is a libpq-style URL (`postgres://user:password@host:5432/db`); its `options`
 * parameter passes server settings, e.g. `?options=-c%20search_path%3Dbriefbot` for a schema of its own.
 */
export class PgStore implements Store {
  readonly kind = 'postgres';
  readonly db: PgDatabase;
  readonly conversations: ConversationStore;
  readonly feedback: FeedbackStore;
  readonly unanswered: UnansweredStore;
  readonly events: EventLedger;
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;

  /** Makes the pool; nothing connects until the first query (see `open` for start-up). */
  constructor(url: string, options: PgOptions) {
    this.db = new PgDatabase(url, options);
    this.conversations = new PgConversationStore(this.db);
    this.feedback = new PgFeedbackStore(this.db);
    this.unanswered = new PgUnansweredStore(this.db);
    this.events = new PgEventLedger(this.db);
    this.subscriptions = new PgSubscriptionStore(this.db);
    this.deliveries = new PgDeliveryStore(this.db);
  }

  /** Connects and brings the schema up to date; rejects (and closes the pool) if either fails. */
  static async open(url: string, options: PgOptions): Promise<PgStore> {
    const store = new PgStore(url, options);
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** Applies pending migrations; safe when several replicas start at once. Returns the versions applied. */
  migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  ping(): Promise<void> {
    return this.db.ping();
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
