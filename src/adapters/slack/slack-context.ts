import type { App as BoltApp, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config/config.js';
import type { BotCore } from '../../core/bot-core.js';
import { newIncidentId } from '../../core/commands/run-command.js';
import type { Logger } from '../../core/ports/runtime.js';
import { incidentReply } from '../../core/reply/replies.js';
import type { Reply } from '../../core/reply/reply.js';
import { renderSlack } from './render-slack.js';

/** Everything the Slack listeners share. */
export interface SlackDeps {
  readonly bolt: BoltApp;
  readonly core: BotCore;
  readonly config: SlackConfig;
  readonly logger: Logger;
  /** The bot's own identity, from auth.test at start-up. */
  readonly bot: { readonly userId: string; readonly botId?: string; readonly teamId?: string };
}

type WebClient = webApi.WebClient;

/**
 * A conversation bound to a Slack thread. Stored by the core with a TTL, so follow-ups still work
 * after a restart; and since only the bot creates these, "does it exist?" is also "did I start
 * this thread?".
 */
export function threadConversation(channel: string, threadTs: string): string {
  return `slack:${channel}:${threadTs}`;
}

/**
 * `canManage` (may manage digests here): workspace admins and owners, and the user ids listed in
 * SLACK_DIGEST_MANAGERS. Asks users.info, so callers pass it lazily (the core asks only when a command needs it).
 */
export async function canManage(deps: SlackDeps, client: WebClient, userId: string): Promise<boolean> {
  if (deps.config.digestManagers.includes(userId)) return true;
  try {
    const res = await client.users.info({ user: userId });
    return Boolean(res.user?.is_admin || res.user?.is_owner || res.user?.is_primary_owner);
  } catch (err) {
    deps.logger.warn({ err, userId }, 'users.info failed; treating the user as not a manager');
    return false;
  }
}

/** The message payload for a reply, as chat.postMessage / response_url want it. */
export function messageOf(reply: Reply) {
  const { text, blocks } = renderSlack(reply);
  return { text, blocks, unfurl_links: false, unfurl_media: false };
}

/**
 * Posts a public reply with chat.postMessage. A top-level post becomes a thread root: its
 * conversation is continued under `slack:<channel>:<ts>` so replies in the thread get context.
 */
export async function postPublic(deps: SlackDeps, client: WebClient, channel: string, reply: Reply, threadTs?: string): Promise<string | undefined> {
  const res = await client.chat.postMessage({ channel, ...messageOf(reply), ...(threadTs ? { thread_ts: threadTs } : {}) });
  const ts = res.ts;
  if (!threadTs && ts && reply.conversation) await deps.core.continueConversation(reply.conversation, threadConversation(channel, ts));
  return ts;
}

/**
 * Runs a listener body so that no failure escapes: a bug is logged in full under an incident id
 * and the user gets a short message quoting the id (never a stack), and the app keeps running.
 */
export async function guarded(deps: SlackDeps, what: string, fn: () => Promise<void>, tell?: (reply: Reply) => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const incident = newIncidentId();
    deps.logger.error({ err, incident, handler: what }, 'slack handler failed');
    if (tell) {
      await tell(incidentReply(incident)).catch((e: unknown) => deps.logger.warn({ err: e, incident }, 'could not tell the user about the incident'));
    }
  }
}

/** Slack Web API error code (`channel_not_found`, …) if `err` is a platform error. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
