import { ErrorCode, UserError } from '../errors.js';
import type { Caller, CommandDefinition, Handler } from './command.js';

/** Refuses a caller the platform does not call a manager, for handlers that require one; `label` names it ("/digest subscribe"). */
export async function requirePermission(def: CommandDefinition, handler: Handler, label: string, caller: Caller): Promise<void> {
  if (handler.permission !== 'manage_channels') return;
  const allowed = typeof caller.canManage === 'function' ? await caller.canManage() : caller.canManage === true;
  if (allowed) return;
  const who =
    caller.platform === 'slack' ? 'workspace admins and owners (and people the bot operator has named)' : 'members with the Manage Channels permission';
  const open = (def.subcommands ?? []).filter((s) => !s.permission).map((s) => `/${def.name} ${s.name}`);
  const rest = open.length > 0 ? ` ${open.join(' and ')} ${open.length === 1 ? 'is' : 'are'} open to everyone.` : '';
  throw new UserError(ErrorCode.NotAllowed, `Sorry, only ${who} can use ${label}.${rest}`, { platform: caller.platform, user: caller.userId, command: label });
}
