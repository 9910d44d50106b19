import { randomUUID } from 'node:crypto';
import type { Delivery, DeliveryLogEntry, DeliveryOutcome, DeliveryState, DeliveryStore, DeliveryUpdate } from '../../core/ports/storage.js';
import type { PgDatabase } from './pg-database.js';

interface DeliveryRow {
  id: number;
  subscription_id: string;
  slot: Date;
  state: string;
  attempts: number;
  idempotency_key: string;
  owner: string | null;
  lease_until: Date;
  next_attempt_at: Date;
  claimed_from: string | null;
  detail: string | null;
  message_id: string | null;
  content_until: Date | null;
  briefings: string[];
  created_at: Date;
  updated_at: Date;
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    slot: r.slot,
    state: r.state as DeliveryState,
    attempts: r.attempts,
    idempotencyKey: r.idempotency_key,
    ...(r.owner !== null ? { owner: r.owner } : {}),
    leaseUntil: r.lease_until,
    nextAttemptAt: r.next_attempt_at,
    ...(r.detail !== null ? { detail: r.detail } : {}),
    ...(r.message_id !== null ? { messageId: r.message_id } : {}),
    ...(r.content_until !== null ? { contentUntil: r.content_until } : {}),
    briefings: r.briefings,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Rows an attempt may take at `now`: due and not leased, or leased by an attempt whose lease ran out (a crash). */
const claimableAt = (now: string) => `(
  (state IN ('pending', 'retry') AND next_attempt_at <= ${now} AND lease_until <= ${now})
  OR (state = 'sending' AND lease_until <= ${now})
)`;

/**
 * The claim is one statement. The CTE locks the row if it is claimable; a row another transaction holds right
 * now (a racing claim, or its owner finishing) is skipped rather than waited for, so a replica that loses a race
 * moves on at once instead of queueing behind the winner's commit. Locking re-checks the WHERE against the
 * latest committed row, so of racing claims exactly one gets the row. SET expressions read the row as it was
 * before the update, so `claimed_from = d.state` is the state the claim took it from.
 */
const CLAIM = `
  WITH target AS (
    SELECT id FROM digest_deliveries
     WHERE id = $1 AND ${claimableAt('$3')}
       FOR UPDATE SKIP LOCKED
  )
  UPDATE digest_deliveries d
     SET claimed_from = d.state, state = 'sending', owner = $2, lease_until = $4,
         attempts = d.attempts + 1, claim_token = $5, updated_at = $3
    FROM target
   WHERE d.id = target.id
  RETURNING d.*`;

export class PgDeliveryStore implements DeliveryStore {
  constructor(private readonly db: PgDatabase) {}

  async lastSlot(subscriptionId: string): Promise<Date | undefined> {
    const [row] = await this.db.rows<{ slot: Date | null }>('SELECT max(slot) AS slot FROM digest_deliveries WHERE subscription_id = $1', [subscriptionId]);
    return row?.slot ?? undefined;
  }

  async open(
    subscriptionId: string,
    slot: Date,
    state: 'pending' | 'skipped',
    idempotencyKey: string,
    now: Date,
    detail?: string,
  ): Promise<number | undefined> {
    const [row] = await this.db.rows<{ id: number }>(
      `INSERT INTO digest_deliveries (subscription_id, slot, state, idempotency_key, detail, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (subscription_id, slot) DO NOTHING
       RETURNING id`,
      [subscriptionId, slot, state, idempotencyKey, detail ?? null, now],
    );
    return row?.id;
  }

  async claimable(now: Date, limit = 10_000): Promise<Delivery[]> {
    const rows = await this.db.rows<DeliveryRow>(`SELECT * FROM digest_deliveries WHERE ${claimableAt('$1')} ORDER BY slot, id LIMIT $2`, [now, limit]);
    return rows.map(toDelivery);
  }

  async claim(id: number, owner: string, now: Date, leaseUntil: Date): Promise<{ delivery: Delivery; previous: DeliveryState } | undefined> {
    // If the connection breaks after the UPDATE committed, the row is ours but the reply is lost, and a blind
    // retry would find it leased and say no, while renew() kept the lease alive for good. The retry first
    // looks for this call's token.
    const token = randomUUID();
    const [row] = await this.db.attempt(CLAIM, async (db, retry) => {
      const own = retry ? (await db.query<DeliveryRow>('SELECT * FROM digest_deliveries WHERE id = $1 AND claim_token = $2', [id, token])).rows : [];
      return own.length > 0 ? own : (await db.query<DeliveryRow>(CLAIM, [id, owner, now, leaseUntil, token])).rows;
    });
    return row ? { delivery: toDelivery(row), previous: row.claimed_from as DeliveryState } : undefined;
  }

