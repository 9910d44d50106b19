import { type REST, Routes } from 'discord.js';
import type { InteractionResponder, RawInteraction } from './interaction.js';

/** Normalises DISCORD_API_BASE to what @discordjs/rest wants: no trailing slash, no version. */
export function restApiBase(apiBase: string): string {
  return apiBase.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/** Edits and follow-ups go to the interaction webhook, which takes the interaction token, not the bot token. */
export function webhookResponder(rest: REST, i: RawInteraction): Pick<InteractionResponder, 'editOriginal' | 'followUp'> {
  return {
    editOriginal: async (message) => {
      await rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), { body: message, auth: false });
    },
    followUp: async (message) => {
      await rest.post(Routes.webhook(i.application_id, i.token), { body: message, auth: false });
    },
  };
}

/** Gateway mode: the initial response is a REST call too. */
export function restResponder(rest: REST, i: RawInteraction): InteractionResponder {
  return {
    callback: async (response) => {
      await rest.post(Routes.interactionCallback(i.id, i.token), { body: response, auth: false });
    },
    ...webhookResponder(rest, i),
  };
}
