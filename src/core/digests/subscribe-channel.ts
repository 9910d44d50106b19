import type { BriefingLength } from '../briefing/briefing.js';
import type { Clock, Logger } from '../ports/runtime.js';
import type { DigestPlatform, Subscription, SubscriptionStore } from '../ports/storage.js';
import { DEFAULT_SCHEDULE, parseSchedule, type Schedule } from './schedule.js';

export interface SubscribeRequest {
  readonly platform: DigestPlatform;
  readonly channelId: string;
  readonly workspaceId?: string;
  readonly schedule?: string;
  readonly timezone?: string;
  readonly topics?: readonly string[];
  readonly length?: BriefingLength;
  readonly userId: string;
  readonly source?: 'command' | 'config';
}

export interface Subscribed {
  readonly subscription: Subscription;
  readonly created: boolean;
  readonly schedule: Schedule;
}

/**
 * Creates or updates the channel's subscription; what the request leaves out is kept from the current one,
 * else defaulted. `resume` un-pauses a paused one (see SubscriptionStore.upsert).
 */
export async function subscribeChannel(
  deps: { readonly subscriptions: SubscriptionStore; readonly clock: Clock; readonly logger: Logger },
  defaultTimezone: string,
  req: SubscribeRequest,
  options: { readonly resume: boolean },
): Promise<Subscribed> {
  const existing = await deps.subscriptions.findByChannel(req.platform, req.channelId);
  const schedule = parseSchedule(req.schedule ?? existing?.schedule ?? DEFAULT_SCHEDULE);
  const timezone = req.timezone ?? existing?.timezone ?? defaultTimezone;
  const result = await deps.subscriptions.upsert(
    {
      platform: req.platform,
      channelId: req.channelId,
      ...(req.workspaceId ? { workspaceId: req.workspaceId } : {}),
      schedule: schedule.text,
      timezone,
      topics: req.topics ?? existing?.topics ?? [],
      length: req.length ?? existing?.length ?? 'short',
      source: req.source ?? 'command',
      createdBy: req.userId,
    },
    deps.clock(),
    options,
  );
  deps.logger.info(
    { subscription: result.subscription.id, platform: req.platform, channel: req.channelId, schedule: schedule.text, timezone },
    result.created ? 'digest subscribed' : 'digest updated',
  );
  return { ...result, schedule };
}

/** Whether a config declaration differs from what the store holds (an unchanged one must not un-pause it). */
export function declarationChanged(existing: Subscription, declared: SubscribeRequest): boolean {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    existing.source !== 'config' ||
    existing.schedule !== declared.schedule ||
    existing.timezone !== declared.timezone ||
    existing.length !== declared.length ||
    (declared.workspaceId !== undefined && existing.workspaceId !== declared.workspaceId) ||
    !same(existing.topics, declared.topics ?? [])
  );
}
