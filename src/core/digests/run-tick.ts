import { type DeliveryContext, deliverSlot } from './deliver-slot.js';
import type { Deliverer } from './deliverer.js';
import type { DeliveryOutcome, DigestPlatform, Subscription } from './digest-types.js';
import { OutcomeLog } from './outcome-log.js';
import { planDueSlots } from './plan-due-slots.js';

export interface TickReport {
  readonly planned: number;
  readonly attempted: number;
  readonly outcomes: Readonly<Record<DeliveryOutcome, number>>;
}

export interface TickContext extends Omit<DeliveryContext, 'outcomes'> {
  readonly deliverers: ReadonlyMap<DigestPlatform, Deliverer>;
}

/** One pass: opens every active subscription's due slot, then attempts every claimable row of a platform served here. */
export async function runTick(ctx: TickContext): Promise<TickReport> {
  const { deliveries, subscriptions, deliverers, logger, settings } = ctx;
  const outcomes = new OutcomeLog(deliveries);
  const now = ctx.clock();
  let planned = 0;
  for (const sub of subscriptions.list({ active: true })) {
    if (!deliverers.has(sub.platform)) continue;
    planned += planDueSlots(sub, now, { deliveries, logger, catchUpMs: settings.catchUpMs, outcomes });
  }
  // Claimable rows include retries and crashed attempts, often many per subscription: each is looked up once.
  const subs = new Map<string, Subscription | undefined>();
  const subOf = (id: string) => {
    if (!subs.has(id)) subs.set(id, subscriptions.get(id));
    return subs.get(id);
  };
  const rows = deliveries.claimable(now).filter((d) => {
    const sub = subOf(d.subscriptionId);
    return sub !== undefined && deliverers.has(sub.platform);
  });
  const deliveryContext: DeliveryContext = { ...ctx, outcomes };
  await forEachConcurrently(rows, settings.concurrency, async (row) => {
    const sub = subOf(row.subscriptionId) as Subscription;
    await deliverSlot(row, sub, deliverers.get(sub.platform) as Deliverer, deliveryContext).catch((err) => {
      logger.error({ err, delivery: row.id }, 'digest attempt crashed');
    });
  });
  return { planned, attempted: rows.length, outcomes: outcomes.counts };
}

/** Runs `fn` over `items` in order with at most `limit` in flight. */
async function forEachConcurrently<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
