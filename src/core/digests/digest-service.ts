import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { BriefingLength } from '../briefing/briefing.js';
import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { AnswerService } from '../conversations/answer-service.js';
import { ErrorCode, UserError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { Reply } from '../reply/reply.js';
import { type DigestHeader, digestBriefings, digestReply, nothingNewReply } from './digest-content.js';
import type {
  Delivery,
  DeliveryOutcome,
  DeliveryStore,
  DigestPlatform,
  NothingNewPolicy,
  Subscription,
  SubscriptionInput,
  SubscriptionStore,
} from './digest-types.js';
import { describeSchedule, parseSchedule, type Schedule } from './schedule.js';
import { nextSlot, planSlots } from './slots.js';
import { formatInZone } from './zone.js';

/** Where a digest goes. */
export interface Destination {
  readonly platform: DigestPlatform;
  readonly channelId: string;
  readonly workspaceId?: string;
}

/**
 * What a deliverer reports. `transient`: worth retrying (network, 5xx, timeouts, rate limits the library
 * gave up on). `permanent`: retrying cannot help (channel deleted, bot removed, no access); the
 * subscription is paused with `reason`, which /digest status shows.
 */
export type DeliveryResult =
  | { readonly ok: true; readonly messageId?: string }
  | { readonly ok: false; readonly kind: 'transient'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly ok: false; readonly kind: 'permanent'; readonly reason: string }
  /** The platform refused this message itself (e.g. a malformed body): not retried, not paused; recorded as failed. */
  | { readonly ok: false; readonly kind: 'rejected'; readonly reason: string };

/** The port a platform implements to post a digest. `idempotencyKey` is the same on every attempt of one slot. */
export interface Deliverer {
  readonly platform: DigestPlatform;
  deliver(destination: Destination, reply: Reply, idempotencyKey: string): Promise<DeliveryResult>;
}

export interface DigestSettings {
  readonly defaultTimezone: string;
  /** How late a slot may still be delivered, and how long transient failures are retried. Default 15 min. */
  readonly catchUpMs: number;
  readonly nothingNew: NothingNewPolicy;
  /** Deliveries in flight at once across all channels (the libraries queue on top of this for rate limits). */
  readonly concurrency: number;
  /** How long one attempt holds its claim; an attempt older than this is presumed dead and resumed. */
  readonly leaseMs: number;
  /** First retry delay; doubles per attempt up to `retryMaxMs`. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export const DEFAULT_DIGEST_SETTINGS: Omit<DigestSettings, 'defaultTimezone'> = {
  catchUpMs: 15 * 60_000,
  nothingNew: 'skip',
  concurrency: 32,
  leaseMs: 2 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 5 * 60_000,
};

export interface DigestServiceDeps {
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;
  readonly library: BriefingLibrary;
  readonly answers?: AnswerService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  readonly settings: DigestSettings;
  /** Identifies this process in claims (default host:pid:random). */
  readonly owner?: string;
}

export interface TickReport {
  readonly planned: number;
  readonly attempted: number;
  readonly outcomes: Readonly<Record<DeliveryOutcome, number>>;
}

export interface SubscribeRequest {
  readonly platform: DigestPlatform;
  readonly channelId: string;
  readonly workspaceId?: string;
  readonly schedule?: string;
  readonly timezone?: string;
  readonly topics?: readonly string[];
  readonly length?: BriefingLength;
  readonly userId: string;
  readonly source?: 'command' | 'config';
}

/** The idempotency key of a slot: stable across retries, restarts and processes; 25 characters (Discord's nonce limit). */
export function idempotencyKey(subscriptionId: string, slot: Date): string {
  return `d${createHash('sha256').update(`${subscriptionId}:${slot.toISOString()}`).digest('hex').slice(0, 24)}`;
}

const emptyOutcomes = (): Record<DeliveryOutcome, number> => ({ sent: 0, retried: 0, skipped: 0, failed: 0, paused: 0, recovered: 0 });

/**
 * Digest subscriptions and their delivery. `tick()` is the only entry the scheduler calls: it settles
 * which slots are due (pure slot arithmetic), claims each (subscription, slot) in the store, and fans the
 * claimed ones out to the deliverers with a concurrency cap. Any number of processes may tick against one
 * database: the unique (subscription, slot) row plus its lease make every slot go out once.
 */
export class DigestService {
  private readonly deliverers = new Map<DigestPlatform, Deliverer>();
  private readonly owner: string;
  private running: Promise<TickReport> | undefined;
  private again = false;

  constructor(private readonly deps: DigestServiceDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.current = deps.settings;
  }

  private current: DigestSettings;

  get settings(): DigestSettings {
    return this.current;
  }

  /** Applies settings from config at start-up (the app is built before config-specific wiring). */
  configure(settings: Partial<DigestSettings>): void {
    this.current = { ...this.current, ...settings };
  }

  addDeliverer(deliverer: Deliverer): void {
    this.deliverers.set(deliverer.platform, deliverer);
  }

  hasDeliverer(platform: DigestPlatform): boolean {
    return this.deliverers.has(platform);
  }

  // ---- subscriptions ------------------------------------------------------------------------

  subscribe(req: SubscribeRequest): { subscription: Subscription; created: boolean; schedule: Schedule } {
    const schedule = parseSchedule(req.schedule ?? this.findExisting(req)?.schedule ?? 'daily 08:00');
    const timezone = req.timezone ?? this.findExisting(req)?.timezone ?? this.current.defaultTimezone;
    const input: SubscriptionInput = {
      platform: req.platform,
      channelId: req.channelId,
      ...(req.workspaceId ? { workspaceId: req.workspaceId } : {}),
      schedule: schedule.text,
      timezone,
      topics: req.topics ?? this.findExisting(req)?.topics ?? [],
      length: req.length ?? this.findExisting(req)?.length ?? 'short',
      source: req.source ?? 'command',
      createdBy: req.userId,
    };
    const result = this.deps.subscriptions.upsert(input, this.deps.clock());
    this.deps.logger.info(
      { subscription: result.subscription.id, platform: req.platform, channel: req.channelId, schedule: schedule.text, timezone },
      result.created ? 'digest subscribed' : 'digest updated',
    );
    return { ...result, schedule };
  }

  private findExisting(req: { platform: DigestPlatform; channelId: string }): Subscription | undefined {
    return this.deps.subscriptions.findByChannel(req.platform, req.channelId);
  }

  unsubscribe(platform: DigestPlatform, channelId: string): Subscription {
    const sub = this.requireSubscription(platform, channelId);
    this.deps.subscriptions.remove(sub.id);
    this.deps.logger.info({ subscription: sub.id, platform, channel: channelId }, 'digest unsubscribed');
    return sub;
  }

  find(platform: DigestPlatform, channelId: string): Subscription | undefined {
    return this.deps.subscriptions.findByChannel(platform, channelId);
  }

  requireSubscription(platform: DigestPlatform, channelId: string): Subscription {
    const sub = this.find(platform, channelId);
    if (!sub) throw new UserError(ErrorCode.SubscriptionNotFound, 'This channel has no digest. Use /digest subscribe to set one up.', { platform, channelId });
    return sub;
  }

  /** Unpaused subscriptions of the platforms this process delivers to (the scheduler's triggers). */
  activeSubscriptions(): Subscription[] {
    return this.deps.subscriptions.list({ active: true }).filter((s) => this.deliverers.has(s.platform));
  }

  /** The subscription's cron expression in local time, or undefined if its stored schedule no longer parses. */
  cronOf(sub: Subscription): string | undefined {
    try {
      return parseSchedule(sub.schedule).cron;
    } catch {
      return undefined;
    }
  }

  /** The latest slot's delivery row (any state), for /digest status. */
  latestDelivery(sub: Subscription): Delivery | undefined {
    return this.deps.deliveries.latest(sub.id);
  }

  /** The next slot the subscription will deliver, or undefined (paused, or a schedule that has ended). */
  nextRun(sub: Subscription, now = this.deps.clock()): Date | undefined {
    if (sub.pausedAt) return undefined;
    const last = this.deps.deliveries.lastSlot(sub.id)?.getTime() ?? 0;
    const from = Math.max(now.getTime(), last, sub.scheduleSince.getTime());
    const next = nextSlot(parseSchedule(sub.schedule), sub.timezone, from);
    return next === undefined ? undefined : new Date(next);
  }

  /** The digest that would go out now (for /digest preview): undefined when there is nothing new. */
  preview(sub: Subscription): { reply: Reply | undefined; header: DigestHeader; count: number } {
    const now = this.deps.clock();
    const { briefings, header } = this.content(sub, this.nextRun(sub, now) ?? now, now);
    const reply = briefings.length > 0 ? { ...digestReply(briefings, sub.length, header, this.deps.newId()), visibility: 'private' as const } : undefined;
    return { reply, header, count: briefings.length };
  }

  describe(sub: Subscription): string {
    return `${describeSchedule(parseSchedule(sub.schedule))} (${sub.timezone})`;
  }

  /** Creates or updates the digests declared in config (already validated), at start-up. */
  syncDeclared(declared: readonly SubscribeRequest[]): Subscription[] {
    return declared.map((d) => this.subscribe({ ...d, source: 'config' }).subscription);
  }

  // ---- delivery -----------------------------------------------------------------------------

  /** Plans and delivers everything due now. Concurrent calls coalesce into one run plus one rerun. */
  tick(): Promise<TickReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let report: TickReport;
      do {
        this.again = false;
        report = await this.runOnce();
      } while (this.again);
      return report;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** When the earliest waiting retry is due (so the scheduler can wake up for it). */
  nextRetryAt(): Date | undefined {
    const far = new Date(this.deps.clock().getTime() + 24 * 3_600_000);
    const open = this.deps.deliveries.claimable(far, 10_000).filter((d) => d.state === 'retry');
    const t = Math.min(...open.map((d) => d.nextAttemptAt.getTime()));
    return Number.isFinite(t) ? new Date(t) : undefined;
  }

  private async runOnce(): Promise<TickReport> {
    const outcomes = emptyOutcomes();
    const now = this.deps.clock();
    let planned = 0;
    for (const sub of this.deps.subscriptions.list({ active: true })) {
      if (!this.deliverers.has(sub.platform)) continue;
      planned += this.plan(sub, now, outcomes);
    }
    const subs = new Map<string, Subscription | undefined>();
    const subOf = (id: string) => {
      if (!subs.has(id)) subs.set(id, this.deps.subscriptions.get(id));
      return subs.get(id);
    };
    const rows = this.deps.deliveries.claimable(now).filter((d) => {
      const sub = subOf(d.subscriptionId);
      return sub !== undefined && this.deliverers.has(sub.platform);
    });
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++] as Delivery;
        await this.attempt(row, subOf(row.subscriptionId) as Subscription, outcomes).catch((err) => {
          this.deps.logger.error({ err, delivery: row.id }, 'digest attempt crashed');
        });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.current.concurrency, rows.length)) }, worker));
    return { planned, attempted: rows.length, outcomes };
  }

  /** Settles the subscription's slots up to now: opens the due one, records missed ones as skipped. */
  private plan(sub: Subscription, now: Date, outcomes: Record<DeliveryOutcome, number>): number {
    let schedule: Schedule;
    try {
      schedule = parseSchedule(sub.schedule);
    } catch (error) {
      this.deps.logger.error({ err: error, subscription: sub.id }, 'stored digest schedule is invalid');
      return 0;
    }
    const since = Math.max(this.deps.deliveries.lastSlot(sub.id)?.getTime() ?? 0, sub.scheduleSince.getTime());
    const plan = planSlots({ schedule, zone: sub.timezone, since, now: now.getTime(), catchUpMs: this.current.catchUpMs });
    const extra = plan.skippedTotal - plan.skipped.length;
    for (const [i, s] of plan.skipped.entries()) {
      const slot = new Date(s);
      const superseded = plan.due !== undefined && plan.due - s <= this.current.catchUpMs;
      const detail = superseded
        ? 'missed while the bot was down; a later slot within the catch-up window was delivered instead'
        : `missed while the bot was down, more than ${Math.round(this.current.catchUpMs / 60_000)} minutes ago${i === 0 && extra > 0 ? ` (and ${extra} earlier slots)` : ''}`;
      const id = this.deps.deliveries.open(sub.id, slot, 'skipped', idempotencyKey(sub.id, slot), now, detail);
      if (id !== undefined) {
        this.record(id, sub.id, slot, 'skipped', detail, now);
        outcomes.skipped++;
      }
    }
    if (plan.due !== undefined) {
      const slot = new Date(plan.due);
      if (this.deps.deliveries.open(sub.id, slot, 'pending', idempotencyKey(sub.id, slot), now) !== undefined) return 1;
    }
    return 0;
  }

  private async attempt(row: Delivery, sub: Subscription, outcomes: Record<DeliveryOutcome, number>): Promise<void> {
    const { deliveries, clock } = this.deps;
    const settings = this.current;
    const log = this.deps.logger.child({ subscription: sub.id, slot: row.slot.toISOString(), platform: sub.platform, channel: sub.channelId });
    const start = clock();
    const claimed = deliveries.claim(row.id, this.owner, start, new Date(start.getTime() + settings.leaseMs));
    if (!claimed) return; // another process took it first
    const slot = claimed.delivery.slot;
    const finish = (
      state: Delivery['state'],
      outcome: DeliveryOutcome,
      detail: string | undefined,
      extra: Partial<Parameters<DeliveryStore['finish']>[2]> = {},
    ) => {
      const now = clock();
      const ok = deliveries.finish(row.id, this.owner, { state, ...(detail ? { detail } : {}), ...extra }, now);
      if (!ok) {
        log.warn({ state }, 'digest lease lost before the attempt finished (another process resumed it)');
        return;
      }
      this.record(row.id, sub.id, slot, outcome, detail, now);
      outcomes[outcome]++;
    };

    if (claimed.previous === 'sending') {
      const detail = `an earlier attempt (attempt ${claimed.delivery.attempts - 1}) was interrupted; resending with the same idempotency key`;
      this.record(row.id, sub.id, slot, 'recovered', detail, start);
      outcomes.recovered++;
      log.warn({ attempts: claimed.delivery.attempts }, 'resuming an interrupted digest delivery');
    }
    if (start.getTime() - slot.getTime() > settings.catchUpMs) {
      finish(
        'failed',
        'failed',
        claimed.previous === 'sending' ? 'interrupted, and too late to resend within the catch-up window' : 'not delivered within the catch-up window',
      );
      return;
    }

    const { briefings, header, until } = this.content(sub, slot, start);
    let reply: Reply;
    if (briefings.length === 0) {
      if (settings.nothingNew === 'skip') {
        finish('skipped', 'skipped', 'nothing new on its topics');
        return;
      }
      reply = nothingNewReply(header);
    } else {
      const conversation = this.deps.newId();
      const first = briefings[0];
      if (first) this.deps.answers?.begin(conversation, first.id);
      reply = digestReply(briefings, sub.length, header, conversation);
    }
    const deliverer = this.deliverers.get(sub.platform) as Deliverer;
    let result: DeliveryResult;
    try {
      result = await deliverer.deliver(
        { platform: sub.platform, channelId: sub.channelId, ...(sub.workspaceId ? { workspaceId: sub.workspaceId } : {}) },
        reply,
        claimed.delivery.idempotencyKey,
      );
    } catch (error) {
      result = { ok: false, kind: 'transient', reason: (error as Error).message || String(error) };
    }

    if (result.ok) {
      finish('sent', 'sent', `${briefings.length} briefing${briefings.length === 1 ? '' : 's'}`, {
        ...(result.messageId ? { messageId: result.messageId } : {}),
        contentUntil: until,
        briefings: briefings.map((b) => b.id),
      });
      log.info({ attempts: claimed.delivery.attempts, briefings: briefings.length }, 'digest sent');
      return;
    }
    if (result.kind === 'permanent') {
      finish('paused', 'paused', result.reason);
      const now = clock();
      this.deps.subscriptions.pause(sub.id, result.reason, now);
      deliveries.settleOpen(sub.id, 'paused', 'subscription paused', now);
      log.warn({ reason: result.reason }, 'digest subscription paused');
      return;
    }
    if (result.kind === 'rejected') {
      finish('failed', 'failed', `rejected by the platform: ${result.reason}`);
      log.error({ reason: result.reason }, 'digest message rejected by the platform');
      return;
    }
    const now = clock();
    const backoff = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, claimed.delivery.attempts - 1));
    const nextAttemptAt = new Date(now.getTime() + Math.max(backoff, result.retryAfterMs ?? 0));
    if (nextAttemptAt.getTime() - slot.getTime() <= settings.catchUpMs) {
      finish('retry', 'retried', `attempt ${claimed.delivery.attempts} failed: ${result.reason}; retrying at ${nextAttemptAt.toISOString()}`, {
        nextAttemptAt,
      });
      log.warn({ reason: result.reason, nextAttemptAt }, 'digest delivery failed; will retry');
    } else {
      finish('failed', 'failed', `attempt ${claimed.delivery.attempts} failed: ${result.reason}; no time left in the catch-up window`);
      log.error({ reason: result.reason }, 'digest delivery failed; giving up');
    }
  }

  /** Briefings since the last sent digest (or one schedule period before the slot, for the first). */
  private content(sub: Subscription, slot: Date, now: Date) {
    const last = this.deps.deliveries.lastSent(sub.id);
    let since = last?.contentUntil;
    if (!since) {
      const schedule = parseSchedule(sub.schedule);
      const following = nextSlot(schedule, sub.timezone, slot.getTime());
      const period = following !== undefined ? following - slot.getTime() : 24 * 3_600_000;
      since = new Date(slot.getTime() - period);
    }
    const briefings = digestBriefings(this.deps.library, sub.topics, since, now);
    const title = `Your news digest${sub.topics.length > 0 ? ` on ${sub.topics.join(', ')}` : ''}`;
    return { briefings, until: now, header: { title, since: `Briefings since ${formatInZone(since.getTime(), sub.timezone)}` } };
  }

  private record(deliveryId: number, subscriptionId: string, slot: Date, outcome: DeliveryOutcome, detail: string | undefined, at: Date): void {
    this.deps.deliveries.log({ deliveryId, subscriptionId, slot, outcome, ...(detail ? { detail } : {}), at });
  }
}
