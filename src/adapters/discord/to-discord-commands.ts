import type { CommandDefinition, OptionSpec } from '../../core/commands/command.js';
import { DiscordLimits, Permission } from './discord-limits.js';
import { truncate } from './discord-text.js';

/** Application command JSON (API v10, CHAT_INPUT) as registered and as Discord returns it. */
export interface DiscordCommandJson {
  name: string;
  description: string;
  type: 1;
  options?: DiscordOptionJson[];
  default_member_permissions: string | null;
}

export interface DiscordOptionJson {
  type: 1 | 3 | 4 | 5;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  max_length?: number;
  options?: DiscordOptionJson[];
}

const OPTION_TYPE = { string: 3, integer: 4, boolean: 5 } as const;
/** Manage Channels, as Discord's default_member_permissions string. */
const MANAGE_CHANNELS = String(Permission.ManageChannels);

/** The registry as Discord application commands: the single source for `discord register`. */
export function toDiscordCommands(commands: readonly CommandDefinition[]): DiscordCommandJson[] {
  return commands.map((c) => {
    const options = c.subcommands
      ? c.subcommands.map((s) => ({
          type: 1 as const,
          name: s.name,
          description: describe(s.description),
          ...optionList(s.options),
        }))
      : toOptions(c.options);
    return {
      name: c.name,
      description: describe(c.description),
      type: 1 as const,
      ...(options.length > 0 ? { options } : {}),
      default_member_permissions: needsManager(c) ? MANAGE_CHANNELS : null,
    };
  });
}

/**
 * Discord sets default permissions per top-level command, so a command with any subcommand for
 * managers is offered by default only to members with Manage Channels (server admins can widen
 * that); `runCommand` checks each subcommand's own permission when it runs.
 */
function needsManager(c: CommandDefinition): boolean {
  return c.subcommands ? c.subcommands.some((s) => s.permission === 'manage_channels') : c.permission === 'manage_channels';
}

function optionList(specs: readonly OptionSpec[]): { options?: DiscordOptionJson[] } {
  const options = toOptions(specs);
  return options.length > 0 ? { options } : {};
}

function toOptions(specs: readonly OptionSpec[]): DiscordOptionJson[] {
  // Discord requires required options first.
  const sorted = [...specs].sort((a, b) => Number(!!b.required) - Number(!!a.required));
  return sorted.slice(0, DiscordLimits.commandOptions).map((o) => {
    const out: DiscordOptionJson = { type: OPTION_TYPE[o.type], name: o.name, description: describe(o.description) };
    if (o.required) out.required = true;
    if (o.choices) out.choices = o.choices.slice(0, DiscordLimits.commandChoices).map((c) => ({ name: c, value: c }));
    else if (o.suggest) out.autocomplete = true;
    if (o.type === 'integer' && o.min !== undefined) out.min_value = o.min;
    if (o.type === 'integer' && o.max !== undefined) out.max_value = o.max;
    if (o.type === 'string' && o.maxLength !== undefined) out.max_length = o.maxLength;
    return out;
  });
}

function describe(text: string): string {
  return truncate(text, DiscordLimits.commandDescription) || '-';
}

/**
 * The fields of a command that registration compares: what Discord echoes back (ids, versions,
 * localizations, integration types) is dropped and defaults are filled, so a fresh GET of what we
 * PUT compares equal.
 */
export function normalizeCommand(raw: unknown): DiscordCommandJson {
  const c = (raw ?? {}) as Record<string, unknown>;
  const options = normalizeOptions(c.options);
  return {
    name: String(c.name ?? ''),
    description: String(c.description ?? ''),
    type: 1,
    ...(options.length > 0 ? { options } : {}),
    default_member_permissions: c.default_member_permissions == null ? null : String(c.default_member_permissions),
  };
}

function normalizeOptions(raw: unknown): DiscordOptionJson[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((r: Record<string, unknown>) => {
    const out: DiscordOptionJson = { type: r.type as DiscordOptionJson['type'], name: String(r.name), description: String(r.description ?? '') };
    if (r.required === true) out.required = true;
    if (Array.isArray(r.choices) && r.choices.length > 0)
      out.choices = r.choices.map((c: { name: unknown; value: unknown }) => ({ name: String(c.name), value: String(c.value) }));
    if (r.autocomplete === true) out.autocomplete = true;
    if (typeof r.min_value === 'number') out.min_value = r.min_value;
    if (typeof r.max_value === 'number') out.max_value = r.max_value;
    if (typeof r.max_length === 'number') out.max_length = r.max_length;
    const nested = normalizeOptions(r.options);
    if (nested.length > 0) out.options = nested;
    return out;
  });
}
