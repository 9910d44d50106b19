import { callerOf } from './caller.js';
import { decodeCustomId } from './custom-id.js';
import { CallbackType } from './discord-limits.js';
import { askFollowUp, followUpModal } from './follow-up.js';
import type { InteractionResponder, RawInteraction } from './interaction.js';
import { renderDiscord } from './render-discord.js';
import { type HandlerDeps, NOT_MINE, refuse, refuseExpired, renderForEdit } from './respond.js';

/** Button presses: suggested questions, "Follow up", 👍/👎 and paging. */
export async function handleComponent(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder): Promise<void> {
  const { core } = deps;
  const id = decodeCustomId(i.data?.custom_id);
  if (!id || id.kind === 'modal') return refuse(deps, i, r, 'unknown custom_id', NOT_MINE);
  switch (id.kind) {
    case 'suggestion': {
      const question = suggestionText(i);
      if (!question) return refuse(deps, i, r, 'suggestion without a label', NOT_MINE);
      return askFollowUp(deps, i, r, id.conversation, question, id.public);
    }
    case 'follow-up':
      if (!(await core.hasConversation(id.conversation))) return refuseExpired(deps, i, r, id.conversation);
      return r.callback(followUpModal(id.conversation, id.public));
    case 'feedback': {
      const reply = await core.feedback(callerOf(i), { conversation: id.conversation, answerId: id.answerId, helpful: id.helpful });
      return r.callback({ type: CallbackType.Message, data: renderDiscord(reply) });
    }
    case 'page': {
      if (!core.commands.some((c) => c.name === id.command)) return refuse(deps, i, r, 'unknown command in custom_id', NOT_MINE);
      const reply = await core.run({ name: id.command, args: { ...id.args, page: id.page } }, callerOf(i));
      return r.callback({ type: CallbackType.UpdateMessage, data: renderForEdit(reply) });
    }
  }
}

/** The custom_id holds only the suggestion's index, so the question is read back from the pressed button's label. */
function suggestionText(i: RawInteraction): string | undefined {
  const label = i.message?.components?.flatMap((row) => row.components ?? []).find((c) => c.custom_id === i.data?.custom_id)?.label;
  return label
    ?.replace(/\u200b/g, '')
    .replace(/…$/, '')
    .trim();
}
