import { isDeepStrictEqual } from 'node:util';
import { type REST, Routes } from 'discord.js';
import type { CommandDefinition } from '../../core/commands/command.js';
import { type DiscordCommandJson, type DiscordOptionJson, normalizeCommand, toDiscordCommands } from './to-discord-commands.js';

export type CommandChange =
  | { readonly action: 'add'; readonly name: string }
  | { readonly action: 'remove'; readonly name: string }
  | { readonly action: 'change'; readonly name: string; readonly what: readonly string[] };

export interface SyncResult {
  /** "global" or the guild id. */
  readonly scope: string;
  readonly changes: readonly CommandChange[];
  /** Whether anything was written (only when something differed, and not in a dry run). */
  readonly written: boolean;
  readonly total: number;
}

/**
 * Registers the command registry with Discord, globally or in one guild (instant; good for testing).
 * Reads what is registered first and writes (one bulk PUT) only when something differs.
 */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  commands: readonly CommandDefinition[],
  options: { guildId?: string; dryRun?: boolean } = {},
): Promise<SyncResult> {
  const route = options.guildId ? Routes.applicationGuildCommands(applicationId, options.guildId) : Routes.applicationCommands(applicationId);
  const local = toDiscordCommands(commands);
  const remote = ((await rest.get(route)) as unknown[]).map(normalizeCommand);
  const changes = diffCommands(local, remote);
  const write = changes.length > 0 && !options.dryRun;
  if (write) await rest.put(route, { body: local });
  return { scope: options.guildId ?? 'global', changes, written: write, total: local.length };
}

export function diffCommands(local: readonly DiscordCommandJson[], remote: readonly DiscordCommandJson[]): CommandChange[] {
  const changes: CommandChange[] = [];
  const remoteByName = new Map(remote.map((c) => [c.name, c]));
  for (const c of local) {
    const r = remoteByName.get(c.name);
    if (!r) {
      changes.push({ action: 'add', name: c.name });
      continue;
    }
    const what: string[] = [];
    if (c.description !== r.description) what.push('description');
    if (c.default_member_permissions !== r.default_member_permissions) what.push('permissions');
    what.push(...diffOptions(c.options ?? [], r.options ?? []));
    if (what.length > 0) changes.push({ action: 'change', name: c.name, what });
  }
  const localNames = new Set(local.map((c) => c.name));
  for (const r of remote) if (!localNames.has(r.name)) changes.push({ action: 'remove', name: r.name });
  return changes;
}

function diffOptions(local: readonly DiscordOptionJson[], remote: readonly DiscordOptionJson[], prefix = ''): string[] {
  const out: string[] = [];
  const remoteByName = new Map(remote.map((o) => [o.name, o]));
  for (const o of local) {
    const r = remoteByName.get(o.name);
    if (!r) out.push(`option ${prefix}${o.name} added`);
    else if (!isDeepStrictEqual(o, r)) out.push(`option ${prefix}${o.name} changed`);
  }
  const names = new Set(local.map((o) => o.name));
  for (const r of remote) if (!names.has(r.name)) out.push(`option ${prefix}${r.name} removed`);
  if (
    out.length === 0 &&
    !isDeepStrictEqual(
      local.map((o) => o.name),
      remote.map((o) => o.name),
    )
  )
    out.push('option order');
  return out;
}

/** Human-readable summary, one line per change. */
export function formatSync(result: SyncResult, dryRun = false): string {
  const where = result.scope === 'global' ? 'globally' : `in guild ${result.scope}`;
  if (result.changes.length === 0) return `Discord commands ${where} are up to date (${result.total} commands); nothing written.`;
  const lines = result.changes.map((c) =>
    c.action === 'add' ? `  + /${c.name} (new)` : c.action === 'remove' ? `  - /${c.name} (removed)` : `  ~ /${c.name}: ${c.what.join(', ')}`,
  );
  const head = dryRun ? `Would update Discord commands ${where}:` : `Updated Discord commands ${where}:`;
  const tail = result.scope === 'global' && !dryRun ? '\nGlobal commands can take up to an hour to show in every server; use --guild <id> while testing.' : '';
  return `${head}\n${lines.join('\n')}${tail}`;
}
