import type { Briefing } from '../briefing/briefing.js';
import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { DeliveryStore, Subscription } from '../ports/storage.js';
import { type DigestHeader, digestBriefings } from './digest-content.js';
import { parseSchedule } from './schedule.js';
import { nextSlot } from './slots.js';
import { formatInZone } from './zone.js';

export interface DigestContent {
  readonly briefings: Briefing[];
  readonly header: DigestHeader;
  /** Where the next digest picks up, once this one is sent. */
  readonly until: Date;
}

/** Briefings since the last sent digest (or one schedule period before the slot, for the first). */
export async function composeDigest(
  sources: { readonly deliveries: DeliveryStore; readonly library: BriefingLibrary },
  sub: Subscription,
  slot: Date,
  now: Date,
): Promise<DigestContent> {
  let since = (await sources.deliveries.lastSent(sub.id))?.contentUntil;
  if (!since) {
    const following = nextSlot(parseSchedule(sub.schedule), sub.timezone, slot.getTime());
    const period = following !== undefined ? following - slot.getTime() : 24 * 3_600_000;
    since = new Date(slot.getTime() - period);
  }
  const briefings = digestBriefings(sources.library, sub.topics, since, now);
  const title = `Your news digest${sub.topics.length > 0 ? ` on ${sub.topics.join(', ')}` : ''}`;
  return { briefings, until: now, header: { title, since: `Briefings since ${formatInZone(since.getTime(), sub.timezone)}` } };
}
