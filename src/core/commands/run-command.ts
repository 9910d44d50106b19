import { randomBytes } from 'node:crypto';
import { ErrorCode, isUserError, UserError } from '../errors.js';
import { incidentReply, userErrorReply } from '../reply/replies.js';
import type { Reply, Visibility } from '../reply/reply.js';
import { parseTextArgs, type RawArgs, resolveSubcommand, resolveText, validateArgs } from './args.js';
import type { CommandContext, CommandDefinition, Handler } from './command.js';
import { requirePermission } from './permission.js';

/** A command as it arrives: structured options (Discord) or one line of text (Slack, console). */
export type Invocation = { readonly name: string; readonly subcommand?: string; readonly args: RawArgs } | { readonly name: string; readonly text: string };

/** A short id quoted to the user and logged with the full error, so support can find one in the other. */
export function newIncidentId(): string {
  return `inc-${randomBytes(4).toString('hex')}`;
}

interface Resolved {
  readonly def: CommandDefinition;
  readonly handler: Handler;
  /** "/digest subscribe", for messages. */
  readonly label: string;
  /** Not yet validated. */
  readonly args: RawArgs;
}

/** The command and handler an invocation names, and its arguments. */
export function resolveInvocation(commands: readonly CommandDefinition[], invocation: Invocation): Resolved {
  const def = commands.find((c) => c.name === invocation.name);
  if (!def) throw new UserError(ErrorCode.CommandUnknown, `I don't know /${invocation.name}. Try /help.`, { command: invocation.name });
  const label = (subcommand: string | undefined) => (subcommand ? `/${def.name} ${subcommand}` : `/${def.name}`);
  if ('text' in invocation) {
    const resolved = resolveText(def, invocation.text);
    return { def, handler: resolved.handler, label: label(resolved.subcommand), args: parseTextArgs(resolved.handler.options, resolved.text) };
  }
  return { def, handler: resolveSubcommand(def, invocation.subcommand), label: label(invocation.subcommand), args: invocation.args };
}

/** Who will see the reply to `invocation`, before it runs; an invocation that cannot run gets a private error. */
export function replyVisibility(commands: readonly CommandDefinition[], invocation: Invocation): Visibility {
  try {
    const { handler, args } = resolveInvocation(commands, invocation);
    return handler.visibility?.(validateArgs(handler.options, args)) ?? 'private';
  } catch {
    return 'private';
  }
}

/**
 * The one place that validates, checks permission, runs and catches. A `UserError` becomes a polite
 * reply with its message; anything else is a bug: logged in full under an incident id, and the
 * user gets the id.
 */
export async function runCommand(commands: readonly CommandDefinition[], invocation: Invocation, ctx: CommandContext): Promise<Reply> {
  const log = ctx.core.logger.child({ command: invocation.name, platform: ctx.caller.platform });
  try {
    const { def, handler, label, args } = resolveInvocation(commands, invocation);
    const valid = validateArgs(handler.options, args);
    await requirePermission(def, handler, label, ctx.caller);
    return await handler.run(valid, ctx);
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
