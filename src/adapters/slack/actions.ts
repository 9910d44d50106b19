import type { BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { Caller } from '../../core/commands/command.js';
import type { Reply } from '../../core/reply/reply.js';
import { ACTION, type FeedbackValue, type PageValue, type SuggestValue } from './render-slack.js';
import { guarded, messageOf, type SlackDeps, threadConversation } from './slack-context.js';
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

type ButtonArgs = { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; respond: (m: object) => Promise<unknown>; client: webApi.WebClient };

/**
 * Buttons: suggested questions (answered in the message's thread, or privately under an
 * ephemeral answer), 👍/👎 feedback and paging. Each answers the clicker privately unless it
 * continues a public thread.
 */
export function registerActions(deps: SlackDeps): void {
  const { bolt, core } = deps;
  const button = (what: string, fn: (args: ButtonArgs, tell: (reply: Reply) => Promise<unknown>) => Promise<void>) => async (args: ButtonArgs) => {
    await args.ack();
    const tell = (r: Reply) => args.respond({ response_type: 'ephemeral', replace_original: false, ...messageOf(r) });
    await guarded(deps, what, () => fn(args, tell), tell);
  };
  const callerOf = (body: BlockAction): Caller => ({ platform: 'slack', userId: body.user.id, channelId: placeOf(body).channel ?? '' });

  bolt.action<BlockAction<ButtonAction>>(
    new RegExp(`^${ACTION.suggest}_\\d+$`),
    button('suggestion button', async ({ body, action, client }, tell) => {
      const value = parseValue<SuggestValue>(action.value);
      if (!value.q) return;
      const place = placeOf(body);
      if (!place.ephemeral && place.channel && place.threadTs && (await core.hasConversation(threadConversation(place.channel, place.threadTs)))) {
        await answerInThread(deps, client, { channel: place.channel, threadTs: place.threadTs, user: body.user.id, team: body.team?.id }, value.q);
        return;
      }
      await tell(
        value.c
          ? await core.ask(callerOf(body), value.q, { conversation: value.c })
          : await core.run({ name: 'ask', args: { question: value.q } }, callerOf(body)),
      );
    }),
  );

  const feedback = (helpful: boolean) =>
    button('feedback button', async ({ body, action }, tell) => {
      const v = parseValue<FeedbackValue>(action.value);
      const place = placeOf(body);
      // Under a public answer the thread's conversation holds the turn (it was continued there when posted).
      const conversation = !place.ephemeral && place.channel && place.threadTs ? threadConversation(place.channel, place.threadTs) : (v.c ?? '');
      // A button from before answers had ids carries none: the core then says the answer is no longer known.
      await tell(await core.feedback(callerOf(body), { conversation, answerId: typeof v.id === 'string' ? v.id : '', helpful }));
    });
  bolt.action<BlockAction<ButtonAction>>(ACTION.feedbackUp, feedback(true));
  bolt.action<BlockAction<ButtonAction>>(ACTION.feedbackDown, feedback(false));

  bolt.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${ACTION.pagePrev}|${ACTION.pageNext})$`),
    button('page button', async ({ body, action, respond }) => {
      const v = parseValue<PageValue>(action.value);
      if (!v.n || typeof v.p !== 'number') return;
      const reply = await core.run({ name: v.n, args: { ...(v.a ?? {}), page: v.p } }, callerOf(body));
      await respond({ response_type: 'ephemeral', replace_original: true, ...messageOf(reply) });
    }),
  );
}
