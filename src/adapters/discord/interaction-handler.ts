import type { BotCore } from '../../core/bot-core.js';
import { newIncidentId } from '../../core/commands/run-command.js';
import type { Logger } from '../../core/ports/runtime.js';
import { incidentReply } from '../../core/reply/replies.js';
import { CallbackType, InteractionKind } from './discord-limits.js';
import { handleAutocomplete } from './handle-autocomplete.js';
import { handleCommand } from './handle-command.js';
import { handleComponent } from './handle-component.js';
import { handleModalSubmit } from './handle-modal.js';
import { type InteractionResponder, type RawInteraction, summary } from './interaction.js';
import { renderDiscord } from './render-discord.js';
import { type HandlerDeps, refuse } from './respond.js';

export interface HandlerOptions {
  /** Defer (and edit the answer in later) when work has not finished after this long. Discord allows 3 s. */
  readonly deferAfterMs?: number;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

/** One handler for gateway and HTTP modes: raw interaction in, responses out through the responder. */
export class InteractionHandler {
  private readonly deps: HandlerDeps;

  constructor(core: BotCore, logger: Logger, options: HandlerOptions = {}) {
    this.deps = { core, logger, deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS };
  }

  /** Never throws: bugs are logged under an incident id and the user is told the id. */
  async handle(interaction: RawInteraction, responder: InteractionResponder): Promise<void> {
    // A failure after the initial response can only reach the user as a follow-up.
    let responded = false;
    const once: InteractionResponder = {
      callback: async (r) => {
        responded = true;
        await responder.callback(r);
      },
      editOriginal: (m) => responder.editOriginal(m),
      followUp: (m) => responder.followUp(m),
    };
    try {
      await this.dispatch(interaction, once);
    } catch (error) {
      const incident = newIncidentId();
      this.deps.logger.error({ err: error, incident, interaction: summary(interaction) }, 'interaction failed');
      const message = renderDiscord(incidentReply(incident));
      try {
        if (!responded) await once.callback({ type: CallbackType.Message, data: message });
        else await once.followUp(message);
      } catch (err) {
        this.deps.logger.error({ err, incident }, 'could not tell the user about the incident');
      }
    }
  }

  private async dispatch(i: RawInteraction, r: InteractionResponder): Promise<void> {
    switch (i.type) {
      case InteractionKind.Ping:
        return r.callback({ type: CallbackType.Pong });
      case InteractionKind.Command:
        return handleCommand(this.deps, i, r);
      case InteractionKind.Autocomplete:
        return handleAutocomplete(this.deps, i, r);
      case InteractionKind.Component:
        return handleComponent(this.deps, i, r);
      case InteractionKind.ModalSubmit:
        return handleModalSubmit(this.deps, i, r);
      default:
        return refuse(this.deps, i, r, 'unknown interaction type', "I can't handle that kind of interaction.");
    }
  }
}
