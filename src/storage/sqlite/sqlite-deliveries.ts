import type { Delivery, DeliveryLogEntry, DeliveryOutcome, DeliveryState, DeliveryStore, DeliveryUpdate } from '../../core/ports/storage.js';
import type { SqliteDatabase } from './sqlite-database.js';

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

  async lastSlot(subscriptionId: string): Promise<Date | undefined> {
    const row = this.db
      .prepare<[string], { slot: number | null }>('SELECT MAX(slot) AS slot FROM digest_deliveries WHERE subscription_id = ?')
      .get(subscriptionId);
    return row?.slot != null ? new Date(row.slot) : undefined;
  }

  async open(
    subscriptionId: string,
    slot: Date,
    state: 'pending' | 'skipped',
    idempotencyKey: string,
    now: Date,
    detail?: string,
  ): Promise<number | undefined> {
    const result = this.db
      .prepare(
        `INSERT INTO digest_deliveries (subscription_id, slot, state, idempotency_key, detail, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, slot) DO NOTHING`,
      )
      .run(subscriptionId, slot.getTime(), state, idempotencyKey, detail ?? null, now.getTime(), now.getTime());
    return result.changes > 0 ? Number(result.lastInsertRowid) : undefined;
  }

  async claimable(now: Date, limit = 10_000): Promise<Delivery[]> {
    return this.selectClaimable.all({ now: now.getTime(), limit }).map(toDelivery);
  }

  async claim(id: number, owner: string, now: Date, leaseUntil: Date): Promise<{ delivery: Delivery; previous: DeliveryState } | undefined> {
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

  async finish(id: number, owner: string, u: DeliveryUpdate, now: Date): Promise<boolean> {
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

  async settleOpen(subscriptionId: string, state: DeliveryState, detail: string, now: Date): Promise<number> {
    return this.db
      .prepare(
        `UPDATE digest_deliveries SET state = ?, detail = ?, lease_until = 0, updated_at = ? WHERE subscription_id = ? AND state IN ('pending', 'retry')`,
      )
      .run(state, detail, now.getTime(), subscriptionId).changes;
  }

  async get(id: number): Promise<Delivery | undefined> {
    const row = this.getStmt.get(id);
    return row ? toDelivery(row) : undefined;
  }

  async lastSent(subscriptionId: string): Promise<Delivery | undefined> {
    return this.latestWhere(`subscription_id = ? AND state = 'sent'`, subscriptionId);
  }

  async latest(subscriptionId: string): Promise<Delivery | undefined> {
    return this.latestWhere('subscription_id = ?', subscriptionId);
  }

  private latestWhere(where: string, subscriptionId: string): Delivery | undefined {
    const row = this.db.prepare<[string], DeliveryRow>(`SELECT * FROM digest_deliveries WHERE ${where} ORDER BY slot DESC LIMIT 1`).get(subscriptionId);
    return row ? toDelivery(row) : undefined;
  }

  async log(e: DeliveryLogEntry): Promise<void> {
    this.db
      .prepare('INSERT INTO digest_log (delivery_id, subscription_id, slot, outcome, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.deliveryId, e.subscriptionId, e.slot.getTime(), e.outcome, e.detail ?? null, e.at.getTime());
  }

  async history(options: { subscriptionId?: string; since?: Date; limit?: number } = {}): Promise<DeliveryLogEntry[]> {
    return this.db
      .prepare<
        [{ sub: string | null; since: number; limit: number }],
        { delivery_id: number; subscription_id: string; slot: number; outcome: string; detail: string | null; at: number }
      >('SELECT * FROM digest_log WHERE (@sub IS NULL OR subscription_id = @sub) AND at >= @since ORDER BY at DESC, id DESC LIMIT @limit')
      .all({ sub: options.subscriptionId ?? null, since: options.since?.getTime() ?? 0, limit: options.limit ?? 50 })
      .map((r) => ({
        deliveryId: r.delivery_id,
        subscriptionId: r.subscription_id,
        slot: new Date(r.slot),
        outcome: r.outcome as DeliveryOutcome,
        ...(r.detail !== null ? { detail: r.detail } : {}),
        at: new Date(r.at),
      }));
  }

  async renew(owner: string, now: Date, leaseUntil: Date): Promise<number> {
    return this.db
      .prepare(`UPDATE digest_deliveries SET lease_until = ?, updated_at = ? WHERE owner = ? AND state = 'sending'`)
      .run(leaseUntil.getTime(), now.getTime(), owner).changes;
  }

  async release(owner: string, now: Date): Promise<number> {
    return this.db
      .prepare(`UPDATE digest_deliveries SET lease_until = ?, updated_at = ? WHERE owner = ? AND state = 'sending' AND lease_until > ?`)
      .run(now.getTime(), now.getTime(), owner, now.getTime()).changes;
  }

  async nextRetryAt(): Promise<Date | undefined> {
    const row = this.db.prepare<[], { t: number | null }>(`SELECT MIN(next_attempt_at) AS t FROM digest_deliveries WHERE state = 'retry'`).get();
    return row?.t != null ? new Date(row.t) : undefined;
  }
}
