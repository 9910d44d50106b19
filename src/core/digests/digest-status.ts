import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { DeliveryStore, Subscription } from '../ports/storage.js';
import type { Reply } from '../reply/reply.js';
import { composeDigest } from './compose-digest.js';
import { type DigestHeader, digestReply } from './digest-content.js';
import { describeSchedule, parseSchedule } from './schedule.js';
import { nextSlot } from './slots.js';

/** The next slot the subscription will deliver, or undefined (paused, or a schedule that has ended). */
export async function nextRun(deliveries: DeliveryStore, sub: Subscription, now: Date): Promise<Date | undefined> {
  if (sub.pausedAt) return undefined;
  const last = (await deliveries.lastSlot(sub.id))?.getTime() ?? 0;
  const from = Math.max(now.getTime(), last, sub.scheduleSince.getTime());
  const next = nextSlot(parseSchedule(sub.schedule), sub.timezone, from);
  return next === undefined ? undefined : new Date(next);
}

export interface DigestPreview {
  /** Undefined when there is nothing new. */
  readonly reply: Reply | undefined;
  readonly header: DigestHeader;
  readonly count: number;
}

/** The digest that would go out now, shown only to the asker. */
export async function previewDigest(
  sources: { readonly deliveries: DeliveryStore; readonly library: BriefingLibrary; readonly newId: () => string },
  sub: Subscription,
  now: Date,
): Promise<DigestPreview> {
  const { briefings, header } = await composeDigest(sources, sub, (await nextRun(sources.deliveries, sub, now)) ?? now, now);
  const reply = briefings.length > 0 ? { ...digestReply(briefings, sub.length, header, sources.newId()), visibility: 'private' as const } : undefined;
  return { reply, header, count: briefings.length };
}

export function describeSubscription(sub: Subscription): string {
  return `${describeSchedule(parseSchedule(sub.schedule))} (${sub.timezone})`;
}

/** The subscription's cron expression in local time, or undefined if its stored schedule no longer parses. */
export function cronOf(sub: Subscription): string | undefined {
  try {
    return parseSchedule(sub.schedule).cron;
  } catch {
    return undefined;
  }
}
