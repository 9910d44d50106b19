import type { BotCore } from '../../core/bot-core.js';
import { newIncidentId } from '../../core/commands/run-command.js';
import type { Logger } from '../../core/ports/runtime.js';
import { EXPIRED } from '../../core/reply/replies.js';
import type { Reply } from '../../core/reply/reply.js';
import { CallbackType, InteractionKind } from './discord-limits.js';
import type { DiscordMessage } from './discord-message.js';
import { type InteractionResponder, type InteractionResponse, type RawInteraction, summary } from './interaction.js';
import { renderDiscord } from './render-discord.js';

/** What every handler needs: the core, a logger and how long to work before deferring. */
export interface HandlerDeps {
  readonly core: BotCore;
  readonly logger: Logger;
  readonly deferAfterMs: number;
}

export const NOT_MINE = "That button isn't one of mine.";
/** Autocomplete can't show a message, so a refused or pointless lookup answers with no choices. */
export const NO_CHOICES: InteractionResponse = { type: CallbackType.AutocompleteResult, data: { choices: [] } };

/** A malformed interaction: a short ephemeral message with an incident id; the details go to the log. */
export async function refuse(
  deps: HandlerDeps,
  i: RawInteraction,
  r: InteractionResponder,
  reason: string,
  text: string,
  details: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const incident = newIncidentId();
  deps.logger.warn({ incident, reason, details, interaction: summary(i) }, 'interaction refused');
  if (i.type === InteractionKind.Autocomplete) return r.callback(NO_CHOICES);
  await r.callback({
    type: CallbackType.Message,
    data: renderDiscord({ kind: 'error', blocks: [{ kind: 'paragraph', text: `${text} (incident ${incident})` }], visibility: 'private', incident }),
  });
}

/** Buttons outlive their conversation in the store; pressing one afterwards is expected, not a bug. */
export function refuseExpired(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder, conversation: string): Promise<void> {
  return refuse(deps, i, r, 'conversation expired', EXPIRED, { conversation });
}

/** An edit or an update keeps the visibility the message already has, so the ephemeral flag is left out. */
export function renderForEdit(reply: Reply): Omit<DiscordMessage, 'flags'> {
  const { flags: _flags, ...message } = renderDiscord(reply);
  return message;
}