  async renew(owner: string, now: Date, leaseUntil: Date): Promise<number> {
    return this.db.changes(`UPDATE digest_deliveries SET lease_until = $3, updated_at = $2 WHERE owner = $1 AND state = 'sending'`, [owner, now, leaseUntil]);
  }

  async release(owner: string, now: Date): Promise<number> {
    // The lease ends now, so the rows are claimable at once (claimable means lease_until <= now).
    return this.db.changes(`UPDATE digest_deliveries SET lease_until = $2, updated_at = $2 WHERE owner = $1 AND state = 'sending' AND lease_until > $2`, [
      owner,
      now,
    ]);
  }

  async finish(id: number, owner: string, u: DeliveryUpdate, now: Date): Promise<boolean> {
    const changed = await this.db.changes(
      `UPDATE digest_deliveries
          SET state = $3, detail = $4, message_id = COALESCE($5, message_id), content_until = COALESCE($6, content_until),
              briefings = COALESCE($7, briefings), next_attempt_at = COALESCE($8, next_attempt_at),
              lease_until = 'epoch', updated_at = $9
        WHERE id = $1 AND owner = $2 AND state = 'sending'`,
      [
        id,
        owner,
        u.state,
        u.detail ?? null,
        u.messageId ?? null,
        u.contentUntil ?? null,
        u.briefings ? JSON.stringify(u.briefings) : null,
        u.nextAttemptAt ?? null,
        now,
      ],
    );
    return changed > 0;
  }

  async settleOpen(subscriptionId: string, state: DeliveryState, detail: string, now: Date): Promise<number> {
    return this.db.changes(
      `UPDATE digest_deliveries SET state = $2, detail = $3, lease_until = 'epoch', updated_at = $4
        WHERE subscription_id = $1 AND state IN ('pending', 'retry')`,
      [subscriptionId, state, detail, now],
    );
  }

  async get(id: number): Promise<Delivery | undefined> {
    const [row] = await this.db.rows<DeliveryRow>('SELECT * FROM digest_deliveries WHERE id = $1', [id]);
    return row ? toDelivery(row) : undefined;
  }

  async lastSent(subscriptionId: string): Promise<Delivery | undefined> {
    const [row] = await this.db.rows<DeliveryRow>(`SELECT * FROM digest_deliveries WHERE subscription_id = $1 AND state = 'sent' ORDER BY slot DESC LIMIT 1`, [
      subscriptionId,
    ]);
    return row ? toDelivery(row) : undefined;
  }

  async latest(subscriptionId: string): Promise<Delivery | undefined> {
    const [row] = await this.db.rows<DeliveryRow>('SELECT * FROM digest_deliveries WHERE subscription_id = $1 ORDER BY slot DESC LIMIT 1', [subscriptionId]);
    return row ? toDelivery(row) : undefined;
  }

  async nextRetryAt(): Promise<Date | undefined> {
    const [row] = await this.db.rows<{ t: Date | null }>(`SELECT min(next_attempt_at) AS t FROM digest_deliveries WHERE state = 'retry'`);
    return row?.t ?? undefined;
  }

  async log(e: DeliveryLogEntry): Promise<void> {
    await this.db.query('INSERT INTO digest_log (delivery_id, subscription_id, slot, outcome, detail, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      e.deliveryId,
      e.subscriptionId,
      e.slot,
      e.outcome,
      e.detail ?? null,
      e.at,
    ]);
  }

  async history(options: { subscriptionId?: string; since?: Date; limit?: number } = {}): Promise<DeliveryLogEntry[]> {
    const rows = await this.db.rows<{ delivery_id: number; subscription_id: string; slot: Date; outcome: string; detail: string | null; at: Date }>(
      `SELECT * FROM digest_log
        WHERE ($1::text IS NULL OR subscription_id = $1) AND at >= $2
        ORDER BY at DESC, id DESC LIMIT $3`,
      [options.subscriptionId ?? null, options.since ?? new Date(0), options.limit ?? 50],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      subscriptionId: r.subscription_id,
      slot: r.slot,
      outcome: r.outcome as DeliveryOutcome,
      ...(r.detail !== null ? { detail: r.detail } : {}),
      at: r.at,
    }));
  }
}
