import { webApi } from '@slack/bolt';
import type { ConversationService } from '../../core/conversations/conversation-service.js';
import type { Deliverer, DeliveryResult, Destination } from '../../core/ports/deliverer.js';
import type { Reply } from '../../core/reply/reply.js';
import { messageOf, threadConversation } from './slack-context.js';

/** Slack API errors after which retrying cannot help: the subscription is paused with the reason. */
export const PERMANENT_SLACK_ERRORS: Readonly<Record<string, string>> = {
  channel_not_found: 'Slack says the channel does not exist or the bot cannot see it (channel_not_found)',
  not_in_channel: 'the bot is not a member of the channel (not_in_channel): invite it with /invite',
  is_archived: 'the channel is archived (is_archived)',
  account_inactive: 'the bot was removed from the workspace or deactivated (account_inactive)',
  invalid_auth: 'Slack rejected the bot token (invalid_auth)',
  token_revoked: 'the bot token was revoked (token_revoked)',
  missing_scope: 'the app lacks the chat:write scope (missing_scope)',
  restricted_action: 'the workspace does not allow the bot to post in this channel (restricted_action)',
  team_access_not_granted: 'the bot has no access to that workspace (team_access_not_granted)',
};

const TRANSIENT_SLACK_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export interface SlackDelivererOptions {
  readonly botToken: string;
  /** SLACK_API_URL, e.g. https://slack.com/api/ */
  readonly apiUrl: string;
  /** Continues the digest's conversation in its thread, so replies there are follow-ups. */
  readonly conversations?: Pick<ConversationService, 'continueAs'>;
  /** Overrides for @slack/web-api (retry policy, timeout) — tests and the benchmark use them. */
  readonly client?: webApi.WebClientOptions;
}

/**
 * Posts digests with chat.postMessage. @slack/web-api queues calls and honours 429 Retry-After itself.
 * Slack has no idempotency key for chat.postMessage, so the key travels only as message metadata
 * (visible to the API for audits); see the README for the delivery guarantee on Slack.
 */
export class SlackDeliverer implements Deliverer {
  readonly platform = 'slack' as const;
  readonly client: webApi.WebClient;

  constructor(private readonly options: SlackDelivererOptions) {
    // A stuck call must not outlive the delivery's lease (2 minutes): bound the time and the
    // client's own retries, and leave longer retrying to the digest retry policy.
    this.client = new webApi.WebClient(options.botToken, {
      slackApiUrl: options.apiUrl,
      timeout: 30_000,
      retryConfig: { retries: 2, maxRetryTime: 60_000 },
      ...options.client,
    });
  }

  async deliver(destination: Destination, reply: Reply, idempotencyKey: string): Promise<DeliveryResult> {
    let ts: string | undefined;
    try {
      const res = await this.client.chat.postMessage({
        channel: destination.channelId,
        ...messageOf({ ...reply, visibility: 'public' }),
        metadata: { event_type: 'briefbot_digest', event_payload: { key: idempotencyKey } },
      });
      ts = res.ts;
    } catch (error) {
      return classifySlackError(error);
    }
    // The digest is out: failing to bind its thread costs follow-up context, and must not make it count as unsent.
    if (ts && reply.conversation)
      await this.options.conversations?.continueAs(reply.conversation, threadConversation(destination.channelId, ts)).catch(() => false);
    return { ok: true, ...(ts ? { messageId: ts } : {}) };
  }
}

export function classifySlackError(error: unknown): DeliveryResult {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string; statusCode?: number };
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    const known = PERMANENT_SLACK_ERRORS[code];
    if (known) return { ok: false, kind: 'permanent', reason: known };
    if (TRANSIENT_SLACK_ERRORS.has(code)) return { ok: false, kind: 'transient', reason: `Slack error ${code}` };
    return { ok: false, kind: 'rejected', reason: `Slack error ${code}` };
  }
  if (e.code === webApi.ErrorCode.RateLimitedError) {
    return { ok: false, kind: 'transient', reason: 'rate limited by Slack', ...(e.retryAfter ? { retryAfterMs: e.retryAfter * 1000 } : {}) };
  }
  if (e.code === webApi.ErrorCode.HTTPError) return { ok: false, kind: 'transient', reason: `Slack HTTP ${e.statusCode ?? ''} ${e.message ?? ''}`.trim() };
  return { ok: false, kind: 'transient', reason: `${e.code ?? 'error'}: ${e.message ?? String(error)}` };
}
