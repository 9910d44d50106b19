import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { AnswerService } from '../conversations/answer-service.js';
import type { Clock, Logger } from '../ports.js';
import type { Reply } from '../reply/reply.js';
import { composeDigest, type DigestContent } from './compose-digest.js';
import { type Deliverer, type DeliveryResult, destinationOf } from './deliverer.js';
import { digestReply, nothingNewReply } from './digest-content.js';
import type { DigestSettings } from './digest-settings.js';
import type { Delivery, DeliveryStore, Subscription, SubscriptionStore } from './digest-types.js';
import type { OutcomeLog } from './outcome-log.js';
import { withinCatchUp } from './retry-policy.js';
import { type Attempt, finishAttempt, settleAttempt } from './settle-attempt.js';

export interface DeliveryContext {
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;
  readonly library: BriefingLibrary;
  readonly answers?: AnswerService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  readonly settings: DigestSettings;
  readonly owner: string;
  readonly outcomes: OutcomeLog;
}

/**
 * One attempt at a claimable slot: claims it (a lost race is a no-op), gives up if the catch-up window has
 * passed, composes the digest, hands it to the deliverer and settles the row from the result.
 */
export async function deliverSlot(row: Delivery, sub: Subscription, deliverer: Deliverer, ctx: DeliveryContext): Promise<void> {
  const { deliveries, clock, settings } = ctx;
  const log = ctx.logger.child({ subscription: sub.id, slot: row.slot.toISOString(), platform: sub.platform, channel: sub.channelId });
  const start = clock();
  const claimed = deliveries.claim(row.id, ctx.owner, start, new Date(start.getTime() + settings.leaseMs));
  if (!claimed) return; // another process took it first
  const { slot, attempts } = claimed.delivery;
  const attempt: Attempt = { ...ctx, deliveryId: row.id, sub, slot, attempts, log };

  const interrupted = claimed.previous === 'sending';
  if (interrupted) {
    const detail = `an earlier attempt (attempt ${attempts - 1}) was interrupted; resending with the same idempotency key`;
    ctx.outcomes.record(row.id, sub.id, slot, 'recovered', detail, start);
    log.warn({ attempts }, 'resuming an interrupted digest delivery');
  }
  if (!withinCatchUp(slot, start, settings.catchUpMs)) {
    finishAttempt(
      attempt,
      'failed',
      'failed',
      interrupted ? 'interrupted, and too late to resend within the catch-up window' : 'not delivered within the catch-up window',
    );
    return;
  }

  const content = composeDigest(ctx, sub, slot, start);
  if (content.briefings.length === 0 && settings.nothingNew === 'skip') {
    finishAttempt(attempt, 'skipped', 'skipped', 'nothing new on its topics');
    return;
  }
  const reply = replyFor(sub, content, ctx);
  let result: DeliveryResult;
  try {
    result = await deliverer.deliver(destinationOf(sub), reply, claimed.delivery.idempotencyKey);
  } catch (error) {
    result = { ok: false, kind: 'transient', reason: (error as Error).message || String(error) };
  }
  settleAttempt(attempt, result, content);
}

function replyFor(sub: Subscription, { briefings, header }: DigestContent, ctx: Pick<DeliveryContext, 'answers' | 'newId'>): Reply {
  if (briefings.length === 0) return nothingNewReply(header);
  // The digest opens a conversation on its lead briefing, so follow-up questions in the channel have context.
  const conversation = ctx.newId();
  const first = briefings[0];
  if (first) ctx.answers?.begin(conversation, first.id);
  return digestReply(briefings, sub.length, header, conversation);
}
