import type { BriefingLength } from '../briefing/briefing.js';

/**
 * Digest subscriptions and their delivery log, as the store keeps them. One subscription per
 * (platform, channel). Every (subscription, slot) has at most one delivery row: inserting it is the
 * claim that makes a slot happen once, whichever process, restart or retry gets there.
 */
export type DigestPlatform = 'discord' | 'slack' | 'console';
export type NothingNewPolicy = 'skip' | 'post';

export interface SubscriptionInput {
  readonly platform: DigestPlatform;
  readonly channelId: string;
  /** Discord guild id or Slack team id, when known. */
  readonly workspaceId?: string;
  /** The normalised schedule text (see schedule.ts). */
  readonly schedule: string;
  readonly timezone: string;
  /** Briefing tags to include; empty = every briefing. */
  readonly topics: readonly string[];
  readonly length: BriefingLength;
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
  /** Sent with every attempt (Discord nonce), so a retry after an unclear failure cannot post twice. */
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

export interface SubscriptionStore {
  /** Creates or updates the channel's subscription; a paused one is resumed. */
  upsert(input: SubscriptionInput, now: Date): { subscription: Subscription; created: boolean };
  get(id: string): Subscription | undefined;
  findByChannel(platform: DigestPlatform, channelId: string): Subscription | undefined;
  /** All subscriptions, or only active (unpaused) ones. */
  list(options?: { active?: boolean }): Subscription[];
  remove(id: string): boolean;
  pause(id: string, reason: string, now: Date): void;
}

export interface DeliveryUpdate {
  readonly state: DeliveryState;
  readonly detail?: string;
  readonly messageId?: string;
  readonly contentUntil?: Date;
  readonly briefings?: readonly string[];
  readonly nextAttemptAt?: Date;
}

export interface DeliveryStore {
  /** The latest slot with a row (any state) for the subscription. */
  lastSlot(subscriptionId: string): Date | undefined;
  /** Inserts the (subscription, slot) row unless one exists; returns its id when this call created it. */
  open(subscriptionId: string, slot: Date, state: 'pending' | 'skipped', idempotencyKey: string, now: Date, detail?: string): number | undefined;
  /** Rows an attempt may take now: pending, retry whose time has come, or sending whose lease expired (a crash). */
  claimable(now: Date, limit?: number): Delivery[];
  /**
   * Takes the row for `owner` until `leaseUntil` if it is still claimable, atomically across processes.
   * Returns the row as taken and the state it was in (`sending` means a previous attempt died mid-way).
   */
  claim(id: number, owner: string, now: Date, leaseUntil: Date): { delivery: Delivery; previous: DeliveryState } | undefined;
  /** Ends the attempt; only the lease holder may (false if the lease was lost). */
  finish(id: number, owner: string, update: DeliveryUpdate, now: Date): boolean;
  /** Settles every unsettled row of a subscription (used when it is paused). */
  settleOpen(subscriptionId: string, state: DeliveryState, detail: string, now: Date): number;
  get(id: number): Delivery | undefined;
  lastSent(subscriptionId: string): Delivery | undefined;
  /** The latest row by slot, any state. */
  latest(subscriptionId: string): Delivery | undefined;
  log(entry: DeliveryLogEntry): void;
  /** Most recent first. */
  history(subscriptionId: string, limit?: number): DeliveryLogEntry[];
}
