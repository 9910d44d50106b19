import type { Logger } from '../ports.js';
import type { DigestContent } from './compose-digest.js';
import type { DeliveryResult } from './deliverer.js';
import type { DigestSettings } from './digest-settings.js';
import type { DeliveryOutcome, DeliveryState, DeliveryStore, DeliveryUpdate, Subscription, SubscriptionStore } from './digest-types.js';
import type { OutcomeLog } from './outcome-log.js';
import { nextAttemptAt, withinCatchUp } from './retry-policy.js';

/** One claimed attempt at delivering a slot: everything needed to end it. */
export interface Attempt {
  readonly deliveryId: number;
  readonly sub: Subscription;
  readonly slot: Date;
  readonly attempts: number;
  readonly owner: string;
  readonly deliveries: DeliveryStore;
  readonly subscriptions: SubscriptionStore;
  readonly clock: () => Date;
  readonly settings: DigestSettings;
  readonly outcomes: OutcomeLog;
  readonly log: Logger;
}

/** Ends the attempt in the store and logs its outcome, unless the lease was lost meanwhile. */
export function finishAttempt(
  a: Attempt,
  state: DeliveryState,
  outcome: DeliveryOutcome,
  detail: string | undefined,
  extra: Partial<Omit<DeliveryUpdate, 'state' | 'detail'>> = {},
): void {
  const now = a.clock();
  const ok = a.deliveries.finish(a.deliveryId, a.owner, { state, ...(detail ? { detail } : {}), ...extra }, now);
  if (!ok) {
    a.log.warn({ state }, 'digest lease lost before the attempt finished (another process resumed it)');
    return;
  }
  a.outcomes.record(a.deliveryId, a.sub.id, a.slot, outcome, detail, now);
}

/** Turns what the deliverer reported into the delivery's next state: sent, retry, failed, or paused with its subscription. */
export function settleAttempt(a: Attempt, result: DeliveryResult, content: DigestContent): void {
  if (result.ok) {
    const n = content.briefings.length;
    finishAttempt(a, 'sent', 'sent', `${n} briefing${n === 1 ? '' : 's'}`, {
      ...(result.messageId ? { messageId: result.messageId } : {}),
      contentUntil: content.until,
      briefings: content.briefings.map((b) => b.id),
    });
    a.log.info({ attempts: a.attempts, briefings: n }, 'digest sent');
    return;
  }
  if (result.kind === 'permanent') {
    finishAttempt(a, 'paused', 'paused', result.reason);
    const now = a.clock();
    a.subscriptions.pause(a.sub.id, result.reason, now);
    a.deliveries.settleOpen(a.sub.id, 'paused', 'subscription paused', now);
    a.log.warn({ reason: result.reason }, 'digest subscription paused');
    return;
  }
  if (result.kind === 'rejected') {
    finishAttempt(a, 'failed', 'failed', `rejected by the platform: ${result.reason}`);
    a.log.error({ reason: result.reason }, 'digest message rejected by the platform');
    return;
  }
  const retryAt = nextAttemptAt(a.settings, a.attempts, a.clock(), result.retryAfterMs);
  if (withinCatchUp(a.slot, retryAt, a.settings.catchUpMs)) {
    finishAttempt(a, 'retry', 'retried', `attempt ${a.attempts} failed: ${result.reason}; retrying at ${retryAt.toISOString()}`, { nextAttemptAt: retryAt });
    a.log.warn({ reason: result.reason, nextAttemptAt: retryAt }, 'digest delivery failed; will retry');
  } else {
    finishAttempt(a, 'failed', 'failed', `attempt ${a.attempts} failed: ${result.reason}; no time left in the catch-up window`);
    a.log.error({ reason: result.reason }, 'digest delivery failed; giving up');
  }
}
