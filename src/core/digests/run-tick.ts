import type { Deliverer } from '../ports/deliverer.js';
import type { Delivery, DeliveryOutcome, Subscription } from '../ports/storage.js';
import { deliverSlot } from './deliver-slot.js';
import { OutcomeLog } from './outcome-log.js';
import { planDueSlots } from './plan-due-slots.js';
import type { TickContext } from './tick-context.js';

export interface TickReport {
  readonly planned: number;
  readonly attempted: number;
  readonly outcomes: Readonly<Record<DeliveryOutcome, number>>;
}

/** One pass: opens every active subscription's due slot, then attempts every claimable row of a platform served here. */
export async function runTick(base: Omit<TickContext, 'outcomes'>): Promise<TickReport> {
  const ctx: TickContext = { ...base, outcomes: new OutcomeLog(base.deliveries) };
  const { deliveries, subscriptions, deliverers, logger, settings } = ctx;
  const now = ctx.clock();
  let planned = 0;
  for (const sub of await subscriptions.list({ active: true })) {
    if (!deliverers.has(sub.platform)) continue;
    planned += await planDueSlots(sub, now, ctx);
  }
  // Claimable rows include retries and crashed attempts, often many per subscription: each is looked up once.
  const subs = new Map<string, Promise<Subscription | undefined>>();
  const subOf = (id: string) => {
    const known = subs.get(id);
    if (known) return known;
    const sub = subscriptions.get(id);
    subs.set(id, sub);
    return sub;
  };
  const rows: { row: Delivery; sub: Subscription; deliverer: Deliverer }[] = [];
  for (const row of await deliveries.claimable(now)) {
    const sub = await subOf(row.subscriptionId);
    const deliverer = sub && deliverers.get(sub.platform);
    if (sub && deliverer) rows.push({ row, sub, deliverer });
  }
  await forEachConcurrently(rows, settings.concurrency, async ({ row, sub, deliverer }) => {
    await deliverSlot(row, sub, deliverer, ctx).catch((err) => {
      logger.error({ err, delivery: row.id }, 'digest attempt crashed');
    });
  });
  return { planned, attempted: rows.length, outcomes: ctx.outcomes.counts };
}

/** Runs `fn` over `items` in order with at most `limit` in flight. */
async function forEachConcurrently<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
