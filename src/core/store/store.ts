import type { ConversationContext } from '../answers/query.js';
import type { DeliveryStore, SubscriptionStore } from '../digests/digest-types.js';

/**
 * Storage ports. The SQLite implementation lives in `src/storage/sqlite`; a PostgreSQL one only
 * has to satisfy these interfaces (and pass test/storage/store-contract.ts).
 */
export interface ConversationState {
  readonly id: string;
  readonly context: ConversationContext;
  /** Briefing id the conversation is about, and the last question and answer, for feedback and threads. */
  readonly lastQuestion: string;
  readonly lastCitations: readonly string[];
  readonly turns: number;
}

export interface ConversationStore {
  get(id: string, now: Date): ConversationState | undefined;
  /** Stores the state; it expires `ttlMs` after `now` unless saved again. */
  save(state: ConversationState, now: Date, ttlMs: number): void;
  /** Deletes expired conversations; returns how many. */
  purgeExpired(now: Date): number;
}

export interface FeedbackRecord {
  readonly platform: string;
  readonly user: string;
  readonly conversation: string | null;
  readonly question: string;
  readonly answer: string;
  readonly briefing: string | null;
  readonly citations: readonly string[];
  readonly helpful: boolean;
  readonly at: Date;
}

export interface FeedbackStore {
  record(feedback: FeedbackRecord): void;
  /** Most recent first. */
  list(options?: { helpful?: boolean; limit?: number }): FeedbackRecord[];
}

export interface Store {
  readonly conversations: ConversationStore;
  readonly feedback: FeedbackStore;
  /** Digest subscriptions and their delivery log. */
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;
  close(): void;
}
