import { randomBytes } from 'node:crypto';
import { ErrorCode, isUserError, UserError } from '../errors.js';
import { incidentReply, userErrorReply } from '../reply/replies.js';
import type { Reply } from '../reply/reply.js';
import { parseTextArgs, type RawArgs, resolveSubcommand, resolveText, validateArgs } from './args.js';
import type { CommandContext, CommandDefinition } from './command.js';

/** A command as it arrives: structured options (Discord) or one line of text (Slack, console). */
export type Invocation = { readonly name: string; readonly subcommand?: string; readonly args: RawArgs } | { readonly name: string; readonly text: string };

/** A short id quoted to the user and logged with the full error, so support can find one in the other. */
export function newIncidentId(): string {
  return `inc-${randomBytes(4).toString('hex')}`;
}

/**
 * The one place that validates, runs and catches. A `UserError` becomes a polite reply with its
 * message; anything else is a bug: logged in full under an incident id, and the user gets the id.
 */
export async function runCommand(commands: readonly CommandDefinition[], invocation: Invocation, ctx: CommandContext): Promise<Reply> {
  const log = ctx.core.logger.child({ command: invocation.name, platform: ctx.caller.platform });
  try {
    const def = commands.find((c) => c.name === invocation.name);
    if (!def) throw new UserError(ErrorCode.CommandUnknown, `I don't know /${invocation.name}. Try /help.`, { command: invocation.name });
    let handler: ReturnType<typeof resolveSubcommand>;
    let args: RawArgs;
    if ('text' in invocation) {
      const resolved = resolveText(def, invocation.text);
      handler = resolved.handler;
      args = parseTextArgs(handler.options, resolved.text);
    } else {
      handler = resolveSubcommand(def, invocation.subcommand);
      args = invocation.args;
    }
    return await handler.run(validateArgs(handler.options, args), ctx);
  } catch (error) {
    if (isUserError(error)) {
      log.info({ code: error.code, details: error.details }, 'command refused');
      return userErrorReply(error.message);
    }
    const incident = newIncidentId();
    log.error({ err: error, incident }, 'command failed');
    return incidentReply(incident);
  }
}
