import type { Deliverer, DeliveryResult } from '../ports/deliverer.js';
import { destinationOf } from '../ports/deliverer.js';
import type { Delivery, Subscription } from '../ports/storage.js';
import type { Reply } from '../reply/reply.js';
import { composeDigest, type DigestContent } from './compose-digest.js';
import { digestReply, nothingNewReply } from './digest-content.js';
import { withinCatchUp } from './retry-policy.js';
import { type Attempt, finishAttempt, settleAttempt } from './settle-attempt.js';
import type { TickContext } from './tick-context.js';

/**
 * One attempt at a claimable slot: claims it (a lost race is a no-op), gives up if the catch-up window has
 * passed, composes the digest, hands it to the deliverer and settles the row from the result.
 */
export async function deliverSlot(row: Delivery, sub: Subscription, deliverer: Deliverer, ctx: TickContext): Promise<void> {
  const { deliveries, clock, settings } = ctx;
  const log = ctx.logger.child({ subscription: sub.id, slot: row.slot.toISOString(), platform: sub.platform, channel: sub.channelId });
  const start = clock();
  const claimed = await deliveries.claim(row.id, ctx.owner, start, new Date(start.getTime() + settings.leaseMs));
  if (!claimed) return; // another process took it first
  const { slot, attempts } = claimed.delivery;
  const attempt: Attempt = { ctx, deliveryId: row.id, sub, slot, attempts, log };

  const interrupted = claimed.previous === 'sending';
  if (interrupted) {
    const detail = `an earlier attempt (attempt ${attempts - 1}) was interrupted; resending with the same idempotency key`;
    await ctx.outcomes.record(row.id, sub.id, slot, 'recovered', detail, start);
    log.warn({ attempts }, 'resuming an interrupted digest delivery');
  }
  if (!withinCatchUp(slot, start, settings.catchUpMs)) {
    const detail = interrupted ? 'interrupted, and too late to resend within the catch-up window' : 'not delivered within the catch-up window';
    await finishAttempt(attempt, 'failed', 'failed', detail);
    return;
  }

  const content = await composeDigest(ctx, sub, slot, start);
  if (content.briefings.length === 0 && settings.nothingNew === 'skip') {
    await finishAttempt(attempt, 'skipped', 'skipped', 'nothing new on its topics');
    return;
  }
  const reply = await replyFor(sub, content, ctx);
  let result: DeliveryResult;
  try {
    result = await deliverer.deliver(destinationOf(sub), reply, claimed.delivery.idempotencyKey);
  } catch (error) {
    result = { ok: false, kind: 'transient', reason: (error as Error).message || String(error) };
  }
  await settleAttempt(attempt, result, content);
}

async function replyFor(sub: Subscription, { briefings, header }: DigestContent, ctx: TickContext): Promise<Reply> {
  const [first] = briefings;
  if (!first) return nothingNewReply(header);
  // The digest opens a conversation on its lead briefing, so follow-up questions in the channel have context.
  const conversation = ctx.newId();
  await ctx.conversations.begin(conversation, first.id);
  return digestReply(briefings, sub.length, header, conversation);
}
