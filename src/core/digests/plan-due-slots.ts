import { createHash } from 'node:crypto';
import type { Subscription } from '../ports/storage.js';
import { withinCatchUp } from './retry-policy.js';
import { parseSchedule, type Schedule } from './schedule.js';
import { planSlots } from './slots.js';
import type { TickContext } from './tick-context.js';

/** The idempotency key of a slot: stable across retries, restarts and processes; 25 characters (Discord's nonce limit). */
export function idempotencyKey(subscriptionId: string, slot: Date): string {
  return `d${createHash('sha256').update(`${subscriptionId}:${slot.toISOString()}`).digest('hex').slice(0, 24)}`;
}

/**
 * Settles the subscription's slots up to now: opens the due one, records missed ones as skipped.
 * Returns 1 when this call opened the due slot (0 if another process already had, or none is due).
 */
export async function planDueSlots(sub: Subscription, now: Date, ctx: TickContext): Promise<number> {
  const { deliveries } = ctx;
  const { catchUpMs } = ctx.settings;
  let schedule: Schedule;
  try {
    schedule = parseSchedule(sub.schedule);
  } catch (error) {
    ctx.logger.error({ err: error, subscription: sub.id }, 'stored digest schedule is invalid');
    return 0;
  }
  const since = Math.max((await deliveries.lastSlot(sub.id))?.getTime() ?? 0, sub.scheduleSince.getTime());
  const plan = planSlots({ schedule, zone: sub.timezone, since, now: now.getTime(), catchUpMs });
  const extra = plan.skippedTotal - plan.skipped.length;
  for (const [i, s] of plan.skipped.entries()) {
    const slot = new Date(s);
    const superseded = plan.due !== undefined && withinCatchUp(s, plan.due, catchUpMs);
    const detail = superseded
      ? 'missed while the bot was down; a later slot within the catch-up window was delivered instead'
      : `missed while the bot was down, more than ${Math.round(catchUpMs / 60_000)} minutes ago${i === 0 && extra > 0 ? ` (and ${extra} earlier slots)` : ''}`;
    const id = await deliveries.open(sub.id, slot, 'skipped', idempotencyKey(sub.id, slot), now, detail);
    if (id !== undefined) await ctx.outcomes.record(id, sub.id, slot, 'skipped', detail, now);
  }
  if (plan.due === undefined) return 0;
  const slot = new Date(plan.due);
  return (await deliveries.open(sub.id, slot, 'pending', idempotencyKey(sub.id, slot), now)) !== undefined ? 1 : 0;
}
