import { randomBytes } from 'node:crypto';
import type { DigestPlatform, Subscription, SubscriptionInput, SubscriptionStore } from '../../core/ports/storage.js';
import type { PgDatabase } from './pg-database.js';

interface SubscriptionRow {
  id: string;
  platform: string;
  channel_id: string;
  workspace_id: string | null;
  schedule: string;
  timezone: string;
  topics: string[];
  length: string;
  source: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  schedule_since: Date;
  paused_at: Date | null;
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
    topics: r.topics,
    length: r.length as Subscription['length'],
    source: r.source as Subscription['source'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    scheduleSince: r.schedule_since,
    ...(r.paused_at !== null ? { pausedAt: r.paused_at } : {}),
    ...(r.paused_reason !== null ? { pausedReason: r.paused_reason } : {}),
  };
}

/**
 * One statement creates the channel's subscription or updates it, so replicas declaring the same config digest
 * at start-up cannot both insert. $12 is `resume`. On update, slots before a new schedule or a resumption are
 * not owed: `schedule_since` starts counting now.
 */
const UPSERT = `
  INSERT INTO digest_subscriptions AS s
    (id, platform, channel_id, workspace_id, schedule, timezone, topics, length, source, created_by, created_at, updated_at, schedule_since)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11)
  ON CONFLICT (platform, channel_id) DO UPDATE SET
    workspace_id = COALESCE(EXCLUDED.workspace_id, s.workspace_id),
    schedule = EXCLUDED.schedule,
    timezone = EXCLUDED.timezone,
    topics = EXCLUDED.topics,
    length = EXCLUDED.length,
    source = EXCLUDED.source,
    created_by = EXCLUDED.created_by,
    updated_at = EXCLUDED.updated_at,
    schedule_since = CASE
      WHEN s.schedule <> EXCLUDED.schedule OR s.timezone <> EXCLUDED.timezone OR ($12 AND s.paused_at IS NOT NULL) THEN EXCLUDED.updated_at
      ELSE s.schedule_since
    END,
    paused_at = CASE WHEN $12 THEN NULL ELSE s.paused_at END,
    paused_reason = CASE WHEN $12 THEN NULL ELSE s.paused_reason END
  RETURNING *`;

export class PgSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: PgDatabase) {}

  async upsert(input: SubscriptionInput, now: Date, options: { resume: boolean }): Promise<{ subscription: Subscription; created: boolean }> {
    const id = randomBytes(8).toString('hex');
    const [row] = await this.db.rows<SubscriptionRow>(UPSERT, [
      id,
      input.platform,
      input.channelId,
      input.workspaceId ?? null,
      input.schedule,
      input.timezone,
      JSON.stringify(input.topics),
      input.length,
      input.source,
      input.createdBy,
      now,
      options.resume,
    ]);
    if (!row) throw new Error('upsert returned no row');
    // An update keeps the row's id, so the fresh random id comes back only when this call inserted.
    return { subscription: toSubscription(row), created: row.id === id };
  }

  async get(id: string): Promise<Subscription | undefined> {
    const [row] = await this.db.rows<SubscriptionRow>('SELECT * FROM digest_subscriptions WHERE id = $1', [id]);
    return row ? toSubscription(row) : undefined;
  }

  async findByChannel(platform: DigestPlatform, channelId: string): Promise<Subscription | undefined> {
    const [row] = await this.db.rows<SubscriptionRow>('SELECT * FROM digest_subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return row ? toSubscription(row) : undefined;
  }

  async list(options: { active?: boolean } = {}): Promise<Subscription[]> {
    const rows = await this.db.rows<SubscriptionRow>(
      `SELECT * FROM digest_subscriptions
        WHERE $1::boolean IS NULL OR (paused_at IS NULL) = $1
        ORDER BY created_at, id`,
      [options.active ?? null],
    );
    return rows.map(toSubscription);
  }

  /** Its deliveries and log entries go with it (ON DELETE CASCADE). */
  async remove(id: string): Promise<boolean> {
    return (await this.db.changes('DELETE FROM digest_subscriptions WHERE id = $1', [id])) > 0;
  }

  async pause(id: string, reason: string, now: Date): Promise<void> {
    await this.db.query('UPDATE digest_subscriptions SET paused_at = $2, paused_reason = $3, updated_at = $2 WHERE id = $1', [id, now, reason]);
  }

  async resume(id: string, now: Date): Promise<boolean> {
    // Resuming starts the schedule afresh, like a new subscription: no slot missed while paused is owed.
    const sql = `UPDATE digest_subscriptions
                    SET paused_at = NULL, paused_reason = NULL, updated_at = $2,
                        schedule_since = CASE WHEN paused_at IS NULL THEN schedule_since ELSE $2 END
                  WHERE id = $1`;
    return (await this.db.changes(sql, [id, now])) > 0;
  }
}
