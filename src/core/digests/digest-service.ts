import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ErrorCode, UserError } from '../errors.js';
import type { Deliverer } from '../ports/deliverer.js';
import type { Delivery, DigestPlatform, Subscription } from '../ports/storage.js';
import type { DigestSettings } from './digest-settings.js';
import { cronOf, type DigestPreview, describeSubscription, nextRun, previewDigest } from './digest-status.js';
import { runTick, type TickReport } from './run-tick.js';
import { declarationChanged, type Subscribed, type SubscribeRequest, subscribeChannel } from './subscribe-channel.js';
import type { DigestDeps } from './tick-context.js';

export interface DigestServiceOptions extends DigestDeps {
  readonly settings: DigestSettings;
  /** One per platform this process delivers to; it plans and sends only their subscriptions. */
  readonly deliverers: readonly Deliverer[];
  /** Identifies this process in claims (default host:pid:random). */
  readonly owner?: string;
}

/**
 * Digest subscriptions and their delivery. `tick()` is the only entry the scheduler calls: it settles
 * which slots are due (pure slot arithmetic), claims each (subscription, slot) in the store, and fans the
 * claimed ones out to the deliverers with a concurrency cap. Any number of processes may tick against one
 * database: the unique (subscription, slot) row plus its lease make every slot go out once.
 * Settings and deliverers are fixed at construction by the composition root.
 */
export class DigestService {
  readonly settings: DigestSettings;
  private readonly deliverers: ReadonlyMap<DigestPlatform, Deliverer>;
  private readonly owner: string;
  private running: Promise<TickReport> | undefined;
  private again = false;

  constructor(private readonly deps: DigestServiceOptions) {
    this.settings = deps.settings;
    this.deliverers = new Map(deps.deliverers.map((d) => [d.platform, d]));
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  hasDeliverer(platform: DigestPlatform): boolean {
    return this.deliverers.has(platform);
  }

  /** `/digest subscribe`: creates or changes the channel's digest, and resumes it if it was paused. */
  subscribe(req: SubscribeRequest): Promise<Subscribed> {
    return subscribeChannel(this.deps, this.settings.defaultTimezone, req, { resume: true });
  }

  async unsubscribe(platform: DigestPlatform, channelId: string): Promise<Subscription> {
    const sub = await this.requireSubscription(platform, channelId);
    await this.deps.subscriptions.remove(sub.id);
    this.deps.logger.info({ subscription: sub.id, platform, channel: channelId }, 'digest unsubscribed');
    return sub;
  }

  find(platform: DigestPlatform, channelId: string): Promise<Subscription | undefined> {
    return this.deps.subscriptions.findByChannel(platform, channelId);
  }

  async requireSubscription(platform: DigestPlatform, channelId: string): Promise<Subscription> {
    const sub = await this.find(platform, channelId);
    if (!sub) throw new UserError(ErrorCode.SubscriptionNotFound, 'This channel has no digest. Use /digest subscribe to set one up.', { platform, channelId });
    return sub;
  }

  /**
   * Creates or updates the digests declared in config (already validated), at start-up. A paused one
   * stays paused unless its declaration changed: a restart must not retry a channel that is gone.
   */
  async syncDeclared(declared: readonly SubscribeRequest[]): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for (const d of declared) {
      const existing = await this.find(d.platform, d.channelId);
      const resume = existing === undefined || declarationChanged(existing, d);
      out.push((await subscribeChannel(this.deps, this.settings.defaultTimezone, { ...d, source: 'config' }, { resume })).subscription);
    }
    return out;
  }

  /** Unpaused subscriptions of the platforms this process delivers to (the scheduler's triggers). */
  async activeSubscriptions(): Promise<Subscription[]> {
    return (await this.deps.subscriptions.list({ active: true })).filter((s) => this.deliverers.has(s.platform));
  }

  // ---- status and preview -------------------------------------------------------------------

  cronOf(sub: Subscription): string | undefined {
    return cronOf(sub);
  }

  /** The latest slot's delivery row (any state), for /digest status. */
  latestDelivery(sub: Subscription): Promise<Delivery | undefined> {
    return this.deps.deliveries.latest(sub.id);
  }

  nextRun(sub: Subscription, now = this.deps.clock()): Promise<Date | undefined> {
    return nextRun(this.deps.deliveries, sub, now);
  }

  preview(sub: Subscription): Promise<DigestPreview> {
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
        report = await runTick({ ...this.deps, settings: this.settings, owner: this.owner, deliverers: this.deliverers });
      } while (this.again);
      return report;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** When the earliest waiting retry is due (so the scheduler can wake up for it). */
  nextRetryAt(): Promise<Date | undefined> {
    return this.deps.deliveries.nextRetryAt();
  }
}
