import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ErrorCode, UserError } from '../errors.js';
import type { DeliveryContext } from './deliver-slot.js';
import type { Deliverer } from './deliverer.js';
import type { DigestSettings } from './digest-settings.js';
import { cronOf, type DigestPreview, describeSubscription, nextRun, previewDigest } from './digest-status.js';
import type { Delivery, DigestPlatform, Subscription } from './digest-types.js';
import { runTick, type TickReport } from './run-tick.js';
import { type Subscribed, type SubscribeRequest, subscribeChannel } from './subscribe-channel.js';

/** What the service needs: the delivery context, less what the service makes itself. */
export type DigestServiceDeps = Omit<DeliveryContext, 'owner' | 'outcomes'> & {
  /** Identifies this process in claims (default host:pid:random). */
  readonly owner?: string;
};

/**
 * Digest subscriptions and their delivery. `tick()` is the only entry the scheduler calls: it settles
 * which slots are due (pure slot arithmetic), claims each (subscription, slot) in the store, and fans the
 * claimed ones out to the deliverers with a concurrency cap. Any number of processes may tick against one
 * database: the unique (subscription, slot) row plus its lease make every slot go out once.
 */
export class DigestService {
  private readonly deliverers = new Map<DigestPlatform, Deliverer>();
  private readonly owner: string;
  private current: DigestSettings;
  private running: Promise<TickReport> | undefined;
  private again = false;

  constructor(private readonly deps: DigestServiceDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.current = deps.settings;
  }

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

  subscribe(req: SubscribeRequest): Subscribed {
    return subscribeChannel(this.deps, this.current.defaultTimezone, req);
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

  /** Creates or updates the digests declared in config (already validated), at start-up. */
  syncDeclared(declared: readonly SubscribeRequest[]): Subscription[] {
    return declared.map((d) => this.subscribe({ ...d, source: 'config' }).subscription);
  }

  /** Unpaused subscriptions of the platforms this process delivers to (the scheduler's triggers). */
  activeSubscriptions(): Subscription[] {
    return this.deps.subscriptions.list({ active: true }).filter((s) => this.deliverers.has(s.platform));
  }

  // ---- status and preview -------------------------------------------------------------------

  cronOf(sub: Subscription): string | undefined {
    return cronOf(sub);
  }

  /** The latest slot's delivery row (any state), for /digest status. */
  latestDelivery(sub: Subscription): Delivery | undefined {
    return this.deps.deliveries.latest(sub.id);
  }

  nextRun(sub: Subscription, now = this.deps.clock()): Date | undefined {
    return nextRun(this.deps.deliveries, sub, now);
  }

  preview(sub: Subscription): DigestPreview {
    return previewDigest(this.deps, sub, this.deps.clock());
  }

  describe(sub: Subscription): string {
    return describeSubscription(sub);
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

  private runOnce(): Promise<TickReport> {
    return runTick({ ...this.deps, settings: this.current, owner: this.owner, deliverers: this.deliverers });
  }
}
