import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { AnswerService } from '../conversations/answer-service.js';
import type { DigestService } from '../digests/digest-service.js';
import type { Clock, Logger } from '../ports.js';
import type { Reply } from '../reply/reply.js';
import type { FeedbackStore } from '../store/store.js';

/**
 * One definition per chat command. Discord registration, the Slack manifest and the console's
 * /help are all generated from these, so names, descriptions and limits cannot drift apart.
 * Names: lowercase a-z, 0-9 and "-", at most 32 (Discord's rule, also valid for Slack).
 * Descriptions: at most 100 characters (Discord's limit, the stricter one).
 */
export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'integer' | 'boolean';
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  /** Suggest values while typing (Discord autocomplete): briefing ids and titles. */
  readonly autocomplete?: 'briefing';
  /** In text form (Slack, console) the words not claimed by `name:value` pairs fill this option. */
  readonly rest?: boolean;
}

export type Args = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Handler {
  readonly options: readonly OptionSpec[];
  run(args: Args, ctx: CommandContext): Reply | Promise<Reply>;
}

export interface SubcommandDefinition extends Handler {
  readonly name: string;
  readonly description: string;
}

export type CommandDefinition = {
  readonly name: string;
  readonly description: string;
  /** Text form usage for Slack's usage hint and console help, e.g. "<question> [briefing:<id>]". */
  readonly usage: string;
  /** Who may run it by default: Discord's default_member_permissions; adapters check again at run time. */
  readonly permission?: 'manage_channels';
} & (({ readonly subcommands?: undefined } & Handler) | { readonly subcommands: readonly SubcommandDefinition[]; readonly options?: undefined });

export type Platform = 'discord' | 'slack' | 'console';

/** Who asked and where. `canManage` is the platform's own answer to "may this person manage digests here?". */
export interface Caller {
  readonly platform: Platform;
  readonly userId: string;
  readonly channelId: string;
  readonly workspaceId?: string;
  readonly canManage?: boolean;
}

/** Core services every command may use; built once by the composition root. */
export interface CoreServices {
  readonly library: BriefingLibrary;
  readonly answers: AnswerService;
  readonly feedback: FeedbackStore;
  readonly clock: Clock;
  readonly logger: Logger;
  newId(): string;
  /** Scheduled digests; absent when not wired (some tests), and /digest then says so. */
  readonly digests?: DigestService;
}

export interface CommandContext {
  readonly caller: Caller;
  readonly core: CoreServices;
  /** The conversation to continue (a Slack thread, a Discord follow-up); commands start one otherwise. */
  readonly conversation?: string;
  /** The registry, so /help can describe it. */
  readonly commands: readonly CommandDefinition[];
}
