import type { BlockAction, ButtonAction } from '@slack/bolt';
import { runCommand } from '../../core/commands/run-command.js';
import { infoReply } from '../../core/reply/replies.js';
import type { Reply } from '../../core/reply/reply.js';
import { ACTION, type FeedbackValue, type PageValue, type SuggestValue } from './render-slack.js';
import { commandContext, guarded, messageOf, type SlackDeps, threadConversation } from './slack-context.js';
import { answerInThread } from './thread-follow-ups.js';

function parseValue<T>(value: string | undefined): Partial<T> {
  try {
    const v: unknown = JSON.parse(value ?? '{}');
    return v && typeof v === 'object' ? (v as Partial<T>) : {};
  } catch {
    return {};
  }
}

/** Where a clicked button lives: a public message (with its thread) or an ephemeral one. */
function placeOf(body: BlockAction): { channel?: string; threadTs?: string; ephemeral: boolean } {
  const container = body.container as { is_ephemeral?: boolean; channel_id?: string } | undefined;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const channel = body.channel?.id ?? container?.channel_id;
  const threadTs = message?.thread_ts ?? message?.ts;
  return { ...(channel ? { channel } : {}), ...(threadTs ? { threadTs } : {}), ephemeral: Boolean(container?.is_ephemeral) || !message };
}

/**
 * Buttons: suggested questions (answered in the message's thread, or privately under an
 * ephemeral answer), 👍/👎 feedback (recorded with the question, answer and citation) and paging.
 */
export function registerActions(deps: SlackDeps): void {
  const { bolt, app } = deps;

  bolt.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION.suggest}_\\d+$`), async ({ ack, body, action, client, respond }) => {
    await ack();
    const tell = (r: Reply) => respond({ response_type: 'ephemeral', replace_original: false, ...messageOf(r) });
    await guarded(
      deps,
      'suggestion button',
      async () => {
        const value = parseValue<SuggestValue>(action.value);
        if (!value.q) return;
        const place = placeOf(body);
        const user = body.user.id;
        if (!place.ephemeral && place.channel && place.threadTs && app.core.answers.has(threadConversation(place.channel, place.threadTs))) {
          await answerInThread(deps, client, { channel: place.channel, threadTs: place.threadTs, user, team: body.team?.id }, value.q);
          return;
        }
        const caller = { platform: 'slack' as const, userId: user, channelId: place.channel ?? '' };
        const reply = await runCommand(app.commands, { name: 'ask', args: { question: value.q } }, commandContext(deps, caller, value.c));
        await tell(reply);
      },
      tell,
    );
  });

  const feedback =
    (helpful: boolean) =>
    async ({ ack, body, action, respond }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; respond: (m: object) => Promise<unknown> }) => {
      await ack();
      const tell = (r: Reply) => respond({ response_type: 'ephemeral', replace_original: false, ...messageOf(r) });
      await guarded(
        deps,
        'feedback button',
        async () => {
          const v = parseValue<FeedbackValue>(action.value);
          const place = placeOf(body);
          const conversation = !place.ephemeral && place.channel && place.threadTs ? threadConversation(place.channel, place.threadTs) : (v.c ?? null);
          app.core.feedback.record({
            platform: 'slack',
            user: body.user.id,
            conversation,
            question: v.q ?? '',
            answer: v.a ?? '',
            briefing: v.b ?? null,
            citations: Array.isArray(v.cit) ? v.cit.filter((c): c is string => typeof c === 'string') : [],
            helpful,
            at: app.core.clock(),
          });
          await tell(infoReply(helpful ? 'Thanks! Glad it helped.' : 'Thanks — noted. An editor will look at this answer.'));
        },
        tell,
      );
    };
  bolt.action<BlockAction<ButtonAction>>(ACTION.feedbackUp, feedback(true));
  bolt.action<BlockAction<ButtonAction>>(ACTION.feedbackDown, feedback(false));

  bolt.action<BlockAction<ButtonAction>>(new RegExp(`^(${ACTION.pagePrev}|${ACTION.pageNext})$`), async ({ ack, body, action, respond }) => {
    await ack();
    const tell = (r: Reply) => respond({ response_type: 'ephemeral', replace_original: false, ...messageOf(r) });
    await guarded(
      deps,
      'page button',
      async () => {
        const v = parseValue<PageValue>(action.value);
        if (!v.n || typeof v.p !== 'number') return;
        const caller = { platform: 'slack' as const, userId: body.user.id, channelId: placeOf(body).channel ?? '' };
        const reply = await runCommand(app.commands, { name: v.n, args: { ...(v.a ?? {}), page: v.p } }, commandContext(deps, caller));
        await respond({ response_type: 'ephemeral', replace_original: true, ...messageOf(reply) });
      },
      tell,
    );
  });
}
