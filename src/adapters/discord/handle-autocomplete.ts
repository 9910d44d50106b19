import type { BriefingLibrary } from '../../core/briefing/briefing-library.js';
import { findCommand } from '../../core/commands/registry.js';
import { CallbackType, DiscordLimits } from './discord-limits.js';
import { truncate } from './discord-text.js';
import { type InteractionResponder, type RawInteraction, type RawOption, splitSubcommand, summary } from './interaction.js';
import { type HandlerDeps, NO_CHOICES } from './respond.js';

export async function handleAutocomplete(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder): Promise<void> {
  const def = findCommand(deps.app.commands, i.data?.name ?? '');
  let options: readonly RawOption[] = i.data?.options ?? [];
  let handlerOptions = def && !def.subcommands ? def.options : undefined;
  const split = splitSubcommand(options);
  if (def?.subcommands && split.subcommand) {
    const name = split.subcommand.name;
    handlerOptions = def.subcommands.find((s) => s.name === name)?.options;
    options = split.options;
  }
  const focused = options.find((o) => o.focused);
  const spec = handlerOptions?.find((o) => o.name === focused?.name);
  if (!focused || spec?.autocomplete !== 'briefing') {
    deps.logger.warn({ interaction: summary(i) }, 'autocomplete for an option that has none');
    return r.callback(NO_CHOICES);
  }
  await r.callback({ type: CallbackType.AutocompleteResult, data: { choices: briefingChoices(deps.app.core.library, String(focused.value ?? '')) } });
}

/** Briefing ids and titles for autocomplete: id prefix matches first, then search hits; at most 25. */
export function briefingChoices(library: BriefingLibrary, typed: string): { name: string; value: string }[] {
  const text = typed.trim().toLowerCase().slice(0, DiscordLimits.choiceValue);
  const found = text ? [...library.list().filter((b) => b.id.startsWith(text)), ...library.search(text, DiscordLimits.autocompleteChoices)] : library.list();
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const b of found) {
    if (seen.has(b.id) || b.id.length > DiscordLimits.choiceValue) continue;
    seen.add(b.id);
    const room = DiscordLimits.choiceName - b.id.length - 3;
    const name = room >= 10 ? `${truncate(b.title, room)} (${b.id})` : truncate(b.id, DiscordLimits.choiceName);
    choices.push({ name, value: b.id });
    if (choices.length === DiscordLimits.autocompleteChoices) break;
  }
  return choices;
}
