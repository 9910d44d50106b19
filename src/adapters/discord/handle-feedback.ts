import { callerOf } from './caller.js';
import { CallbackType } from './discord-limits.js';
import { parseCitationFooter, unescapeDiscord } from './discord-text.js';
import type { InteractionResponder, RawInteraction } from './interaction.js';
import { renderDiscord } from './render-discord.js';
import { type HandlerDeps, refuseExpired } from './respond.js';

/** 👍/👎 on an answer: recorded with the question, answer and citations it was about. */
export async function handleFeedback(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder, conversation: string, helpful: boolean): Promise<void> {
  const { app, logger } = deps;
  const core = app.core;
  const state = app.store.conversations.get(conversation, core.clock());
  if (!state) return refuseExpired(deps, i, r, conversation);
  const embed = i.message?.embeds?.[0];
  const title = unescapeDiscord(embed?.title ?? '');
  const truncated = title.endsWith('…');
  const shownQuestion = title.replace(/…$/, '');
  const answer = unescapeDiscord(embed?.description ?? '');
  // The buttons belong to one answer; the stored state describes the latest turn. Use the state when
  // it is that answer, else what the message itself shows (its footer carries the citation ids).
  // A shortened title can only be compared by its start; a full one must match exactly ("Who" is
  // not "Who is the commander?").
  const latest =
    state.lastQuestion !== '' && shownQuestion !== '' && (truncated ? state.lastQuestion.startsWith(shownQuestion) : state.lastQuestion === shownQuestion);
  const shown = parseCitationFooter(embed?.footer?.text);
  core.feedback.record({
    platform: 'discord',
    user: callerOf(i).userId,
    conversation,
    question: latest ? state.lastQuestion : shownQuestion,
    answer,
    briefing: latest ? state.context.briefingId : (shown?.briefing ?? null),
    citations: latest ? state.lastCitations : (shown?.citations ?? []),
    helpful,
    at: core.clock(),
  });
  logger.info({ conversation, helpful }, 'feedback recorded');
  await r.callback({
    type: CallbackType.Message,
    data: renderDiscord({
      kind: 'info',
      blocks: [{ kind: 'paragraph', text: helpful ? 'Thanks, glad it helped. 👍' : 'Thanks, noted. Editors will look at this answer. 👎' }],
      visibility: 'private',
    }),
  });
}
