import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Deliverer } from '../ports/deliverer.js';
import type { Clock, Logger } from '../ports/runtime.js';
import type { DeliveryStore, DigestPlatform, SubscriptionStore } from '../ports/storage.js';
import type { DigestSettings } from './digest-settings.js';
import type { OutcomeLog } from './outcome-log.js';

/** What digest delivery reads and writes: the two stores, the briefings, and the conversations digests open. */
export interface DigestDeps {
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;
  readonly library: BriefingLibrary;
  readonly conversations: ConversationService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
}

/** One tick: the service's dependencies and settings, this process's identity in claims, and the tick's outcome counts. */
export interface TickContext extends DigestDeps {
  readonly settings: DigestSettings;
  readonly owner: string;
  readonly deliverers: ReadonlyMap<DigestPlatform, Deliverer>;
  readonly outcomes: OutcomeLog;
}
