import { randomBytes } from 'node:crypto';
import type { BriefingLength } from '../../core/briefing/briefing.js';
import type {
  Delivery,
  DeliveryLogEntry,
  DeliveryOutcome,
  DeliveryState,
  DeliveryStore,
  DeliveryUpdate,
  DigestPlatform,
  Subscription,
  SubscriptionInput,
  SubscriptionStore,
} from '../../core/digests/digest-types.js';
import type { SqliteDatabase } from './sqlite-store.js';

interface SubscriptionRow {
  id: string;
  platform: string;
  channel_id: string;
  workspace_id: string | null;
  schedule: string;
  timezone: string;
  topics: string;
  length: string;
  source: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  schedule_since: number;
  paused_at: number | null;
  paused_reason: string | null;
}

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    platform: r.platform as DigestPlatform,
    channelId: r.channel_id,
    ...(r.workspace_id ? { workspaceId: r.workspace_id } : {}),
    schedule: r.schedule,
    timezone: r.timezone,
    topics: JSON.parse(r.topics) as string[],
    length: r.length as BriefingLength,
    source: r.source as 'command' | 'config',
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    scheduleSince: new Date(r.schedule_since),
    ...(r.paused_at !== null ? { pausedAt: new Date(r.paused_at) } : {}),
    ...(r.paused_reason !== null ? { pausedReason: r.paused_reason } : {}),
  };
}

