/**
 * Storage ports: everything the core keeps between requests, and across replicas. Every method
 * returns a promise, so SQLite (embedded, one process or several on one disk) and PostgreSQL
 * (several replicas) implement the same contract; test/storage/store-contract.ts holds both to it.
 *
 * Records are plain data. Times are `Date`s; implementations store them as epoch milliseconds.
 */

// ---- conversations --------------------------------------------------------------------------

/** JSON-safe data: what the store may keep without knowing its shape. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Where an answer rests: the briefing, its section and, for a curated answer, the Q&A pair. */
export interface CitationRef {
  readonly briefingId: string;
  readonly sectionId: string;
  readonly qaId?: string;
}

/** One answered (or refused) turn, kept so feedback can name exactly what it was about. */
export interface AnswerRecord {
  /** Unique within the conversation; buttons carry it. */
  readonly id: string;
  readonly question: string;
  readonly text: string;
  readonly answered: boolean;
  /** The briefing it was answered from, or routed to when refused. */
  readonly briefingId: string | null;
  readonly citation?: CitationRef;
}

export interface ConversationState {
  readonly id: string;
  /** The answer engine's follow-up context, opaque to the store. */
  readonly context: Json;
  readonly turns: number;
  /** The latest turns, newest last (bounded by the conversation service). */
  readonly answers: readonly AnswerRecord[];
}

export interface ConversationStore {
  get(id: string, now: Date): Promise<ConversationState | undefined>;
  /** Stores the state; it expires `ttlMs` after `now` unless saved again. */
  save(state: ConversationState, now: Date, ttlMs: number): Promise<void>;
  /** Deletes expired conversations; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

// ---- feedback and unanswered questions ------------------------------------------------------

export interface FeedbackRecord {
  readonly platform: string;
  readonly user: string;
  readonly conversation: string | null;
  readonly question: string;
  readonly answer: string;
  readonly briefing: string | null;
  readonly citation?: CitationRef;
  readonly helpful: boolean;
  readonly at: Date;
}

export interface FeedbackStore {
  record(feedback: FeedbackRecord): Promise<void>;
  /** Most recent first. */
  list(options?: { helpful?: boolean; since?: Date; limit?: number }): Promise<FeedbackRecord[]>;
}

/** A question the bot refused, with the briefing it was routed to, for the editors' report. */
export interface UnansweredRecord {
  readonly platform: string;
  readonly conversation: string | null;
  readonly question: string;
  readonly briefing: string | null;
  readonly at: Date;
}

export interface UnansweredStore {
  record(entry: UnansweredRecord): Promise<void>;
  /** Most recent first. */
  list(options?: { since?: Date; limit?: number }): Promise<UnansweredRecord[]>;
}

// ---- de-duplication of incoming events ------------------------------------------------------

/**
 * Remembers keys of handled platform events (a Slack `event_id`, a Discord interaction id) for a
 * while, across replicas and restarts, so an event delivered twice is handled once.
 */
export interface EventLedger {
  /** True for the first caller of a key that is not remembered (or whose memory expired), false otherwise. Atomic. */
  firstTime(key: string, now: Date, ttlMs: number): Promise<boolean>;
  purgeExpired(now: Date): Promise<number>;
}

// ---- digest subscriptions -------------------------------------------------------------------

export type DigestPlatform = 'discord' | 'slack' | 'console';

export interface SubscriptionInput {
  readonly platform: DigestPlatform;
  readonly channelId: string;
  /** Discord guild id or Slack team id, when known. */
  readonly workspaceId?: string;
  /** The normalised schedule text (see digests/schedule.ts). */
  readonly schedule: string;
  readonly timezone: string;
  /** Briefing tags to include; empty = every briefing. */
  readonly topics: readonly string[];
  readonly length: 'tldr' | 'short' | 'full';
  readonly source: 'command' | 'config';
  readonly createdBy: string;
}

export interface Subscription extends SubscriptionInput {
  readonly id: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When the schedule or zone was last set: slots at or before it are never delivered. */
  readonly scheduleSince: Date;
  readonly pausedAt?: Date;
  readonly pausedReason?: string;
}

export interface SubscriptionStore {
  /**
   * Creates or updates the channel's subscription. With `resume`, a paused one is resumed; without,
   * it stays paused (a restart re-declaring an unchanged config digest must not un-pause it).
   */
  upsert(input: SubscriptionInput, now: Date, options: { resume: boolean }): Promise<{ subscription: Subscription; created: boolean }>;
  get(id: string): Promise<Subscription | undefined>;
  findByChannel(platform: DigestPlatform, channelId: string): Promise<Subscription | undefined>;
  /** All subscriptions, or only active (unpaused) ones, oldest first. */
  list(options?: { active?: boolean }): Promise<Subscription[]>;
  remove(id: string): Promise<boolean>;
  pause(id: string, reason: string, now: Date): Promise<void>;
  /** Clears a pause; false if there is no such subscription. */
  resume(id: string, now: Date): Promise<boolean>;
}

