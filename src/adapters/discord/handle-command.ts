import type { Invocation } from '../../core/commands/run-command.js';
import { callerOf } from './caller.js';
import { replyInTime } from './defer.js';
import { type InteractionResponder, type RawInteraction, splitSubcommand } from './interaction.js';
import type { HandlerDeps } from './respond.js';

/** A slash command: its options as structured arguments; the core validates, runs and says who sees the reply. */
export async function handleCommand(deps: HandlerDeps, i: RawInteraction, r: InteractionResponder): Promise<void> {
  const split = splitSubcommand(i.data?.options ?? []);
  const subcommand = split.subcommand?.name;
  const invocation: Invocation = {
    name: i.data?.name ?? '',
    ...(subcommand ? { subcommand } : {}),
    args: Object.fromEntries(split.options.map((o) => [o.name, o.value])),
  };
  const ephemeral = deps.core.visibilityOf(invocation) !== 'public';
  await replyInTime(r, { ephemeral, deferAfterMs: deps.deferAfterMs }, () => deps.core.run(invocation, callerOf(i)));
}
