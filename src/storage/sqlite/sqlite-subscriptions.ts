import { randomBytes } from 'node:crypto';
import type { DigestPlatform, Subscription, SubscriptionInput, SubscriptionStore } from '../../core/ports/storage.js';
import type { SqliteDatabase } from './sqlite-database.js';

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
    length: r.length as Subscription['length'],
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

  async upsert(input: SubscriptionInput, now: Date, options: { resume: boolean }): Promise<{ subscription: Subscription; created: boolean }> {
    return this.db
      .transaction(() => {
        const existing = this.findSync(input.platform, input.channelId);
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
          return { subscription: this.getSync(id) as Subscription, created: true };
        }
        const scheduleChanged = existing.schedule !== input.schedule || existing.timezone !== input.timezone;
        const resumed = options.resume && existing.pausedAt !== undefined;
        // Slots before a new schedule or a resumption are not owed: they start counting now.
        const since = scheduleChanged || resumed ? t : existing.scheduleSince.getTime();
        this.db
          .prepare(
            `UPDATE digest_subscriptions SET workspace_id = COALESCE(?, workspace_id), schedule = ?, timezone = ?, topics = ?, length = ?, source = ?,
               created_by = ?, updated_at = ?, schedule_since = ?,
               paused_at = CASE WHEN ? THEN NULL ELSE paused_at END, paused_reason = CASE WHEN ? THEN NULL ELSE paused_reason END
             WHERE id = ?`,
          )
          .run(...settable, t, since, options.resume ? 1 : 0, options.resume ? 1 : 0, existing.id);
        return { subscription: this.getSync(existing.id) as Subscription, created: false };
      })
      .immediate();
  }

  async get(id: string): Promise<Subscription | undefined> {
    return this.getSync(id);
  }

  async findByChannel(platform: DigestPlatform, channelId: string): Promise<Subscription | undefined> {
    return this.findSync(platform, channelId);
  }

  private getSync(id: string): Subscription | undefined {
    return this.findWhere('WHERE id = ?', id);
  }

  private findSync(platform: DigestPlatform, channelId: string): Subscription | undefined {
    return this.findWhere('WHERE platform = ? AND channel_id = ?', platform, channelId);
  }

  private findWhere(where: string, ...params: string[]): Subscription | undefined {
    const row = this.db.prepare<string[], SubscriptionRow>(`SELECT * FROM digest_subscriptions ${where}`).get(...params);
    return row ? toSubscription(row) : undefined;
  }

  async list(options: { active?: boolean } = {}): Promise<Subscription[]> {
    const where = options.active === undefined ? '' : options.active ? 'WHERE paused_at IS NULL' : 'WHERE paused_at IS NOT NULL';
    return this.db.prepare<[], SubscriptionRow>(`SELECT * FROM digest_subscriptions ${where} ORDER BY created_at, id`).all().map(toSubscription);
  }

  async remove(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM digest_subscriptions WHERE id = ?').run(id).changes > 0;
  }

  async pause(id: string, reason: string, now: Date): Promise<void> {
    this.db
      .prepare('UPDATE digest_subscriptions SET paused_at = ?, paused_reason = ?, updated_at = ? WHERE id = ?')
      .run(now.getTime(), reason, now.getTime(), id);
  }

  async resume(id: string, now: Date): Promise<boolean> {
    const t = now.getTime();
    // Resuming starts the schedule afresh, like a new subscription: no slot missed while paused is owed.
    const sql = `UPDATE digest_subscriptions SET paused_at = NULL, paused_reason = NULL, updated_at = ?,
                   schedule_since = CASE WHEN paused_at IS NULL THEN schedule_since ELSE ? END WHERE id = ?`;
    return this.db.prepare(sql).run(t, t, id).changes > 0;
  }
}