export class SqliteSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: SqliteDatabase) {}

  upsert(input: SubscriptionInput, now: Date): { subscription: Subscription; created: boolean } {
    return this.db
      .transaction(() => {
        const existing = this.findByChannel(input.platform, input.channelId);
        const t = now.getTime();
        // The columns both statements set, in the order both list them.
        const settable = [input.workspaceId ?? null, input.schedule, input.timezone, JSON.stringify(input.topics), input.length, input.source, input.createdBy];
        if (!existing) {
          const id = randomBytes(8).toString('hex');
          this.db
            .prepare(
              `INSERT INTO digest_subscriptions (id, platform, channel_id, workspace_id, schedule, timezone, topics, length, source, created_by, created_at, updated_at, schedule_since)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(id, input.platform, input.channelId, ...settable, t, t, t);
          return { subscription: this.get(id) as Subscription, created: true };
        }
        const scheduleChanged = existing.schedule !== input.schedule || existing.timezone !== input.timezone;
        this.db
          .prepare(
            `UPDATE digest_subscriptions SET workspace_id = COALESCE(?, workspace_id), schedule = ?, timezone = ?, topics = ?, length = ?, source = ?,
               created_by = ?, updated_at = ?, schedule_since = ?, paused_at = NULL, paused_reason = NULL WHERE id = ?`,
          )
          .run(...settable, t, scheduleChanged || existing.pausedAt ? t : existing.scheduleSince.getTime(), existing.id);
        return { subscription: this.get(existing.id) as Subscription, created: false };
      })
      .immediate();
  }

  get(id: string): Subscription | undefined {
    return this.findWhere('WHERE id = ?', id);
  }

  findByChannel(platform: DigestPlatform, channelId: string): Subscription | undefined {
    return this.findWhere('WHERE platform = ? AND channel_id = ?', platform, channelId);
  }

  private findWhere(where: string, ...params: string[]): Subscription | undefined {
    const row = this.db.prepare<string[], SubscriptionRow>(`SELECT * FROM digest_subscriptions ${where}`).get(...params);
    return row ? toSubscription(row) : undefined;
  }

  list(options: { active?: boolean } = {}): Subscription[] {
    const where = options.active === undefined ? '' : options.active ? 'WHERE paused_at IS NULL' : 'WHERE paused_at IS NOT NULL';
    return this.db.prepare<[], SubscriptionRow>(`SELECT * FROM digest_subscriptions ${where} ORDER BY created_at, id`).all().map(toSubscription);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM digest_subscriptions WHERE id = ?').run(id).changes > 0;
  }

  pause(id: string, reason: string, now: Date): void {
    this.db
      .prepare('UPDATE digest_subscriptions SET paused_at = ?, paused_reason = ?, updated_at = ? WHERE id = ?')
      .run(now.getTime(), reason, now.getTime(), id);
  }
}

interface DeliveryRow {
  id: number;
  subscription_id: string;
  slot: number;
  state: string;
  attempts: number;
  idempotency_key: string;
  owner: string | null;
  lease_until: number;
  next_attempt_at: number;
  detail: string | null;
  message_id: string | null;
  content_until: number | null;
  briefings: string;
  created_at: number;
  updated_at: number;
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    slot: new Date(r.slot),
    state: r.state as DeliveryState,
    attempts: r.attempts,
    idempotencyKey: r.idempotency_key,
    ...(r.owner !== null ? { owner: r.owner } : {}),
    leaseUntil: new Date(r.lease_until),
    nextAttemptAt: new Date(r.next_attempt_at),
    ...(r.detail !== null ? { detail: r.detail } : {}),
    ...(r.message_id !== null ? { messageId: r.message_id } : {}),
    ...(r.content_until !== null ? { contentUntil: new Date(r.content_until) } : {}),
    briefings: JSON.parse(r.briefings) as string[],
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

const CLAIMABLE = `((state IN ('pending', 'retry') AND next_attempt_at <= @now AND lease_until <= @now) OR (state = 'sending' AND lease_until <= @now))`;

export class SqliteDeliveryStore implements DeliveryStore {
  private readonly claimStmt;
  private readonly selectClaimable;
  private readonly getStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.claimStmt = db.prepare(
      `UPDATE digest_deliveries SET state = 'sending', owner = @owner, lease_until = @lease, attempts = attempts + 1, updated_at = @now
       WHERE id = @id AND ${CLAIMABLE}`,
    );
    this.selectClaimable = db.prepare<[{ now: number; limit: number }], DeliveryRow>(
      `SELECT * FROM digest_deliveries WHERE ${CLAIMABLE} ORDER BY slot, id LIMIT @limit`,
    );
    this.getStmt = db.prepare<[number], DeliveryRow>('SELECT * FROM digest_deliveries WHERE id = ?');
  }

  lastSlot(subscriptionId: string): Date | undefined {
    const row = this.db
      .prepare<[string], { slot: number | null }>('SELECT MAX(slot) AS slot FROM digest_deliveries WHERE subscription_id = ?')
      .get(subscriptionId);
    return row?.slot != null ? new Date(row.slot) : undefined;
  }

  open(subscriptionId: string, slot: Date, state: 'pending' | 'skipped', idempotencyKey: string, now: Date, detail?: string): number | undefined {
    const result = this.db
      .prepare(
        `INSERT INTO digest_deliveries (subscription_id, slot, state, idempotency_key, detail, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, slot) DO NOTHING`,
      )
      .run(subscriptionId, slot.getTime(), state, idempotencyKey, detail ?? null, now.getTime(), now.getTime());
    return result.changes > 0 ? Number(result.lastInsertRowid) : undefined;
  }

  claimable(now: Date, limit = 10_000): Delivery[] {
    return this.selectClaimable.all({ now: now.getTime(), limit }).map(toDelivery);
  }

  claim(id: number, owner: string, now: Date, leaseUntil: Date): { delivery: Delivery; previous: DeliveryState } | undefined {
    // BEGIN IMMEDIATE takes the write lock first, so the read and the conditional update are one step
    // for every process on the database: exactly one of two racing claims succeeds.
    return this.db
      .transaction(() => {
        const before = this.getStmt.get(id);
        if (!before) return undefined;
        const changed = this.claimStmt.run({ id, owner, now: now.getTime(), lease: leaseUntil.getTime() }).changes;
        if (changed === 0) return undefined;
        return { delivery: toDelivery(this.getStmt.get(id) as DeliveryRow), previous: before.state as DeliveryState };
      })
      .immediate();
  }

  finish(id: number, owner: string, u: DeliveryUpdate, now: Date): boolean {
    return (
      this.db
        .prepare(
          `UPDATE digest_deliveries SET state = ?, detail = ?, message_id = COALESCE(?, message_id), content_until = COALESCE(?, content_until),
             briefings = COALESCE(?, briefings), next_attempt_at = COALESCE(?, next_attempt_at), lease_until = 0, updated_at = ?
           WHERE id = ? AND owner = ? AND state = 'sending'`,
        )
        .run(
          u.state,
          u.detail ?? null,
          u.messageId ?? null,
          u.contentUntil?.getTime() ?? null,
          u.briefings ? JSON.stringify(u.briefings) : null,
          u.nextAttemptAt?.getTime() ?? null,
          now.getTime(),
          id,
          owner,
        ).changes > 0
    );
  }

  settleOpen(subscriptionId: string, state: DeliveryState, detail: string, now: Date): number {
    return this.db
      .prepare(
        `UPDATE digest_deliveries SET state = ?, detail = ?, lease_until = 0, updated_at = ? WHERE subscription_id = ? AND state IN ('pending', 'retry')`,
      )
      .run(state, detail, now.getTime(), subscriptionId).changes;
  }

  get(id: number): Delivery | undefined {
    const row = this.getStmt.get(id);
    return row ? toDelivery(row) : undefined;
  }

  lastSent(subscriptionId: string): Delivery | undefined {
    return this.latestWhere(`subscription_id = ? AND state = 'sent'`, subscriptionId);
  }

  latest(subscriptionId: string): Delivery | undefined {
    return this.latestWhere('subscription_id = ?', subscriptionId);
  }

  private latestWhere(where: string, subscriptionId: string): Delivery | undefined {
    const row = this.db.prepare<[string], DeliveryRow>(`SELECT * FROM digest_deliveries WHERE ${where} ORDER BY slot DESC LIMIT 1`).get(subscriptionId);
    return row ? toDelivery(row) : undefined;
  }

  log(e: DeliveryLogEntry): void {
    this.db
      .prepare('INSERT INTO digest_log (delivery_id, subscription_id, slot, outcome, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.deliveryId, e.subscriptionId, e.slot.getTime(), e.outcome, e.detail ?? null, e.at.getTime());
  }

  history(subscriptionId: string, limit = 50): DeliveryLogEntry[] {
    return this.db
      .prepare<[string, number], { delivery_id: number; subscription_id: string; slot: number; outcome: string; detail: string | null; at: number }>(
        'SELECT * FROM digest_log WHERE subscription_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      )
      .all(subscriptionId, limit)
      .map((r) => ({
        deliveryId: r.delivery_id,
        subscriptionId: r.subscription_id,
        slot: new Date(r.slot),
        outcome: r.outcome as DeliveryOutcome,
        ...(r.detail !== null ? { detail: r.detail } : {}),
        at: new Date(r.at),
      }));
  }
}
