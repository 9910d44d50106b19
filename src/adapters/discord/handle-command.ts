import { resolveSubcommand, validateArgs } from '../../core/commands/args.js';
import { findCommand } from '../../core/commands/registry.js';
import { runCommand } from '../../core/commands/run-command.js';
import { isUserError } from '../../core/errors.js';
import { commandContext } from './caller.js';
import { replyInTime } from './defer.js';
import { type InteractionResponder, type RawInteraction, splitSubcommand } from './interaction.js';
import { type HandlerDeps, refuse } from './respond.js';

export async function handleCommand(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder): Promise<void> {
  const { app } = deps;
  const name = i.data?.name ?? '';
  const def = findCommand(app.commands, name);
  if (!def) return refuse(deps, i, r, 'unknown command', `I don't know /${name}. Try /help.`);
  const split = splitSubcommand(i.data?.options ?? []);
  const subcommand = split.subcommand?.name;
  const args: Record<string, unknown> = {};
  for (const o of split.options) args[o.name] = o.value;
  try {
    validateArgs(resolveSubcommand(def, subcommand).options, args);
  } catch (error) {
    if (isUserError(error)) return refuse(deps, i, r, error.code, error.message, error.details);
    throw error;
  }
  const isPublic = name === 'brief' || args.public === true;
  await replyInTime(r, { ephemeral: !isPublic, deferAfterMs: deps.deferAfterMs }, () =>
    runCommand(app.commands, { name, ...(subcommand ? { subcommand } : {}), args }, commandContext(app, i)),
  );
}
