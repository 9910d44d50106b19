import type { Caller } from '../../core/commands/command.js';
import { Permission } from './discord-limits.js';
import type { RawInteraction } from './interaction.js';

export function callerOf(i: RawInteraction): Caller {
  const userId = i.member?.user?.id ?? i.user?.id ?? 'unknown';
  return {
    platform: 'discord',
    userId,
    channelId: i.channel_id ?? i.channel?.id ?? 'unknown',
    ...(i.guild_id ? { workspaceId: i.guild_id } : {}),
    canManage: canManage(i.member?.permissions),
  };
}

/** Manage Channels or Administrator in the member's resolved permissions for this channel. */
export function canManage(permissions: string | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & Permission.ManageChannels) !== 0n || (bits & Permission.Administrator) !== 0n;
}