// ---- digest deliveries and their log --------------------------------------------------------

/**
 * pending: due, not yet attempted · sending: an attempt holds the lease · retry: waiting for its next attempt ·
 * sent / skipped / failed / paused: settled.
 */
export type DeliveryState = 'pending' | 'sending' | 'retry' | 'sent' | 'skipped' | 'failed' | 'paused';
export const SETTLED_STATES: readonly DeliveryState[] = ['sent', 'skipped', 'failed', 'paused'];

export interface Delivery {
  readonly id: number;
  readonly subscriptionId: string;
  readonly slot: Date;
  readonly state: DeliveryState;
  readonly attempts: number;
  /** The same on every attempt of the slot: Discord nonce, and the marker the bot puts in the message. */
  readonly idempotencyKey: string;
  readonly owner?: string;
  readonly leaseUntil: Date;
  readonly nextAttemptAt: Date;
  readonly detail?: string;
  readonly messageId?: string;
  /** For sent digests: briefings updated up to this time were covered; the next digest starts here. */
  readonly contentUntil?: Date;
  readonly briefings: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface DeliveryUpdate {
  readonly state: DeliveryState;
  readonly detail?: string;
  readonly messageId?: string;
  readonly contentUntil?: Date;
  readonly briefings?: readonly string[];
  readonly nextAttemptAt?: Date;
}

/** Outcomes written to the append-only delivery log. */
export type DeliveryOutcome = 'sent' | 'retried' | 'skipped' | 'failed' | 'paused' | 'recovered';

export interface DeliveryLogEntry {
  readonly deliveryId: number;
  readonly subscriptionId: string;
  readonly slot: Date;
  readonly outcome: DeliveryOutcome;
  readonly detail?: string;
  readonly at: Date;
}

export interface DeliveryStore {
  /** The latest slot with a row (any state) for the subscription. */
  lastSlot(subscriptionId: string): Promise<Date | undefined>;
  /** Inserts the (subscription, slot) row unless one exists; returns its id when this call created it. */
  open(subscriptionId: string, slot: Date, state: 'pending' | 'skipped', idempotencyKey: string, now: Date, detail?: string): Promise<number | undefined>;
  /** Rows an attempt may take now: pending, retry whose time has come, or sending whose lease expired (a crash). Oldest slot first. */
  claimable(now: Date, limit?: number): Promise<Delivery[]>;
  /**
   * Takes the row for `owner` until `leaseUntil` if it is still claimable, atomically across processes.
   * Returns the row as taken and the state it was in (`sending` means a previous attempt died mid-way).
   */
  claim(id: number, owner: string, now: Date, leaseUntil: Date): Promise<{ delivery: Delivery; previous: DeliveryState } | undefined>;
  /** Extends the lease of every row `owner` holds in `sending`; returns how many. Called while the owner works. */
  renew(owner: string, now: Date, leaseUntil: Date): Promise<number>;
  /** Lets go of `owner`'s unfinished rows (lease ends now) so another process resumes them at once; returns how many. */
  release(owner: string, now: Date): Promise<number>;
  /** Ends the attempt; only the lease holder may (false if the lease was lost). */
  finish(id: number, owner: string, update: DeliveryUpdate, now: Date): Promise<boolean>;
  /** Settles every unsettled row of a subscription (used when it is paused). */
  settleOpen(subscriptionId: string, state: DeliveryState, detail: string, now: Date): Promise<number>;
  get(id: number): Promise<Delivery | undefined>;
  lastSent(subscriptionId: string): Promise<Delivery | undefined>;
  /** The latest row by slot, any state. */
  latest(subscriptionId: string): Promise<Delivery | undefined>;
  /** The earliest `nextAttemptAt` of a row waiting in `retry`, for the scheduler's wake-up. */
  nextRetryAt(): Promise<Date | undefined>;
  log(entry: DeliveryLogEntry): Promise<void>;
  /** The delivery log, most recent first; optionally one subscription's, and only entries at or after `since`. */
  history(options?: { subscriptionId?: string; since?: Date; limit?: number }): Promise<DeliveryLogEntry[]>;
}

// ---- the store ------------------------------------------------------------------------------

export interface Store {
  /** `sqlite` or `postgres`, for logs and readiness. */
  readonly kind: string;
  readonly conversations: ConversationStore;
  readonly feedback: FeedbackStore;
  readonly unanswered: UnansweredStore;
  readonly events: EventLedger;
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;
  /** Resolves when the store answers a trivial query (readiness checks); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
