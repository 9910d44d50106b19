import type { DiscordMessage } from './discord-message.js';

/** The parts of a Discord interaction payload (API v10) the handler reads. Everything else is ignored. */
export interface RawInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  data?: {
    name?: string;
    options?: RawOption[];
    custom_id?: string;
    component_type?: number;
    components?: RawModalComponent[];
  };
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string };
  member?: { user?: { id: string }; permissions?: string };
  user?: { id: string };
  message?: {
    components?: { components?: { custom_id?: string; label?: string }[] }[];
  };
}

export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: RawOption[];
  focused?: boolean;
}

export interface RawModalComponent {
  type: number;
  custom_id?: string;
  value?: string;
  components?: RawModalComponent[];
  component?: RawModalComponent;
}

export type InteractionResponse =
  | { type: 1 }
  | { type: 4 | 7; data: DiscordMessage }
  | { type: 5; data?: { flags?: number } }
  | { type: 6 }
  | { type: 8; data: { choices: { name: string; value: string }[] } }
  | { type: 9; data: Record<string, unknown> };

/**
 * How a handler answers: the initial response (over the gateway a REST callback, over HTTP the
 * response body) and, afterwards, edits and follow-ups through the interaction webhook.
 */
export interface InteractionResponder {
  callback(response: InteractionResponse): Promise<void>;
  editOriginal(message: DiscordMessage): Promise<void>;
  followUp(message: DiscordMessage): Promise<void>;
}

const SUBCOMMAND = 1;

/** A subcommand arrives as the only top-level option, wrapping the options the user typed. */
export function splitSubcommand(options: readonly RawOption[]): { subcommand: RawOption | undefined; options: readonly RawOption[] } {
  const first = options[0];
  return first?.type === SUBCOMMAND ? { subcommand: first, options: first.options ?? [] } : { subcommand: undefined, options };
}

/** What the log gets about an interaction: never its token. */
export function summary(i: RawInteraction): Record<string, unknown> {
  return {
    id: i.id,
    type: i.type,
    command: i.data?.name,
    customId: i.data?.custom_id,
    guild: i.guild_id,
    channel: i.channel_id,
    user: i.member?.user?.id ?? i.user?.id,
  };
}
