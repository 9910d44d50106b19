import { askCommand } from './ask.command.js';
import { briefCommand } from './brief.command.js';
import { briefingsCommand } from './briefings.command.js';
import type { CommandDefinition } from './command.js';
import { digestCommand } from './digest.command.js';
import { helpCommand } from './help.command.js';

/** Every chat command, in the order /help lists them. Adapters loop over this; nothing registers itself. */
export const COMMANDS: readonly CommandDefinition[] = [briefCommand, askCommand, briefingsCommand, digestCommand, helpCommand];

export function findCommand(commands: readonly CommandDefinition[], name: string): CommandDefinition | undefined {
  return commands.find((c) => c.name === name);
}
