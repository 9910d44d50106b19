import type { DeliveryResult } from '../ports/deliverer.js';
import type { Logger } from '../ports/runtime.js';
import type { DeliveryOutcome, DeliveryState, DeliveryUpdate, Subscription } from '../ports/storage.js';
import type { DigestContent } from './compose-digest.js';
import { nextAttemptAt, withinCatchUp } from './retry-policy.js';
import type { TickContext } from './tick-context.js';

/** One claimed attempt at delivering a slot: everything needed to end it. */
export interface Attempt {
  readonly ctx: TickContext;
  readonly deliveryId: number;
  readonly sub: Subscription;
  readonly slot: Date;
  readonly attempts: number;
  readonly log: Logger;
}

/** Ends the attempt in the store and logs its outcome, unless the lease was lost meanwhile. */
export async function finishAttempt(
  a: Attempt,
  state: DeliveryState,
  outcome: DeliveryOutcome,
  detail: string | undefined,
  extra: Partial<Omit<DeliveryUpdate, 'state' | 'detail'>> = {},
): Promise<void> {
  const now = a.ctx.clock();
  const ok = await a.ctx.deliveries.finish(a.deliveryId, a.ctx.owner, { state, ...(detail ? { detail } : {}), ...extra }, now);
  if (!ok) {
    a.log.warn({ state }, 'digest lease lost before the attempt finished (another process resumed it)');
    return;
  }
  await a.ctx.outcomes.record(a.deliveryId, a.sub.id, a.slot, outcome, detail, now);
}

/** Turns what the deliverer reported into the delivery's next state: sent, retry, failed, or paused with its subscription. */
export async function settleAttempt(a: Attempt, result: DeliveryResult, content: DigestContent): Promise<void> {
  const { ctx } = a;
  if (result.ok) {
    const n = content.briefings.length;
    await finishAttempt(a, 'sent', 'sent', `${n} briefing${n === 1 ? '' : 's'}`, {
      ...(result.messageId ? { messageId: result.messageId } : {}),
      contentUntil: content.until,
      briefings: content.briefings.map((b) => b.id),
    });
    a.log.info({ attempts: a.attempts, briefings: n }, 'digest sent');
    return;
  }
  if (result.kind === 'permanent') {
    await finishAttempt(a, 'paused', 'paused', result.reason);
    const now = ctx.clock();
    await ctx.subscriptions.pause(a.sub.id, result.reason, now);
    await ctx.deliveries.settleOpen(a.sub.id, 'paused', 'subscription paused', now);
    a.log.warn({ reason: result.reason }, 'digest subscription paused');
    return;
  }
  if (result.kind === 'rejected') {
    await finishAttempt(a, 'failed', 'failed', `rejected by the platform: ${result.reason}`);
    a.log.error({ reason: result.reason }, 'digest message rejected by the platform');
    return;
  }
  const retryAt = nextAttemptAt(ctx.settings, a.attempts, ctx.clock(), result.retryAfterMs);
  if (withinCatchUp(a.slot, retryAt, ctx.settings.catchUpMs)) {
    await finishAttempt(a, 'retry', 'retried', `attempt ${a.attempts} failed: ${result.reason}; retrying at ${retryAt.toISOString()}`, {
      nextAttemptAt: retryAt,
    });
    a.log.warn({ reason: result.reason, nextAttemptAt: retryAt }, 'digest delivery failed; will retry');
  } else {
    await finishAttempt(a, 'failed', 'failed', `attempt ${a.attempts} failed: ${result.reason}; no time left in the catch-up window`);
    a.log.error({ reason: result.reason }, 'digest delivery failed; giving up');
  }
}
