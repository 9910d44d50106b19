import { callerOf } from './caller.js';
import { CallbackType, DiscordLimits } from './discord-limits.js';
import { truncate } from './discord-text.js';
import { type InteractionResponder, type RawInteraction, splitSubcommand, summary } from './interaction.js';
import { type HandlerDeps, NO_CHOICES } from './respond.js';

/** Autocomplete: the focused option's `suggest` hook, fitted to Discord's limits. */
export async function handleAutocomplete(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder): Promise<void> {
  const split = splitSubcommand(i.data?.options ?? []);
  const focused = split.options.find((o) => o.focused);
  const choices = focused
    ? deps.core.suggest(
        {
          command: i.data?.name ?? '',
          ...(split.subcommand ? { subcommand: split.subcommand.name } : {}),
          option: focused.name,
          typed: String(focused.value ?? ''),
        },
        callerOf(i),
      )
    : undefined;
  if (!choices) {
    deps.logger.warn({ interaction: summary(i) }, 'autocomplete for an option that has none');
    return r.callback(NO_CHOICES);
  }
  await r.callback({ type: CallbackType.AutocompleteResult, data: { choices: discordChoices(choices) } });
}

/** At most 25, each value within 100 characters (longer ones cannot be chosen), shown as "label (value)" when it fits. */
export function discordChoices(choices: readonly { label: string; value: string }[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const c of choices) {
    if (c.value.length > DiscordLimits.choiceValue) continue;
    const room = DiscordLimits.choiceName - c.value.length - 3;
    out.push({ name: room >= 10 ? `${truncate(c.label, room)} (${c.value})` : truncate(c.value, DiscordLimits.choiceName), value: c.value });
    if (out.length === DiscordLimits.autocompleteChoices) break;
  }
  return out;
}
