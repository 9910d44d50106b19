import { QUESTION_MAX } from '../../core/commands/ask.command.js';
import { callerOf } from './caller.js';
import { encodeCustomId } from './custom-id.js';
import { replyInTime } from './defer.js';
import { CallbackType, ComponentType } from './discord-limits.js';
import type { InteractionResponder, InteractionResponse, RawInteraction } from './interaction.js';
import { type HandlerDeps, refuseExpired } from './respond.js';

/** The text input's custom_id in the follow-up modal; the submit handler looks the question up by it. */
export const FOLLOW_UP_INPUT = 'question';

/** The "Follow up" modal. Its custom_id carries the conversation and visibility to the submit. */
export function followUpModal(conversation: string, isPublic: boolean): InteractionResponse {
  const custom_id = encodeCustomId({ kind: 'modal', conversation, public: isPublic }) as string;
  return {
    type: CallbackType.Modal,
    data: {
      custom_id,
      title: 'Follow-up question',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: FOLLOW_UP_INPUT,
              label: 'Your question',
              style: 2,
              min_length: 1,
              max_length: QUESTION_MAX,
              required: true,
              placeholder: 'e.g. How many of them are there?',
            },
          ],
        },
      ],
    },
  };
}

/** A question in an existing conversation, so "how many of them?" resolves against the last answer. */
export async function askFollowUp(
  deps: HandlerDeps,
  i: RawInteraction,
  r: InteractionResponder,
  conversation: string,
  question: string,
  isPublic: boolean,
): Promise<void> {
  const { core } = deps;
  if (!(await core.hasConversation(conversation))) return refuseExpired(deps, i, r, conversation);
  await replyInTime(r, { ephemeral: !isPublic, deferAfterMs: deps.deferAfterMs }, () => core.ask(callerOf(i), question, { conversation, public: isPublic }));
}
