import cron, { type ScheduledTask } from 'node-cron';
import type { DigestService } from '../core/digests/digest-service.js';
import type { TickReport } from '../core/digests/run-tick.js';
import type { Logger } from '../core/ports/runtime.js';

/**
 * The trigger for digests, and nothing more: node-cron fires at each subscription's own times (with its
 * `timezone`), plus an every-minute heartbeat that picks up retries, catch-up and schedule changes.
 * Whatever fires, the work is `service.tick()`, which decides from the store and the clock what is due —
 * so a late, doubled or missed trigger cannot send anything twice or skip anything.
 */
export interface DigestSchedulerOptions {
  readonly logger: Logger;
  /** Heartbeat cron expression (default every minute). */
  readonly heartbeat?: string;
}

export class DigestScheduler {
  private readonly tasks = new Map<string, { key: string; task: ScheduledTask }>();
  private heartbeat: ScheduledTask | undefined;
  private wake: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private last: Promise<TickReport | undefined> = Promise.resolve(undefined);

  constructor(
    private readonly service: DigestService,
    private readonly options: DigestSchedulerOptions,
  ) {}

  private get cronLogger() {
    const log = this.options.logger;
    return {
      info: (m: string) => log.debug({ source: 'node-cron' }, m),
      warn: (m: string) => log.debug({ source: 'node-cron' }, m),
      error: (m: string | Error, err?: Error) => log.error({ source: 'node-cron', err: err ?? m }, String(m)),
      debug: () => {},
    };
  }

  /** Starts the triggers and runs one tick at once (delivering what came due while the bot was down). */
  start(): Promise<TickReport | undefined> {
    this.stopped = false;
    this.heartbeat = cron.schedule(this.options.heartbeat ?? '* * * * *', () => this.trigger('heartbeat'), {
      name: 'digest-heartbeat',
      timezone: 'UTC',
      logger: this.cronLogger,
      suppressMissedWarning: true,
    });
    return this.trigger('start');
  }

  /** Brings the per-subscription triggers in line with the store (at start and on every heartbeat). */
  private async sync(): Promise<void> {
    const wanted = new Map((await this.service.activeSubscriptions()).map((s) => [s.id, s]));
    if (this.stopped) return;
    for (const [id, entry] of this.tasks) {
      const sub = wanted.get(id);
      if (!sub || entry.key !== `${sub.schedule}|${sub.timezone}`) {
        void entry.task.destroy();
        this.tasks.delete(id);
      }
    }
    for (const sub of wanted.values()) {
      if (this.tasks.has(sub.id)) continue;
      const expression = this.service.cronOf(sub);
      if (!expression || !cron.validate(expression)) continue; // the heartbeat still covers it
      const task = cron.schedule(expression, () => this.trigger('schedule'), {
        name: `digest:${sub.id}`,
        timezone: sub.timezone,
        logger: this.cronLogger,
        suppressMissedWarning: true,
      });
      this.tasks.set(sub.id, { key: `${sub.schedule}|${sub.timezone}`, task });
    }
  }

  /** Runs a tick (coalesced by the service) and sets a timer for the earliest pending retry. */
  trigger(reason: string): Promise<TickReport | undefined> {
    if (this.stopped) return this.last;
    const synced = reason === 'heartbeat' || reason === 'start' ? this.sync() : Promise.resolve();
    this.last = synced
      .then(() => this.service.tick())
      .then(async (report) => {
        if (report.attempted > 0 || report.planned > 0) this.options.logger.info({ reason, ...report }, 'digest tick');
        await this.armRetry();
        return report;
      })
      .catch((err: unknown) => {
        this.options.logger.error({ err }, 'digest tick failed');
        return undefined;
      });
    return this.last;
  }

  private async armRetry(): Promise<void> {
    const at = await this.service.nextRetryAt();
    if (this.stopped) return;
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
    if (!at) return;
    const delay = Math.max(0, at.getTime() - Date.now());
    if (delay >= 60_000) return; // the heartbeat comes first
    this.wake = setTimeout(() => void this.trigger('retry'), delay + 50);
    this.wake.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake);
    await this.heartbeat?.destroy();
    for (const { task } of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    await this.last;
  }
}
