import type { BriefingLength } from '../briefing/briefing.js';
import type { Clock, Logger } from '../ports.js';
import type { DigestPlatform, Subscription, SubscriptionStore } from './digest-types.js';
import { parseSchedule, type Schedule } from './schedule.js';

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

/** Creates or updates the channel's subscription; what the request leaves out is kept from the current one, else defaulted. */
export function subscribeChannel(
  deps: { readonly subscriptions: SubscriptionStore; readonly clock: Clock; readonly logger: Logger },
  defaultTimezone: string,
  req: SubscribeRequest,
): Subscribed {
  const existing = deps.subscriptions.findByChannel(req.platform, req.channelId);
  const schedule = parseSchedule(req.schedule ?? existing?.schedule ?? 'daily 08:00');
  const timezone = req.timezone ?? existing?.timezone ?? defaultTimezone;
  const result = deps.subscriptions.upsert(
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
  );
  deps.logger.info(
    { subscription: result.subscription.id, platform: req.platform, channel: req.channelId, schedule: schedule.text, timezone },
    result.created ? 'digest subscribed' : 'digest updated',
  );
  return { ...result, schedule };
}
