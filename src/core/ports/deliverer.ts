import type { Reply } from '../reply/reply.js';
import type { DigestPlatform, Subscription } from './storage.js';

/** Where a digest goes. */
export interface Destination {
  readonly platform: DigestPlatform;
  readonly channelId: string;
  readonly workspaceId?: string;
}

/**
 * What a deliverer reports. `transient`: worth retrying (network, 5xx, timeouts, rate limits the library
 * gave up on). `permanent`: retrying cannot help (channel deleted, bot removed, no access); the
 * subscription is paused with `reason`, which /digest status shows.
 */
export type DeliveryResult =
  | { readonly ok: true; readonly messageId?: string }
  | { readonly ok: false; readonly kind: 'transient'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly ok: false; readonly kind: 'permanent'; readonly reason: string }
  /** The platform refused this message itself (e.g. a malformed body): not retried, not paused; recorded as failed. */
  | { readonly ok: false; readonly kind: 'rejected'; readonly reason: string };

/** The port a platform implements to post a digest. `idempotencyKey` is the same on every attempt of one slot. */
export interface Deliverer {
  readonly platform: DigestPlatform;
  deliver(destination: Destination, reply: Reply, idempotencyKey: string): Promise<DeliveryResult>;
}

export function destinationOf(sub: Subscription): Destination {
  return { platform: sub.platform, channelId: sub.channelId, ...(sub.workspaceId ? { workspaceId: sub.workspaceId } : {}) };
}
