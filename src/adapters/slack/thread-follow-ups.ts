import type { webApi } from '@slack/bolt';
import { infoReply } from '../../core/reply/replies.js';
import { slackTextToPlain } from './escape-mrkdwn.js';
import { guarded, messageOf, postPublic, type SlackDeps, threadConversation } from './slack-context.js';

/** The fields of a message / app_mention event the bot reads. */
interface IncomingMessage {
  readonly type?: string;
  readonly subtype?: string;
  readonly channel?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly app_id?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly thread_ts?: string;
  readonly team?: string;
}

/** Message subtypes that are people talking; every other subtype (edits, joins, bots…) is ignored. */
const HUMAN_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

/** Whether a message came from a bot: this one or any other (Bolt's own ignoreSelf is off; see slack-app.ts). */
export function fromBot(deps: SlackDeps, m: IncomingMessage): boolean {
  return Boolean(m.bot_id || m.app_id || m.subtype === 'bot_message' || m.user === deps.bot.userId);
}

/**
 * Answers a question in a thread the bot started, with that thread's conversation, so "how many
 * of them?" resolves against what was asked before. Refusals and answers go in the thread; a
 * problem with the question itself (too long, …) only to the asker.
 */
export async function answerInThread(
  deps: SlackDeps,
  client: webApi.WebClient,
  where: { channel: string; threadTs: string; user: string; team?: string | undefined },
  question: string,
): Promise<void> {
  const conversation = threadConversation(where.channel, where.threadTs);
  const caller = { platform: 'slack' as const, userId: where.user, channelId: where.channel, ...(where.team ? { workspaceId: where.team } : {}) };
  const reply = question
    ? await deps.core.ask(caller, question, { conversation, public: true })
    : infoReply('Ask me a question about the briefings, e.g. "what happened?"', 'public');
  if (reply.kind === 'error') {
    await client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, ...messageOf(reply) });
    return;
  }
  await postPublic(deps, client, where.channel, reply, where.threadTs);
}

/**
 * Thread replies and mentions. The bot speaks only in threads it started (their conversation
 * exists in the store), ignores its own and other bots' messages, and a mention in a channel
 * starts a new thread under the mentioning message.
 */
export function registerThreadFollowUps(deps: SlackDeps): void {
  const { bolt } = deps;
  const mention = () => new RegExp(`<@${deps.bot.userId}(\\|[^>]*)?>`);

  bolt.event('message', async ({ event, client }) => {
    const m = event as IncomingMessage;
    if (!HUMAN_SUBTYPES.has(m.subtype) || fromBot(deps, m)) return;
    if (!m.channel || !m.user || !m.ts || !m.thread_ts || m.thread_ts === m.ts) return; // only replies in threads
    if (mention().test(m.text ?? '')) return; // the app_mention event for the same message answers it
    const conversation = threadConversation(m.channel, m.thread_ts);
    if (!(await deps.core.hasConversation(conversation))) return; // not a thread the bot started (or it expired)
    const where = { channel: m.channel, threadTs: m.thread_ts, user: m.user, team: m.team };
    await guarded(
      deps,
      'thread reply',
      () => answerInThread(deps, client, where, slackTextToPlain(m.text ?? '', deps.bot.userId)),
      (r) => client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, ...messageOf(r) }),
    );
  });

  bolt.event('app_mention', async ({ event, client }) => {
    const m = event as IncomingMessage;
    if (fromBot(deps, m) || !m.channel || !m.user || !m.ts) return;
    const inThread = m.thread_ts && m.thread_ts !== m.ts;
    if (inThread && !(await deps.core.hasConversation(threadConversation(m.channel, m.thread_ts as string)))) return; // someone else's thread
    const where = { channel: m.channel, threadTs: inThread ? (m.thread_ts as string) : m.ts, user: m.user, team: m.team };
    await guarded(
      deps,
      'mention',
      () => answerInThread(deps, client, where, slackTextToPlain(m.text ?? '', deps.bot.userId)),
      (r) => client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, ...messageOf(r) }),
    );
  });
}
